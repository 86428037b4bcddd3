// Year morph (#/morph?city=chicago&year=2017): the twelve monthly density grids of a year
// (300×300 cells over the city's bounds) morph into each other on a canvas over the map, with an
// easeInOut interpolation between consecutive months and values normalised by the year's 95th
// percentile cell (brighter = more incidents; above the 95th percentile saturates). Month label,
// scrubber, play/pause; months without data are flagged. The address holds city, year and month
// (1-12: a link waits at that month); the grids download as CSV/GeoJSON, the map as a PNG.
'use strict';
(function () {
  const { $, fmt } = CS;
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                  'October', 'November', 'December'];
  const SPEED = 0.8; // months a second
  const state = { started: false, map: null, outline: null, overlay: null, cities: [], city: null, grids: null,
                  dense: [], lut: null, image: null, offscreen: null, p: 0, seq: 0 };

  function status(text) { $('morph-status').textContent = text || ''; }
  const view = { state, status };
  const ease = f => (f < 0.5 ? 2 * f * f : 1 - Math.pow(-2 * f + 2, 2) / 2); // easeInOutQuad

  // 256 colours of the viridis ramp, transparent at zero, more opaque as the value grows.
  function lookupTable() {
    const lut = new Uint32Array(256);
    const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
    for (let k = 1; k < 256; k++) {
      const [r, g, b] = CS.ramp(k / 255), a = Math.round(255 * (0.35 + 0.6 * k / 255));
      lut[k] = littleEndian ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
    }
    return lut;
  }

  async function init(params) {
    if (typeof L === 'undefined') { status('Leaflet did not load: install libjs-leaflet.'); return; }
    state.map = CS.baseMap('morph-map');
    state.overlay = CS.canvasOverlay(state.map, draw);
    state.lut = lookupTable();
    try { state.cities = await CS.cities(); } catch (error) { status('Cannot load cities: ' + error.message); return; }
    if (!state.cities.length) { status('No city has data yet.'); return; }
    CS.fillCities($('morph-city'), state.cities, [params.get('city'), 'chicago', state.cities[0].city]);
    $('morph-city').addEventListener('change', () => selectCity(null));
    $('morph-year').addEventListener('change', () => load());
    $('morph-play').addEventListener('click', toggle);
    $('morph-scrub').addEventListener('input', () => { pause(); setPosition(Number($('morph-scrub').value)); });
    state.share = CS.share.bar('morph', document.querySelector('#view-morph .toolbar'), {
      exports: () => (state.grids ? [{ view: 'grids', params: { city: state.grids.city, year: String(state.grids.year) } }] : []),
      snapshot: () => CS.share.snapshot(state.map, { key: document.querySelector('#view-morph .key'), hud: document.querySelector('#view-morph .hud') }),
    });
    await selectCity(params.get('year'), params);
  }

  async function selectCity(year, params) {
    pause();
    state.pending = params || null;
    if (await CS.chooseCityPeriod(view, $('morph-city'), $('morph-year'), city => city.years, year,
                                  'No year with data for this city yet.')) await load();
  }

  async function load() {
    pause();
    const city = state.city.city, year = $('morph-year').value;
    const pending = state.pending;
    state.pending = null;
    const grids = await CS.loadLatest(view, `/api/v1/grids?city=${encodeURIComponent(city)}&year=${encodeURIComponent(year)}`, 'grids');
    if (!grids) return;
    if (grids.width <= 0 || grids.height <= 0 || grids.bounds.length !== 4 || !grids.months.length) {
      status('No grid for this year.'); return;
    }
    state.grids = grids;
    const cells = grids.width * grids.height;
    state.dense = grids.months.map(m => {
      const values = new Float32Array(cells);
      m.cells.forEach((cell, k) => { if (cell < cells) values[cell] = m.counts[k]; });
      return values;
    });
    state.offscreen = document.createElement('canvas');
    state.offscreen.width = grids.width; state.offscreen.height = grids.height;
    state.image = state.offscreen.getContext('2d').createImageData(grids.width, grids.height);
    const missing = grids.months.filter(m => m.missing).map(m => m.label);
    status(missing.length ? `No data for ${missing.join(', ')}` : '');
    $('morph-scrub').max = String(grids.months.length - 1);
    $('morph-norm').textContent = fmt.format(grids.normalisation);
    const month = pending ? Number(pending.get('month')) : NaN;
    if (Number.isInteger(month) && month >= 1 && month <= grids.months.length) setPosition(month - 1);
    else { setPosition(0); play(); }
    state.share.update();
  }

  // Fills the offscreen image with the grid at position p (month index, fractional between months).
  function render() {
    const { grids, dense, lut } = state, w = grids.width, h = grids.height;
    const i = Math.min(dense.length - 1, Math.floor(state.p)), j = Math.min(dense.length - 1, i + 1);
    const f = ease(state.p - i), a = dense[i], b = dense[j];
    const scale = 255 / Math.max(1e-9, grids.normalisation);
    const pixels = new Uint32Array(state.image.data.buffer);
    for (let row = 0; row < h; row++) {
      const out = (h - 1 - row) * w; // row 0 is the southern edge: drawn at the bottom
      for (let col = 0, cell = row * w; col < w; col++, cell++) {
        const v = a[cell] + (b[cell] - a[cell]) * f;
        pixels[out + col] = v > 0 ? lut[Math.max(1, Math.min(255, Math.round(v * scale)))] : 0;
      }
    }
    state.offscreen.getContext('2d').putImageData(state.image, 0, 0);
  }

  function draw(ctx, map) {
    if (!state.grids) return;
    render();
    const [minLon, minLat, maxLon, maxLat] = state.grids.bounds;
    const nw = map.latLngToContainerPoint([maxLat, minLon]), se = map.latLngToContainerPoint([minLat, maxLon]);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(state.offscreen, nw.x, nw.y, se.x - nw.x, se.y - nw.y);
  }

  function setPosition(p) {
    const months = state.grids.months;
    state.p = Math.max(0, Math.min(months.length - 1, p));
    const nearest = months[Math.round(state.p)];
    const label = `${MONTHS[nearest.month - 1]} ${state.grids.year}`;
    $('morph-month').textContent = label + (nearest.missing ? ' (no data)' : '');
    $('morph-month').dataset.month = nearest.label;
    $('morph-total').textContent = nearest.missing ? 'no data' : fmt.format(nearest.total);
    $('morph-total').dataset.total = String(nearest.total);
    $('morph-scrub').value = String(Math.round(state.p));
    $('morph-scrub').setAttribute('aria-valuetext', label);
    state.overlay.redraw();
    CS.setParams('morph', { city: state.grids.city, year: String(state.grids.year), month: String(nearest.month) });
  }

  const { play, pause, toggle } = CS.player('morph-play', {
    canPlay: () => Boolean(state.grids),
    atEnd: () => state.p >= state.grids.months.length - 1,
    rewind: () => setPosition(0),
    step(seconds) {
      const end = state.grids.months.length - 1;
      setPosition(Math.min(end, state.p + SPEED * seconds));
      return state.p < end;
    },
  });

  CS.animationView('morph', view, { init, select: selectCity, pause, periodParam: 'year' });
})();
