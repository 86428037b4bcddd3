// The map view (#/map): plain JS over /api/v1 (no build step). Leaflet draws the area
// outlines (no tiles unless the gateway was given --tile-url), coloured by incident count for the
// filters (years and hours, or a window such as the last 7 days); a click opens the area's
// detail; the table shows the same numbers, sortable. "Colour: Significance (Gi*)" colours the
// areas by their Getis–Ord Gi* class over the chosen years and type (/api/v1/hotspots/significance).
// Every control is in the address (city, from, to, hours, hour_min/hour_max, last, type, mode,
// tab, area); the data downloads as CSV/GeoJSON, the map as a PNG.
'use strict';
(function () {
  const { $, fmt, pct, api } = CS;
  const EMPTY = CS.palettes.empty;
  const state = { cities: [], city: null, shapes: null, layer: null, names: {}, km2: {}, heat: null, breaks: [],
                  sig: null, seq: 0, sortKey: 'incidents', sortDir: -1, selected: null, chart: null, started: false };
  let map = null;

  function setStatus(text) { $('status').textContent = text || ''; }

  function query() {
    const params = new URLSearchParams({ city: state.city.city });
    const from = $('year-from').value, to = $('year-to').value;
    if (from && to && from === to) params.set('year', from);
    else { if (from) params.set('year_from', from); if (to) params.set('year_to', to); }
    const hours = hourWindow();
    if (hours) { params.set('hour_min', hours[0]); params.set('hour_max', hours[1]); }
    if ($('type').value) params.set('primary_type', $('type').value);
    return params;
  }
  function hourWindow() {
    const preset = $('hours').value;
    if (!preset) return null;
    if (preset === 'custom') {
      const lo = Math.min(23, Math.max(0, parseInt($('hour-min').value, 10) || 0));
      const hi = Math.min(23, Math.max(0, parseInt($('hour-max').value, 10) || 0));
      return [lo, hi];
    }
    return preset.split('-').map(Number);
  }

  // The window heatmap's query ('last=7d'…) when a time window is chosen, else null.
  function windowQuery() {
    const last = $('window').value;
    if (!last) return null;
    const params = new URLSearchParams({ city: state.city.city, last });
    if ($('type').value) params.set('primary_type', $('type').value);
    return params;
  }

  async function init(params) {
    if (typeof L === 'undefined') {
      setStatus('Leaflet did not load from /static/vendor/leaflet/: install libjs-leaflet or start the gateway with --vendor-js-dir.');
      return;
    }
    map = CS.baseMap('map');
    try {
      state.cities = await CS.cities();
    } catch (error) { setStatus('Cannot load cities: ' + error.message); return; }
    if (!state.cities.length) { setStatus('No city has data yet.'); return; }
    CS.fillCities($('city'), state.cities, [params.get('city'), 'chicago', state.cities[0].city]);
    const preferred = state.cities.find(c => c.city === $('city').value);
    setWindow(params.get('last'));
    addModeControl(params.get('mode'));
    state.share = CS.share.bar('map', $('filters'), {
      exports: () => {
        if (!state.heat) return [];
        if (significant() && state.sigQuery) return [{ view: 'significance', params: Object.fromEntries(state.sigQuery) }];
        const windowed = windowQuery();
        return [{ view: windowed ? 'window' : 'heatmap', params: Object.fromEntries(windowed || query()) }];
      },
      snapshot: () => CS.share.snapshot(map, { key: $('legend'), title: $('summary').textContent.replace(/\s+/g, ' ').trim() }),
    });
    for (const id of ['year-from', 'year-to', 'hours', 'type', 'hour-min', 'hour-max', 'window']) $(id).addEventListener('change', onFilter);
    $('city').addEventListener('change', () => selectCity($('city').value));
    $('show-map').addEventListener('click', () => showView('map'));
    $('show-table').addEventListener('click', () => showView('table'));
    $('detail-close').addEventListener('click', closeDetail);
    for (const th of document.querySelectorAll('#areas-table th')) th.addEventListener('click', () => sortBy(th.dataset.key));
    await selectCity(preferred.city, params);
  }

  // The "Colour" select (counts or Gi* significance), added to the filters.
  function addModeControl(mode) {
    const label = document.createElement('label');
    label.append('Colour ');
    const select = document.createElement('select');
    select.id = 'map-mode';
    select.add(new Option('Counts', 'counts'));
    select.add(new Option('Significance (Gi*)', 'significance'));
    select.value = mode === 'significance' ? 'significance' : 'counts';
    select.addEventListener('change', refresh);
    label.appendChild(select);
    $('filters').insertBefore(label, document.querySelector('#filters .views'));
  }
  const significant = () => $('map-mode') && $('map-mode').value === 'significance';

  /// `params` (a link's query) restores the years, hours, type, table tab and selected area.
  async function selectCity(id, params) {
    state.city = state.cities.find(c => c.city === id);
    $('time-zone').textContent = state.city.time_zone;
    for (const sel of ['year-from', 'year-to']) {
      $(sel).innerHTML = '';
      for (const y of state.city.years) $(sel).add(new Option(String(y), String(y)));
    }
    const last = state.city.years[state.city.years.length - 1];
    $('year-from').value = $('year-to').value = String(last);
    $('type').value = '';
    closeDetail();
    if (params) restore(params);
    await loadShapes();
    await refresh();
    if (params && params.get('area') && state.names[params.get('area')] !== undefined) openDetail(params.get('area'));
  }

  // Every control from a link: years, hours (preset or custom), type, table or map.
  function restore(params) {
    const years = state.city.years.map(String);
    if (years.includes(params.get('from'))) $('year-from').value = params.get('from');
    if (years.includes(params.get('to'))) $('year-to').value = params.get('to');
    const hours = params.get('hours') || '';
    $('hours').value = [...$('hours').options].some(o => o.value === hours) ? hours : '';
    if ($('hours').value === 'custom') {
      for (const id of ['hour-min', 'hour-max']) {
        const v = Number(params.get(id.replace('-', '_')));
        if (Number.isInteger(v) && v >= 0 && v <= 23) $(id).value = String(v);
      }
    }
    $('custom-hours').hidden = $('hours').value !== 'custom';
    const type = params.get('type') || '';
    if (type && ![...$('type').options].some(o => o.value === type)) $('type').add(new Option(type, type));
    $('type').value = type;
    setWindow(params.get('last'));
    showView(params.get('tab') === 'table' ? 'table' : 'map');
  }

  // The address of what is on screen: every control that differs from its default.
  function ownParams() {
    const own = { city: state.city.city };
    if ($('window').value) own.last = $('window').value;
    else {
      own.from = $('year-from').value; own.to = $('year-to').value;
      if ($('hours').value) own.hours = $('hours').value;
      if ($('hours').value === 'custom') { own.hour_min = $('hour-min').value; own.hour_max = $('hour-max').value; }
    }
    if ($('type').value) own.type = $('type').value;
    if (significant()) own.mode = 'significance';
    if (!$('table-view').hidden) own.tab = 'table';
    if (state.selected) own.area = state.selected;
    return own;
  }
  const remember = () => { if (state.city) CS.setParams('map', ownParams()); };

  async function loadShapes() {
    setStatus('Loading outlines…');
    const shapes = await api('/api/v1/areas/shapes?city=' + encodeURIComponent(state.city.city));
    if (state.layer) state.layer.remove();
    state.names = {}; state.km2 = {};
    for (const f of shapes.features) { state.names[f.properties.area] = f.properties.name; state.km2[f.properties.area] = f.properties.area_km2; }
    state.layer = L.geoJSON(shapes, {
      style: () => ({ color: '#555', weight: 0.7, fillOpacity: 0.8, fillColor: EMPTY }),
      onEachFeature: (feature, layer) => {
        layer.on('click', () => openDetail(feature.properties.area));
        layer.on('mouseover', () => layer.setStyle({ weight: 2.5, color: '#111' }));
        layer.on('mouseout', () => layer.setStyle({ weight: feature.properties.area === state.selected ? 2.5 : 0.7, color: feature.properties.area === state.selected ? '#d95f02' : '#555' }));
      },
    }).addTo(map);
    const bounds = state.layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
    if (state.context) state.context.remove();
    state.context = null;
    const city = state.city;
    const context = await CS.share.context(map, city, shapes.features).catch(() => null);
    if (state.city === city) state.context = context;
    else if (context) context.remove(); // another city was picked meanwhile
    setStatus('');
  }

  // A time window ('7d', …; unknown or none: years and hours) replaces the year and hour filters.
  function setWindow(last) {
    $('window').value = [...$('window').options].some(o => o.value === last) ? last : '';
    const windowed = Boolean($('window').value);
    for (const id of ['year-from', 'year-to', 'hours', 'hour-min', 'hour-max']) $(id).disabled = windowed;
  }

  function onFilter() {
    $('custom-hours').hidden = $('hours').value !== 'custom';
    setWindow($('window').value);
    refresh();
  }

  async function refresh() {
    const seq = ++state.seq;
    const windowed = windowQuery();
    const params = windowed || query();
    const path = windowed ? '/api/v1/heatmap/window?' : '/api/v1/heatmap?';
    remember();
    setStatus('Updating…');
    let heat;
    try { heat = await api(path + params); }
    catch (error) { if (seq === state.seq) setStatus('Cannot load counts: ' + error.message); return; }
    if (seq !== state.seq) return; // a newer request is on its way
    state.sig = null;
    if (significant()) {
      const sig = new URLSearchParams({ city: state.city.city, units: 'areas',
                                        from: `${$('year-from').value}-01`, to: `${$('year-to').value}-12` });
      if ($('year-from').value > $('year-to').value) { sig.set('from', `${$('year-to').value}-01`); sig.set('to', `${$('year-from').value}-12`); }
      if ($('type').value) sig.set('primary_type', $('type').value);
      state.sigQuery = sig;
      try { state.sig = await api('/api/v1/hotspots/significance?' + sig); }
      catch (error) { if (seq === state.seq) setStatus('Cannot compute significance: ' + error.message); }
      if (seq !== state.seq) return;
      state.sigByArea = {};
      if (state.sig) for (const unit of state.sig.results) state.sigByArea[unit.area] = unit;
    }
    state.heat = heat;
    state.byArea = {};
    for (const a of heat.areas) state.byArea[a.area] = a;
    if (heat.crime_types) updateTypes(heat.crime_types);
    state.breaks = breaks(heat.areas.map(a => a.incidents).filter(n => n > 0));
    recolour();
    drawLegend();
    const total = $('total');
    total.textContent = fmt.format(heat.total.incidents);
    total.dataset.total = String(heat.total.incidents);
    total.dataset.query = params.toString();
    total.dataset.endpoint = path.slice(0, -1);
    $('summary-detail').textContent = ` in ${state.city.name || state.city.city}` +
      ` · ${fmt.format(heat.total.arrests)} arrests (${pct(heat.total.incidents ? heat.total.arrests / heat.total.incidents : 0)})` +
      ` · ${windowed ? describeWindow(heat) : describeFilters(heat.filters)}`;
    renderTable();
    if (state.selected) openDetail(state.selected);
    if (!significant() || state.sig) setStatus('');
    state.share.update();
    document.body.dataset.ready = String(seq);
  }

  // "last 7 days (2017-12-24 00:00 to 2017-12-31 00:00), THEFT": the window as the API states it.
  function describeWindow(heat) {
    const label = $('window').selectedOptions[0].textContent.toLowerCase();
    const when = text => text.replace('T', ' ').slice(0, 16);
    const range = heat.window ? ` (${when(heat.window.start)} to ${when(heat.window.end)})` : ' (no incidents yet)';
    return `${label}${range}, ${heat.primary_type || 'all types'}`;
  }

  function describeFilters(f) {
    const years = f.year ? String(f.year) : `${f.year_from || '…'}–${f.year_to || '…'}`;
    const hours = f.hour_min === undefined ? 'all hours' : `${f.hour_min}:00–${(f.hour_max + 1) % 24}:00`;
    return `${years}, ${hours}, ${f.primary_type || 'all types'}`;
  }

  function updateTypes(types) {
    const select = $('type'), current = select.value;
    select.innerHTML = '';
    select.add(new Option('All types', ''));
    for (const t of types) select.add(new Option(`${t.primary_type} (${fmt.format(t.incidents)})`, t.primary_type));
    if (current && !types.some(t => t.primary_type === current)) select.add(new Option(`${current} (0)`, current));
    select.value = current;
  }

  const breaks = values => CS.quantileBreaks(values);
  const colour = n => CS.classColour(n, state.breaks);
  function recolour() {
    if (state.sig) { recolourSignificance(); return; }
    state.layer.eachLayer(layer => {
      const area = layer.feature.properties.area, counts = state.byArea[area];
      const n = counts ? counts.incidents : 0;
      layer.setStyle({ fillColor: colour(n) });
      layer.unbindTooltip();
      layer.bindTooltip(`${state.names[area] || area}: ${fmt.format(n)}`, { sticky: true });
    });
  }
  // Gi* classes: hot and cold at the FDR level, the rest not significant (CS.significance colours).
  function recolourSignificance() {
    state.layer.eachLayer(layer => {
      const area = layer.feature.properties.area, unit = state.sigByArea[area];
      const cls = unit ? unit.class : 'none';
      layer.setStyle({ fillColor: CS_SIG[cls] || CS_SIG.none });
      layer.unbindTooltip();
      layer.bindTooltip(unit ? `${state.names[area] || area}: ${fmt.format(unit.count)} incidents, Gi* z = ${unit.z.toFixed(2)}, ` +
                               `q = ${unit.q < 0.001 ? unit.q.toExponential(1) : unit.q.toFixed(3)}, ${SIG_LABEL[cls]}`
                             : `${state.names[area] || area}: not in the study region`, { sticky: true });
    });
  }
  const CS_SIG = { hot: '#b2182b', cold: '#2166ac', none: '#d9d9d9' };
  const SIG_LABEL = { hot: 'hot spot', cold: 'cold spot', none: 'not significant' };
  function drawSignificanceLegend() {
    const el = $('legend'), sig = state.sig;
    el.innerHTML = '<strong>Significance (Gi*)</strong>';
    el.dataset.mode = 'significance';
    el.dataset.hot = String(sig.hot_count);
    el.dataset.cold = String(sig.cold_count);
    const counts = { hot: sig.hot_count, cold: sig.cold_count, none: sig.results.length - sig.hot_count - sig.cold_count };
    for (const cls of ['hot', 'cold', 'none']) {
      const row = document.createElement('div');
      row.className = 'row';
      row.innerHTML = `<span class="swatch" style="background:${CS_SIG[cls]}"></span>${SIG_LABEL[cls]} (${fmt.format(counts[cls])})`;
      el.appendChild(row);
    }
    const note = document.createElement('p');
    note.className = 'legend-note';
    note.id = 'legend-method';
    note.textContent = `Getis–Ord Gi*; weights: ${sig.weights.description}, ${fmt.format(sig.weights.units)} areas, ` +
      `${sig.weights.mean_neighbours.toFixed(1)} neighbours on average; Benjamini–Hochberg FDR ${sig.alpha} over all areas. ` +
      `${sig.from} to ${sig.to}, ${sig.primary_type || 'all types'}` + (hourWindow() || $('window').value ? ' (hours and windows not applied).' : '.');
    el.appendChild(note);
    const more = document.createElement('a');
    more.href = '/methodology#significance';
    more.textContent = 'What this does and does not mean';
    el.appendChild(more);
  }

  function drawLegend() {
    if (state.sig) { drawSignificanceLegend(); return; }
    const el = $('legend');
    el.dataset.mode = 'counts';
    el.innerHTML = '<strong>Incidents per area</strong>';
    let lo = 1;
    state.breaks.forEach((hi, i) => {
      const row = document.createElement('div');
      row.className = 'row';
      row.innerHTML = `<span class="swatch" style="background:${colour(hi)}"></span>${lo === hi ? fmt.format(hi) : fmt.format(lo) + '–' + fmt.format(hi)}`;
      el.appendChild(row);
      lo = hi + 1;
    });
    const none = document.createElement('div');
    none.className = 'row';
    none.innerHTML = `<span class="swatch" style="background:${EMPTY}"></span>none`;
    el.appendChild(none);
  }

  function rows() {
    return Object.keys(state.names).map(area => {
      const c = state.byArea[area] || { incidents: 0, arrests: 0, domestic: 0 };
      return { area, name: state.names[area], incidents: c.incidents,
               arrest_rate: c.incidents ? c.arrests / c.incidents : 0, domestic_rate: c.incidents ? c.domestic / c.incidents : 0,
               per_km2: state.km2[area] ? c.incidents / state.km2[area] : 0 };
    });
  }
  function renderTable() {
    const key = state.sortKey, dir = state.sortDir;
    const list = rows().sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0) * dir || (a.area < b.area ? -1 : 1));
    const body = document.querySelector('#areas-table tbody');
    body.innerHTML = '';
    for (const r of list) {
      const tr = body.insertRow();
      tr.dataset.area = r.area;
      tr.insertCell().textContent = r.area;
      tr.insertCell().textContent = r.name;
      tr.insertCell().textContent = fmt.format(r.incidents);
      tr.insertCell().textContent = pct(r.arrest_rate);
      tr.insertCell().textContent = pct(r.domestic_rate);
      tr.insertCell().textContent = r.per_km2.toFixed(1);
      tr.addEventListener('click', () => openDetail(r.area));
    }
    for (const th of document.querySelectorAll('#areas-table th'))
      th.setAttribute('aria-sort', th.dataset.key === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  function sortBy(key) {
    if (state.sortKey === key) state.sortDir = -state.sortDir;
    else { state.sortKey = key; state.sortDir = (key === 'area' || key === 'name') ? 1 : -1; }
    renderTable();
  }
  function showView(which) {
    $('map-view').hidden = which !== 'map';
    $('table-view').hidden = which !== 'table';
    $('show-map').classList.toggle('active', which === 'map');
    $('show-table').classList.toggle('active', which === 'table');
    if (which === 'map') map.invalidateSize();
    remember();
  }

  function highlight(area) {
    state.selected = area;
    remember();
    if (!state.layer) return;
    state.layer.eachLayer(layer => {
      const on = layer.feature.properties.area === area;
      layer.setStyle({ weight: on ? 2.5 : 0.7, color: on ? '#d95f02' : '#555' });
      if (on) layer.bringToFront();
    });
  }
  function closeDetail() {
    $('detail').hidden = true;
    highlight(null);
    if (state.layer) map.invalidateSize();
  }

  async function openDetail(area) {
    highlight(area);
    const from = $('year-from').value, to = $('year-to').value;
    const params = new URLSearchParams();
    if (from) params.set('year_from', from);
    if (to) params.set('year_to', to);
    const panel = $('detail');
    panel.hidden = false;
    map.invalidateSize();
    const name = state.names[area];
    $('detail-name').textContent = !name ? `Area ${area}` : name.includes(area) ? name : `${name} (${area})`;
    let d;
    try { d = await api(`/api/v1/areas/${encodeURIComponent(state.city.city)}/${encodeURIComponent(area)}?${params}`); }
    catch (error) { $('detail-counts').textContent = 'Cannot load detail: ' + error.message; return; }
    if (state.selected !== area) return;
    const years = from === to ? from : `${from}–${to}`;
    $('detail-counts').textContent = `${fmt.format(d.counts.incidents)} incidents in ${years} (all hours and types; ` +
      `city mean per area ${fmt.format(Math.round(d.city_comparison.mean_incidents_per_area))}).`;
    const rates = $('detail-rates');
    while (rates.rows.length > 1) rates.deleteRow(1);
    for (const [label, a, c] of [['Arrest rate', d.arrest_rate, d.city_comparison.arrest_rate], ['Domestic rate', d.domestic_rate, d.city_comparison.domestic_rate]]) {
      const row = rates.insertRow();
      row.insertCell().textContent = label; row.insertCell().textContent = pct(a); row.insertCell().textContent = pct(c);
    }
    drawHours(d.by_hour, d.city_comparison.by_hour);
    const mix = $('detail-mix');
    mix.innerHTML = '';
    for (const t of d.crime_mix.slice(0, 8)) {
      const li = document.createElement('li');
      li.textContent = `${t.primary_type}: ${fmt.format(t.incidents)} (${pct(d.counts.incidents ? t.incidents / d.counts.incidents : 0)})`;
      mix.appendChild(li);
    }
  }

  // Share of incidents per local hour, area vs city: Chart.js when loaded, else an SVG.
  function drawHours(area, city) {
    const share = v => { const s = v.reduce((a, b) => a + b, 0) || 1; return v.map(x => 100 * x / s); };
    const a = share(area), c = share(city);
    const labels = a.map((_, h) => String(h));
    if (window.Chart) {
      if (state.chart) state.chart.destroy();
      state.chart = new Chart($('detail-chart'), {
        type: 'bar',
        data: { labels, datasets: [
          { label: 'area', data: a, backgroundColor: '#225ea8' },
          { label: 'city', data: c, type: 'line', borderColor: '#d95f02', backgroundColor: '#d95f02', pointRadius: 0, borderWidth: 2 }] },
        options: { animation: false, responsive: false, plugins: { legend: { labels: { boxWidth: 12 } } },
                   scales: { y: { title: { display: true, text: '% of incidents' } }, x: { title: { display: true, text: 'hour' } } } },
      });
      return;
    }
    const max = Math.max(...a, ...c, 1), w = 320, h = 140, bw = w / 24;
    let svg = `<svg width="${w}" height="${h}" role="img" aria-label="incidents by hour">`;
    a.forEach((v, i) => { const bh = v / max * (h - 15); svg += `<rect x="${i * bw + 1}" y="${h - 15 - bh}" width="${bw - 2}" height="${bh}" fill="#225ea8"/>`; });
    svg += `<polyline fill="none" stroke="#d95f02" stroke-width="2" points="${c.map((v, i) => `${i * bw + bw / 2},${h - 15 - v / max * (h - 15)}`).join(' ')}"/>`;
    for (const hh of [0, 6, 12, 18]) svg += `<text x="${hh * bw}" y="${h - 2}" font-size="10">${hh}</text>`;
    $('detail-hours').innerHTML = svg + '</svg>';
  }

  CS.view('map', {
    show(params) {
      if (!state.started) { state.started = true; init(params); return; }
      if (map) map.invalidateSize();
      if (state.city) $('time-zone').textContent = state.city.time_zone;
      if (state.cities.length && CS.asksForChange('map', params)) {
        CS.fillCities($('city'), state.cities, [params.get('city'), $('city').value]);
        setWindow(params.get('last'));
        if ($('map-mode')) $('map-mode').value = params.get('mode') === 'significance' ? 'significance' : 'counts';
        selectCity($('city').value, params);
      }
    },
  });
})();
