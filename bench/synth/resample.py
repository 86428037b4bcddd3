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
                the last pass keeping an exact random subset (selection sampling). Each target
                year has its own random stream (seed and year) and its own block of IDs, so the
                rows do not depend on --jobs or on --out versus --out-dir. A source year is read
                once and held (about 0.5 GiB) while it is passed over again.

The output (--out: .csv, .csv.gz or .csv.xz; `-` is stdout) is the portal's 20-column CSV, which
`ingest load --city chicago` accepts. Compression runs in a `gzip -1` / `xz -T0 -1` child. With
--rows, --out-dir DIR writes one file per target year instead, DIR/chicago_synthetic_YYYY.csv
(--suffix .csv.gz or .csv.xz to compress), made by --jobs worker processes.

    bench/synth/resample.py --year 2018 --out /tmp/chicago_crimes_2018.csv.xz
    bench/synth/resample.py --rows 25000000 --out-dir /tmp/chicago_25m --jobs 2
"""
import argparse
import csv
import datetime
import math
import multiprocessing
import os
import random
import subprocess
import sys

HEADER = ["ID", "Case Number", "Date", "Block", "IUCR", "Primary Type", "Description",
          "Location Description", "Arrest", "Domestic", "Beat", "District", "Ward", "Community Area",
          "FBI Code", "X Coordinate", "Y Coordinate", "Updated On", "Latitude", "Longitude"]
SOURCE_YEARS = list(range(2010, 2018))
TARGET_YEARS = SOURCE_YEARS + [2018]
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
        return open(path, "w", encoding="utf-8", newline="", buffering=1 << 20), None
    target = open(path, "wb")
    child = subprocess.Popen(tool, stdin=subprocess.PIPE, stdout=target)
    target.close()
    return open(child.stdin.fileno(), "w", encoding="utf-8", newline="", closefd=False, buffering=1 << 20), child


def close_output(stream, child):
    stream.flush()
    if child is not None:
        stream.close()
        child.stdin.close()
        if child.wait() != 0:
            sys.exit("compressor failed")
    elif stream is not sys.stdout:
        stream.close()


def parse_time(text):
    """`MM/DD/YYYY hh:mm:ss AM` → (proleptic ordinal day, seconds of the day)."""
    month, day, year = int(text[0:2]), int(text[3:5]), int(text[6:10])
    hour, minute, second = int(text[11:13]) % 12, int(text[14:16]), int(text[17:19])
    if text[20] == "P":
        hour += 12
    return datetime.date(year, month, day).toordinal(), hour * 3600 + minute * 60 + second


DATE_TEXT = {}


def format_time(ordinal, seconds):
    date = DATE_TEXT.get(ordinal)
    if date is None:
        day = datetime.date.fromordinal(ordinal)
        date = DATE_TEXT[ordinal] = f"{day.month:02d}/{day.day:02d}/{day.year:04d}"
    hour, rest = divmod(seconds, 3600)
    minute, second = divmod(rest, 60)
    return f"{date} {(hour % 12) or 12:02d}:{minute:02d}:{second:02d} {'PM' if hour >= 12 else 'AM'}"


class SourceRow:
    """A real row with what every resampling of it needs worked out once."""
    __slots__ = ("fields", "offset", "unknown_time", "update_delay", "place")

    def __init__(self, fields, source_year):
        self.fields = fields
        ordinal, seconds = parse_time(fields[2])
        original = ordinal * 86400 + seconds
        self.offset = original - datetime.date(source_year, 1, 1).toordinal() * 86400
        self.unknown_time = fields[2][11:] in UNKNOWN_TIMES
        self.update_delay = None
        if fields[17]:
            u_ordinal, u_seconds = parse_time(fields[17])
            self.update_delay = max(0, u_ordinal * 86400 + u_seconds - original)
        self.place = self.locate(fields)

    @staticmethod
    def locate(fields):
        """(lat, lon, x, y, metres per degree of lat and lon, cos and sin of the grid convergence)."""
        x, y, lat, lon = fields[15], fields[16], fields[18], fields[19]
        if not lat or not lon or (x == "0" and y == "0"):
            return None
        latitude, longitude = float(lat), float(lon)
        if not (LAT_RANGE[0] <= latitude <= LAT_RANGE[1] and LON_RANGE[0] <= longitude <= LON_RANGE[1]):
            return None
        phi = math.radians(latitude)
        per_lat = 111132.954 - 559.822 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
        per_lon = 111412.84 * math.cos(phi) - 93.5 * math.cos(3 * phi)
        grid = None
        if x and y:
            # Grid north is turned from true north by the convergence angle (~0.45° in Chicago).
            gamma = math.radians((longitude - CENTRAL_MERIDIAN) * math.sin(phi))
            grid = (float(x), float(y), math.cos(gamma), math.sin(gamma))
        return latitude, longitude, per_lat, per_lon, grid


class Resampler:
    def __init__(self, seed, jitter_m, id_start):
        self.rng = random.Random(seed)
        # Per-axis sigma so that the root-mean-square distance is jitter_m.
        self.sigma = jitter_m / math.sqrt(2.0)
        self.next_id = id_start

    def target(self, target_year):
        """Fixes the target year for the rows that follow."""
        self.target_start = datetime.date(target_year, 1, 1).toordinal() * 86400
        self.year_seconds = datetime.date(target_year + 1, 1, 1).toordinal() * 86400 - self.target_start

    def row(self, source):
        out = list(source.fields)
        out[0] = str(self.next_id)
        out[1] = f"SY{self.next_id}"
        self.next_id += 1
        self.move_in_time(out, source)
        self.move_in_space(out, source.place)
        return out

    def move_in_time(self, out, source):
        rng = self.rng
        shift = rng.randint(-3, 3) * 86400
        if not source.unknown_time:
            shift += rng.randint(-1800, 1800)
        offset = source.offset
        if not 0 <= offset + shift < self.year_seconds:
            shift = -shift  # a shift out of the year goes the other way instead
        moved = self.target_start + (offset + shift) % self.year_seconds
        out[2] = format_time(*divmod(moved, 86400))
        if source.update_delay is not None:
            out[17] = format_time(*divmod(moved + source.update_delay, 86400))

    def move_in_space(self, out, place):
        if place is None:
            return
        latitude, longitude, per_lat, per_lon, grid = place
        gauss, sigma = self.rng.gauss, self.sigma
        for _ in range(8):
            east, north = gauss(0.0, sigma), gauss(0.0, sigma)
            new_lat = latitude + north / per_lat
            new_lon = longitude + east / per_lon
            if LAT_RANGE[0] < new_lat < LAT_RANGE[1] and LON_RANGE[0] < new_lon < LON_RANGE[1]:
                break
        else:
            return
        out[18] = f"{new_lat:.9f}".rstrip("0")
        out[19] = f"{new_lon:.9f}".rstrip("0")
        if grid is not None:
            x, y, cos_gamma, sin_gamma = grid
            out[15] = str(round(x + (east * cos_gamma - north * sin_gamma) / US_SURVEY_FOOT_M))
            out[16] = str(round(y + (east * sin_gamma + north * cos_gamma) / US_SURVEY_FOOT_M))


def read_source(data_dir, source_year):
    """The source year's rows (lists of fields), streamed from its file."""
    path = source_path(data_dir, source_year)
    child = subprocess.Popen(["xz", "-dc", path], stdout=subprocess.PIPE)
    stream = open(child.stdout.fileno(), "r", encoding="utf-8", newline="", closefd=False)
    reader = csv.reader(stream)
    if next(reader, None) != HEADER:
        sys.exit(f"unexpected header in {path} (or it is missing)")
    yield from reader
    stream.close()
    child.stdout.close()
    if child.wait() != 0:
        sys.exit(f"xz failed on {path}")


