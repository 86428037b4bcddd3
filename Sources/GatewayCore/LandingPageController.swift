import Hummingbird

/// `GET /`: a small status page until the map views exist — what CrimeScope is, and the live
/// state of each backend (read from `/healthz` by the page itself).
public struct LandingPageController: Sendable {
    public init() {}

    public func register(on router: Router<GatewayRequestContext>) {
        router.get("/") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: Self.html))
            )
        }
    }

    static let html = """
    <!doctype html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>CrimeScope</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 3rem auto; padding: 0 1rem; color: #1b1b1b; }
      h1 { margin-bottom: .25rem; } .lede { color: #555; margin-top: 0; }
      table { border-collapse: collapse; margin: 1rem 0; } td, th { padding: .3rem .9rem .3rem 0; text-align: left; }
      .SERVING { color: #1a7f37; font-weight: 600; } .bad { color: #b42318; font-weight: 600; }
    </style>
    </head>
    <body>
    <h1>CrimeScope</h1>
    <p class="lede">Where and when reported incidents cluster in a city — from public records, explained.</p>
    <p>CrimeScope maps public incident data by area and time. It is not predictive policing: it never
    scores people and never advises enforcement.</p>
    <h2>Services</h2>
    <table id="services"><tr><th>service</th><th>state</th></tr></table>
    <p id="overall">Checking…</p>
    <p>Machine-readable: <a href="/healthz">/healthz</a> · <a href="/metrics">/metrics</a></p>
    <script>
    fetch('/healthz').then(r => r.json()).then(report => {
      const table = document.getElementById('services');
      for (const [name, state] of Object.entries(report.backends).sort()) {
        const row = table.insertRow();
        row.insertCell().textContent = name;
        const cell = row.insertCell();
        cell.textContent = state;
        cell.className = state === 'SERVING' ? 'SERVING' : 'bad';
      }
      document.getElementById('overall').textContent =
        report.status === 'ok' ? 'All services are serving.' : 'Some services are not serving.';
    }).catch(error => { document.getElementById('overall').textContent = 'Cannot reach /healthz: ' + error; });
    </script>
    </body>
    </html>
    """
}
