// Hotspots (#/hotspots?city=chicago&type=THEFT&window=3): hexagonal cells shaded by how often
// they were among the top 0.1 % of cells as a window of 1, 3 or 12 months slides over the
// period; tabs per crime type; the share of the period's crime the hotspots capture; months
// without data flagged. A list repeats the cells for keyboard and screen-reader users.
// "Show: Significance (Gi*)" instead colours every cell of the study region by its Getis–Ord Gi*
// class (/api/v1/hotspots/significance?units=hex): hot red, cold blue, not significant grey.
'use strict';
(function () {
  const { $, fmt, pct, api } = CS;
  const TYPE_TABS = 6; // the city's most frequent types get a tab
  const state = { started: false, map: null, outline: null, layer: null, cities: [], city: null, type: '',
                  window: 3, seq: 0, mode: 'top', key: null };
  const SIG = { hot: '#b2182b', cold: '#2166ac', none: '#d9d9d9' };

  function status(text) { $('hotspots-status').textContent = text || ''; }

  async function init(params) {
    if (typeof L === 'undefined') { status('Leaflet did not load: install libjs-leaflet.'); return; }
    state.map = CS.baseMap('hotspots-map');
    try { state.cities = await CS.cities(); } catch (error) { status('Cannot load cities: ' + error.message); return; }
    if (!state.cities.length) { status('No city has data yet.'); return; }
    CS.fillCities($('hotspots-city'), state.cities, [params.get('city'), 'chicago', state.cities[0].city]);
    addModeControl();
    readParams(params);
    $('hotspots-city').addEventListener('change', () => { state.type = ''; selectCity(); });
    for (const button of document.querySelectorAll('#hotspots-windows button'))
      button.addEventListener('click', () => { state.window = Number(button.dataset.window); load(); });
    for (const id of ['hotspots-from', 'hotspots-to']) $(id).addEventListener('change', load);
    state.share = CS.share.bar('hotspots', document.querySelector('#view-hotspots .toolbar'), {
      exports: () => (state.query ? [state.query] : []),
      snapshot: () => CS.share.snapshot(state.map, { key: state.key, title: $('hotspots-summary').textContent }),
    });
    await selectCity(params.get('from'), params.get('to'));
  }

  // The "Show" select: the top cells of sliding windows, or Gi* significance of every cell.
  function addModeControl() {
    const label = document.createElement('label');
    label.append('Show ');
    const select = document.createElement('select');
    select.id = 'hotspots-mode';
    select.add(new Option('Top cells', 'top'));
    select.add(new Option('Significance (Gi*)', 'significance'));
    select.addEventListener('change', () => { state.mode = select.value; load(); });
    label.appendChild(select);
    $('hotspots-windows').before(label);
    state.key = document.querySelector('#view-hotspots .key');
    state.keyHTML = state.key.innerHTML;
  }

  function readParams(params) {
    state.mode = params.get('mode') === 'significance' ? 'significance' : 'top';
    $('hotspots-mode').value = state.mode;
    state.type = params.get('type') || '';
    if (['1', '3', '12'].includes(params.get('window'))) state.window = Number(params.get('window'));
  }

  async function selectCity(from, to) {
    state.city = state.cities.find(c => c.city === $('hotspots-city').value);
    $('time-zone').textContent = state.city.time_zone;
    const months = state.city.available_months || [];
    if (!months.length) { status('No month with data for this city yet.'); return; }
    // A deep link may name months without data (they are then flagged as missing).
    const linked = [from, to].filter(m => /^[0-9]{4}-(0[1-9]|1[0-2])$/.test(m || ''));
    const choices = [...new Set([...months, ...linked])].sort();
    for (const id of ['hotspots-from', 'hotspots-to']) {
      $(id).innerHTML = '';
      for (const m of choices) $(id).add(new Option(months.includes(m) ? m : `${m} (no data)`, m));
    }
    $('hotspots-from').value = linked.includes(from) ? from : months[Math.max(0, months.length - 12)];
    $('hotspots-to').value = linked.includes(to) ? to : months[months.length - 1];
    state.outline = await CS.outlines(state.map, state.city, state.outline).catch(error => {
      status('Cannot load outlines: ' + error.message); return null;
    });
    await typeTabs(months[months.length - 1].slice(0, 4));
    await load();
  }

  // "All types" and the most frequent types of the newest year, as tabs.
  async function typeTabs(year) {
    const tabs = $('hotspots-types');
    tabs.innerHTML = '';
    let types = [];
    try {
      const heat = await api(`/api/v1/heatmap?city=${encodeURIComponent(state.city.city)}&year=${year}`);
      types = heat.crime_types.slice(0, TYPE_TABS).map(t => t.primary_type);
    } catch (error) { status('Cannot load crime types: ' + error.message); }
    if (state.type && !types.includes(state.type)) types.push(state.type);
    for (const type of ['', ...types]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('role', 'tab');
      button.dataset.type = type;
      button.textContent = type || 'All types';
      button.addEventListener('click', () => { state.type = type; load(); });
      tabs.appendChild(button);
    }
  }

  async function load() {
    const seq = ++state.seq, city = state.city.city;
    let from = $('hotspots-from').value, to = $('hotspots-to').value;
    if (from > to) [from, to] = [to, from];
    for (const b of document.querySelectorAll('#hotspots-types button')) b.setAttribute('aria-selected', String(b.dataset.type === state.type));
    for (const b of document.querySelectorAll('#hotspots-windows button')) b.setAttribute('aria-pressed', String(Number(b.dataset.window) === state.window));
    $('hotspots-windows').hidden = state.mode === 'significance';
    if (state.mode === 'significance') { loadSignificance(seq, city, from, to); return; }
    const params = { city, from, to, window: String(state.window) };
    if (state.type) params.primary_type = state.type;
    CS.setParams('hotspots', { city, type: state.type, window: state.window, from, to });
    status('Loading hotspots…');
    let reply;
    try { reply = await api('/api/v1/hotspots?' + new URLSearchParams(params)); }
    catch (error) { if (seq === state.seq) { status('Cannot load hotspots: ' + error.message); clear(); } return; }
    if (seq !== state.seq) return;
    status('');
    show(reply);
    state.query = { view: 'hotspots', params };
    state.share.update();
  }

  async function loadSignificance(seq, city, from, to) {
    const params = { city, from, to, units: 'hex' };
    if (state.type) params.primary_type = state.type;
    CS.setParams('hotspots', { city, type: state.type, mode: 'significance', from, to });
    status('Computing Gi* for every cell…');
    let reply;
    try { reply = await api('/api/v1/hotspots/significance?' + new URLSearchParams(params)); }
    catch (error) { if (seq === state.seq) { status('Cannot compute significance: ' + error.message); clear(); } return; }
    if (seq !== state.seq) return;
    status('');
    showSignificance(reply);
    state.query = { view: 'significance', params };
    state.share.update();
  }

  // Hot and cold cells in SVG (one path each); the not significant ones on a canvas under them.
  function showSignificance(reply) {
    clear();
    const polygon = (unit, renderer) => L.polygon(unit.ring.map(([lon, lat]) => [lat, lon]), renderer
      ? { renderer, stroke: false, fillColor: SIG.none, fillOpacity: 0.6, interactive: false }
      : { color: SIG[unit.class], weight: 0.5, fillColor: SIG[unit.class], fillOpacity: 0.9, className: `sig-cell sig-${unit.class}` });
    const canvas = L.canvas();
    const quiet = reply.results.filter(u => u.class === 'none' && u.ring.length >= 4).map(u => polygon(u, canvas));
    const marked = reply.results.filter(u => u.class !== 'none' && u.ring.length >= 4).map(unit => {
      const layer = polygon(unit);
      layer.bindTooltip(`${unit.class === 'hot' ? 'Hot' : 'Cold'} spot: ${fmt.format(unit.count)} incidents, Gi* z = ${unit.z.toFixed(2)}, ` +
                        `q = ${unit.q < 0.001 ? unit.q.toExponential(1) : unit.q.toFixed(3)}`, { sticky: true });
      return layer;
    });
    state.layer = L.featureGroup([...quiet, ...marked]).addTo(state.map);
    if (marked.length) state.map.fitBounds(L.featureGroup(marked).getBounds().pad(0.3), { maxZoom: 14 });
    const type = reply.primary_type || 'all types';
    const summary = $('hotspots-summary');
    summary.textContent = `${fmt.format(reply.hot_count)} hot and ${fmt.format(reply.cold_count)} cold cells among ` +
      `${fmt.format(reply.weights.units)} (${fmt.format(reply.cell_side_meters)} m hexagons; ${reply.region}) for ${type} ` +
      `from ${reply.from} to ${reply.to}.`;
    summary.dataset.hot = String(reply.hot_count);
    summary.dataset.cold = String(reply.cold_count);
    summary.dataset.units = String(reply.weights.units);
    const missing = $('hotspots-missing');
    missing.hidden = !reply.missing_months.length;
    missing.textContent = reply.missing_months.length ? `Months without data: ${reply.missing_months.join(', ')}` : '';
    state.key.innerHTML = '<strong>Significance (Gi*)</strong>';
    const counts = { hot: reply.hot_count, cold: reply.cold_count, none: reply.results.length - reply.hot_count - reply.cold_count };
    for (const [cls, label] of [['hot', 'hot spot'], ['cold', 'cold spot'], ['none', 'not significant']]) {
      const row = document.createElement('div');
      row.className = 'row';
      row.innerHTML = `<span class="swatch" style="background:${SIG[cls]}"></span>${label} (${fmt.format(counts[cls])})`;
      state.key.appendChild(row);
    }
    const note = document.createElement('p');
    note.className = 'legend-note';
    note.id = 'hotspots-method';
    note.textContent = `Getis–Ord Gi*; weights: ${reply.weights.description}, ${fmt.format(reply.weights.units)} cells, ` +
      `${reply.weights.mean_neighbours.toFixed(1)} neighbours on average; Benjamini–Hochberg FDR ${reply.alpha} over all cells.`;
    state.key.appendChild(note);
    const more = document.createElement('a');
    more.href = '/methodology#significance';
    more.textContent = 'What this does and does not mean';
    state.key.appendChild(more);
    const list = $('hotspots-cells');
    for (const unit of reply.results.filter(u => u.class !== 'none')) {
      const item = document.createElement('li');
      item.textContent = `${unit.class} spot: ${fmt.format(unit.count)} incidents, z = ${unit.z.toFixed(2)}, q = ${unit.q.toPrecision(2)}`;
      list.appendChild(item);
    }
  }

  function clear() {
    if (state.layer) state.layer.remove();
    state.layer = null;
    if (state.key && state.mode !== 'significance') state.key.innerHTML = state.keyHTML;
    for (const key of ['hot', 'cold', 'units']) delete $('hotspots-summary').dataset[key];
    $('hotspots-cells').innerHTML = '';
    $('hotspots-summary').textContent = '';
  }

  function colour(frequency) { return `rgb(${CS.ramp(0.15 + 0.85 * frequency)})`; }

  function show(reply) {
    clear();
    const cells = reply.cells.filter(c => c.ring.length >= 4);
    state.layer = L.featureGroup(cells.map(cell => {
      const polygon = L.polygon(cell.ring.map(([lon, lat]) => [lat, lon]), {
        color: '#111', weight: 1.5, fillColor: colour(cell.frequency), fillOpacity: 0.85, className: 'hex-cell' });
      polygon.bindTooltip(`#${cell.rank}: hotspot in ${cell.hotspot_windows} of ${reply.window_positions} windows ` +
                          `(${pct(cell.frequency)}), ${fmt.format(cell.count)} incidents`, { sticky: true });
      return polygon;
    })).addTo(state.map);
    // The cells are ~200 m across: zoom to them (the outlines keep the city in view around them).
    if (cells.length) state.map.fitBounds(state.layer.getBounds().pad(0.6), { maxZoom: 14 });
    const type = reply.primary_type || 'all types';
    $('hotspots-summary').textContent = `${fmt.format(cells.length)} hotspot cells (${fmt.format(reply.cell_side_meters)} m hexagons, ` +
      `top 0.1 % in each ${reply.window_months}-month window, ${fmt.format(reply.window_positions)} window positions) ` +
      `capture ${pct(reply.captured_share)} of ${type} from ${reply.from || '…'} to ${reply.to || '…'}.`;
    $('hotspots-summary').dataset.captured = String(reply.captured_share);
    $('hotspots-summary').dataset.cells = String(cells.length);
    const missing = $('hotspots-missing');
    missing.hidden = !reply.missing_months.length;
    missing.textContent = reply.missing_months.length ? `Months without data (windows over them undercount): ${reply.missing_months.join(', ')}` : '';
    const list = $('hotspots-cells');
    for (const cell of cells) {
      const item = document.createElement('li');
      item.textContent = `#${cell.rank}: ${pct(cell.frequency)} of windows, ${fmt.format(cell.count)} incidents`;
      list.appendChild(item);
    }
  }

  CS.view('hotspots', {
    show(params) {
      if (!state.started) { state.started = true; init(params); return; }
      state.map.invalidateSize();
      if (state.city) $('time-zone').textContent = state.city.time_zone;
      if (state.cities.length && CS.asksForChange('hotspots', params)) {
        if (params.get('city')) CS.fillCities($('hotspots-city'), state.cities, [params.get('city'), $('hotspots-city').value]);
        readParams(params);
        selectCity(params.get('from'), params.get('to'));
      }
    },
  });
})();
