"""GET /api/v1/hotspots/significance against PySAL: Gi* z-scores from esda.G_Local(y, w,
transform="B", star=True) on the same counts, with weights built here independently of the
service — Chicago beats: libpysal Queen contiguity on the source beat polygons; London (Met
burglary 2017) hex cells: the six axial neighbours of each cell — then p = 2 × esda's one-tailed
p_norm and q = scipy's Benjamini–Hochberg over all units. Prints the figures (units compared,
max |Δz|)."""

from __future__ import annotations

import gzip
import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import esda
from libpysal.weights import W, Queen

from conftest import READY_TIMEOUT, REPO_ROOT, SHARED_DATA, clean_env, executable, tail

BEATS = SHARED_DATA / "chicago-police-beats" / "police_beats_current.geojson.gz"
MET_FILES = sorted((REPO_ROOT / "demo-data" / "uk-metropolitan").glob("2017-*-metropolitan-street.csv.xz"))
AXIAL = ((1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1))
Z_TOLERANCE = 1e-6


def significance(base: str, **params) -> dict:
    url = f"{base}/api/v1/hotspots/significance?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.loads(response.read())


def status_of(base: str, query: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base}/api/v1/hotspots/significance?{query}", timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def compare_with_esda(reply: dict, weights: W, label: str) -> tuple[int, float]:
    """Asserts z, p, q and the classes unit by unit; returns (units, max |Δz|)."""
    results = reply["results"]
    y = np.array([unit["count"] for unit in results], dtype=float)
    assert y.sum() > 0 and len(set(y)) > 1, f"{label}: counts are degenerate"
    g = esda.G_Local(y, weights, transform="B", star=True, permutations=0)
    z = np.array([unit["z"] for unit in results])
    p = np.array([unit["p"] for unit in results])
    q = np.array([unit["q"] for unit in results])
    dz = np.abs(g.Zs - z)
    assert np.all(np.isfinite(g.Zs)), f"{label}: esda answered a non-finite z"
    assert dz.max() <= Z_TOLERANCE, f"{label}: max |Δz| {dz.max()} at unit {int(dz.argmax())}"
    np.testing.assert_allclose(p, 2 * g.p_norm, rtol=1e-6, atol=1e-12)
    np.testing.assert_allclose(q, stats.false_discovery_control(2 * g.p_norm, method="bh"), rtol=1e-6, atol=1e-12)
    alpha = reply["alpha"]
    expected = ["hot" if qi <= alpha and zi > 0 else "cold" if qi <= alpha and zi < 0 else "none"
                for qi, zi in zip(q, z)]
    assert [unit["class"] for unit in results] == expected
    assert reply["hot_count"] == expected.count("hot") and reply["cold_count"] == expected.count("cold")
    assert reply["weights"]["units"] == len(results)
    print(f"\n{label}: {len(results)} units compared with esda {esda.__version__}, max |Δz| = {dz.max():.3e}, "
          f"hot {reply['hot_count']}, cold {reply['cold_count']}, mean neighbours {reply['weights']['mean_neighbours']:.3f}")
    return len(results), float(dz.max())


def test_chicago_beats_match_esda_with_independent_queen_weights(settled_stack):
    base = settled_stack["base"]
    reply = significance(base, city="chicago", units="areas", **{"from": "2017-01", "to": "2017-12"})
    assert reply["weights"]["description"] == "binary contiguity, queen, unit included (Gi*)"
    areas = [unit["area"] for unit in reply["results"]]
    assert areas == sorted(areas) and len(areas) > 250
    assert any(unit["count"] == 0 for unit in reply["results"]) or len(areas) == 274

    import geopandas
    with gzip.open(BEATS, "rt") as source:
        features = json.load(source)["features"]
    frame = geopandas.GeoDataFrame.from_features(features)
    frame["area"] = [str(feature["properties"].get("BEAT_NUM", "")).strip() for feature in features]
    # Beat 3100 is three features in the source; ingest unions them into one area, and so does this.
    frame = frame[["area", "geometry"]].dissolve(by="area").loc[areas]
    queen = Queen.from_dataframe(frame, use_index=True)
    independent = {area: sorted(queen.neighbors[area]) for area in areas}
    served = {area: sorted(areas[j] for j in unit["neighbours"]) for area, unit in zip(areas, reply["results"])}
    differing = [area for area in areas if independent[area] != served[area]]
    print(f"\nqueen weights: {len(areas)} beats, {sum(map(len, independent.values())) // 2} pairs (libpysal), "
          f"{len(differing)} beats whose neighbours differ from the service's")
    assert not differing, {area: (independent[area], served[area]) for area in differing[:5]}
    assert reply["weights"]["mean_neighbours"] == pytest.approx(np.mean([len(n) for n in independent.values()]))

    units, worst = compare_with_esda(reply, W(independent, id_order=areas), "chicago beats 2017")
    assert units == len(areas) and worst <= Z_TOLERANCE

    theft = significance(base, city="chicago", units="areas", primary_type="THEFT", alpha="0.01",
                         **{"from": "2017-06", "to": "2017-08"})
    assert theft["alpha"] == 0.01 and [u["area"] for u in theft["results"]] == areas
    compare_with_esda(theft, W(independent, id_order=areas), "chicago beats THEFT 2017-06..08, alpha 0.01")