def emit_pass(resampler, writer, rows, source_year, keep=None, total=None):
    """One pass over a source year's rows (SourceRows, or lists of fields prepared only when
    kept); keep = how many of its `total` rows to emit (None: all)."""
    rng = resampler.rng
    seen = 0
    for source in rows:
        if keep is not None:
            # Knuth's selection sampling: each row is kept with probability (needed / left).
            if keep <= 0:
                break
            if rng.random() * (total - seen) >= keep:
                seen += 1
                continue
            seen += 1
            keep -= 1
        if type(source) is list:
            source = SourceRow(source, source_year)
        writer.writerow(resampler.row(source))


def allocate(total, sizes):
    """Split total over the keys of sizes in proportion to them (largest remainders)."""
    whole = sum(sizes.values())
    shares = {year: total * size / whole for year, size in sizes.items()}
    counts = {year: int(share) for year, share in shares.items()}
    for year in sorted(shares, key=lambda y: shares[y] - counts[y], reverse=True)[: total - sum(counts.values())]:
        counts[year] += 1
    return counts


def emit_year(writer, plan):
    """All rows of one target year of a --rows city: plan is (target year, rows, first ID, …)."""
    target_year, wanted, id_start, seed, jitter_m, data_dir, source_size = plan
    resampler = Resampler(seed * 10_000 + target_year, jitter_m, id_start)
    resampler.target(target_year)
    source_year = min(target_year, 2017)
    passes, rest = divmod(wanted, source_size)
    rows = read_source(data_dir, source_year)
    if passes + (1 if rest else 0) > 1:
        rows = [SourceRow(fields, source_year) for fields in rows]
    for _ in range(passes):
        emit_pass(resampler, writer, rows, source_year)
    if rest:
        emit_pass(resampler, writer, rows, source_year, keep=rest, total=source_size)


