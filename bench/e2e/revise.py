"""Writes a revised copy of a Chicago portal CSV: a fixed-seed 25 % of the rows get an `Updated On`
30 days later, their `Date` one hour later and their `Arrest` flag flipped (so ingest replaces
them: a removal and an insertion each, in other hour, day and possibly week buckets); the other
rows are copied unchanged. Same seed, same file.

Usage: revise.py IN.csv[.xz|.gz] OUT.csv [--share 0.25] [--seed 2017]
"""
import argparse
import csv
import datetime
import gzip
import lzma
import random

FORMAT = "%m/%d/%Y %I:%M:%S %p"


def open_text(path):
    if path.endswith(".xz"):
        return lzma.open(path, "rt", newline="")
    if path.endswith(".gz"):
        return gzip.open(path, "rt", newline="")
    return open(path, newline="")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--share", type=float, default=0.25)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    changed = rows = 0
    with open_text(args.source) as source, open(args.target, "w", newline="") as target:
        reader = csv.reader(source)
        writer = csv.writer(target, lineterminator="\n")
        header = next(reader)
        writer.writerow(header)
        date, updated, arrest = header.index("Date"), header.index("Updated On"), header.index("Arrest")
        for row in reader:
            rows += 1
            if rng.random() < args.share and row[date] and row[updated]:
                when = datetime.datetime.strptime(row[date], FORMAT) + datetime.timedelta(hours=1)
                row[date] = when.strftime(FORMAT)
                row[updated] = (datetime.datetime.strptime(row[updated], FORMAT) + datetime.timedelta(days=30)).strftime(FORMAT)
                row[arrest] = "false" if row[arrest].lower() == "true" else "true"
                changed += 1
            writer.writerow(row)
    print(f"revise.py: {changed} of {rows} rows revised ({changed / rows:.1%}), seed {args.seed}")


if __name__ == "__main__":
    main()