@pytest.fixture(scope="module")
def met_loaded(settled_stack, bin_dir):
    """The loaded stack plus the 2017 Metropolitan Police burglaries (demo data), once the
    heatmap's hex cells hold every located incident."""
    assert len(MET_FILES) == 12, MET_FILES
    url = settled_stack["database_url"]
    log_path = Path(settled_stack["services"]["ingest"][0].log_path).parent / "loaded-ingest-load-met.log"
    for path in MET_FILES:
        with open(log_path, "ab") as log:
            result = subprocess.run([executable(bin_dir, "ingest"), "load", "--city", "uk-metropolitan",
                                     "--database-url", url, str(path)],
                                    stdout=log, stderr=log, env=clean_env(), cwd=REPO_ROOT, timeout=600)
        if result.returncode != 0:
            pytest.fail(f"ingest load {path.name} failed:\n{tail(log_path)}")
    counted = subprocess.run(["psql", url, "-X", "-A", "-t", "-c",
                              "SELECT count(*) FROM ingest.incidents WHERE city = 'uk-metropolitan' "
                              "AND lat IS NOT NULL AND lon IS NOT NULL"],
                             capture_output=True, text=True, timeout=60)
    assert counted.returncode == 0 and counted.stdout.strip().isdigit(), counted.stderr
    expected = int(counted.stdout.strip())
    assert expected > 50_000
    deadline, total = time.monotonic() + READY_TIMEOUT * 5, -1
    while time.monotonic() < deadline:
        code, body = status_of(settled_stack["base"], "city=uk-metropolitan&units=hex&from=2017-01&to=2017-12")
        total = sum(unit["count"] for unit in body.get("results", [])) if code == 200 else -1
        if total == expected:
            return {**settled_stack, "incidents": expected}
        time.sleep(1.0)
    pytest.fail(f"the heatmap's Met hex cells hold {total} of {expected} located incidents")


@pytest.mark.filterwarnings("ignore:The weights matrix is not fully connected")  # islands of cells
def test_london_burglary_hexes_match_esda_with_axial_weights(met_loaded):
    reply = significance(met_loaded["base"], city="uk-metropolitan", units="hex", **{"from": "2017-01", "to": "2017-12"})
    assert reply["weights"]["description"] == "binary contiguity, six hex neighbours, unit included (Gi*)"
    assert "no area polygons" in reply["region"] and reply["excluded_incidents"] == 0
    assert reply["cell_side_meters"] == 200 and "27700" in reply["projection"]
    cells = [(unit["hex_q"], unit["hex_r"]) for unit in reply["results"]]
    assert len(set(cells)) == len(cells) > 5_000
    assert sum(unit["count"] for unit in reply["results"]) == met_loaded["incidents"]
    ids = [f"{q},{r}" for q, r in cells]
    present = set(cells)
    neighbours = {f"{q},{r}": [f"{q + dq},{r + dr}" for dq, dr in AXIAL if (q + dq, r + dr) in present] for q, r in cells}
    served = {ids[i]: sorted(ids[j] for j in unit["neighbours"]) for i, unit in enumerate(reply["results"])}
    assert all(sorted(neighbours[i]) == served[i] for i in ids)
    weights = W(neighbours, id_order=ids, silence_warnings=True)
    units, worst = compare_with_esda(reply, weights, "london burglary hexes 2017")
    assert units == len(cells) and worst <= Z_TOLERANCE
    assert all(len(unit["ring"]) == 7 for unit in reply["results"][:50])


def test_bad_parameters_are_400_before_any_backend_call(settled_stack):
    base = settled_stack["base"]
    for query in ("city=chicago&from=2017-01&to=2017-12",                    # no units
                  "city=chicago&units=beats&from=2017-01&to=2017-12",
                  "city=chicago&units=areas&from=2017-12&to=2017-01",
                  "city=chicago&units=areas&from=2017-1&to=2017-12",
                  "city=chicago&units=areas&from=2017-01&to=2017-12&alpha=0",
                  "city=chicago&units=areas&from=2017-01&to=2017-12&alpha=0.6",
                  "city=chicago&units=areas&from=2017-01&to=2017-12&alpha=1e-2",
                  "city=chicago&units=areas&from=2017-01&to=2017-12&window=3",
                  "units=areas&from=2017-01&to=2017-12"):
        code, body = status_of(base, query)
        assert code == 400 and body["error"]["code"] == "INVALID_ARGUMENT", (query, code, body)
    code, body = status_of(base, "city=atlantis&units=areas&from=2017-01&to=2017-12")
    assert code == 404, body
