// Starts the single-page app and fills the footer's service states. A file of its own, not an
// inline <script>: the pages' Content-Security-Policy allows scripts from the gateway only.
// The views' forms never submit: Enter in a field would reload the page.
document.querySelectorAll('form').forEach(form => form.addEventListener('submit', event => event.preventDefault()));
CS.start();
fetch('/healthz').then(r => r.json()).then(report => {
  const parts = Object.entries(report.backends).sort().map(([name, state]) =>
    `<span class="${state === 'SERVING' ? 'ok' : 'bad'}">${name} ${state === 'SERVING' ? '✓' : state}</span>`);
  document.getElementById('services').innerHTML = parts.join(' ');
}).catch(error => { document.getElementById('services').textContent = 'cannot reach /healthz: ' + error; });
