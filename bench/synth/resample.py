#!/usr/bin/env python3
"""Synthetic Chicago crime rows resampled from the real ones, with a fixed seed.

Every output row is a real Chicago row (../shared/data/chicago-crimes, portal CSV schema, see
SOURCES.md there) moved a little in space and time, with a fresh unique ID and Case Number:

* spatial jitter: a Gaussian offset of about --jitter-m metres (root-mean-square distance), applied
  to X/Y Coordinate (US survey feet, EPSG:3435) and Latitude/Longitude alike, so both stay
  consistent (checked with pyproj on 2,912 rows: the two displacements agree within 0.2 m, the
  rounding of whole feet; root-mean-square jitter 98.7 m); Beat, District, Ward and Community Area are kept. Rows without coordinates, and the
  portal's null geocode (X/Y = 0), are kept as they are.
* temporal jitter: a whole number of days in [-3, 3], and ±30 minutes unless the time is the
  portal's "time unknown" 12:00:00 AM / 12:01:00 AM; the date is then put into the target year
  (a shift past the year's end goes the other way; Dec 31 of a leap source year wraps), so every row of a year file lies in that year. `Updated On`
  keeps its distance from `Date`.

Modes (exactly one):
  --year 2018   one year shaped like 2017: each 2017 row once (267,792 rows), dated 2018.
                The data's 2018 is synthetic: the shared data holds Chicago 2010–2017 only.
  --rows N      N rows spread over 2010–2018 in proportion to each year's real size (2018 sized
                like 2017 and sampled from it); a source year is passed over as often as needed,
                the last pass keeping an exact random subset (selection sampling). Streamed: rows
                are never held in memory, so N = 25,000,000 is fine (about 4 GiB of CSV).

The output (.csv, .csv.gz or .csv.xz; `-` is stdout) is the portal's 20-column CSV, which
`ingest load --city chicago` accepts. Compression runs in a `gzip -1` / `xz -T0 -1` child.

    bench/synth/resample.py --year 2018 --out /tmp/chicago_crimes_2018.csv.xz
    bench/synth/resample.py --rows 25000000 --out /tmp/chicago_25m.csv
"""
import argparse
import csv
import datetime
import math
import os
import random
import subprocess
import sys

HEADER = ["ID", "Case Number", "Date", "Block", "IUCR", "Primary Type", "Description",
          "Location Description", "Arrest", "Domestic", "Beat", "District", "Ward", "Community Area",
          "FBI Code", "X Coordinate", "Y Coordinate", "Updated On", "Latitude", "Longitude"]
SOURCE_YEARS = list(range(2010, 2018))
# Illinois East (EPSG:3435): central meridian, for the grid's convergence angle.
CENTRAL_MERIDIAN = -88.0 - 20.0 / 60.0
US_SURVEY_FOOT_M = 1200.0 / 3937.0
# The ingest's accepted box for Chicago (GeoBounds.chicago); a jitter that leaves it is redrawn.
LAT_RANGE = (41.60, 42.10)
LON_RANGE = (-88.00, -87.50)
UNKNOWN_TIMES = ("12:00:00 AM", "12:01:00 AM")


def default_data_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    package = os.path.dirname(os.path.dirname(here))
    return os.environ.get("CRIMESCOPE_SHARED_DATA", os.path.join(os.path.dirname(package), "shared", "data"))


def source_path(data_dir, year):
    return os.path.join(data_dir, "chicago-crimes", f"chicago_crimes_{year}.csv.xz")


def open_source(path):
    """A text stream of the decompressed file, and the child process behind it."""
    child = subprocess.Popen(["xz", "-dc", path], stdout=subprocess.PIPE)
    return child, open(child.stdout.fileno(), "r", encoding="utf-8", newline="", closefd=False)


def count_rows(path):
    child = subprocess.Popen(["xz", "-dc", path], stdout=subprocess.PIPE)
    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: child.stdout.read(1 << 20), b""))
    if child.wait() != 0:
        sys.exit(f"xz failed on {path}")
    return lines - 1


