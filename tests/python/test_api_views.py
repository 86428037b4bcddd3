"""The views' endpoints of the gateway's JSON API (window heatmap, month incidents, year grids,
hex hotspots) against the real stack with Chicago 2017 loaded: every number equals the
backend's own answer over the wire, the documented invariants hold (local-time windows, flat
parallel arrays at 4 decimals, per-day counts, sparse grids, ranked cells), and each body
conforms to its schema in the served OpenAPI document."""

from __future__ import annotations

import json
import urllib.parse

import pytest

import crimescope_wire as wire
from test_api import fetch, get_json


def rpc(stack, service: str, method: str, module: str, request, response_type: str):
    """One call straight to a backend over its Unix socket; returns the decoded reply."""
    with wire.WireConnection(stack["services"][service][1]["unix"]) as conn:
        reply = conn.call(method, request)
    assert reply.code == 0, reply.message
    response = getattr(wire.pb(module), response_type)()
    response.ParseFromString(reply.payload)
    return response


def conforms(stack, body, schema: str) -> None:
    import jsonschema
    _, _, document = fetch(stack["base"] + "/api/v1/openapi.json")
    components = json.loads(document)["components"]
    jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{schema}", "components": components}).validate(body)


@pytest.fixture(scope="module")
def caught_up(loaded_stack):
    """The loaded stack once the heatmap service's rollups of 2017 agree with the ingest
    service's recount (Heatmap/Check), waited for at most three minutes: the session fixture
    only waits until the year total stops moving, which a slow consumer can fake."""
    import time
    heatmap = wire.pb("heatmap.v1.heatmap")
    request = heatmap.CheckRequest(city="chicago")
    request.range.start_local_seconds = local_seconds("2017-01-01T00:00:00")
    request.range.end_local_seconds = local_seconds("2018-01-01T00:00:00")
    deadline = time.monotonic() + 180
    while True:
        with wire.WireConnection(loaded_stack["services"]["heatmap"][1]["unix"]) as conn:
            reply = conn.call("/crimescope.heatmap.v1.Heatmap/Check", request)
        if reply.code == 0:
            check = heatmap.CheckResponse()
            check.ParseFromString(reply.payload)
            if check.consistent:
                return loaded_stack
        if time.monotonic() > deadline:
            pytest.fail(f"the heatmap rollups of chicago 2017 never matched the ingest recount (last reply code {reply.code})")
        time.sleep(2)


def local_seconds(text: str) -> int:
    """Wall-clock seconds of `YYYY-MM-DDTHH:MM:SS` (no zone), as the contracts count them."""
    import calendar
    import datetime
    return calendar.timegm(datetime.datetime.fromisoformat(text).timetuple())


# -- window heatmap ------------------------------------------------------------------------
@pytest.mark.parametrize("params,end", [
    ({"last": "24h", "at": "2017-06-01T00:00"}, "2017-06-01T00:00:00"),
    ({"last": "7d", "at": "2017-12-25"}, "2017-12-25T00:00:00"),
    ({"last": "30d", "at": "2017-08-01T12", "primary_type": "THEFT"}, "2017-08-01T12:00:00"),
    ({"last": "90d"}, None),
])
def test_window_counts_equal_the_heatmap_service(caught_up, params, end):
    status, body = get_json(caught_up, "/api/v1/heatmap/window", city="chicago", **params)
    assert status == 200, body
    conforms(caught_up, body, "WindowHeatmap")
    heatmap = wire.pb("heatmap.v1.heatmap")
    reference = local_seconds(end) if end else 0
    assert body.get("at") == end
    direct = rpc(caught_up, "heatmap", "/crimescope.heatmap.v1.Heatmap/GetWindowHeatmap", "heatmap.v1.heatmap",
                 heatmap.WindowHeatmapRequest(city="chicago", last_hours=body["last_hours"], reference_local_seconds=reference,
                                              primary_type=params.get("primary_type", "")), "WindowHeatmapResponse")
    assert body["time_zone"] == direct.time_zone == "America/Chicago"
    assert body["total"] == {"incidents": direct.total.incidents, "arrests": direct.total.arrests, "domestic": direct.total.domestic}
    assert {a["area"]: a["incidents"] for a in body["areas"]} == {a.area: a.counts.incidents for a in direct.areas}
    assert body["max_incidents"] == max(a["incidents"] for a in body["areas"])
    assert local_seconds(body["window"]["start"]) == direct.range.start_local_seconds
    assert local_seconds(body["window"]["end"]) == direct.range.end_local_seconds
    assert direct.range.end_local_seconds - direct.range.start_local_seconds == body["last_hours"] * 3600
    assert body["granularity"] == heatmap.Granularity.Name(direct.granularity).removeprefix("GRANULARITY_").lower()


