// Month animation (#/month?city=nyc&month=2017-12): a month's incidents appear day by day as dots
// on a canvas over the map, coloured by category (NYPD law category: felony gold, misdemeanor
// blue, violation pink) or, where the data has no such category, by arrest vs no arrest. A HUD
// shows the date and the running total; play/pause, speed and a day scrubber; a toggle lays the
// whole month's density under the dots. Every control is in the address (city, month, speed,
// colour, density, day); the incidents download as CSV/GeoJSON, the map as a PNG.
'use strict';
(function () {
  const { $, fmt } = CS;
  const NYPD_COLOURS = { F: '#E69F00', M: '#0072B2', V: '#CC79A7', I: '#009E73' };
  const ARREST_COLOURS = [{ label: 'No arrest', colour: '#0072B2' }, { label: 'Arrest', colour: '#E69F00' }];
  const DENSITY_CELL = 8; // px
  const state = { started: false, map: null, outline: null, overlay: null, cities: [], city: null, data: null,
                  order: null, dayEnd: null, colourOf: null, groups: [], xy: null, xyValid: false,
                  t: 0, seq: 0 };

  function status(text) { $('month-status').textContent = text || ''; }
  const view = { state, status };

  async function init(params) {
    if (typeof L === 'undefined') { status('Leaflet did not load: install libjs-leaflet.'); return; }
    state.map = CS.baseMap('month-map');
    state.overlay = CS.canvasOverlay(state.map, draw);
    state.map.on('move zoom resize', () => { state.xyValid = false; });
    try { state.cities = await CS.cities(); } catch (error) { status('Cannot load cities: ' + error.message); return; }
    if (!state.cities.length) { status('No city has data yet.'); return; }
    CS.fillCities($('month-city'), state.cities, [params.get('city'), 'nyc', 'chicago', state.cities[0].city]);
    $('month-city').addEventListener('change', () => selectCity(null));
    $('month-month').addEventListener('change', () => load());
    $('month-play').addEventListener('click', toggle);
    $('month-density').addEventListener('change', () => { state.overlay.redraw(); remember(); });
    $('month-speed').addEventListener('change', remember);
    $('month-colour').addEventListener('change', () => { state.colourChosen = true; if (state.data) colourGroups(); remember(); });
    $('month-scrub').addEventListener('input', () => { pause(); setTime(Number($('month-scrub').value)); });
    state.share = CS.share.bar('month', document.querySelector('#view-month .toolbar'), {
      exports: () => (state.data ? [{ view: 'incidents', params: { city: state.data.city, month: state.data.month } }] : []),
      snapshot: () => CS.share.snapshot(state.map, { key: $('month-key'), hud: document.querySelector('#view-month .hud') }),
    });
    await selectCity(params.get('month'), params);
  }

  // The address of what is on screen: city, month, and the controls that differ from defaults.
  function remember() {
    if (!state.data) return;
    const own = { city: state.data.city, month: state.data.month };
    if ($('month-speed').value !== '2') own.speed = $('month-speed').value;
    if (state.colourChosen) own.colour = $('month-colour').value;
    if ($('month-density').checked) own.density = '1';
    own.day = String(Math.floor(state.t));
    CS.setParams('month', own);
  }

  // A link's speed, colour, density and day (then the animation waits at that day).
  function restore(params) {
    if ([...$('month-speed').options].some(o => o.value === params.get('speed'))) $('month-speed').value = params.get('speed');
    if (['category', 'arrest'].includes(params.get('colour'))) { state.colourChosen = true; $('month-colour').value = params.get('colour'); }
    $('month-density').checked = params.get('density') === '1';
  }

  async function selectCity(month, params) {
    pause();
    state.pending = params || null;
    state.colourChosen = false;
    if (params) restore(params);
    if (await CS.chooseCityPeriod(view, $('month-city'), $('month-month'), city => city.available_months, month,
                                  'No month with data for this city yet.')) await load();
  }

  async function load() {
    pause();
    const city = state.city.city, month = $('month-month').value;
    const pending = state.pending;
    state.pending = null;
    const data = await CS.loadLatest(view, `/api/v1/incidents?city=${encodeURIComponent(city)}&month=${encodeURIComponent(month)}`, 'incidents');
    if (!data) return;
    prepare(data);
    const notes = [];
    if (data.without_location) notes.push(`${fmt.format(data.without_location)} without a location are not drawn`);
    if (data.truncated) notes.push(`only the first ${fmt.format(data.count)} incidents are shown`);
    status(notes.join('; '));
    $('month-scrub').max = String(data.days);
    const day = pending ? Number(pending.get('day')) : NaN;
    if (pending && pending.get('day') !== null && Number.isInteger(day) && day >= 0) { setTime(Math.min(data.days, day)); }
    else { setTime(0); play(); }
    state.share.update();
  }

  const lawCategories = data => data.categories.some(c => c.code === 'F') && data.categories.some(c => c.code === 'M');

  // Sorts the incidents by day (index list), finds where each day ends, and picks the colouring.
  function prepare(data) {
    state.data = data;
    const n = data.count;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => data.day[a] - data.day[b]);
    const dayEnd = new Uint32Array(data.days + 1); // dayEnd[d] = incidents on days 1…d
    for (let i = 0; i < n; i++) dayEnd[Math.min(data.days, Math.max(0, data.day[i]))]++;
    for (let d = 1; d <= data.days; d++) dayEnd[d] += dayEnd[d - 1];
    state.order = order; state.dayEnd = dayEnd;
    state.xy = new Float32Array(2 * n);
    state.xyValid = false;
    if (!state.colourChosen) $('month-colour').value = lawCategories(data) ? 'category' : 'arrest';
    colourGroups();
  }

  // The dot colours: NYPD law categories (felony gold, misdemeanor blue, violation pink), another
  // city's categories (crime groups) in Okabe-Ito order, or arrest vs no arrest.
  function colourGroups() {
    const data = state.data, n = data.count, law = lawCategories(data), palette = CS.palettes.categories;
    if ($('month-colour').value === 'category') {
      state.groups = data.categories.map((c, k) => ({ label: c.label || c.code || 'Unknown', count: c.count,
        colour: law ? (NYPD_COLOURS[c.code] || '#999999') : palette[k % palette.length] }));
      state.colourOf = i => data.category[i];
      state.keyTitle = law ? 'Arrests by law category' : 'Incidents by crime group';
    } else {
      const arrests = data.arrest.reduce((a, b) => a + b, 0);
      state.groups = ARREST_COLOURS.map((g, k) => ({ ...g, count: k ? arrests : n - arrests }));
      state.colourOf = i => data.arrest[i];
      state.keyTitle = law ? 'Arrests (every record is one)' : 'Incidents by outcome';
    }
    drawKey();
    if (state.overlay) state.overlay.redraw();
  }

  function drawKey() {
    const key = $('month-key');
    key.innerHTML = `<strong>${state.keyTitle}</strong>`;
    for (const g of state.groups) {
      const row = document.createElement('div');
      row.className = 'row';
      row.innerHTML = `<span class="dot" style="background:${g.colour}"></span>`;
      row.append(`${g.label} (${fmt.format(g.count)})`);
      key.appendChild(row);
    }
    const ramp = document.createElement('div');
    ramp.className = 'row density-key';
    ramp.innerHTML = `<span class="ramp" style="background:linear-gradient(90deg,${CS.palettes.viridis.map(c => `rgb(${c})`).join(',')})"></span> density`;
    key.appendChild(ramp);
  }

  function project() {
    const { data, map, xy } = state;
    for (let i = 0; i < data.count; i++) {
      const p = map.latLngToContainerPoint([data.lat[i], data.lon[i]]);
      xy[2 * i] = p.x; xy[2 * i + 1] = p.y;
    }
    state.xyValid = true;
  }

  function draw(ctx, map) {
    const data = state.data;
    if (!data || !data.count) { $('month-map').dataset.drawn = '0'; return; }
    if (!state.xyValid) project();
    if ($('month-density').checked) drawDensity(ctx, map);
    const day = Math.min(data.days, Math.floor(state.t));
    const shown = state.dayEnd[day], todayStart = state.dayEnd[Math.max(0, day - 1)];
    const paths = state.groups.map(() => new Path2D()), today = state.groups.map(() => new Path2D());
    for (let k = 0; k < shown; k++) {
      const i = state.order[k], g = state.colourOf(i);
      if (g === undefined || g >= paths.length) continue;
      const x = state.xy[2 * i], y = state.xy[2 * i + 1];
      if (k >= todayStart) today[g].rect(x - 2.5, y - 2.5, 5, 5);
      else paths[g].rect(x - 1.5, y - 1.5, 3, 3);
    }
    ctx.globalAlpha = 0.75;
    state.groups.forEach((g, k) => { ctx.fillStyle = g.colour; ctx.fill(paths[k]); });
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#222'; ctx.lineWidth = 0.5;
    state.groups.forEach((g, k) => { ctx.fillStyle = g.colour; ctx.fill(today[k]); ctx.stroke(today[k]); });
    $('month-map').dataset.drawn = String(shown);
  }

  // The whole month's density: counts in screen cells, coloured on the viridis ramp up to the
  // 98th percentile of the non-empty cells.
  function drawDensity(ctx, map) {
    const size = map.getSize(), cols = Math.ceil(size.x / DENSITY_CELL), rows = Math.ceil(size.y / DENSITY_CELL);
    const counts = new Uint32Array(cols * rows);
    for (let i = 0; i < state.data.count; i++) {
      const c = Math.floor(state.xy[2 * i] / DENSITY_CELL), r = Math.floor(state.xy[2 * i + 1] / DENSITY_CELL);
      if (c >= 0 && c < cols && r >= 0 && r < rows) counts[r * cols + c]++;
    }
    const nonEmpty = Array.from(counts).filter(v => v > 0).sort((a, b) => a - b);
    if (!nonEmpty.length) return;
    const top = nonEmpty[Math.floor(0.98 * (nonEmpty.length - 1))] || 1;
    for (let k = 0; k < counts.length; k++) {
      if (!counts[k]) continue;
      const v = Math.min(1, counts[k] / top);
      ctx.fillStyle = `rgba(${CS.ramp(v)},${0.25 + 0.55 * v})`;
      ctx.fillRect((k % cols) * DENSITY_CELL, Math.floor(k / cols) * DENSITY_CELL, DENSITY_CELL, DENSITY_CELL);
    }
  }

  // t is in days: day d (1-based) is on screen once t >= d.
  function setTime(t) {
    const data = state.data;
    if (!data) return;
    state.t = Math.max(0, Math.min(data.days, t));
    const day = Math.max(1, Math.min(data.days, Math.floor(state.t)));
    const date = `${data.month}-${String(day).padStart(2, '0')}`;
    $('month-date').textContent = state.t < 1 ? `${data.month} (start)` : date;
    $('month-date').dataset.day = String(Math.floor(state.t));
    const total = state.dayEnd[Math.min(data.days, Math.floor(state.t))];
    $('month-count').textContent = fmt.format(total);
    $('month-count').dataset.count = String(total);
    $('month-scrub').value = String(Math.floor(state.t));
    $('month-scrub').setAttribute('aria-valuetext', date);
    state.overlay.redraw();
    remember();
  }

  const { play, pause, toggle } = CS.player('month-play', {
    canPlay: () => Boolean(state.data && state.data.days),
    atEnd: () => state.t >= state.data.days,
    rewind: () => setTime(0),
    step(seconds) {
      const speed = Number($('month-speed').value) || 1; // days per second
      const before = Math.floor(state.t);
      state.t = Math.min(state.data.days, state.t + speed * seconds);
      if (Math.floor(state.t) !== before || state.t >= state.data.days) setTime(state.t);
      return state.t < state.data.days;
    },
  });

  CS.animationView('month', view, { init, select: selectCity, pause, periodParam: 'month' });
})();
