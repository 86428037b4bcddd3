"""Forecast latency through the RPC over a Unix socket: one connection, sequential calls, each
asking for every beat's expected count for a week with every SHAP contribution. The requests are
the week after the data 1-4 weeks ahead for each crime group (20) and backtests of the 40 weeks
before it (all groups, 1 week ahead): 60 distinct forecasts. Prints the first call (it fetches the
weekly series from the heatmap) apart; then each distinct request once (computed: features +
TreeSHAP for every beat), then the same requests again until `calls` (answered from the service's
memo of computed forecasts); and a Health/Check baseline measured the same way.

Usage: forecast.py unix:///path/predict.sock [calls]
"""
import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
import crimescope_wire as wire  # noqa: E402

wire.generate_protos(ROOT, Path("/tmp/cs-forecast-bench-protos"))
pr = wire.pb("predict.v1.predict")
METHOD = "/crimescope.predict.v1.Predict/Forecast"
GROUPS = ["", "property", "violent", "drug", "other"]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def line(name, times):
    return (f"| {name} | {len(times)} | {percentile(times, 50):.2f} | {percentile(times, 90):.2f} | "
            f"{percentile(times, 99):.2f} | {max(times):.2f} |")


def main():
    endpoint = sys.argv[1]
    calls = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    health = wire.pb("health.v1.health")
    with wire.WireConnection(endpoint) as conn:
        start = time.perf_counter()
        first = conn.call(METHOD, pr.ForecastRequest(city="chicago", crime_group="drug", weeks_ahead=4))
        cold = (time.perf_counter() - start) * 1000
        if first.code != 0:
            raise SystemExit(f"Forecast failed: {first.code} {first.message}")
        reply = pr.ForecastResponse.FromString(first.payload)
        after = datetime.date.fromisoformat(reply.week_start) - datetime.timedelta(weeks=3)
        requests = [pr.ForecastRequest(city="chicago", weeks_ahead=ahead, crime_group=group, top_contributions=0)
                    for ahead in range(1, 5) for group in GROUPS if (ahead, group) != (4, "drug")]
        requests += [pr.ForecastRequest(city="chicago", week_start=(after - datetime.timedelta(weeks=k)).isoformat(),
                                        weeks_ahead=1, top_contributions=0) for k in range(1, 41)]
        baseline = []
        for _ in range(calls):
            start = time.perf_counter()
            conn.call(wire.HEALTH_CHECK, health.HealthCheckRequest())
            baseline.append((time.perf_counter() - start) * 1000)
        computed, repeated = [], []
        for index in range(len(requests) + calls):
            request = requests[index % len(requests)]
            start = time.perf_counter()
            answer = conn.call(METHOD, request)
            (computed if index < len(requests) else repeated).append((time.perf_counter() - start) * 1000)
            if answer.code != 0:
                raise SystemExit(f"Forecast failed: {answer.code} {answer.message}")
        last = pr.ForecastResponse.FromString(answer.payload)
        features = len(last.areas[0].explanation.contributions)
    print(f"model {reply.model_version}, week {reply.week_start}, {len(reply.areas)} beats, "
          f"{features} SHAP contributions each; first call (fetches the series) {cold:.1f} ms")
    print("| call | calls | p50 ms | p90 ms | p99 ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(line("Health/Check (baseline)", baseline))
    print(line(f"Forecast, computed: all {len(reply.areas)} beats, all SHAP contributions", computed))
    print(line("Forecast, the same requests again (memo)", repeated))


if __name__ == "__main__":
    main()
