"""GetAreaShapes latency, one connection per replica, sequential calls: per city, the follower
before the leader copied the city, the leader's first call (it copies), the leader and the
follower from the copy. Prints p50/p99/max in ms and the reply size.

Usage: area_shapes.py unix:///leader.sock unix:///follower.sock [calls]
"""
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
import crimescope_wire as wire  # noqa: E402

wire.generate_protos(ROOT, Path("/tmp/cs-area-shapes-bench-protos"))
hm = wire.pb("heatmap.v1.heatmap")
METHOD = "/crimescope.heatmap.v1.Heatmap/GetAreaShapes"


def timed(connection, city, calls):
    times, size = [], 0
    for _ in range(calls):
        start = time.perf_counter()
        reply = connection.call(METHOD, hm.AreaShapesRequest(city=city))
        times.append((time.perf_counter() - start) * 1000)
        if reply.code != 0:
            raise SystemExit(f"{city}: {reply.code} {reply.message}")
        size = len(reply.payload)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))], times[-1], size


def main():
    leader_endpoint, follower_endpoint = sys.argv[1], sys.argv[2]
    calls = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    print(f"{'city':8} {'case':36} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'bytes':>9}")
    with wire.WireConnection(leader_endpoint, 120) as leader, wire.WireConnection(follower_endpoint, 120) as follower:
        for city in ("chicago", "nyc"):
            rows = [("follower, no copy yet (ListAreas + simplify)", timed(follower, city, calls)),
                    ("leader, first call (copies)", timed(leader, city, 1)),
                    ("leader, from its copy", timed(leader, city, calls)),
                    ("follower, from the copy", timed(follower, city, calls))]
            for case, (p50, p99, worst, size) in rows:
                print(f"{city:8} {case:36} {p50:8.1f} {p99:8.1f} {worst:8.1f} {size:9d}")


main()
