"""Runs a load command and watches the heatmap follow it: how far behind ingest's commits it is
while the load runs, and when it reflects the whole load.

Every ~50 ms it reads the newest committed outbox position (one psql session kept open) and the
heatmap's position (Heatmap/WatchPosition with after = -1 answers at once). The heatmap's lag at a
sample is the time since the watcher first saw committed the oldest outbox entry the heatmap has
not applied (0 when it has applied everything committed): seconds of commits behind, measured
from outside both services. Once the load command has exited, it long-polls WatchPosition until
the heatmap reaches the final outbox position: that moment is "visible" (every view is answered
from that one index at that position). Then it checks the views' totals against ingest's table.

Usage: watch.py HEATMAP_ENDPOINT DATABASE_URL CITY -- LOAD COMMAND…
Prints key=value lines (load_seconds, visible_seconds, max_lag_seconds, …) for run.sh.
"""
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
import crimescope_wire as wire  # noqa: E402

wire.generate_protos(ROOT, Path("/tmp/cs-e2e-bench-protos"))
hm = wire.pb("heatmap.v1.heatmap")
common = wire.pb("common.v1.common")
WATCH = "/crimescope.heatmap.v1.Heatmap/WatchPosition"


class Psql:
    """One psql session answering single-value queries over a pipe."""

    def __init__(self, url):
        self.process = subprocess.Popen(["psql", url, "-qtAX", "-v", "ON_ERROR_STOP=0"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True, bufsize=1)

    def value(self, sql):
        self.process.stdin.write(sql.rstrip(";") + ";\n\\echo __end\n")
        self.process.stdin.flush()
        lines = []
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise SystemExit("psql ended")
            line = line.rstrip("\n")
            if line == "__end":
                return lines[0] if lines else ""
            lines.append(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def heatmap_position(conn, after=-1, hold_ms=0):
    reply = conn.call(WATCH, hm.WatchPositionRequest(after=after, hold_ms=hold_ms))
    if reply.code != 0:
        raise SystemExit(f"WatchPosition failed: {reply.code} {reply.message}")
    response = hm.WatchPositionResponse()
    response.ParseFromString(reply.payload)
    return response.position


def call(conn, method, request, response_type):
    reply = conn.call(f"/crimescope.heatmap.v1.Heatmap/{method}", request)
    if reply.code != 0:
        raise SystemExit(f"{method} failed: {reply.code} {reply.message}")
    response = response_type()
    response.ParseFromString(reply.payload)
    return response


def main():
    split = sys.argv.index("--")
    endpoint, url, city = sys.argv[1:split]
    command = sys.argv[split + 1:]
    psql = Psql(url)
    first_seen = []  # (time, committed outbox position), ascending
    max_lag, samples = 0.0, 0
    with wire.WireConnection(endpoint, timeout=120) as conn:
        start_position = heatmap_position(conn)
        start = time.monotonic()
        load = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output = []
        reader = threading.Thread(target=lambda: output.extend(load.stdout), daemon=True)
        reader.start()
        while load.poll() is None:
            now = time.monotonic()
            committed = int(psql.value("SELECT COALESCE(max(position), 0) FROM ingest.outbox") or 0)
            if not first_seen or committed > first_seen[-1][1]:
                first_seen.append((now, committed))
            applied = heatmap_position(conn)
            samples += 1
            if applied < committed:
                # The first sample that saw an entry after `applied` committed.
                seen = next(t for t, position in first_seen if position > applied)
                max_lag = max(max_lag, time.monotonic() - seen)
            time.sleep(0.05)
        load_seconds = time.monotonic() - start
        reader.join()
        if load.returncode != 0:
            sys.stdout.write("".join(output))
            raise SystemExit(f"load failed with status {load.returncode}")
        last = int(psql.value("SELECT COALESCE(max(position), 0) FROM ingest.outbox") or 0)
        position = heatmap_position(conn)
        while position < last:
            position = heatmap_position(conn, after=position, hold_ms=10_000)
        visible_seconds = time.monotonic() - start
        # The views at that position against ingest's table (not timed).
        rows = int(psql.value(f"SELECT count(*) FROM ingest.incidents WHERE city = '{city}'"))
        y2017 = int(psql.value(f"""SELECT count(*) FROM ingest.incidents WHERE city = '{city}'
                                   AND occurred >= '2017-01-01' AND occurred < '2018-01-01'"""))
        beat = call(conn, "GetBeatHeatmap", hm.BeatHeatmapRequest(city=city), hm.BeatHeatmapResponse)
        window = call(conn, "GetWindowHeatmap", hm.WindowHeatmapRequest(
            city=city, last_hours=8760, reference_local_seconds=1_514_764_800), hm.WindowHeatmapResponse)
        hourly = call(conn, "GetWindowHeatmap", hm.WindowHeatmapRequest(
            city=city, last_hours=72, reference_local_seconds=1_514_764_800), hm.WindowHeatmapResponse)
        hours72 = int(psql.value(f"""SELECT count(*) FROM ingest.incidents WHERE city = '{city}'
                                     AND occurred >= '2017-12-29' AND occurred < '2018-01-01'"""))
        series = call(conn, "GetSeries", hm.SeriesRequest(city=city, range=common.LocalTimeRange(
            start_local_seconds=1_483_315_200, end_local_seconds=1_514_764_800)), hm.SeriesResponse)
        grids = call(conn, "GetYearGrids", hm.YearGridsRequest(city=city, year=2017), hm.YearGridsResponse)
        hexes = call(conn, "GetHexHotspots", hm.HexHotspotsRequest(city=city, first_month="2017-01", months=12,
                                                                     window_months=3), hm.HexHotspotsResponse)
    psql.close()
    series_total = sum(sum(s.weekly_counts) for s in series.series)
    grid_total = sum(month.total for month in grids.months)
    print(f"start_position={start_position}")
    print(f"last_position={last}")
    print(f"samples={samples}")
    print(f"load_seconds={load_seconds:.2f}")
    print(f"visible_seconds={visible_seconds:.2f}")
    print(f"max_lag_seconds={max_lag:.2f}")
    print(f"ingest_rows={rows} ingest_2017={y2017} ingest_2017_last_72h={hours72}")
    print(f"beat_total={beat.total.incidents} window_2017_total={window.total.incidents} "
          f"window_last_72h_total={hourly.total.incidents} series_2017_weeks_total={series_total} "
          f"grid_2017_total={grid_total} hex_2017_cells={len(hexes.cells)}")
    ok = beat.total.incidents == rows and window.total.incidents == y2017 and hourly.total.incidents == hours72
    print(f"views_match={'yes' if ok else 'NO'}")
    for line in output:
        if " done" in line or "FAILED" in line:
            sys.stdout.write("ingest: " + line)


if __name__ == "__main__":
    main()
