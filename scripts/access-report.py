#!/usr/bin/env python3
"""Measures two habits of Sources/ that issue 13 item 5 asks to keep in check.

Per module: how many declarations are `public`/`open` (visible outside the package), `package`
(visible to the package's other modules, executables and tests) and explicitly `internal`, and how
many hand-written Swift files have at most --small lines (default 15). Generated code
(`*/Generated/`) is counted in its own column and left out of the small-file count.

    scripts/access-report.py            the table
    scripts/access-report.py --list     also the small files, smallest first
"""
import argparse
import os
import re
import sys

from swift_declarations import ATTRIBUTES, KEYWORDS, MODIFIERS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# An access modifier only where a declaration follows (`open` and `package` are also ordinary names).
MODIFIER = re.compile(r"^\s*" + ATTRIBUTES + MODIFIERS + r"(public|open|package|internal)\s+(?=" + MODIFIERS + KEYWORDS + ")")


def swift_files(module_dir):
    for folder, _, names in os.walk(module_dir):
        for name in sorted(names):
            if name.endswith(".swift"):
                yield os.path.join(folder, name)


def count(path):
    """Returns (lines, {access: n}) for one file; comment lines and strings are not declarations."""
    counts = {"public": 0, "package": 0, "internal": 0}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = text.splitlines()
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith("//") or stripped.startswith("*"):
            continue
        m = MODIFIER.match(line)
        if m:
            access = "public" if m.group(1) == "open" else m.group(1)
            counts[access] += 1
    return len(lines), counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=15, help="a file of at most this many lines is small")
    parser.add_argument("--list", action="store_true", help="list the small files")
    args = parser.parse_args()

    sources = os.path.join(ROOT, "Sources")
    rows, small_files = [], []
    for module in sorted(os.listdir(sources)):
        module_dir = os.path.join(sources, module)
        if not os.path.isdir(module_dir):
            continue
        total = {"public": 0, "package": 0, "internal": 0}
        generated = files = small = 0
        for path in swift_files(module_dir):
            n, counts = count(path)
            is_generated = "/Generated/" in path
            if is_generated:
                generated += counts["public"] + counts["package"]
            else:
                for k in total:
                    total[k] += counts[k]
                files += 1
                if n <= args.small:
                    small += 1
                    small_files.append((n, os.path.relpath(path, ROOT)))
        if files or generated:
            rows.append((module, total["public"], total["package"], total["internal"], generated, files, small))

    header = ("module", "public", "package", "internal", "generated", "files", f"<={args.small} lines")
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = "  ".join("{:<%d}" % widths[0] if i == 0 else "{:>%d}" % w for i, w in enumerate(widths))
    print(fmt.format(*header))
    for r in rows:
        print(fmt.format(*r))
    sums = ["total"] + [sum(r[i] for r in rows) for i in range(1, len(header))]
    print(fmt.format(*sums))
    print("(public/package/internal: explicit modifiers on hand-written declarations; "
          "generated: public or package declarations under */Generated/)")
    if args.list:
        print()
        for n, path in sorted(small_files):
            print(f"{n:4d}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
