"""The streamed downloads `GET /api/v1/export/{view}?format=csv|geojson` against the real stack
with Chicago beats and 2017 loaded: every CSV row and GeoJSON feature equals the view's own JSON
endpoint, the filters are in the file name, the CSV comment block and the GeoJSON metadata, the
body arrives chunked (streamed, no Content-Length), and bad parameters are 4xx JSON."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from test_browser import settled


def get(base: str, path: str, **params) -> tuple[int, dict, bytes]:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}" if params else base + path
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def api_json(base: str, path: str, **params) -> dict:
    status, _, body = get(base, path, **params)
    assert status == 200, body[:300]
    return json.loads(body)


def parse_csv(body: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The `# name: value` block and the rows under the header."""
    text = body.decode("utf-8")
    lines = text.split("\n")
    meta = {}
    while lines and lines[0].startswith("# "):
        name, _, value = lines.pop(0)[2:].partition(": ")
        meta[name] = value
    return meta, list(csv.DictReader(io.StringIO("\n".join(lines))))


def export(base: str, view: str, fmt: str, **params) -> tuple[dict, bytes]:
    status, headers, body = get(base, f"/api/v1/export/{view}", format=fmt, **params)
    assert status == 200, body[:300]
    return headers, body


def test_heatmap_export_all_beats_all_years_streams_and_matches(settled_stack):
    base = settled_stack["base"]
    city = api_json(base, "/api/v1/cities")["cities"]
    years = next(c for c in city if c["city"] == "chicago")["years"]
    params = {"city": "chicago", "year_from": str(min(years)), "year_to": str(max(years))}
    heat = api_json(base, "/api/v1/heatmap", **params)
    shapes = api_json(base, "/api/v1/areas/shapes", city="chicago")

    headers, body = export(base, "heatmap", "csv", **params)
    assert headers["content-type"].startswith("text/csv")
    assert headers.get("transfer-encoding") == "chunked" and "content-length" not in headers, headers
    assert headers["content-disposition"] == (
        f'attachment; filename="crimescope-heatmap-chicago-year_from-{min(years)}-year_to-{max(years)}.csv"')
    meta, rows = parse_csv(body)
    assert meta["view"] == "heatmap" and meta["city"] == "chicago"
    assert meta["year_from"] == str(min(years)) and meta["year_to"] == str(max(years))
    assert int(meta["total_incidents"]) == heat["total"]["incidents"]
    assert "not predictive policing" in meta["source"]
    # Every beat with a shape is a row (zero counts included), with the API's numbers.
    assert len(rows) >= len(shapes["features"]) > 0
    by_area = {row["area"]: row for row in rows}
    assert set(f["properties"]["area"] for f in shapes["features"]) <= set(by_area)
    for area in heat["areas"]:
        row = by_area[area["area"]]
        assert (int(row["incidents"]), int(row["arrests"]), int(row["domestic"])) == \
            (area["incidents"], area["arrests"], area["domestic"])
    assert sum(int(r["incidents"]) for r in rows) == heat["total"]["incidents"]

    headers, body = export(base, "heatmap", "geojson", **params)
    assert headers["content-type"].startswith("application/geo+json")
    geo = json.loads(body)
    assert geo["type"] == "FeatureCollection" and geo["metadata"]["total_incidents"] == heat["total"]["incidents"]
    assert geo["metadata"]["api"].startswith("/api/v1/heatmap?city=chicago")
    features = {f["properties"]["area"]: f for f in geo["features"]}
    shape_geometry = {f["properties"]["area"]: f["geometry"] for f in shapes["features"]}
    for area in heat["areas"]:
        assert features[area["area"]]["properties"]["incidents"] == area["incidents"]
    for area, geometry in shape_geometry.items():
        assert features[area]["geometry"] == geometry


def test_heatmap_export_with_hours_and_type_names_the_filters(settled_stack):
    base = settled_stack["base"]
    params = {"city": "chicago", "year": "2017", "hour_min": "23", "hour_max": "6", "primary_type": "THEFT"}
    heat = api_json(base, "/api/v1/heatmap", **params)
    headers, body = export(base, "heatmap", "csv", **params)
    assert "hour_max-6-hour_min-23-primary_type-THEFT-year-2017" in headers["content-disposition"]
    meta, rows = parse_csv(body)
    assert meta["primary_type"] == "THEFT" and meta["hour_min"] == "23"
    assert sum(int(r["incidents"]) for r in rows) == heat["total"]["incidents"] > 0


def test_window_export_matches(settled_stack):
    base = settled_stack["base"]
    window = api_json(base, "/api/v1/heatmap/window", city="chicago", last="30d")
    _, body = export(base, "window", "csv", city="chicago", last="30d")
    meta, rows = parse_csv(body)
    assert meta["window_start"] == window["window"]["start"] and meta["granularity"] == window["granularity"]
    counted = {r["area"]: int(r["incidents"]) for r in rows}
    for area in window["areas"]:
        assert counted[area["area"]] == area["incidents"]
    assert sum(counted.values()) == window["total"]["incidents"]