def open_output(path):
    """A text stream for the output and the compressing child, if any."""
    if path == "-":
        return sys.stdout, None
    tool = {".xz": ["xz", "-T0", "-1", "-c"], ".gz": ["gzip", "-1", "-c"]}.get(os.path.splitext(path)[1])
    if tool is None:
        return open(path, "w", encoding="utf-8", newline=""), None
    target = open(path, "wb")
    child = subprocess.Popen(tool, stdin=subprocess.PIPE, stdout=target)
    target.close()
    return open(child.stdin.fileno(), "w", encoding="utf-8", newline="", closefd=False, buffering=1 << 20), child


def parse_time(text):
    """`MM/DD/YYYY hh:mm:ss AM` → (proleptic ordinal day, seconds of the day)."""
    month, day, year = int(text[0:2]), int(text[3:5]), int(text[6:10])
    hour, minute, second = int(text[11:13]) % 12, int(text[14:16]), int(text[17:19])
    if text[20] == "P":
        hour += 12
    return datetime.date(year, month, day).toordinal(), hour * 3600 + minute * 60 + second


def format_time(ordinal, seconds):
    date = datetime.date.fromordinal(ordinal)
    hour, rest = divmod(seconds, 3600)
    minute, second = divmod(rest, 60)
    half = "PM" if hour >= 12 else "AM"
    return f"{date.month:02d}/{date.day:02d}/{date.year:04d} {(hour % 12) or 12:02d}:{minute:02d}:{second:02d} {half}"


class Resampler:
    def __init__(self, seed, jitter_m, id_start):
        self.rng = random.Random(seed)
        # Per-axis sigma so that the root-mean-square distance is jitter_m.
        self.sigma = jitter_m / math.sqrt(2.0)
        self.next_id = id_start

    def row(self, source, source_year, target_year):
        rng = self.rng
        out = list(source)
        out[0] = str(self.next_id)
        out[1] = f"SY{self.next_id}"
        self.next_id += 1
        self.move_in_time(out, source_year, target_year)
        self.move_in_space(out)
        return out

    def move_in_time(self, out, source_year, target_year):
        rng = self.rng
        ordinal, seconds = parse_time(out[2])
        original = ordinal * 86400 + seconds
        shift = rng.randint(-3, 3) * 86400
        if out[2][11:] not in UNKNOWN_TIMES:
            shift += rng.randint(-1800, 1800)
        start = datetime.date(source_year, 1, 1).toordinal() * 86400
        target_start = datetime.date(target_year, 1, 1).toordinal() * 86400
        year_seconds = datetime.date(target_year + 1, 1, 1).toordinal() * 86400 - target_start
        offset = original - start
        if not 0 <= offset + shift < year_seconds:
            shift = -shift  # a shift out of the year goes the other way instead
        moved = target_start + (offset + shift) % year_seconds
        out[2] = format_time(*divmod(moved, 86400))
        if out[17]:
            u_ordinal, u_seconds = parse_time(out[17])
            delay = max(0, u_ordinal * 86400 + u_seconds - original)
            out[17] = format_time(*divmod(moved + delay, 86400))

    def move_in_space(self, out):
        x, y, lat, lon = out[15], out[16], out[18], out[19]
        if not lat or not lon or (x == "0" and y == "0"):
            return
        latitude, longitude = float(lat), float(lon)
        if not (LAT_RANGE[0] <= latitude <= LAT_RANGE[1] and LON_RANGE[0] <= longitude <= LON_RANGE[1]):
            return
        phi = math.radians(latitude)
        metres_per_degree_lat = 111132.954 - 559.822 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
        metres_per_degree_lon = 111412.84 * math.cos(phi) - 93.5 * math.cos(3 * phi)
        for _ in range(8):
            east, north = self.rng.gauss(0.0, self.sigma), self.rng.gauss(0.0, self.sigma)
            new_lat = latitude + north / metres_per_degree_lat
            new_lon = longitude + east / metres_per_degree_lon
            if LAT_RANGE[0] < new_lat < LAT_RANGE[1] and LON_RANGE[0] < new_lon < LON_RANGE[1]:
                break
        else:
            return
        out[18] = f"{new_lat:.9f}".rstrip("0")
        out[19] = f"{new_lon:.9f}".rstrip("0")
        if x and y:
            # Grid north is turned from true north by the convergence angle (~0.45° in Chicago).
            gamma = math.radians((longitude - CENTRAL_MERIDIAN) * math.sin(phi))
            grid_east = east * math.cos(gamma) - north * math.sin(gamma)
            grid_north = east * math.sin(gamma) + north * math.cos(gamma)
            out[15] = str(round(float(x) + grid_east / US_SURVEY_FOOT_M))
            out[16] = str(round(float(y) + grid_north / US_SURVEY_FOOT_M))