def write_year_file(job):
    plan, path = job
    stream, child = open_output(path)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    emit_year(writer, plan)
    close_output(stream, child)
    return path, plan[1]


def count_source(job):
    data_dir, year = job
    return year, count_rows(source_path(data_dir, year))


def plan_city(args, pool):
    """One plan per target year with rows: (year, rows, first ID, seed, jitter, data, source size)."""
    real = dict(pool.map(count_source, [(args.data, year) for year in SOURCE_YEARS]))
    sizes = {**real, 2018: real[2017]}
    plans, next_id = [], args.id_start
    for target_year, wanted in sorted(allocate(args.rows, sizes).items()):
        if wanted:
            plans.append((target_year, wanted, next_id, args.seed, args.jitter_m, args.data, real[min(target_year, 2017)]))
        next_id += wanted
    return plans


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--year", type=int, help="one synthetic year sampled from 2017 (e.g. 2018)")
    mode.add_argument("--rows", type=int, help="this many rows over 2010-2018")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="output .csv, .csv.gz or .csv.xz, or - for stdout")
    target.add_argument("--out-dir", help="with --rows: one file per target year in this folder")
    parser.add_argument("--suffix", default=".csv", choices=[".csv", ".csv.gz", ".csv.xz"],
                        help="with --out-dir: the files' compression")
    parser.add_argument("--jobs", type=int, default=1, help="with --out-dir: worker processes")
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
    if args.out_dir is not None and args.rows is None:
        parser.error("--out-dir needs --rows")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.id_start is None:
        args.id_start = 50_000_000 + (args.year - 2000) * 1_000_000 if args.year is not None else 100_000_000
    if args.year is not None:
        stream, child = open_output(args.out)
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(HEADER)
        resampler = Resampler(args.seed, args.jitter_m, args.id_start)
        resampler.target(args.year)
        emit_pass(resampler, writer, read_source(args.data, 2017), 2017)
        close_output(stream, child)
        return
    with multiprocessing.Pool(args.jobs) as pool:
        plans = plan_city(args, pool)
        if args.out_dir is None:
            stream, child = open_output(args.out)
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(HEADER)
            for plan in plans:
                emit_year(writer, plan)
            close_output(stream, child)
            return
        os.makedirs(args.out_dir, exist_ok=True)
        # The largest years first, so that the workers finish close together.
        jobs = [(plan, os.path.join(args.out_dir, f"chicago_synthetic_{plan[0]}{args.suffix}"))
                for plan in sorted(plans, key=lambda plan: -plan[1])]
        for path, rows in pool.imap_unordered(write_year_file, jobs):
            print(f"{path}: {rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
