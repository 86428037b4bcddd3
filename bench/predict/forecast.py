"""Forecast latency through the RPC over a Unix socket: one connection, sequential calls, each
asking for every beat's expected count for a week with every SHAP contribution (the week after
the data 1-4 weeks ahead, per crime group, and backtests of earlier weeks). Prints the first
call (it fetches the weekly series from the heatmap) apart, then p50/p90/p99/max of the rest,
and a Health/Check baseline measured the same way.

Usage: forecast.py unix:///path/predict.sock [calls]
"""
import random
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
    rng = random.Random(2017)
    requests = [pr.ForecastRequest(city="chicago", weeks_ahead=rng.randrange(1, 5), crime_group=rng.choice(GROUPS),
                                   top_contributions=0) for _ in range(calls)]
    health = wire.pb("health.v1.health")
    with wire.WireConnection(endpoint) as conn:
        start = time.perf_counter()
        first = conn.call(METHOD, pr.ForecastRequest(city="chicago"))
        cold = (time.perf_counter() - start) * 1000
        if first.code != 0:
            raise SystemExit(f"Forecast failed: {first.code} {first.message}")
        reply = pr.ForecastResponse.FromString(first.payload)
        for request in requests[:20]:  # warm-up
            conn.call(METHOD, request)
        baseline = []
        for _ in range(calls):
            start = time.perf_counter()
            conn.call(wire.HEALTH_CHECK, health.HealthCheckRequest())
            baseline.append((time.perf_counter() - start) * 1000)
        times = []
        for request in requests:
            start = time.perf_counter()
            answer = conn.call(METHOD, request)
            times.append((time.perf_counter() - start) * 1000)
            if answer.code != 0:
                raise SystemExit(f"Forecast failed: {answer.code} {answer.message}")
        last = pr.ForecastResponse.FromString(answer.payload)
        features = len(last.areas[0].explanation.contributions)
    print(f"model {reply.model_version}, week {reply.week_start}, {len(reply.areas)} beats, "
          f"{features} SHAP contributions each; first call (fetches the series) {cold:.1f} ms")
    print("| call | calls | p50 ms | p90 ms | p99 ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(line("Health/Check (baseline)", baseline))
    print(line(f"Forecast: all {len(reply.areas)} beats, all SHAP contributions", times))


if __name__ == "__main__":
    main()