def test_window_is_stated_in_local_time_and_a_year_window_holds_the_year(caught_up):
    _, day = get_json(caught_up, "/api/v1/heatmap/window", city="chicago", last="24h", at="2017-06-01T00:00")
    assert day["window"] == {"start": "2017-05-31T00:00:00", "end": "2017-06-01T00:00:00"}
    assert day["granularity"] == "hourly" and day["at"] == "2017-06-01T00:00:00"
    # 1y = 365.25 days: the window ending at 2018-01-01 00:00 starts 2016-12-31 18:00 and
    # holds all of 2017 (only 2017 is loaded), the same total as the year heatmap.
    _, year = get_json(caught_up, "/api/v1/heatmap/window", city="chicago", last="1y", at="2018-01-01")
    assert year["window"] == {"start": "2016-12-31T18:00:00", "end": "2018-01-01T00:00:00"}
    _, whole = get_json(caught_up, "/api/v1/heatmap", city="chicago", year=2017)
    assert year["total"] == whole["total"]
    # Windows that split the year add up to it: the first half and the second half of 2017.
    first_hours = (local_seconds("2017-07-02T00:00:00") - local_seconds("2017-01-01T00:00:00")) // 3600
    second_hours = (local_seconds("2018-01-01T00:00:00") - local_seconds("2017-07-02T00:00:00")) // 3600
    _, first = get_json(caught_up, "/api/v1/heatmap/window", city="chicago", last=f"{first_hours}h", at="2017-07-02")
    _, second = get_json(caught_up, "/api/v1/heatmap/window", city="chicago", last=f"{second_hours}h", at="2018-01-01")
    assert first["window"]["start"] == "2017-01-01T00:00:00" and second["window"]["start"] == "2017-07-02T00:00:00"
    assert first["total"]["incidents"] + second["total"]["incidents"] == whole["total"]["incidents"]


@pytest.mark.parametrize("params", [
    {"last": "6x"}, {"last": "6y"}, {"last": "0h"}, {"last": "7d", "at": "2017-06-01T10:30"},
    {"last": "7d", "at": "2017-06-01T10:00Z"}, {"last": "7d", "at": "2017-02-30"}, {},
])
def test_bad_window_parameters_are_400(caught_up, params):
    status, body = get_json(caught_up, "/api/v1/heatmap/window", city="chicago", **params)
    assert status == 400 and body["error"]["code"] == "INVALID_ARGUMENT", body


# -- month incidents -----------------------------------------------------------------------
def test_month_incidents_are_flat_arrays_equal_to_the_ingest_service(caught_up):
    status, body = get_json(caught_up, "/api/v1/incidents", city="chicago", month="2017-06")
    assert status == 200, body
    conforms(caught_up, body, "Incidents")
    common = wire.pb("common.v1.common")
    request = wire.pb("ingest.v1.ingest").ListIncidentsRequest(city="chicago")
    request.range.CopyFrom(common.LocalTimeRange(start_local_seconds=local_seconds("2017-06-01T00:00:00"),
                                                 end_local_seconds=local_seconds("2017-07-01T00:00:00")))
    direct = rpc(caught_up, "ingest", "/crimescope.ingest.v1.Ingest/ListIncidents", "ingest.v1.ingest", request,
                 "ListIncidentsResponse")
    n = body["count"]
    assert n == len(direct.lon_e4) > 15_000 and not body["truncated"]
    assert all(len(body[k]) == n for k in ("lon", "lat", "day", "category", "arrest"))
    assert [round(x * 10_000) for x in body["lon"]] == list(direct.lon_e4)
    assert [round(x * 10_000) for x in body["lat"]] == list(direct.lat_e4)
    assert all(len(repr(x).split(".")[-1]) <= 4 for x in body["lon"][:2000] + body["lat"][:2000])
    assert body["day"] == [d + 1 for d in direct.day_index]
    assert body["arrest"] == [1 if a else 0 for a in direct.arrest]
    assert body["without_location"] == direct.without_location
    assert body["days"] == 30 and len(body["per_day"]) == 30 and sum(body["per_day"]) == n
    assert body["per_day"][0] == body["day"].count(1)
    assert body["day"] == sorted(body["day"])  # oldest first
    codes = [c["code"] for c in body["categories"]]
    assert codes == list(direct.categories) and set(codes) <= {"violent", "property", "drug", "other"}
    assert [c["count"] for c in body["categories"]] == [body["category"].count(i) for i in range(len(codes))]
    assert {c["code"]: c["label"] for c in body["categories"]}.get("violent", "Violent") == "Violent"
    assert body["time_zone"] == "America/Chicago"


