#!/bin/sh
# Parse throughput of the Chicago CSV parser on chicago_crimes_2017.csv.xz, release build.
# Prints rows/s for: the tokenizer alone, full IncidentRecord decoding from memory, and the full
# pipeline streamed from `xz -dc` (decompression in the child process, on the other core).
# Usage: bench/parse/run.sh   (from the package root; CRIMESCOPE_SHARED_DATA overrides the data folder)
set -eu
cd "$(dirname "$0")/../.."
CRIMESCOPE_PARSE_BENCH=1 swift test -c release --filter ParseBenchmark 2>&1 | grep -v '^\[' | grep -E 'parse benchmark|rows/s|passed|failed|error'
