"""Predict latency through the RPC over a Unix socket: one connection, sequential calls, each a
different incident context (beat, hour, day, month, location, type) answered by all four models
with every SHAP contribution. Prints p50/p90/p99/max, and a Health/Check baseline measured the
same way (the client's and the transport's share of each call).

Usage: bench.py unix:///path/predict.sock [calls]
"""
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
import crimescope_wire as wire  # noqa: E402

wire.generate_protos(ROOT, Path("/tmp/cs-predict-bench-protos"))
pr = wire.pb("predict.v1.predict")
METHOD = "/crimescope.predict.v1.Predict/Predict"
BEATS = ["0111", "0123", "0313", "0423", "0511", "0621", "0713", "0825", "0914", "1011", "1112", "1213",
         "1411", "1533", "1634", "1722", "1834", "1922", "2011", "2222", "2413", "2533"]
LOCATIONS = ["STREET", "RESIDENCE", "APARTMENT", "SIDEWALK", "SMALL RETAIL STORE", "RESTAURANT",
             "PARKING LOT/GARAGE(NON.RESID.)", "CTA TRAIN", "PARK PROPERTY", "SCHOOL, PUBLIC, BUILDING", "ALLEY"]
TYPES = ["THEFT", "BATTERY", "CRIMINAL DAMAGE", "NARCOTICS", "ASSAULT", "BURGLARY", "ROBBERY", "DECEPTIVE PRACTICE"]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def line(name, times):
    return (f"| {name} | {len(times)} | {percentile(times, 50):.2f} | {percentile(times, 90):.2f} | "
            f"{percentile(times, 99):.2f} | {max(times):.2f} |")


def main():
    endpoint = sys.argv[1]
    calls = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rng = random.Random(2017)
    requests = [pr.PredictRequest(context=pr.IncidentContext(
        city="chicago", area=rng.choice(BEATS), hour=rng.randrange(24), day_of_week=rng.randrange(7),
        month=rng.randrange(1, 13), location_description=rng.choice(LOCATIONS), primary_type=rng.choice(TYPES)),
        top_contributions=0, top_classes=5) for _ in range(calls)]
    health = wire.pb("health.v1.health")
    with wire.WireConnection(endpoint) as conn:
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
            reply = conn.call(METHOD, request)
            times.append((time.perf_counter() - start) * 1000)
            if reply.code != 0:
                raise SystemExit(f"Predict failed: {reply.code} {reply.message}")
        answers = pr.PredictResponse.FromString(reply.payload).answers
        if len(answers) != 4:
            raise SystemExit(f"Predict returned {len(answers)} answers, expected 4")
    print("| call | calls | p50 ms | p90 ms | p99 ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(line("Health/Check (baseline)", baseline))
    print(line("Predict: 4 models, all SHAP contributions", times))


if __name__ == "__main__":
    main()