def test_month_incidents_filter_by_category_and_bbox(caught_up):
    bbox = (-87.70, 41.85, -87.60, 41.90)
    _, everything = get_json(caught_up, "/api/v1/incidents", city="chicago", month="2017-06")
    status, body = get_json(caught_up, "/api/v1/incidents", city="chicago", month="2017-06", category="violent,drug",
                            bbox=",".join(map(str, bbox)))
    assert status == 200, body
    assert 0 < body["count"] < everything["count"]
    assert {c["code"] for c in body["categories"]} <= {"violent", "drug"}
    assert all(bbox[0] <= x <= bbox[2] for x in body["lon"]) and all(bbox[1] <= y <= bbox[3] for y in body["lat"])
    def inside(margin: float) -> int:
        """Incidents of the whole month in the box grown by `margin` degrees (the service filters on the
        exact coordinates, the arrays hold them rounded to 4 decimals)."""
        return sum(1 for x, y, c in zip(everything["lon"], everything["lat"], everything["category"])
                   if bbox[0] - margin <= x <= bbox[2] + margin and bbox[1] - margin <= y <= bbox[3] + margin
                   and everything["categories"][c]["code"] in ("violent", "drug"))
    assert inside(-0.0001) <= body["count"] <= inside(0.0001)
    _, limited = get_json(caught_up, "/api/v1/incidents", city="chicago", month="2017-06", limit=10)
    assert limited["count"] == 10 and limited["truncated"] and limited["lon"] == everything["lon"][:10]


@pytest.mark.parametrize("params", [
    {"month": "2017-6"}, {"month": "2017-13"}, {"month": "2017-06", "bbox": "1,2,3"},
    {"month": "2017-06", "bbox": "-87.6,41.9,-87.7,41.85"}, {"month": "2017-06", "category": "violent,,drug"},
    {"month": "2017-06", "limit": "250001"}, {"month": "2017-06", "primary_type": "THEFT"}, {},
])
def test_bad_incident_parameters_are_400(caught_up, params):
    status, body = get_json(caught_up, "/api/v1/incidents", city="chicago", **params)
    assert status == 400 and body["error"]["code"] == "INVALID_ARGUMENT", body


# -- year grids ----------------------------------------------------------------------------
def test_year_grids_are_twelve_sparse_months_equal_to_the_heatmap_service(caught_up):
    status, body = get_json(caught_up, "/api/v1/grids", city="chicago", year=2017)
    assert status == 200, body
    conforms(caught_up, body, "YearGrids")
    heatmap = wire.pb("heatmap.v1.heatmap")
    direct = rpc(caught_up, "heatmap", "/crimescope.heatmap.v1.Heatmap/GetYearGrids", "heatmap.v1.heatmap",
                 heatmap.YearGridsRequest(city="chicago", year=2017), "YearGridsResponse")
    assert (body["width"], body["height"]) == (direct.width, direct.height) == (300, 300)
    assert body["bounds"] == [direct.bounds.min_lon, direct.bounds.min_lat, direct.bounds.max_lon, direct.bounds.max_lat]
    assert body["normalisation"] == pytest.approx(direct.normalisation) and body["normalisation"] > 0
    assert [m["month"] for m in body["months"]] == list(range(1, 13))
    assert [m["label"] for m in body["months"]] == [f"2017-{m:02d}" for m in range(1, 13)]
    for month, grid in zip(body["months"], direct.months):
        assert month["cells"] == list(grid.cell_index) and month["counts"] == list(grid.count)
        assert month["total"] == grid.total and not month["missing"]
        assert all(0 <= c < 300 * 300 for c in month["cells"]) and len(set(month["cells"])) == len(month["cells"])
        assert 0 < sum(month["counts"]) <= month["total"]


