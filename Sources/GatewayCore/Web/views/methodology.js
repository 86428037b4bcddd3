// The methodology page (/methodology): the data sources as loaded (incidents, first and last month
// and missing months per city, from /api/v1/cities and /api/v1/heatmap), each trained model's test
// metrics, ROC curve and feature importances, and the beat forecast's PAI curve against its baseline, from /api/v1/models. When
// no model is trained, or the predict service cannot answer, the page says so plainly.
'use strict';
(function () {
  const { $, fmt, api } = CS;
  const NAMES = { arrest: 'Arrest made?', domestic: 'Domestic?', property: 'Property crime?',
                  crime_type: 'Crime type (top-K)', beat_forecast: 'Weekly beat forecast' };
  const LABELS = { roc_auc: 'ROC-AUC', accuracy: 'Accuracy', log_loss: 'Log loss', top1: 'Top-1 accuracy',
                   top5: 'Top-5 accuracy', mae: 'MAE (incidents per beat-week)', positive_rate: 'Share of yes on the test data',
                   classes: 'Classes', rounds: 'Boosting rounds', train_rows: 'Training rows', validation_rows: 'Validation rows',
                   test_rows: 'Test rows', test_weeks: 'Test weeks', areas: 'Beats',
                   masked_input_share: 'Training rows with location (and, separately, type) read as not given' };
  // What the explorer CrimeScope follows published on its own test years, for comparison.
  const PUBLISHED = { arrest: 'ROC-AUC 0.859', domestic: 'ROC-AUC 0.916', property: 'ROC-AUC 0.749', crime_type: 'top-5 75 %' };
  const SHARE_LABELS = { pai: 'PAI', oracle_pai: 'Oracle PAI', pei: 'PEI', hit_rate: 'Hit rate' };
  const ORDER = ['roc_auc', 'accuracy', 'log_loss', 'top1', 'top5', 'pai', 'pei', 'hit_rate', 'oracle_pai', 'mae',
                 'positive_rate', 'classes', 'rounds', 'train_rows', 'validation_rows', 'test_rows', 'masked_input_share'];
  const BLUE = '#0072B2', ORANGE = '#E69F00', GREY = '#999999';
  const charts = [];

  function status(text) { $('models-status').textContent = text || ''; }
  const number = v => (Number.isInteger(v) || Math.abs(v) >= 100 ? fmt.format(Math.round(v)) : v.toFixed(3));

  async function start() {
    // The city picker's form never submits (Enter in it would reload the page).
    document.querySelector('form.toolbar').addEventListener('submit', event => event.preventDefault());
    let cities = [];
    try { cities = await CS.cities(); } catch (error) { status('Cannot load cities: ' + error.message); }
    if (!cities.length) { empty('No city has data yet, so no model has been trained.', 'empty'); return; }
    CS.fillCities($('models-city'), cities, ['chicago', cities[0].city]);
    $('models-city').addEventListener('change', load);
    await load();
  }

  function empty(text, state) {
    $('models-empty').hidden = false;
    $('models-empty').textContent = text;
    $('models').dataset.state = state;
  }

  async function load() {
    for (const chart of charts.splice(0)) chart.destroy();
    $('models-list').innerHTML = '';
    $('forecast-evaluation').hidden = true;
    $('models-empty').hidden = true;
    const city = $('models-city').value, name = $('models-city').selectedOptions[0].textContent;
    status('Loading models…');
    let reply;
    try { reply = await api('/api/v1/models?city=' + encodeURIComponent(city)); }
    catch (error) {
      status('');
      if (!CS.untrained(error)) {
        empty(`No model metrics to show: the predict service did not answer (${error.message}).`, 'unavailable');
        return;
      }
      reply = { models: [] };
    }
    status('');
    if (!reply.models.length) {
      empty(`No models trained yet for ${name}. Once they are (predict train), their test metrics, ROC curves and ` +
            'feature importances appear here.', 'empty');
      return;
    }
    $('models').dataset.state = 'models';
    for (const model of reply.models) {
      if (model.kind === 'beat_forecast') showForecast(model);
      else showModel(model);
    }
  }

  // "pai_10" → "PAI at 10 % of the area"; "mae_h2" → "MAE (…), 2 weeks ahead"; others from
  // LABELS or the key itself.
  function label(key) {
    const share = key.match(/^(pai|oracle_pai|pei|hit_rate)_([0-9]+)$/);
    if (share) return `${SHARE_LABELS[share[1]]} at ${share[2]} % of the area`;
    const ahead = key.match(/^(mae|rounds)_h([0-9]+)$/);
    if (ahead) return `${LABELS[ahead[1]]}, ${ahead[2]} weeks ahead`;
    return LABELS[key] || key;
  }
  function rank(key) {
    const i = ORDER.indexOf(key.replace(/_[0-9]+$/, ''));
    return [i < 0 ? ORDER.length : i, Number((key.match(/_([0-9]+)$/) || [0, 0])[1]), key];
  }

  // One row a metric on the test data: the model's value and, where there is one, its baseline's
  // (majority class for the yes/no models, the strongest simple rule for the forecast).
  function metricsTable(table, model) {
    table.innerHTML = '<tr><th>Metric (test)</th><th>Model</th><th>Baseline</th></tr>';
    const keys = Object.keys(model.metrics).filter(k => !k.startsWith('baseline_'))
      .sort((a, b) => { const x = rank(a), y = rank(b); return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : 1); });
    for (const key of keys) {
      const row = table.insertRow();
      row.dataset.metric = key;
      row.insertCell().textContent = label(key);
      row.insertCell().textContent = number(model.metrics[key]);
      const baseline = model.metrics['baseline_' + key];
      row.insertCell().textContent = baseline === undefined ? '' : number(baseline);
    }
  }

  // Predicted probability vs observed rate per bin: a calibrated model has them close.
  function calibrationTable(bins) {
    const details = document.createElement('details');
    details.innerHTML = '<summary>Calibration on the test year</summary>';
    const table = document.createElement('table');
    table.className = 'facts calibration';
    table.innerHTML = '<tr><th>Predicted (mean)</th><th>Observed rate</th><th>Incidents</th></tr>';
    for (const bin of bins) {
      const row = table.insertRow();
      row.insertCell().textContent = (100 * bin.predicted_mean).toFixed(1) + ' %';
      row.insertCell().textContent = (100 * bin.observed_rate).toFixed(1) + ' %';
      row.insertCell().textContent = fmt.format(bin.count);
    }
    details.appendChild(table);
    return details;
  }

  function showModel(model) {
    const card = document.createElement('article');
    card.className = 'model';
    card.dataset.kind = model.kind;
    card.innerHTML = `<h3></h3><p class="windows"></p><table class="facts metrics"></table><div class="charts">` +
      `<div class="chart"><canvas width="320" height="260" role="img"></canvas></div>` +
      `<div class="chart"><canvas width="380" height="260" role="img"></canvas></div></div>`;
    card.querySelector('h3').textContent = `${NAMES[model.kind] || model.kind} · ${model.model_version}`;
    card.querySelector('.windows').textContent =
      `Trained on ${model.train_window}, validated on ${model.validation_window}, tested on ${model.test_window}.` +
      (PUBLISHED[model.kind] ? ` For comparison, the explorer CrimeScope follows published ${PUBLISHED[model.kind]} on its own test years.` : '');
    metricsTable(card.querySelector('table'), model);
    if (model.calibration.length) card.insertBefore(calibrationTable(model.calibration), card.querySelector('.charts'));
    $('models-list').appendChild(card);
    const [roc, importance] = card.querySelectorAll('canvas');
    roc.setAttribute('aria-label', `ROC curve of the ${model.kind} model`);
    importance.setAttribute('aria-label', `Feature importance of the ${model.kind} model`);
    if (!window.Chart) { card.querySelector('.charts').textContent = 'Charts need Chart.js (libjs-chart.js).'; return; }
    if (model.roc_curve.length) {
      charts.push(new Chart(roc, { type: 'scatter', data: { datasets: [
        { label: `model (AUC ${number(model.metrics.roc_auc || 0)})`, data: model.roc_curve.map(([x, y]) => ({ x, y })),
          showLine: true, borderColor: BLUE, backgroundColor: BLUE, pointRadius: 0, borderWidth: 2 },
        { label: 'chance', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], showLine: true, borderColor: GREY,
          borderDash: [4, 4], pointRadius: 0, borderWidth: 1 }] },
        options: { animation: false, responsive: false, scales: {
          x: { min: 0, max: 1, title: { display: true, text: 'false positive rate' } },
          y: { min: 0, max: 1, title: { display: true, text: 'true positive rate' } } } } }));
    }
    const top = model.importances.slice().sort((a, b) => b.importance - a.importance).slice(0, 10);
    if (top.length) {
      charts.push(new Chart(importance, { type: 'bar', data: { labels: top.map(i => i.feature), datasets: [
        { label: 'importance (gain)', data: top.map(i => i.importance), backgroundColor: ORANGE }] },
        options: { animation: false, responsive: false, indexAxis: 'y', plugins: { legend: { display: false } } } }));
    }
  }

  // The forecast's simple rules, in the order of the service's `baseline_rule` index.
  const RULES = [['mean_4', 'mean of the last 4 weeks'], ['mean_52', 'mean of the last 52 weeks'],
                 ['same_week_last_year', 'same week last year'], ['ewm_8', 'exponentially weighted mean (half-life 8 weeks)']];
  const SCORES = [['hit_rate', 'Hit rate'], ['pai', 'PAI'], ['pei', 'PEI']];
  // Keys the interval and rule tables show, kept out of the plain metrics table.
  const INTERVAL_KEY = /(_low|_high)$|^difference_|^validation_|^test_pai_10_|^sum_of_groups_|^baseline_rule$/;
  const withInterval = (m, key) => `${m[key].toFixed(3)} [${m[key + '_low'].toFixed(3)}, ${m[key + '_high'].toFixed(3)}]`;
  /// "yes: model higher" / "yes: baseline higher" / "no" for the difference interval of `key`.
  function excludesZero(m, key) {
    const low = m['difference_' + key + '_low'], high = m['difference_' + key + '_high'];
    return low > 0 ? 'yes: model higher' : high < 0 ? 'yes: baseline higher' : 'no';
  }

  function showForecast(model) {
    const m = model.metrics;
    const rule = RULES[m.baseline_rule] || RULES[0];
    $('forecast-evaluation').hidden = false;
    $('forecast-evaluation').querySelector('h3').textContent =
      `Weekly beat forecast (${model.model_version}) against the ${rule[1]}, tested on ${model.test_window}`;
    const intervals = $('forecast-intervals');
    intervals.querySelectorAll('tr').forEach(row => row.remove());
    const head = intervals.insertRow();
    for (const text of ['Metric (test)', 'Model', `Baseline: ${rule[1]}`, 'Model − baseline', 'Interval of the difference excludes 0?']) {
      const th = document.createElement('th');
      th.textContent = text;
      head.appendChild(th);
    }
    const hasIntervals = m.pai_10_low !== undefined;
    for (const percent of [5, 10, 20]) {
      for (const [score, name] of SCORES) {
        const key = `${score}_${percent}`;
        if (m[key] === undefined) continue;
        const row = intervals.insertRow();
        row.dataset.metric = key;
        const cells = hasIntervals
          ? [`${name} at ${percent} % of the area`, withInterval(m, key), withInterval(m, 'baseline_' + key),
             withInterval(m, 'difference_' + key), excludesZero(m, key)]
          : [`${name} at ${percent} % of the area`, number(m[key]), number(m['baseline_' + key]), '', 'not computed (retrain)'];
        for (const text of cells) row.insertCell().textContent = text;
        for (const cell of [...row.cells].slice(1, 4)) cell.className = 'number';
      }
    }
    $('forecast-verdict').textContent = !hasIntervals
      ? 'This model was trained before the intervals existed: retrain it to see them.'
      : `At 10 % of the area the model's PAI is ${withInterval(m, 'pai_10')} against the baseline's ` +
        `${withInterval(m, 'baseline_pai_10')}; their difference is ${withInterval(m, 'difference_pai_10')}. ` +
        (excludesZero(m, 'pai_10') === 'no'
          ? 'That interval includes zero: on these test weeks the model is not measurably better than the ' + rule[1] + '.'
          : excludesZero(m, 'pai_10') === 'yes: model higher'
            ? 'That interval excludes zero: on these test weeks the model flags measurably better hotspots than the ' + rule[1] + '.'
            : 'That interval excludes zero: on these test weeks the ' + rule[1] + ' does measurably better than the model.');
    const rules = $('forecast-rules');
    rules.querySelectorAll('tr').forEach(row => row.remove());
    const ruleHead = rules.insertRow();
    for (const text of ['Rule', 'Validation weeks', 'Test weeks']) {
      const th = document.createElement('th');
      th.textContent = text;
      ruleHead.appendChild(th);
    }
    rules.hidden = m['validation_pai_10_' + RULES[0][0]] === undefined;
    RULES.forEach(([key, name], index) => {
      const row = rules.insertRow();
      row.dataset.rule = key;
      row.insertCell().textContent = name + (index === m.baseline_rule ? ' (the baseline: best on validation)' : '');
      row.insertCell().textContent = number(m['validation_pai_10_' + key] ?? 0);
      row.insertCell().textContent = number(m['test_pai_10_' + key] ?? 0);
    });
    if (m.validation_pai_10 !== undefined) {
      const row = rules.insertRow();
      row.dataset.rule = 'model';
      row.insertCell().textContent = 'the model';
      row.insertCell().textContent = number(m.validation_pai_10);
      row.insertCell().textContent = number(m.pai_10);
    }
    metricsTable($('forecast-metrics'), { ...model, metrics: Object.fromEntries(Object.entries(m).filter(([k]) => !INTERVAL_KEY.test(k))) });
    if (!window.Chart || !model.pai_curve.length) return;
    const points = curve => curve.map(([x, y]) => ({ x: 100 * x, y }));
    charts.push(new Chart($('pai-chart'), { type: 'scatter', data: { datasets: [
      { label: 'model', data: points(model.pai_curve), showLine: true, borderColor: BLUE, backgroundColor: BLUE, pointRadius: 0, borderWidth: 2 },
      { label: 'baseline: ' + rule[1], data: points(model.baseline_pai_curve), showLine: true, borderColor: ORANGE,
        backgroundColor: ORANGE, borderDash: [6, 3], pointRadius: 0, borderWidth: 2 }] },
      options: { animation: false, responsive: false, scales: {
        x: { min: 0, title: { display: true, text: '% of the city\'s area flagged' } },
        y: { min: 0, title: { display: true, text: 'PAI' } } } } }));
  }

  // Data sources (#sources), from what is loaded: the months with an incident per city
  // (/api/v1/cities) and one /api/v1/heatmap request a city over all its years (the incidents the
  // heatmap counts). Only the provenance of the known datasets is written here, never a number.
  const PROVENANCE = {
    chicago: ['Every reported crime: time to the minute, primary type, arrest and domestic flags, beat, block-level ' +
              'coordinates; areas are police beats (boundaries effective 18 December 2012)',
              'City of Chicago Data Portal (Chicago Police Department, CLEAR), Terms of Use'],
    nyc: ['NYPD arrests: date only, law category (felony, misdemeanor, violation, infraction), offence, coordinates; ' +
          'areas are police precincts', 'NYC Open Data, Terms of Use'],
  };
  const POLICE_UK = ['police.uk street-level crimes: month only, no time of day, anonymised points; grid and ' +
                     'hexagonal cells', 'police.uk, Open Government Licence v3.0'];
  const provenance = city => PROVENANCE[city] || (city.startsWith('uk-') ? POLICE_UK : ['', '']);
  const monthNumber = label => { const [y, m] = label.split('-').map(Number); return y * 12 + m - 1; };
  const monthLabel = n => `${Math.floor(n / 12)}-${String(n % 12 + 1).padStart(2, '0')}`;
  /// The months between the first and the last of `months` (YYYY-MM) that are not in it.
  function missingMonths(months) {
    const have = new Set(months.map(monthNumber)), numbers = [...have].sort((a, b) => a - b), out = [];
    for (let n = numbers[0]; n <= numbers[numbers.length - 1]; n++) if (!have.has(n)) out.push(monthLabel(n));
    return out;
  }
  /// "none", or the count and up to twelve of the months (each kept on one line).
  function showMissing(cell, missing) {
    if (!missing.length) { cell.textContent = 'none'; return; }
    cell.append(`${fmt.format(missing.length)}: `);
    missing.slice(0, 12).forEach((month, i) => {
      if (i) cell.append(', ');
      const span = document.createElement('span');
      span.className = 'month';
      span.textContent = month;
      cell.append(span);
    });
    if (missing.length > 12) cell.append(` and ${fmt.format(missing.length - 12)} more`);
  }
  let sourcesSeq = 0;
  async function showSources() {
    const seq = ++sourcesSeq, section = $('sources');
    let cities;
    try { cities = (await api('/api/v1/cities')).cities.filter(c => c.available_months.length); }
    catch (error) {
      if (seq !== sourcesSeq) return;
      $('sources-status').textContent = 'Cannot count the loaded data: the heatmap service did not answer (' + error.message + ').';
      section.dataset.state = 'unavailable';
      return;
    }
    const totals = await Promise.all(cities.map(city => {
      const years = city.years;
      return api(`/api/v1/heatmap?city=${encodeURIComponent(city.city)}&year_from=${years[0]}&year_to=${years[years.length - 1]}`)
        .then(reply => reply.total.incidents, () => null);
    }));
    if (seq !== sourcesSeq) return;
    const body = $('sources-table').querySelector('tbody');
    body.replaceChildren();
    cities.forEach((city, i) => {
      const months = city.available_months.slice().sort(), missing = missingMonths(months);
      const row = body.insertRow();
      row.dataset.city = city.city;
      row.dataset.missing = missing.join(',');
      const [records, publisher] = provenance(city.city);
      const cells = [['name', city.name], ['incidents', totals[i] === null ? 'not available' : fmt.format(totals[i])],
                     ['first', months[0]], ['last', months[months.length - 1]], ['missing', null],
                     ['records', records], ['publisher', publisher]];
      for (const [field, text] of cells) {
        const cell = row.insertCell();
        cell.dataset.field = field;
        if (text === null) showMissing(cell, missing);
        else cell.textContent = text;
      }
      row.cells[1].className = 'number';
    });
    $('sources-table').hidden = !cities.length;
    $('sources-status').textContent = cities.length ? '' :
      'Nothing is loaded yet: no city has any incident, so there is no data to describe. Once a file is loaded, ' +
      'its city appears here with its counts.';
    section.dataset.state = cities.length ? 'loaded' : 'empty';
  }

  // Recent loads from /api/v1/ingest/runs: one row per run, its state in words.
  function runState(run) {
    const state = run.status.replace('RUN_STATUS_', '').toLowerCase();
    if (state === 'waiting') return run.waiting_for_run_id ? `waiting for run ${run.waiting_for_run_id}` : 'waiting';
    if (state === 'failed') return 'failed: ' + (run.error.startsWith('abandoned') ? 'abandoned (its loader died)' : run.error);
    return state;
  }
  async function showLoads() {
    let reply;
    try { reply = await api('/api/v1/ingest/runs?limit=20'); }
    catch (error) { $('loads-status').textContent = 'The ingest service did not answer: ' + error.message; return; }
    if (!reply.runs.length) { $('loads-status').textContent = 'Nothing has been loaded yet.'; return; }
    const body = $('loads-table').querySelector('tbody');
    body.replaceChildren();
    for (const run of reply.runs) {
      const row = body.insertRow();
      row.dataset.run = run.run_id;
      for (const value of [run.run_id, run.city, run.source, runState(run), fmt.format(run.read), fmt.format(run.inserted),
                           fmt.format(run.updated), fmt.format(run.rejected), run.started_at.replace('T', ' ').slice(0, 19)]) {
        row.insertCell().textContent = value;
      }
    }
    $('loads-table').hidden = false;
    $('loads-status').textContent = '';
  }

  start();
  showSources();
  showLoads();
  // Data loaded while the page sat in another tab shows when it is looked at again.
  document.addEventListener('visibilitychange', () => { if (!document.hidden) showSources(); });
})();
