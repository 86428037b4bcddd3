"""GetBeatHeatmap latency through the RPC over a Unix socket: one connection, sequential calls,
a mix of filter combinations; then GetWindowHeatmap per granularity, GetYearGrids,
GetHexHotspots and GetSeries the same way (second table). Prints p50/p99/max per combination and overall, and a Health/Check
baseline measured the same way (the client's and the transport's share of each call).

Usage: bench.py unix:///path/heatmap.sock [calls-per-combination] [--skip-beat]
"""
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
import crimescope_wire as wire  # noqa: E402

wire.generate_protos(ROOT, Path("/tmp/cs-heatmap-bench-protos"))
hm = wire.pb("heatmap.v1.heatmap")
METHOD = "/crimescope.heatmap.v1.Heatmap/GetBeatHeatmap"

COMBOS = {
    "year": hm.BeatHeatmapRequest(city="chicago", year=2017),
    "year+type": hm.BeatHeatmapRequest(city="chicago", year=2015, primary_type="THEFT"),
    "year+hours": hm.BeatHeatmapRequest(city="chicago", year=2016, hours=hm.HourRange(hour_min=8, hour_max=17)),
    "year+hours wrap+type": hm.BeatHeatmapRequest(city="chicago", year=2017, primary_type="BATTERY",
                                                  hours=hm.HourRange(hour_min=22, hour_max=5)),
    "range 2010-2017": hm.BeatHeatmapRequest(city="chicago", year_from=2010, year_to=2017),
    "range+type+hours": hm.BeatHeatmapRequest(city="chicago", year_from=2012, year_to=2017, primary_type="NARCOTICS",
                                              hours=hm.HourRange(hour_min=20, hour_max=2)),
    "all years": hm.BeatHeatmapRequest(city="chicago"),
}


# Local seconds of 2017-12-20 07:00 and 2017-08-09 19:00 (odd reference times).
DEC20 = 1_513_753_200
AUG09 = 1_502_305_200
OTHERS = {
    "GetWindowHeatmap 6 h (hourly)": ("GetWindowHeatmap", hm.WindowHeatmapRequest(
        city="chicago", last_hours=6, reference_local_seconds=DEC20)),
    "GetWindowHeatmap 30 d (daily)": ("GetWindowHeatmap", hm.WindowHeatmapRequest(
        city="chicago", last_hours=720, reference_local_seconds=DEC20)),
    "GetWindowHeatmap 1 y (weekly)": ("GetWindowHeatmap", hm.WindowHeatmapRequest(
        city="chicago", last_hours=8760, reference_local_seconds=AUG09)),
    "GetWindowHeatmap 5 y (monthly)": ("GetWindowHeatmap", hm.WindowHeatmapRequest(
        city="chicago", last_hours=43830, reference_local_seconds=AUG09)),
    "GetWindowHeatmap 1 y THEFT (weekly)": ("GetWindowHeatmap", hm.WindowHeatmapRequest(
        city="chicago", last_hours=8760, reference_local_seconds=AUG09, primary_type="THEFT")),
    "GetWindowHeatmap 90 d (daily)": ("GetWindowHeatmap", hm.WindowHeatmapRequest(
        city="chicago", last_hours=2160, reference_local_seconds=AUG09)),
    "GetWindowHeatmap 2 y (weekly)": ("GetWindowHeatmap", hm.WindowHeatmapRequest(
        city="chicago", last_hours=17532, reference_local_seconds=DEC20)),
    "GetWindowHeatmap 5 y NARCOTICS (monthly)": ("GetWindowHeatmap", hm.WindowHeatmapRequest(
        city="chicago", last_hours=43830, reference_local_seconds=DEC20, primary_type="NARCOTICS")),
    "GetYearGrids 2017": ("GetYearGrids", hm.YearGridsRequest(city="chicago", year=2017)),
    "GetYearGrids 2015 THEFT": ("GetYearGrids", hm.YearGridsRequest(city="chicago", year=2015, primary_type="THEFT")),
    "GetHexHotspots 12 months W=3": ("GetHexHotspots", hm.HexHotspotsRequest(
        city="chicago", first_month="2017-01", months=12, window_months=3)),
    "GetHexHotspots Met burglary 36 months W=1": ("GetHexHotspots", hm.HexHotspotsRequest(
        city="uk-metropolitan", first_month="2015-01", months=36, window_months=1)),
    "GetHexHotspots Met burglary 36 months W=3": ("GetHexHotspots", hm.HexHotspotsRequest(
        city="uk-metropolitan", first_month="2015-01", months=36, window_months=3)),
    "GetHexHotspots Met burglary 36 months W=12": ("GetHexHotspots", hm.HexHotspotsRequest(
        city="uk-metropolitan", first_month="2015-01", months=36, window_months=12)),
    "GetSeries 1 y": ("GetSeries", hm.SeriesRequest(city="chicago", range=wire.pb("common.v1.common").LocalTimeRange(
        start_local_seconds=1_483_315_200, end_local_seconds=1_514_764_800))),
}


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(conn, method, request, calls):
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        reply = conn.call(method, request)
        times.append((time.perf_counter() - start) * 1000)
        if reply.code != 0:
            raise SystemExit(f"{method} failed: {reply.code} {reply.message}")
    return times


def line(name, times):
    return f"| {name} | {len(times)} | {percentile(times, 50):.3f} | {percentile(times, 99):.3f} | {max(times):.3f} |"


def main():
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    skip_beat = "--skip-beat" in sys.argv
    endpoint = args[0]
    calls = int(args[1]) if len(args) > 1 else 1000
    health = wire.pb("health.v1.health")
    with wire.WireConnection(endpoint) as conn:
        for request in ({} if skip_beat else COMBOS).values():
            measure(conn, METHOD, request, 50)
        baseline = measure(conn, wire.HEALTH_CHECK, health.HealthCheckRequest(), calls)
        print("| call | calls | p50 ms | p99 ms | max ms |")
        print("|---|---|---|---|---|")
        print(line("Health/Check (baseline)", baseline))
        everything = []
        # Interleave the combinations so that none is measured only warm.
        per = {name: [] for name in COMBOS}
        for _ in range(0 if skip_beat else calls):
            for name, request in COMBOS.items():
                per[name] += measure(conn, METHOD, request, 1)
        for name, times in per.items():
            if not times:
                continue
            everything += times
            print(line(f"GetBeatHeatmap {name}", times))
        if everything:
            print(line("GetBeatHeatmap, all combinations", everything))
        others_calls = max(calls // 5, 20)
        print()
        print("| call | calls | p50 ms | p99 ms | max ms |")
        print("|---|---|---|---|---|")
        for name, (method, request) in OTHERS.items():
            path = f"/crimescope.heatmap.v1.Heatmap/{method}"
            measure(conn, path, request, 10)
            print(line(name, measure(conn, path, request, others_calls)))


if __name__ == "__main__":
    main()
