"""bench/synth/resample.py --rows, the growth curve's generator, on a small copy of the real data
(the first rows of each Chicago year): the per-year files are the same rows whatever --jobs and
whether they go to one file or nine, every row lies in its file's year with a fresh unique ID, the
counts follow the source years' sizes, and a source year passed over several times is resampled
differently each time (the jitter is fresh, not a copy)."""

from __future__ import annotations

import csv
import io
import lzma
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO_ROOT, SHARED_DATA

RESAMPLE = REPO_ROOT / "bench" / "synth" / "resample.py"
SOURCE_ROWS = {year: 40 + 5 * (year - 2010) for year in range(2010, 2018)}  # 40 … 75 rows


@pytest.fixture(scope="module")
def small_data(tmp_path_factory) -> Path:
    """A data folder whose chicago_crimes_YYYY.csv.xz hold the first rows of the real files."""
    root = tmp_path_factory.mktemp("synth-data")
    (root / "chicago-crimes").mkdir()
    for year, rows in SOURCE_ROWS.items():
        real = SHARED_DATA / "chicago-crimes" / f"chicago_crimes_{year}.csv.xz"
        if not real.is_file():
            pytest.fail(f"test data {real} is missing (set CRIMESCOPE_SHARED_DATA)")
        with lzma.open(real, "rt", encoding="utf-8", newline="") as stream:
            lines = [stream.readline() for _ in range(rows + 1)]
        with lzma.open(root / "chicago-crimes" / f"chicago_crimes_{year}.csv.xz", "wt", encoding="utf-8",
                       newline="") as out:
            out.writelines(lines)
    return root


def resample(data: Path, *args: str) -> None:
    subprocess.run([sys.executable, str(RESAMPLE), "--data", str(data), *args], check=True,
                   capture_output=True, timeout=120)


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def test_per_year_files_equal_one_file_and_do_not_depend_on_jobs(small_data: Path, tmp_path: Path) -> None:
    rows = 1_234  # about twice the 460 source rows plus 2018: several passes and a sampled rest
    resample(small_data, "--rows", str(rows), "--out-dir", str(tmp_path / "two"), "--jobs", "2")
    resample(small_data, "--rows", str(rows), "--out-dir", str(tmp_path / "one"), "--jobs", "1")
    resample(small_data, "--rows", str(rows), "--out", str(tmp_path / "all.csv"))
    years = range(2010, 2019)
    for year in years:
        name = f"chicago_synthetic_{year}.csv"
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), year
    whole = read_rows(tmp_path / "all.csv")
    per_year = [read_rows(tmp_path / "two" / f"chicago_synthetic_{year}.csv") for year in years]
    assert all(rows_of_year[0] == whole[0] for rows_of_year in per_year)
    assert [row for rows_of_year in per_year for row in rows_of_year[1:]] == whole[1:]


def test_rows_lie_in_their_year_with_unique_ids_in_proportion(small_data: Path, tmp_path: Path) -> None:
    rows = 1_234
    resample(small_data, "--rows", str(rows), "--out-dir", str(tmp_path), "--jobs", "2")
    sizes = {**SOURCE_ROWS, 2018: SOURCE_ROWS[2017]}
    ids = []
    for year, size in sizes.items():
        body = read_rows(tmp_path / f"chicago_synthetic_{year}.csv")[1:]
        share = rows * size / sum(sizes.values())
        assert int(share) <= len(body) <= int(share) + 1, (year, len(body), share)
        assert all(row[2][6:10] == f"{year:04d}" for row in body), year
        assert all(row[1] == f"SY{row[0]}" for row in body)
        ids += [int(row[0]) for row in body]
    assert sorted(ids) == list(range(100_000_000, 100_000_000 + rows))


def test_repeated_passes_jitter_afresh(small_data: Path, tmp_path: Path) -> None:
    resample(small_data, "--rows", "2000", "--out", str(tmp_path / "all.csv"))
    body = read_rows(tmp_path / "all.csv")[1:]
    year_2010 = [row for row in body if row[2][6:10] == "2010"]
    assert len(year_2010) > 2 * SOURCE_ROWS[2010]  # 2010's 40 rows were passed over more than twice
    # The same source row (same block and IUCR) comes back at different places and times.
    copies: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    for row in year_2010:
        copies.setdefault((row[3], row[4], row[6]), set()).add((row[2], row[18]))
    assert max(len(places) for places in copies.values()) > 2
    located = [row for row in year_2010 if row[18]]
    assert len({row[18] for row in located}) == len(located)  # no two copies at the same latitude


def test_output_is_the_portal_csv(small_data: Path) -> None:
    result = subprocess.run([sys.executable, str(RESAMPLE), "--data", str(small_data), "--rows", "50", "--out", "-"],
                            check=True, capture_output=True, text=True, timeout=120)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["ID", "Case Number", "Date"] and len(rows[0]) == 20
    assert len(rows) == 51 and all(len(row) == 20 for row in rows)
