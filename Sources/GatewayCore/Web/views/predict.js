// Predict (#/predict?city=chicago&area=0111&hour=22&day=4&month=12&type=THEFT): a beat, hour,
// day, month and (optionally) type go to /api/v1/predict; the four models' answers come back with
// "why" bars (SHAP contributions that raised or lowered each answer). A forecast layer colours
// the beats by next week's expected count (/api/v1/forecast); a click on a beat picks it.
// Every answer is about reported incidents at a time and place, never about people. Each answer
// says which inputs it used, which were not given (or never seen in training) and so averaged
// over, and which came from the beat's own history; the panel shows that beside the numbers.
'use strict';
(function () {
  const { $, fmt, pct, api } = CS;
  const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
                  'October', 'November', 'December'];
  const TITLES = { arrest: 'Arrest made', domestic: 'Domestic', property: 'Property crime', crime_type: 'Likely crime types' };
  const RAISES = '#D55E00', LOWERS = '#0072B2';
  // The answers' input names as a person reads them; what "averaged over every …" means for each.
  const INPUTS = { area: 'beat', hour: 'hour', day_of_week: 'day', month: 'month', location_description: 'location',
                   primary_type: 'crime type', position: 'position', district: 'district', community_area: 'community area' };
  const OVER = { location_description: 'location', primary_type: 'crime type', position: 'position',
                 district: 'district', community_area: 'community area' };
  const state = { started: false, map: null, layer: null, cities: [], city: null, names: {}, forecast: {}, breaks: [],
                  seq: 0, forecastSeq: 0 };

  function status(text) { $('predict-status').textContent = text || ''; }

  async function init(params) {
    if (typeof L === 'undefined') { status('Leaflet did not load: install libjs-leaflet.'); return; }
    state.map = CS.baseMap('predict-map');
    for (let h = 0; h < 24; h++) $('predict-hour').add(new Option(`${String(h).padStart(2, '0')}:00`, String(h)));
    DAYS.forEach((d, i) => $('predict-day').add(new Option(d, String(i))));
    MONTHS.forEach((m, i) => $('predict-month').add(new Option(m, String(i + 1))));
    try { state.cities = await CS.cities(); } catch (error) { status('Cannot load cities: ' + error.message); return; }
    if (!state.cities.length) { status('No city has data yet.'); return; }
    CS.fillCities($('predict-city'), state.cities, [params.get('city'), 'chicago', state.cities[0].city]);
    $('predict-city').addEventListener('change', () => selectCity(new URLSearchParams()));
    $('predict-ask').addEventListener('click', ask);
    $('predict-forecast').addEventListener('change', () => { recolour(); remember(); });
    for (const id of ['predict-area', 'predict-hour', 'predict-day', 'predict-month', 'predict-type']) $(id).addEventListener('change', remember);
    // Two downloads: the answer asked for (every model's contributions) and the forecast layer.
    const toolbar = document.querySelector('#view-predict .toolbar');
    state.answerShare = CS.share.bar('predict', toolbar, {
      label: 'Answer', exports: () => (state.asked ? [{ view: 'predict', params: state.asked }] : []),
    });
    state.forecastShare = CS.share.bar('predict-forecast', toolbar, {
      label: 'Forecast', link: false,
      exports: () => (state.forecastCity ? [{ view: 'forecast', params: { city: state.forecastCity } }] : []),
    });
    await selectCity(params);
  }

  async function selectCity(params) {
    state.city = state.cities.find(c => c.city === $('predict-city').value);
    $('time-zone').textContent = state.city.time_zone;
    let shapes;
    try { shapes = await CS.shapes(state.city.city); } catch (error) { status('Cannot load areas: ' + error.message); return; }
    if (state.layer) state.layer.remove();
    state.names = {};
    for (const f of shapes.features) state.names[f.properties.area] = f.properties.name;
    state.layer = L.geoJSON(shapes, {
      style: () => ({ color: '#555', weight: 0.7, fillOpacity: 0.75, fillColor: CS.palettes.empty }),
      onEachFeature: (feature, layer) => layer.on('click', () => { $('predict-area').value = feature.properties.area; highlight(); ask(); }),
    }).addTo(state.map);
    if (state.layer.getBounds().isValid()) state.map.fitBounds(state.layer.getBounds(), { padding: [10, 10] });
    const areas = Object.keys(state.names).sort();
    $('predict-area').innerHTML = '';
    for (const area of areas) {
      const name = state.names[area] || '';
      $('predict-area').add(new Option(name.includes(area) ? name : `${area} ${name}`.trim(), area));
    }
    if (areas.includes(params.get('area'))) $('predict-area').value = params.get('area');
    const newest = (state.city.available_months || []).slice(-1)[0];
    if (newest) $('predict-month').value = String(Number(newest.slice(5, 7)));
    for (const [id, key] of [['predict-hour', 'hour'], ['predict-day', 'day'], ['predict-month', 'month']])
      if (params.get(key) && [...$(id).options].some(o => o.value === params.get(key))) $(id).value = params.get(key);
    await fillTypes(params.get('type'));
    $('predict-forecast').checked = params.get('forecast') !== '0';
    highlight();
    await Promise.all([loadForecast(), params.get('area') ? ask() : Promise.resolve()]);
  }

  async function fillTypes(wanted) {
    const select = $('predict-type');
    select.innerHTML = '';
    select.add(new Option('(any type)', ''));
    const year = state.city.years[state.city.years.length - 1];
    try {
      const heat = await api(`/api/v1/heatmap?city=${encodeURIComponent(state.city.city)}&year=${year}`);
      for (const t of heat.crime_types) select.add(new Option(t.primary_type, t.primary_type));
    } catch (error) { status('Cannot load crime types: ' + error.message); }
    if (wanted && [...select.options].some(o => o.value === wanted)) select.value = wanted;
  }

  function highlight() {
    const area = $('predict-area').value;
    state.layer.eachLayer(layer => {
      const on = layer.feature.properties.area === area;
      layer.setStyle({ weight: on ? 3 : 0.7, color: on ? '#000' : '#555' });
      if (on) layer.bringToFront();
    });
  }

  function query() {
    const params = { city: state.city.city, area: $('predict-area').value, hour: $('predict-hour').value,
                     day_of_week: $('predict-day').value, month: $('predict-month').value };
    if ($('predict-type').value) params.primary_type = $('predict-type').value;
    return params;
  }

  // Every control in the address (the forecast layer only when switched off: forecast=0).
  function remember() {
    const params = query(), own = { city: params.city, area: params.area, hour: params.hour, day: params.day_of_week,
                                    month: params.month, type: params.primary_type || '' };
    if (!$('predict-forecast').checked) own.forecast = '0';
    CS.setParams('predict', own);
  }

  async function ask() {
    const seq = ++state.seq, params = query();
    highlight();
    remember();
    const box = $('predict-answers');
    box.dataset.state = 'loading';
    status('Asking the models…');
    let reply;
    try { reply = await api('/api/v1/predict?' + new URLSearchParams(params)); }
    catch (error) {
      if (seq !== state.seq) return;
      status('');
      state.asked = null;
      state.answerShare.update();
      box.innerHTML = '';
      const note = document.createElement('p');
      note.className = 'note warning';
      const name = state.city.name || state.city.city;
      note.textContent = !CS.untrained(error) ? `No answer: the predict service did not answer (${error.message}).`
        : /retrain/.test(error.message) ? `No answer: the models for ${name} were trained before they learnt what an input you do not give means; they must be retrained.`
        : `No answer: no model is trained yet for ${name}.`;
      box.appendChild(note);
      box.dataset.state = CS.untrained(error) ? 'empty' : 'unavailable';
      return;
    }
    if (seq !== state.seq) return;
    status('');
    showAnswers(reply, params);
    state.asked = params;
    state.answerShare.update();
  }

  function showAnswers(reply, params) {
    const box = $('predict-answers');
    box.innerHTML = '';
    const where = `${params.area} on a ${DAYS[params.day_of_week]} in ${MONTHS[params.month - 1]} at ${params.hour}:00`;
    const heading = document.createElement('p');
    heading.className = 'context';
    heading.textContent = `For a reported incident in ${where}${params.primary_type ? ` (${params.primary_type})` : ''}:`;
    box.appendChild(heading);
    if (!reply.answers.length) {
      heading.textContent += ' no model is trained yet.';
      box.dataset.state = 'empty';
      return;
    }
    box.appendChild(inputsList(reply.answers, params));
    for (const answer of reply.answers) box.appendChild(answerCard(answer));
    box.dataset.state = 'answers';
  }

  // Which inputs the answers used, took from the beat, did not get, or got but never saw in
  // training (the union over the four answers: only arrest and domestic use the crime type).
  function inputsList(answers, params) {
    const union = field => [...new Set(answers.flatMap(a => a[field] || []))];
    const shown = { area: params.area, hour: `${params.hour}:00`, day_of_week: DAYS[params.day_of_week],
                    month: MONTHS[params.month - 1], primary_type: params.primary_type,
                    location_description: params.location_description };
    const named = name => INPUTS[name] || name;
    const list = document.createElement('dl');
    list.className = 'inputs';
    list.id = 'predict-inputs';
    const row = (state, term, names, describe) => {
      if (!names.length) return;
      const dt = document.createElement('dt'), dd = document.createElement('dd');
      dt.textContent = term;
      dd.dataset.inputs = state;
      dd.textContent = names.map(describe).join(', ');
      list.append(dt, dd);
    };
    row('used', 'Used', union('inputs_used'), n => shown[n] ? `${named(n)} ${shown[n]}` : named(n));
    row('filled', "From the beat's history", union('inputs_filled'), n => n === 'position' ? 'position (its average)' : named(n));
    row('missing', 'Not given', union('inputs_missing'), named);
    row('unseen', 'Not seen in training', union('inputs_unseen'), n => shown[n] ? `${named(n)} “${shown[n]}”` : named(n));
    return list;
  }

  // "averaged over every crime type and location" when an answer lacks inputs, else ''.
  function averagedOver(answer) {
    const names = [...(answer.inputs_missing || []), ...(answer.inputs_unseen || [])].map(n => OVER[n] || n);
    if (!names.length) return '';
    const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    return `averaged over every ${joined}: you did not give ${names.length === 1 ? 'it' : 'them'}` +
      ((answer.inputs_unseen || []).length ? ' (or the models never saw the value)' : '');
  }

  function answerCard(answer) {
    const card = document.createElement('article');
    card.className = 'answer';
    card.dataset.kind = answer.kind;
    const title = document.createElement('h3');
    const result = document.createElement('p');
    result.className = 'result';
    if (answer.kind === 'crime_type') {
      title.textContent = TITLES.crime_type;
      result.textContent = answer.top_classes.map(c => `${c.label} ${pct(c.probability)}`).join(' · ');
    } else {
      title.textContent = TITLES[answer.kind] || answer.kind;
      result.textContent = `${pct(answer.probability)} likely`;
      result.dataset.probability = String(answer.probability);
    }
    card.append(title, result);
    const averaged = averagedOver(answer);
    if (averaged) {
      // Not a confident number for this incident: an average over what was not given.
      result.dataset.averaged = 'true';
      result.textContent = `≈ ${result.textContent}`;
      const note = document.createElement('p');
      note.className = 'averaged';
      note.textContent = averaged.charAt(0).toUpperCase() + averaged.slice(1) + '.';
      card.appendChild(note);
    }
    if (answer.explanation) card.appendChild(whyBars(answer.explanation));
    const version = document.createElement('p');
    version.className = 'version';
    version.textContent = answer.model_version;
    card.appendChild(version);
    return card;
  }

  // One bar per contribution, from a middle line: right (orange) raised the answer, left (blue)
  // lowered it; widths share one scale within the card.
  function whyBars(explanation) {
    const list = document.createElement('ul');
    list.className = 'why';
    list.setAttribute('aria-label', 'Why: what raised and lowered this answer');
    const max = Math.max(1e-9, ...explanation.contributions.map(c => Math.abs(c.contribution)));
    for (const c of explanation.contributions) {
      const item = document.createElement('li');
      const up = c.contribution >= 0;
      item.dataset.contribution = String(c.contribution);
      const label = document.createElement('span');
      label.className = 'label';
      label.textContent = `${c.feature} = ${c.value === '' ? 'not given' : c.value}`;
      const track = document.createElement('span');
      track.className = 'track';
      const bar = document.createElement('span');
      bar.className = 'bar ' + (up ? 'up' : 'down');
      bar.style.width = `${50 * Math.abs(c.contribution) / max}%`;
      bar.style.background = up ? RAISES : LOWERS;
      track.appendChild(bar);
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = `${up ? '▲ +' : '▼ '}${c.contribution.toFixed(2)}`;
      item.append(label, track, value);
      list.appendChild(item);
    }
    return list;
  }

  async function loadForecast() {
    const seq = ++state.forecastSeq;
    state.forecast = {};
    state.forecastCity = null;
    state.forecastShare.update();
    let reply;
    try { reply = await api('/api/v1/forecast?city=' + encodeURIComponent(state.city.city)); }
    catch (error) {
      if (seq !== state.forecastSeq) return;
      $('predict-forecast-note').textContent = CS.untrained(error) ? 'No forecast yet: the forecast model is not trained.'
        : `No forecast layer: the predict service did not answer (${error.message}).`;
      $('predict-map').dataset.forecast = CS.untrained(error) ? 'empty' : 'unavailable';
      recolour();
      return;
    }
    if (seq !== state.forecastSeq) return;
    for (const a of reply.areas) state.forecast[a.area] = a.expected_count;
    state.breaks = CS.quantileBreaks(reply.areas.map(a => a.expected_count));
    $('predict-forecast-note').textContent = reply.areas.length
      ? `Expected incidents per beat in the week of ${reply.week_start} (${reply.model_version}).`
      : 'No forecast yet: the forecast model is not trained.';
    $('predict-map').dataset.forecast = reply.areas.length ? 'shown' : 'empty';
    if (reply.areas.length) { state.forecastCity = state.city.city; state.forecastShare.update(); }
    recolour();
  }

  function recolour() {
    const on = $('predict-forecast').checked;
    state.layer.eachLayer(layer => {
      const area = layer.feature.properties.area, expected = state.forecast[area];
      layer.setStyle({ fillColor: on && expected !== undefined ? CS.classColour(expected, state.breaks) : CS.palettes.empty });
      layer.unbindTooltip();
      layer.bindTooltip(`${state.names[area] || area}` + (expected !== undefined ? `: ${expected.toFixed(1)} expected next week` : ''), { sticky: true });
    });
    const key = $('predict-key');
    key.hidden = !on || !state.breaks.length;
    key.innerHTML = '<strong>Expected next week</strong>';
    let lo = 0;
    for (const hi of state.breaks) {
      const row = document.createElement('div');
      row.className = 'row';
      row.innerHTML = `<span class="swatch" style="background:${CS.classColour(hi, state.breaks)}"></span>`;
      row.append(`${lo.toFixed(1)}–${hi.toFixed(1)}`);
      key.appendChild(row);
      lo = hi;
    }
  }

  CS.view('predict', {
    show(params) {
      if (!state.started) { state.started = true; init(params); return; }
      state.map.invalidateSize();
      if (state.city) $('time-zone').textContent = state.city.time_zone;
      if (state.cities.length && CS.asksForChange('predict', params)) {
        if (params.get('city')) CS.fillCities($('predict-city'), state.cities, [params.get('city'), $('predict-city').value]);
        selectCity(params);
      }
    },
  });
})();
