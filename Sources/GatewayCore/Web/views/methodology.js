// The methodology page (/methodology): each trained model's test metrics, ROC curve and feature
// importances, and the beat forecast's PAI curve against its baseline, from /api/v1/models. When
// no model is trained, or the predict service cannot answer, the page says so plainly.
'use strict';
(function () {
  const { $, fmt, api } = CS;
  const NAMES = { arrest: 'Arrest made?', domestic: 'Domestic?', property: 'Property crime?',
                  crime_type: 'Crime type (top-K)', beat_forecast: 'Weekly beat forecast' };
  const METRICS = [['roc_auc', 'ROC-AUC'], ['accuracy', 'Accuracy'], ['baseline_accuracy', 'Majority-class accuracy'],
                   ['log_loss', 'Log loss'], ['top1', 'Top-1'], ['top5', 'Top-5'], ['mae', 'MAE'],
                   ['baseline_mae', 'Baseline MAE'], ['pai_5', 'PAI at 5 % of area'], ['baseline_pai_5', 'Baseline PAI at 5 %'],
                   ['pai_10', 'PAI at 10 %'], ['baseline_pai_10', 'Baseline PAI at 10 %'], ['pai_20', 'PAI at 20 %'],
                   ['baseline_pai_20', 'Baseline PAI at 20 %'], ['pei_10', 'PEI at 10 %'], ['hit_rate_10', 'Hit rate at 10 %']];
  const BLUE = '#0072B2', ORANGE = '#E69F00', GREY = '#999999';
  const charts = [];

  function status(text) { $('models-status').textContent = text || ''; }
  const number = v => (Math.abs(v) >= 100 ? fmt.format(Math.round(v)) : v.toFixed(3));

  async function start() {
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
      empty(`No model metrics to show: the predict service did not answer (${error.message}).`, 'unavailable');
      return;
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

  function metricsTable(table, model) {
    table.innerHTML = '<tr><th>Metric (test)</th><th>Value</th></tr>';
    const known = new Set(METRICS.map(m => m[0]));
    const rows = METRICS.filter(([key]) => key in model.metrics)
      .concat(Object.keys(model.metrics).filter(k => !known.has(k)).sort().map(k => [k, k]));
    for (const [key, label] of rows) {
      const row = table.insertRow();
      row.dataset.metric = key;
      row.insertCell().textContent = label;
      row.insertCell().textContent = number(model.metrics[key]);
    }
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
      `Trained on ${model.train_window}, validated on ${model.validation_window}, tested on ${model.test_window}.`;
    metricsTable(card.querySelector('table'), model);
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

  function showForecast(model) {
    $('forecast-evaluation').hidden = false;
    $('forecast-evaluation').querySelector('h3').textContent =
      `Weekly beat forecast (${model.model_version}): PAI against the previous four weeks, tested on ${model.test_window}`;
    metricsTable($('forecast-metrics'), model);
    if (!window.Chart || !model.pai_curve.length) return;
    const points = curve => curve.map(([x, y]) => ({ x: 100 * x, y }));
    charts.push(new Chart($('pai-chart'), { type: 'scatter', data: { datasets: [
      { label: 'model', data: points(model.pai_curve), showLine: true, borderColor: BLUE, backgroundColor: BLUE, pointRadius: 0, borderWidth: 2 },
      { label: 'baseline: previous four weeks', data: points(model.baseline_pai_curve), showLine: true, borderColor: ORANGE,
        backgroundColor: ORANGE, borderDash: [6, 3], pointRadius: 0, borderWidth: 2 }] },
      options: { animation: false, responsive: false, scales: {
        x: { min: 0, title: { display: true, text: '% of the city\'s area flagged' } },
        y: { min: 0, title: { display: true, text: 'PAI' } } } } }));
  }

  start();
})();
