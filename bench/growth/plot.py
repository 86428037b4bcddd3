"""Draws the growth curve (bench/growth/run.sh's CSV) as one PNG of four panels against the
number of incidents: load-to-visible rows/s, restart seconds to SERVING, the heatmap's RSS, and
the heatmap's latency (RPC GetBeatHeatmap and HTTP through the gateway, p50 and p99), each with
issue 14's target as a dashed line.

Usage: plot.py docs/growth-curve.csv docs/growth-curve.png   (matplotlib from PyPI)
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def number(text):
    return float(text) if text not in ("", None) else float("nan")


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, newline="") as stream:
        rows = sorted(csv.DictReader(stream), key=lambda row: int(row["incidents_target"]))
    if not rows:
        sys.exit(f"no rows in {source}")
    millions = [number(row["incidents"]) / 1e6 for row in rows]

    def series(name):
        return [number(row[name]) for row in rows]

    figure, axes = plt.subplots(2, 2, figsize=(11, 8))
    rate, restart, memory, latency = axes.flat

    rate.plot(millions, [value / 1000 for value in series("load_to_visible_rows_per_s")], "o-", label="load to visible")
    rate.plot(millions, [n * 1000 / value for n, value in zip(millions, series("ingest_load_s"))], "s--",
              label="ingest load alone", alpha=0.6)
    rate.axhline(150, color="grey", linestyle=":", label="target 150k")
    rate.set_ylabel("thousand rows/s")
    rate.set_title("Load to visible (one ingest load, empty database)")

    restart.plot(millions, series("restart_s"), "o-", label="process start → SERVING (median of 3)")
    restart.axhline(5, color="grey", linestyle=":", label="target 5 s")
    restart.set_ylabel("seconds")
    restart.set_title("Heatmap restart")

    memory.plot(millions, series("restart_rss_mib"), "o-", label="RSS after restart")
    memory.plot(millions, series("heatmap_rss_after_load_mib"), "s--", label="RSS after the load", alpha=0.6)
    memory.plot([0] + millions, [0] + [150 * n for n in millions], color="grey", linestyle=":", label="150 MiB per million")
    for n, rss, per in zip(millions, series("restart_rss_mib"), series("rss_mib_per_million")):
        memory.annotate(f"{per:.0f} MiB/M", (n, rss), textcoords="offset points", xytext=(4, -12), fontsize=8)
    memory.set_ylabel("MiB")
    memory.set_title("Heatmap memory")

    latency.plot(millions, series("rpc_beat_p50_ms"), "o-", label="RPC GetBeatHeatmap p50")
    latency.plot(millions, series("rpc_beat_p99_ms"), "o--", label="RPC GetBeatHeatmap p99")
    latency.plot(millions, series("http_p50_ms"), "s-", label="HTTP mix, 64 conns, p50")
    latency.plot(millions, series("http_p99_ms"), "s--", label="HTTP mix, 64 conns, p99")
    latency.axhline(10, color="grey", linestyle=":", label="target p99 10 ms (HTTP)")
    latency.set_yscale("log")
    latency.set_ylabel("ms")
    latency.set_title("Heatmap latency (nine-year mix)")

    for axis in axes.flat:
        axis.set_xlabel("incidents (millions)")
        axis.set_xlim(left=0)
        axis.grid(True, alpha=0.3)
        axis.legend(fontsize=8, loc="center right" if axis is latency else "best")
    for axis in (rate, restart, memory):
        axis.set_ylim(bottom=0)
    commits = ", ".join(sorted({row["commit"] for row in rows}))
    loads = "; ".join(f"{float(row['incidents']) / 1e6:g}M: {row['load_avg_load']} / {row['load_avg_restart']} / "
                      f"{row['load_avg_http']}" for row in rows)
    figure.suptitle(f"CrimeScope growth curve: synthetic Chicago 2010–2018 (bench/growth/run.sh), 2 cores, commit {commits}\n"
                    f"1-min load average during the load / restarts / wrk: {loads}", fontsize=10)
    figure.tight_layout()
    figure.savefig(target, dpi=110)


if __name__ == "__main__":
    main()