def test_year_grids_for_a_type_are_smaller(caught_up):
    _, everything = get_json(caught_up, "/api/v1/grids", city="chicago", year=2017)
    status, theft = get_json(caught_up, "/api/v1/grids", city="chicago", year=2017, primary_type="THEFT")
    assert status == 200 and theft["primary_type"] == "THEFT"
    assert 0 < sum(m["total"] for m in theft["months"]) < sum(m["total"] for m in everything["months"])


# -- hotspots ------------------------------------------------------------------------------
def test_hotspots_equal_the_heatmap_service_and_rank_closed_hexagons(caught_up):
    params = {"city": "chicago", "from": "2016-11", "to": "2017-12", "window": 3, "limit": 25}
    status, body = get_json(caught_up, "/api/v1/hotspots", **params)
    assert status == 200, body
    conforms(caught_up, body, "Hotspots")
    heatmap = wire.pb("heatmap.v1.heatmap")
    direct = rpc(caught_up, "heatmap", "/crimescope.heatmap.v1.Heatmap/GetHexHotspots", "heatmap.v1.heatmap",
                 heatmap.HexHotspotsRequest(city="chicago", first_month="2016-11", months=14, window_months=3, limit=25),
                 "HexHotspotsResponse")
    assert body["window_positions"] == direct.window_positions == 14 - 3 + 1
    assert body["missing_months"] == list(direct.missing_months) == ["2016-11", "2016-12"]
    assert body["captured_share"] == pytest.approx(direct.captured_share) and 0 < body["captured_share"] < 1
    assert [(c["q"], c["r"], c["count"], c["rank"]) for c in body["cells"]] == [(c.q, c.r, c.count, c.rank) for c in direct.cells]
    assert 0 < len(body["cells"]) <= 25
    assert [c["rank"] for c in body["cells"]] == list(range(1, len(body["cells"]) + 1))
    for cell, raw in zip(body["cells"], direct.cells):
        assert cell["ring"] == json.loads(raw.geojson)["coordinates"][0]
        assert len(cell["ring"]) == 7 and cell["ring"][0] == cell["ring"][-1]
        assert cell["frequency"] == pytest.approx(cell["hotspot_windows"] / body["window_positions"])
        lon, lat = cell["ring"][0]
        assert -88 < lon < -87.4 and 41.6 < lat < 42.1


def test_hotspots_default_to_the_newest_twelve_months(caught_up):
    status, body = get_json(caught_up, "/api/v1/hotspots", city="chicago", primary_type="THEFT")
    assert status == 200, body
    assert body["window_months"] == 1 and body["window_positions"] == 12 and body["missing_months"] == []
    assert body["primary_type"] == "THEFT" and "from" not in body


@pytest.mark.parametrize("query", ["window=2", "from=2017-01", "from=2017-06&to=2017-01", "from=2017-01&to=2017-02&window=3",
                                   "from=1990-01&to=2017-12", "limit=0", "from=2017-1&to=2017-12"])
def test_bad_hotspot_parameters_are_400(caught_up, query):
    status, _, body = fetch(caught_up["base"] + "/api/v1/hotspots?city=chicago&" + query)
    assert status == 400 and json.loads(body)["error"]["code"] == "INVALID_ARGUMENT", body


def test_unknown_city_is_404_and_a_bad_slug_400(caught_up):
    for path in ("/api/v1/heatmap/window?last=7d", "/api/v1/grids?year=2017", "/api/v1/hotspots?window=1"):
        status, _, body = fetch(caught_up["base"] + path + "&city=atlantis")
        assert status == 404 and json.loads(body)["error"]["code"] == "NOT_FOUND", (path, body)
        status, _, body = fetch(caught_up["base"] + path + "&city=" + urllib.parse.quote("Chicago!"))
        assert status == 400 and json.loads(body)["error"]["code"] == "INVALID_ARGUMENT", (path, body)
