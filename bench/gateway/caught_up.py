"""Waits until the heatmap service's rollups of a city's years agree with the ingest service's
recount (Heatmap/Check over its Unix socket), printing how long that took. Used by run.sh."""

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "python"))
import crimescope_wire as wire  # noqa: E402


def main() -> None:
    socket_path, city, first, last = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    out = Path(tempfile.mkdtemp(prefix="cs-gwb-protos-"))
    wire.generate_protos(ROOT, out)
    sys.path.insert(0, str(out))
    heatmap = wire.pb("heatmap.v1.heatmap")
    import calendar
    request = heatmap.CheckRequest(city=city)
    request.range.start_local_seconds = calendar.timegm((first, 1, 1, 0, 0, 0))
    request.range.end_local_seconds = calendar.timegm((last + 1, 1, 1, 0, 0, 0))
    start = time.monotonic()
    wire.wait_for_endpoint(f"unix://{socket_path}", 60, lambda: True)
    while time.monotonic() - start < 1800:
        with wire.WireConnection(f"unix://{socket_path}") as conn:
            reply = conn.call("/crimescope.heatmap.v1.Heatmap/Check", request)
        if reply.code == 0:
            check = heatmap.CheckResponse()
            check.ParseFromString(reply.payload)
            if check.consistent:
                print(f"heatmap caught up with {city} {first}-{last} in {time.monotonic() - start:.0f} s")
                return
        time.sleep(2)
    sys.exit("the heatmap did not catch up within 30 minutes")


if __name__ == "__main__":
    main()