def test_incidents_export_matches(settled_stack):
    base = settled_stack["base"]
    month = api_json(base, "/api/v1/incidents", city="chicago", month="2017-07")
    _, body = export(base, "incidents", "csv", city="chicago", month="2017-07")
    meta, rows = parse_csv(body)
    assert len(rows) == month["count"] == int(meta["count"]) > 0
    for i in (0, len(rows) // 2, len(rows) - 1):
        row = rows[i]
        assert float(row["lon"]) == month["lon"][i] and float(row["lat"]) == month["lat"][i]
        assert row["date"] == f"2017-07-{month['day'][i]:02d}"
        assert row["category"] == month["categories"][month["category"][i]]["code"]
        assert int(row["arrest"]) == month["arrest"][i]
    _, body = export(base, "incidents", "geojson", city="chicago", month="2017-07")
    geo = json.loads(body)
    assert len(geo["features"]) == month["count"]
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [month["lon"][0], month["lat"][0]]}


def test_grids_export_matches(settled_stack):
    base = settled_stack["base"]
    grids = settled(lambda: api_json(base, "/api/v1/grids", city="chicago", year="2017"))
    _, body = export(base, "grids", "csv", city="chicago", year="2017")
    meta, rows = parse_csv(body)
    assert int(meta["width"]) == grids["width"] and float(meta["normalisation"]) == grids["normalisation"]
    assert len(rows) == sum(len(m["cells"]) for m in grids["months"])
    for m in grids["months"]:
        mine = [r for r in rows if r["month"] == m["label"]]
        assert [int(r["cell"]) for r in mine] == m["cells"] and [int(r["count"]) for r in mine] == m["counts"]
        assert sum(int(r["count"]) for r in mine) == m["total"]
    _, body = export(base, "grids", "geojson", city="chicago", year="2017")
    feature = json.loads(body)["features"][0]
    west, south, east, north = grids["bounds"]
    ring = feature["geometry"]["coordinates"][0]
    assert len(ring) == 5 and all(west - 1e-9 <= x <= east + 1e-9 and south - 1e-9 <= y <= north + 1e-9 for x, y in ring)


def test_hotspots_and_significance_exports_match(settled_stack):
    base = settled_stack["base"]
    params = {"city": "chicago", "from": "2017-01", "to": "2017-12", "window": "3"}
    hot = settled(lambda: api_json(base, "/api/v1/hotspots", **params))
    _, body = export(base, "hotspots", "geojson", **params)
    geo = json.loads(body)
    assert [f["properties"]["count"] for f in geo["features"]] == [c["count"] for c in hot["cells"]]
    assert [f["geometry"]["coordinates"][0] for f in geo["features"]] == [c["ring"] for c in hot["cells"]]
    assert geo["metadata"]["captured_share"] == hot["captured_share"]

    for units in ("areas", "hex"):
        sig_params = {"city": "chicago", "from": "2017-01", "to": "2017-12", "units": units}
        sig = settled(lambda: api_json(base, "/api/v1/hotspots/significance", **sig_params))
        _, body = export(base, "significance", "csv", **sig_params)
        meta, rows = parse_csv(body)
        assert len(rows) == len(sig["results"]) and int(meta["hot_count"]) == sig["hot_count"]
        for row, unit in zip(rows, sig["results"]):
            assert int(row["count"]) == unit["count"] and row["class"] == unit["class"]
            assert abs(float(row["z"]) - unit["z"]) <= 1e-9 * max(1.0, abs(unit["z"]))
            if units == "areas":
                assert row["area"] == unit["area"]
            else:
                assert (int(row["hex_q"]), int(row["hex_r"])) == (unit["hex_q"], unit["hex_r"])


@pytest.mark.parametrize("path, params, status, needle", [
    ("/api/v1/export/heatmap", {"city": "chicago", "year": "2017"}, 400, "'format' is required"),
    ("/api/v1/export/heatmap", {"city": "chicago", "year": "2017", "format": "xlsx"}, 400, "csv or geojson"),
    ("/api/v1/export/heatmap", {"city": "chicago", "year": "2017", "format": "csv", "bogus": "1"}, 400, "unknown query parameter 'bogus'"),
    ("/api/v1/export/heatmap", {"city": "Chicago!", "format": "csv"}, 400, "city slug"),
    ("/api/v1/export/heatmap", {"city": "chicago", "year_from": "2018", "year_to": "2017", "format": "csv"}, 400, "after"),
    ("/api/v1/export/window", {"city": "chicago", "last": "9q", "format": "geojson"}, 400, "last"),
    ("/api/v1/export/incidents", {"city": "chicago", "month": "2017-13", "format": "csv"}, 400, "month"),
    ("/api/v1/export/grids", {"city": "chicago", "format": "csv"}, 400, "'year' is required"),
    ("/api/v1/export/significance", {"city": "chicago", "from": "2017-01", "to": "2017-12", "units": "blocks", "format": "csv"}, 400, "units"),
    ("/api/v1/export/predictions", {"city": "chicago", "format": "csv"}, 404, "no export 'predictions'"),
])
def test_bad_export_parameters_are_4xx_json(loaded_stack, path, params, status, needle):
    code, headers, body = get(loaded_stack["base"], path, **params)
    assert code == status, body[:300]
    assert headers["content-type"].startswith("application/json")
    error = json.loads(body)["error"]
    assert needle in error["message"], error


def test_repeated_format_is_400(loaded_stack):
    code, _, body = get(loaded_stack["base"], "/api/v1/export/heatmap?city=chicago&year=2017&format=csv&format=geojson")
    assert code == 400 and "more than once" in json.loads(body)["error"]["message"]


def test_unknown_city_export_is_an_error_not_an_empty_file(loaded_stack):
    code, headers, body = get(loaded_stack["base"], "/api/v1/export/heatmap", city="atlantis", year="2017", format="csv")
    assert code == 404 and headers["content-type"].startswith("application/json"), (code, body[:200])
