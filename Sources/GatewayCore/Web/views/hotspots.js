// Hotspots (#/hotspots?city=chicago&type=THEFT&window=3): hexagonal cells shaded by how often
// they were among the top 0.1 % of cells as a window of 1, 3 or 12 months slides over the
// period; tabs per crime type; the share of the period's crime the hotspots capture; months
// without data flagged. A list repeats the cells for keyboard and screen-reader users.
'use strict';
(function () {
  const { $, fmt, pct, api } = CS;
  const TYPE_TABS = 6; // the city's most frequent types get a tab
  const state = { started: false, map: null, outline: null, layer: null, cities: [], city: null, type: '',
                  window: 3, seq: 0 };

  function status(text) { $('hotspots-status').textContent = text || ''; }

  async function init(params) {
    if (typeof L === 'undefined') { status('Leaflet did not load: install libjs-leaflet.'); return; }
    state.map = CS.baseMap('hotspots-map');
    try { state.cities = await CS.cities(); } catch (error) { status('Cannot load cities: ' + error.message); return; }
    if (!state.cities.length) { status('No city has data yet.'); return; }
    CS.fillCities($('hotspots-city'), state.cities, [params.get('city'), 'chicago', state.cities[0].city]);
    readParams(params);
    $('hotspots-city').addEventListener('change', () => { state.type = ''; selectCity(); });
    for (const button of document.querySelectorAll('#hotspots-windows button'))
      button.addEventListener('click', () => { state.window = Number(button.dataset.window); load(); });
    for (const id of ['hotspots-from', 'hotspots-to']) $(id).addEventListener('change', load);
    await selectCity(params.get('from'), params.get('to'));
  }

  function readParams(params) {
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
  }

  function clear() {
    if (state.layer) state.layer.remove();
    state.layer = null;
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