def emit_pass(resampler, writer, data_dir, source_year, target_year, keep=None, total=None):
    """One pass over a source year; keep = how many of its `total` rows to emit (None: all)."""
    child, stream = open_source(source_path(data_dir, source_year))
    reader = csv.reader(stream)
    if next(reader) != HEADER:
        sys.exit(f"unexpected header in {source_path(data_dir, source_year)}")
    rng = resampler.rng
    seen = 0
    for source in reader:
        if keep is not None:
            # Knuth's selection sampling: each row is kept with probability (needed / left).
            if keep <= 0:
                break
            if rng.random() * (total - seen) >= keep:
                seen += 1
                continue
            seen += 1
            keep -= 1
        writer.writerow(resampler.row(source, source_year, target_year))
    stream.close()
    child.stdout.close()
    child.wait()


def allocate(total, sizes):
    """Split total over the keys of sizes in proportion to them (largest remainders)."""
    whole = sum(sizes.values())
    shares = {year: total * size / whole for year, size in sizes.items()}
    counts = {year: int(share) for year, share in shares.items()}
    for year in sorted(shares, key=lambda y: shares[y] - counts[y], reverse=True)[: total - sum(counts.values())]:
        counts[year] += 1
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--year", type=int, help="one synthetic year sampled from 2017 (e.g. 2018)")
    mode.add_argument("--rows", type=int, help="this many rows over 2010-2018")
    parser.add_argument("--out", required=True, help="output .csv, .csv.gz or .csv.xz, or - for stdout")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--jitter-m", type=float, default=100.0, help="root-mean-square spatial jitter in metres")
    parser.add_argument("--id-start", type=int, help="first ID (default: 50,000,000 + 1,000,000 per year after 2000 "
                        "for --year, 100,000,000 for --rows; real IDs stay below 12,000,000)")
    parser.add_argument("--data", default=default_data_dir(), help="the shared data folder")
    args = parser.parse_args()
    if args.rows is not None and args.rows < 0:
        parser.error("--rows must not be negative")
    if args.year is not None and not 1900 < args.year < 3000:
        parser.error("--year must be a four-digit year")
    id_start = args.id_start
    if id_start is None:
        id_start = 50_000_000 + (args.year - 2000) * 1_000_000 if args.year is not None else 100_000_000
    resampler = Resampler(args.seed, args.jitter_m, id_start)
    stream, child = open_output(args.out)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    if args.year is not None:
        emit_pass(resampler, writer, args.data, 2017, args.year)
    else:
        real = {year: count_rows(source_path(args.data, year)) for year in SOURCE_YEARS}
        sizes = {**real, 2018: real[2017]}
        for target_year, wanted in sorted(allocate(args.rows, sizes).items()):
            source_year = min(target_year, 2017)
            passes, rest = divmod(wanted, real[source_year])
            for _ in range(passes):
                emit_pass(resampler, writer, args.data, source_year, target_year)
            if rest:
                emit_pass(resampler, writer, args.data, source_year, target_year, keep=rest, total=real[source_year])
    stream.flush()
    if child is not None:
        stream.close()
        child.stdin.close()
        if child.wait() != 0:
            sys.exit("compressor failed")
    elif stream is not sys.stdout:
        stream.close()


if __name__ == "__main__":
    main()
