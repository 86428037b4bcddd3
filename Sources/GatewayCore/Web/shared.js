// CrimeScope's shared browser helpers (plain JS, no build step): the JSON API (with the session's
// read position, so totals never go backward across heatmap replicas), number formats,
// colour-blind-safe palettes, the cities list, a base map with area outlines (no tiles unless the
// gateway was given --tile-url), a canvas overlay for Leaflet, what the map animations (month,
// morph) share (city and period pickers, newest-load-wins fetches, the play loop), and the hash router that shows
// one view at a time (#/map, #/month?city=nyc&month=2017-12, …: every view is deep-linkable; an
// /embed/{view}?… page shows only that view and keeps its state in the query string instead).
'use strict';
window.CS = (function () {
  const $ = id => document.getElementById(id);
  const fmt = new Intl.NumberFormat('en-US');
  const pct = x => (100 * x).toFixed(1) + '%';

  // ColorBrewer YlGnBu (sequential) and viridis stops (density ramps); Okabe-Ito for categories.
  const palettes = {
    sequential: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
    viridis: [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]],
    categories: ['#E69F00', '#0072B2', '#CC79A7', '#009E73', '#56B4E9', '#D55E00', '#F0E442', '#000000'],
    empty: '#f4f4f4',
  };

  // The session's causal-consistency token: the highest heatmap position any answer carried
  // (X-CrimeScope-Position), sent with every read as X-CrimeScope-Min-Position, so that whichever
  // heatmap replica answers, the totals shown never go back to an older state than already seen.
  // Kept in sessionStorage (this tab, across page loads); embeds whose storage is blocked keep it
  // for the page's life. Links never carry it: a shared link or an embed works without it.
  const POSITION_KEY = 'crimescope.position';
  const storage = (() => { try { return window.sessionStorage; } catch (_) { return null; } })();
  let seenPosition = (() => {
    try { return Math.max(0, parseInt(storage && storage.getItem(POSITION_KEY), 10) || 0); } catch (_) { return 0; }
  })();
  function rememberPosition(position) {
    if (!(position > seenPosition)) return;
    seenPosition = position;
    try { if (storage) storage.setItem(POSITION_KEY, String(position)); } catch (_) { /* storage full or blocked */ }
  }
  function forgetPosition() {
    seenPosition = 0;
    try { if (storage) storage.removeItem(POSITION_KEY); } catch (_) { /* blocked */ }
  }

  /// GET a JSON document; a non-2xx answer throws with the API's own error message (and its
  /// `status`, error `code` and `reason`). Every request carries the session's position (above)
  /// and every answer's position raises it. A replica still behind after its wait
  /// (REPLICA_BEHIND) is asked again a few times (each try waits on the server, not here); a
  /// position the system has never written (POSITION_NOT_WRITTEN: the database was reset since)
  /// is forgotten and the request sent again without it.
  function api(path) { return read(path, 0); }
  async function read(path, attempt) {
    const headers = { Accept: 'application/json' };
    if (seenPosition > 0) headers['X-CrimeScope-Min-Position'] = String(seenPosition);
    const response = await fetch(path, { headers });
    rememberPosition(parseInt(response.headers.get('X-CrimeScope-Position'), 10));
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const reason = (body.error && body.error.reason) || '';
      if (reason === 'POSITION_NOT_WRITTEN' && attempt === 0) { forgetPosition(); return read(path, 1); }
      if (reason === 'REPLICA_BEHIND' && attempt < 3) return read(path, attempt + 1);
      const error = new Error((body.error && body.error.message) || `${response.status} ${response.statusText}`);
      error.status = response.status;
      error.code = (body.error && body.error.code) || '';
      error.reason = reason;
      throw error;
    }
    return body;
  }

  /// The colour of a value in 0…1 on the viridis ramp, as [r, g, b].
  function ramp(t) {
    const stops = palettes.viridis, x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
    const i = Math.min(stops.length - 2, Math.floor(x)), f = x - i;
    return stops[i].map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f));
  }

  /// Upper bounds of up to seven classes at quantiles of the non-zero values (distinct, ascending).
  function quantileBreaks(values) {
    const sorted = values.filter(v => v > 0).sort((a, b) => a - b), classes = palettes.sequential.length;
    const out = [];
    if (!sorted.length) return out;
    for (let i = 1; i <= classes; i++) {
      const v = sorted[Math.min(sorted.length - 1, Math.ceil(i * sorted.length / classes) - 1)];
      if (!out.length || v > out[out.length - 1]) out.push(v);
    }
    return out;
  }
  /// The sequential palette's colour of `value` for the class bounds `breaks` (grey when 0).
  function classColour(value, breaks) {
    if (!value) return palettes.empty;
    const seq = palettes.sequential, i = breaks.findIndex(x => value <= x);
    const index = i < 0 ? breaks.length - 1 : i;
    return seq[Math.round(index * (seq.length - 1) / Math.max(1, breaks.length - 1))];
  }

  let citiesRequest = null;
  /// The cities with data (cached for the page's life).
  function cities() {
    if (!citiesRequest) citiesRequest = api('/api/v1/cities').then(body => body.cities);
    return citiesRequest;
  }
  /// Fills a <select> with the cities and picks `preferred` (or the first one present).
  function fillCities(select, list, preferred) {
    select.innerHTML = '';
    for (const city of list) select.add(new Option(city.name || city.city, city.city));
    const pick = preferred.find(id => list.some(c => c.city === id));
    if (pick) select.value = pick;
  }

  const shapeRequests = {};
  function shapes(city) {
    if (!shapeRequests[city]) shapeRequests[city] = api('/api/v1/areas/shapes?city=' + encodeURIComponent(city));
    return shapeRequests[city];
  }

  /// A Leaflet map in `element` with the configured tiles (none by default).
  function baseMap(element) {
    const map = L.map(element, { zoomSnap: 0.25, attributionControl: true });
    const tileURL = document.body.dataset.tileUrl;
    if (tileURL) L.tileLayer(tileURL, { maxZoom: 18, attribution: 'tiles: ' + new URL(tileURL, location.href).host }).addTo(map);
    map.attributionControl.setPrefix('Leaflet');
    return map;
  }

  /// Draws the city's area outlines (thin, not interactive) on `map`, fits the map to them and
  /// returns the layer; `previous` (an older outline layer) is removed.
  async function outlines(map, city, previous) {
    const geo = await shapes(city.city);
    if (previous) previous.remove();
    const layer = L.geoJSON(geo, { interactive: false, style: () => ({ color: '#888', weight: 0.6, fill: false }) }).addTo(map);
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [10, 10] });
    else if (city.bounds) map.fitBounds([[city.bounds[1], city.bounds[0]], [city.bounds[3], city.bounds[2]]]);
    // Without area polygons (police.uk) the data draws its own outline and density underneath.
    const context = CS.share ? await CS.share.context(map, city, geo.features).catch(() => null) : null;
    if (context) { const remove = layer.remove.bind(layer); layer.remove = () => { context.remove(); return remove(); }; }
    return layer;
  }

  /// A canvas over a Leaflet map's container (above the outlines, below the controls): `draw(ctx,
  /// map)` is called after every move or zoom and whenever `redraw()` is called.
  function canvasOverlay(map, draw) {
    const canvas = document.createElement('canvas');
    canvas.className = 'map-canvas';
    canvas.setAttribute('aria-hidden', 'true');
    map.getContainer().appendChild(canvas);
    const ctx = canvas.getContext('2d');
    function redraw() {
      const size = map.getSize(), ratio = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(size.x * ratio) || canvas.height !== Math.round(size.y * ratio)) {
        canvas.width = Math.round(size.x * ratio); canvas.height = Math.round(size.y * ratio);
        canvas.style.width = size.x + 'px'; canvas.style.height = size.y + 'px';
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      draw(ctx, map);
    }
    map.on('move zoom resize', redraw);
    return { canvas, redraw };
  }

  // -- map animations (#/month, #/morph) ------------------------------------------------------
  // `view` is { state, status(text) }; state holds map, cities, city, outline and seq.

  /// After the city <select> changed: `state.city` is the chosen city, its time zone is shown,
  /// `periodSelect` lists `periodsOf(city)` with `wanted` picked when listed (else the latest) and
  /// the outlines are redrawn. Resolves to false, after saying `none`, when the city has no period.
  async function chooseCityPeriod(view, citySelect, periodSelect, periodsOf, wanted, none) {
    const state = view.state;
    state.city = state.cities.find(c => c.city === citySelect.value);
    $('time-zone').textContent = state.city.time_zone;
    const periods = (periodsOf(state.city) || []).map(String);
    periodSelect.innerHTML = '';
    for (const period of periods) periodSelect.add(new Option(period, period));
    if (!periods.length) { view.status(none); return false; }
    periodSelect.value = periods.includes(wanted) ? wanted : periods[periods.length - 1];
    state.outline = await outlines(state.map, state.city, state.outline).catch(error => {
      view.status('Cannot load outlines: ' + error.message); return null;
    });
    return true;
  }

  /// GETs `path` saying "Loading <what>…"; resolves to the body, or to null when the call failed
  /// (said, unless a newer load started) or a newer load of the view started meanwhile.
  async function loadLatest(view, path, what) {
    const seq = ++view.state.seq;
    view.status(`Loading ${what}…`);
    try {
      const body = await api(path);
      return seq === view.state.seq ? body : null;
    } catch (error) {
      if (seq === view.state.seq) view.status(`Cannot load ${what}: ` + error.message);
      return null;
    }
  }

  /// The play/pause loop of a map animation, shown on the button `buttonId`: play() first calls
  /// `rewind()` when `atEnd()`, then `step(seconds since the last frame)` every frame until it
  /// returns false (the end: paused) or pause() is called; nothing plays unless `canPlay()`.
  function player(buttonId, { canPlay, atEnd, rewind, step }) {
    let playing = false, last = 0, frame = 0;
    function show() {
      $(buttonId).textContent = playing ? '❚❚ Pause' : '▶ Play';
      $(buttonId).setAttribute('aria-pressed', String(playing));
    }
    function tick(now) {
      if (!playing) return;
      const more = step((now - last) / 1000);
      last = now;
      if (!more) { pause(); return; }
      frame = requestAnimationFrame(tick);
    }
    function play() {
      if (!canPlay()) return;
      if (atEnd()) rewind();
      playing = true;
      show();
      last = performance.now();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    }
    function pause() {
      playing = false;
      cancelAnimationFrame(frame);
      show();
    }
    return { play, pause, toggle: () => (playing ? pause() : play()) };
  }

  /// Registers a map animation: `init(params)` on its first showing; later showings resize the map,
  /// show the city's time zone and, when the address asks for another state, pick its city and
  /// `select(params.get(periodParam))`; hiding calls `pause()`.
  function animationView(name, view, { init, select, pause, periodParam }) {
    const state = view.state, citySelect = $(name + '-city');
    views[name] = {
      show(params) {
        if (!state.started) { state.started = true; init(params); return; }
        state.map.invalidateSize();
        if (state.city) $('time-zone').textContent = state.city.time_zone;
        if (state.cities.length && asksForChange(name, params)) {
          if (params.get('city')) fillCities(citySelect, state.cities, [params.get('city'), citySelect.value]);
          select(params.get(periodParam), params);
        }
      },
      hide() { pause(); },
    };
  }

  // -- the router ----------------------------------------------------------------------------
  const views = {};
  let current = null;
  /// Registers a view: { show(params) (called on every route to it), hide() }.
  function view(name, handlers) { views[name] = handlers; }

  /// The view an /embed/{view} page shows (from the page's data-embed), or '' in the app.
  const embedded = document.body.dataset.embed || '';
  function parseHash() {
    if (embedded) return { name: embedded, params: new URLSearchParams(location.search) };
    const hash = location.hash.replace(/^#\/?/, '');
    const [name, query] = hash.split('?');
    return { name: views[name] ? name : 'map', params: new URLSearchParams(query || '') };
  }
  function route() {
    const { name, params } = parseHash();
    for (const section of document.querySelectorAll('section[data-view]')) section.hidden = section.dataset.view !== name;
    for (const link of document.querySelectorAll('#nav a')) {
      const on = link.dataset.route === name;
      link.classList.toggle('active', on);
      if (on) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    if (current && current !== name && views[current].hide) views[current].hide();
    current = name;
    document.body.dataset.currentView = name;
    try { views[name].show(params); } catch (error) { console.warn(error); }
  }
  const ownQueries = {};
  /// Records the view's state in the address (deep link) without re-routing. A view whose data
  /// arrives after the person has moved to another tab only remembers it: the address belongs to
  /// the view on screen.
  function setParams(name, params) {
    const query = new URLSearchParams(params).toString();
    ownQueries[name] = query;
    // Also when the address already names another view (a tab was clicked and its hashchange
    // has not run yet): writing now would send the person back to this view.
    if (name !== current || parseHash().name !== name) return;
    if (embedded) {
      history.replaceState(null, '', `${location.pathname}${query ? '?' + query : ''}`);
      const open = $('embed-open');
      if (open) open.href = `/#/${name}${query ? '?' + query : ''}`;
      return;
    }
    history.replaceState(null, '', `#/${name}${query ? '?' + query : ''}`);
  }
  /// Whether `params` (from a link followed or an address typed) asks for another state than the
  /// view shows; a bare `#/name` (the tabs) keeps the view as it is and restores its address.
  function asksForChange(name, params) {
    const query = params.toString();
    if (!query) { if (ownQueries[name]) history.replaceState(null, '', `#/${name}?${ownQueries[name]}`); return false; }
    return query !== ownQueries[name];
  }
  function start() {
    if (embedded) {
      document.body.classList.add('embedded');
      if ($('embed-footer')) $('embed-footer').hidden = false;
    }
    window.addEventListener('hashchange', route);
    route();
  }

  /// The predict service's "nothing trained yet" answer (FAILED_PRECONDITION), not a failure.
  const untrained = error => error.code === 'FAILED_PRECONDITION';

  return { $, fmt, pct, untrained, palettes, ramp, quantileBreaks, classColour, api, position: () => seenPosition, cities, fillCities, shapes, baseMap, outlines, canvasOverlay,
           chooseCityPeriod, loadLatest, player, animationView, view, setParams, asksForChange, start, embedded };
})();
