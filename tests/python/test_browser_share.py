"""Taking views away, in headless Chromium against the real stack (Chicago 2017): the CSV and
GeoJSON downloads of the map, month, morph and hotspot views are downloaded, parsed and checked
against the API; the PNGs of the map, month and morph views are decoded (size, non-blank pixels,
legend colours); "Copy link" gives an address that, opened in a fresh tab, restores every
control; /embed/map runs inside an <iframe> of a page from another origin while the main page
refuses to be framed; a police.uk city without polygons gets an outline drawn from its data.
Screenshots (also copied to docs/screenshots/): share-map.png, share-month.png, share-morph.png,
embed-iframe.png, context-london.png, and the PNG exports themselves (export-*.png)."""

from __future__ import annotations

import csv
import http.server
import io
import json
import shutil
import struct
import subprocess
import threading
import time
import urllib.parse
import urllib.request
import zlib
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import READY_TIMEOUT, REPO_ROOT, clean_env, executable, free_port, tail
from test_browser import WAIT, browser, screenshots, settled, severe_console_entries  # noqa: F401 (fixtures)

DOCS_SHOTS = REPO_ROOT / "docs" / "screenshots"


def keep(path: Path) -> None:
    DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, DOCS_SHOTS / path.name)


def shot(driver, screenshots: Path, name: str) -> None:
    driver.save_screenshot(str(screenshots / name))
    keep(screenshots / name)


def api(base: str, path: str, **params) -> dict:
    with urllib.request.urlopen(f"{base}{path}?{urllib.parse.urlencode(params)}", timeout=120) as response:
        return json.loads(response.read())


@pytest.fixture()
def downloads(browser, tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


def downloaded(folder: Path, name: str) -> bytes:
    """The file once Chromium finished writing it."""
    WebDriverWait(None, WAIT).until(lambda _: (folder / name).is_file() and not list(folder.glob("*.crdownload")))
    return (folder / name).read_bytes()


def click_download(driver, folder: Path, element_id: str) -> tuple[str, bytes]:
    """Clicks a download link or button; the file's name (as the server or page named it) and bytes."""
    before = set(folder.iterdir())
    driver.find_element(By.ID, element_id).click()
    WebDriverWait(driver, WAIT).until(
        lambda _: [p for p in set(folder.iterdir()) - before if not p.name.endswith(".crdownload")])
    path = next(p for p in set(folder.iterdir()) - before if not p.name.endswith(".crdownload"))
    return path.name, downloaded(folder, path.name)


def parse_csv(body: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    lines = body.decode("utf-8").split("\n")
    meta = {}
    while lines and lines[0].startswith("# "):
        name, _, value = lines.pop(0)[2:].partition(": ")
        meta[name] = value
    return meta, list(csv.DictReader(io.StringIO("\n".join(lines))))


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of an 8-bit RGBA, non-interlaced PNG (what canvas.toBlob writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert (depth, colour, interlace) == (8, 6, 0), (depth, colour, interlace)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride, rows, previous = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - 4] if x >= 4 else 0
            b = previous[x]
            c = previous[x - 4] if x >= 4 else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def colours(rows: list[bytes]) -> dict[tuple[int, int, int], int]:
    counts: dict[tuple[int, int, int], int] = {}
    for row in rows:
        for x in range(0, len(row), 4):
            key = (row[x], row[x + 1], row[x + 2])
            counts[key] = counts.get(key, 0) + 1
    return counts


def check_png(data: bytes, driver, map_id: str, name: str, screenshots: Path) -> dict:
    (screenshots / name).write_bytes(data)
    keep(screenshots / name)
    width, height, rows = decode_png(data)
    size = driver.execute_script(f"const r = document.getElementById('{map_id}').getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)];")
    assert abs(width - size[0]) <= 2 and abs(height - (size[1] + 40)) <= 2, (width, height, size)
    counts = colours(rows)
    background = {(0xf0, 0xf0, 0xee), (255, 255, 255)}
    painted = sum(n for rgb, n in counts.items() if rgb not in background)
    assert painted > 0.05 * width * height, (painted, width * height)
    # The footer carries dark attribution text.
    footer = rows[-30:]
    assert any(row[x] < 100 and row[x + 1] < 100 and row[x + 2] < 100 for row in footer for x in range(0, len(row), 4))
    return counts


def controls(driver, ids: list[str]) -> dict[str, object]:
    out = {}
    for element_id in ids:
        element = driver.find_element(By.ID, element_id)
        out[element_id] = element.is_selected() if element.get_attribute("type") == "checkbox" else element.get_attribute("value")
    return out


def copied_link(driver, view: str) -> str:
    driver.find_element(By.ID, f"{view}-copy-link").click()
    WebDriverWait(driver, WAIT).until(lambda d: d.find_element(By.ID, f"{view}-link").get_attribute("value"))
    return driver.find_element(By.ID, f"{view}-link").get_attribute("value")


def in_fresh_tab(driver, url: str, ready, ids: list[str]) -> dict[str, object]:
    """Opens `url` in a new tab, waits for `ready(driver)`, reads the controls, closes the tab."""
    original = driver.current_window_handle
    driver.switch_to.new_window("tab")
    try:
        driver.get(url)
        WebDriverWait(driver, WAIT).until(ready)
        return controls(driver, ids)
    finally:
        driver.close()
        driver.switch_to.window(original)


MAP_CONTROLS = ["city", "year-from", "year-to", "hours", "hour-min", "hour-max", "window", "type", "map-mode"]


def test_map_downloads_png_and_copy_link(settled_stack, browser, screenshots, downloads):
    base = settled_stack["base"]
    browser.get(base + "/#/map?city=chicago&from=2017&to=2017&hours=custom&hour_min=22&hour_max=5&type=THEFT")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "total").get_attribute("data-query") ==
                                       "city=chicago&year=2017&hour_min=22&hour_max=5&primary_type=THEFT")
    heat = api(base, "/api/v1/heatmap", city="chicago", year="2017", hour_min="22", hour_max="5", primary_type="THEFT")
    assert browser.find_element(By.ID, "total").get_attribute("data-total") == str(heat["total"]["incidents"])

    name, body = click_download(browser, downloads, "map-export-csv")
    assert name == "crimescope-heatmap-chicago-hour_max-5-hour_min-22-primary_type-THEFT-year-2017.csv"
    meta, rows = parse_csv(body)
    assert meta["primary_type"] == "THEFT" and int(meta["total_incidents"]) == heat["total"]["incidents"]
    by_area = {row["area"]: int(row["incidents"]) for row in rows}
    assert all(by_area[a["area"]] == a["incidents"] for a in heat["areas"])
    assert sum(by_area.values()) == heat["total"]["incidents"]

    name, body = click_download(browser, downloads, "map-export-geojson")
    assert name.endswith(".geojson")
    geo = json.loads(body)
    assert sum(f["properties"]["incidents"] for f in geo["features"]) == heat["total"]["incidents"]
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in geo["features"] if f["geometry"])

    name, png = click_download(browser, downloads, "map-png")
    assert name == "crimescope-map.png"
    counts = check_png(png, browser, "map", "export-map.png", screenshots)
    # The legend's class colours (YlGnBu) are in the picture.
    palette = [(0xff, 0xff, 0xcc), (0xc7, 0xe9, 0xb4), (0x7f, 0xcd, 0xbb), (0x41, 0xb6, 0xc4), (0x1d, 0x91, 0xc0), (0x22, 0x5e, 0xa8), (0x0c, 0x2c, 0x84)]
    assert sum(1 for rgb in palette if counts.get(rgb, 0) > 50) >= 4, {rgb: counts.get(rgb, 0) for rgb in palette}

    # Every control goes into the link: significance colouring and the table tab too.
    Select(browser.find_element(By.ID, "map-mode")).select_by_value("significance")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "legend").get_attribute("data-mode") == "significance")
    browser.find_element(By.ID, "show-table").click()
    shown = controls(browser, MAP_CONTROLS)
    link = copied_link(browser, "map")
    assert "mode=significance" in link and "tab=table" in link and "hour_min=22" in link, link
    shot(browser, screenshots, "share-map.png")
    restored = in_fresh_tab(browser, link, lambda d: d.find_element(By.ID, "legend").get_attribute("data-mode") == "significance"
                            and d.find_element(By.ID, "table-view").get_attribute("hidden") is None
                            and d.find_element(By.ID, "type").get_attribute("value") == "THEFT", MAP_CONTROLS)
    assert restored == shown, (restored, shown)
    assert severe_console_entries(browser) == []


MONTH_CONTROLS = ["month-city", "month-month", "month-speed", "month-scrub", "month-colour", "month-density"]


def test_month_downloads_png_and_copy_link(settled_stack, browser, screenshots, downloads):
    base = settled_stack["base"]
    browser.get(base + "/#/month?city=chicago&month=2017-07&speed=5&colour=arrest&density=1&day=12")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "month-date").get_attribute("data-day") == "12"
                                       and int(d.find_element(By.ID, "month-map").get_attribute("data-drawn") or 0) > 0)
    assert controls(browser, ["month-speed", "month-colour", "month-density"]) == \
        {"month-speed": "5", "month-colour": "arrest", "month-density": True}
    month = api(base, "/api/v1/incidents", city="chicago", month="2017-07")
    first12 = sum(month["per_day"][:12])
    assert browser.find_element(By.ID, "month-count").get_attribute("data-count") == str(first12)

    name, body = click_download(browser, downloads, "month-export-csv")
    assert name == "crimescope-incidents-chicago-month-2017-07.csv"
    meta, rows = parse_csv(body)
    assert len(rows) == month["count"] and sum(int(r["arrest"]) for r in rows) == sum(month["arrest"])
    _, body = click_download(browser, downloads, "month-export-geojson")
    assert len(json.loads(body)["features"]) == month["count"]

    _, png = click_download(browser, downloads, "month-png")
    counts = check_png(png, browser, "month-map", "export-month.png", screenshots)
    assert counts.get((0x00, 0x72, 0xb2), 0) + counts.get((0xe6, 0x9f, 0x00), 0) > 20  # the arrest / no-arrest colours

    link = copied_link(browser, "month")
    shown = controls(browser, MONTH_CONTROLS)
    shot(browser, screenshots, "share-month.png")
    restored = in_fresh_tab(browser, link, lambda d: d.find_element(By.ID, "month-date").get_attribute("data-day") == "12", MONTH_CONTROLS)
    assert restored == shown, (restored, shown)


MORPH_CONTROLS = ["morph-city", "morph-year", "morph-scrub"]


def test_morph_downloads_png_and_copy_link(settled_stack, browser, screenshots, downloads):
    base = settled_stack["base"]
    grids = settled(lambda: api(base, "/api/v1/grids", city="chicago", year="2017"))
    browser.get(base + "/#/morph?city=chicago&year=2017&month=7")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "morph-month").get_attribute("data-month") == "2017-07")
    assert browser.find_element(By.ID, "morph-total").get_attribute("data-total") == str(grids["months"][6]["total"])

    _, body = click_download(browser, downloads, "morph-export-csv")
    meta, rows = parse_csv(body)
    assert len(rows) == sum(len(m["cells"]) for m in grids["months"])
    assert sum(int(r["count"]) for r in rows if r["month"] == "2017-07") == grids["months"][6]["total"]
    _, body = click_download(browser, downloads, "morph-export-geojson")
    assert len(json.loads(body)["features"]) == len(rows)

    _, png = click_download(browser, downloads, "morph-png")
    check_png(png, browser, "morph-map", "export-morph.png", screenshots)

    browser.find_element(By.ID, "morph-scrub").send_keys("\ue014")  # one month on: August
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "morph-month").get_attribute("data-month") == "2017-08")
    link = copied_link(browser, "morph")
    assert "month=8" in link
    shown = controls(browser, MORPH_CONTROLS)
    shot(browser, screenshots, "share-morph.png")
    restored = in_fresh_tab(browser, link, lambda d: d.find_element(By.ID, "morph-month").get_attribute("data-month") == "2017-08", MORPH_CONTROLS)
    assert restored == shown


def test_hotspots_downloads_and_copy_link(settled_stack, browser, downloads):
    base = settled_stack["base"]
    params = {"city": "chicago", "from": "2017-01", "to": "2017-12", "window": "12", "primary_type": "THEFT"}
    reply = settled(lambda: api(base, "/api/v1/hotspots", **params))
    browser.get(base + "/#/hotspots?city=chicago&type=THEFT&window=12&from=2017-01&to=2017-12")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "hotspots-summary").get_attribute("data-cells") == str(len(reply["cells"])))
    _, body = click_download(browser, downloads, "hotspots-export-geojson")
    geo = json.loads(body)
    assert [f["properties"]["count"] for f in geo["features"]] == [c["count"] for c in reply["cells"]]
    assert geo["metadata"]["primary_type"] == "THEFT" and geo["metadata"]["window"] == "12"
    link = copied_link(browser, "hotspots")

    def state(d):
        pressed = [b.get_attribute("data-window") for b in d.find_elements(By.CSS_SELECTOR, "#hotspots-windows button")
                   if b.get_attribute("aria-pressed") == "true"]
        tab = [b.get_attribute("data-type") for b in d.find_elements(By.CSS_SELECTOR, "#hotspots-types button")
               if b.get_attribute("aria-selected") == "true"]
        return pressed, tab, d.find_element(By.ID, "hotspots-from").get_attribute("value"), d.find_element(By.ID, "hotspots-to").get_attribute("value")

    shown = state(browser)
    assert shown == (["12"], ["THEFT"], "2017-01", "2017-12")
    original = browser.current_window_handle
    browser.switch_to.new_window("tab")
    try:
        browser.get(link)
        WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "hotspots-summary").get_attribute("data-cells") == str(len(reply["cells"])))
        assert state(browser) == shown
    finally:
        browser.close()
        browser.switch_to.window(original)


PREDICT_CONTROLS = ["predict-city", "predict-area", "predict-hour", "predict-day", "predict-month", "predict-type", "predict-forecast"]


def test_predict_controls_and_copy_link(settled_stack, browser):
    base = settled_stack["base"]
    browser.get(base + "/#/predict?city=chicago&hour=22&day=4&month=7&forecast=0")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "predict-hour").get_attribute("value") == "22"
                                       and len(d.find_element(By.ID, "predict-area").find_elements(By.TAG_NAME, "option")) > 200)
    assert not browser.find_element(By.ID, "predict-forecast").is_selected()
    Select(browser.find_element(By.ID, "predict-area")).select_by_index(5)
    link = copied_link(browser, "predict")
    assert "forecast=0" in link and "hour=22" in link, link
    shown = controls(browser, PREDICT_CONTROLS)
    restored = in_fresh_tab(browser, link, lambda d: d.find_element(By.ID, "predict-area").get_attribute("value") == shown["predict-area"],
                            PREDICT_CONTROLS)
    assert restored == shown


def headers_of(url: str) -> dict[str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return {"status": str(response.status), **{k.lower(): v for k, v in response.headers.items()}}
    except urllib.error.HTTPError as error:
        return {"status": str(error.code), **{k.lower(): v for k, v in error.headers.items()}}


def test_embed_in_an_iframe_and_the_main_page_refuses_framing(settled_stack, browser, screenshots, tmp_path):
    base = settled_stack["base"]
    embed = headers_of(base + "/embed/map?city=chicago&last=30d")
    assert embed["status"] == "200" and "frame-ancestors *" in embed["content-security-policy"]
    main = headers_of(base + "/")
    assert "frame-ancestors 'none'" in main["content-security-policy"]
    assert headers_of(base + "/embed/predict")["status"] == "404"

    window = api(base, "/api/v1/heatmap/window", city="chicago", last="30d")
    page = tmp_path / "site"
    page.mkdir()
    (page / "article.html").write_text(
        "<!doctype html><title>An article</title><h1>A newsroom article</h1>"
        f'<iframe id="embed" src="{base}/embed/map?city=chicago&last=30d" width="900" height="560" '
        'title="CrimeScope map" style="border:1px solid #ccc"></iframe>'
        f'<iframe id="main" src="{base}/#/map" width="300" height="200"></iframe>')

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(page), **kwargs)

        def log_message(self, *args):
            pass

    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        browser.get(f"http://localhost:{port}/article.html")  # another origin than the gateway's 127.0.0.1
        browser.switch_to.frame("embed")
        WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "total").get_attribute("data-total") == str(window["total"]["incidents"]))
        assert "embedded" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
        assert not browser.find_element(By.TAG_NAME, "header").is_displayed()
        footer = browser.find_element(By.ID, "embed-footer")
        assert footer.is_displayed() and "not predictive policing" in footer.text
        assert "Leaflet" in browser.find_element(By.CSS_SELECTOR, ".leaflet-control-attribution").text
        assert browser.find_element(By.ID, "window").get_attribute("value") == "30d"
        assert "/#/map?" in browser.find_element(By.ID, "embed-open").get_attribute("href")
        browser.switch_to.default_content()
        browser.switch_to.frame("main")
        assert browser.find_elements(By.ID, "nav") == []  # blocked by frame-ancestors 'none'
        browser.switch_to.default_content()
        shot(browser, screenshots, "embed-iframe.png")
        # The other embeddable views restore their controls from the embed's query string.
        for src, element_id, attribute, expected in (
                ("/embed/month?city=chicago&month=2017-07&day=5", "month-date", "data-day", "5"),
                ("/embed/morph?city=chicago&year=2017&month=3", "morph-month", "data-month", "2017-03"),
                ("/embed/hotspots?city=chicago&from=2017-01&to=2017-12&window=12", "hotspots-summary", "data-cells", None)):
            browser.execute_script("document.getElementById('embed').src = arguments[0]", base + src)
            browser.switch_to.frame("embed")
            WebDriverWait(browser, WAIT).until(lambda d: "embedded" in d.find_element(By.TAG_NAME, "body").get_attribute("class")
                                               and (d.find_element(By.ID, element_id).get_attribute(attribute) or "") != ""
                                               and (expected is None or d.find_element(By.ID, element_id).get_attribute(attribute) == expected))
            assert browser.find_element(By.ID, "embed-footer").is_displayed()
            assert [s.get_attribute("data-view") for s in browser.find_elements(By.CSS_SELECTOR, "section[data-view]") if s.is_displayed()] \
                == [src.split("/")[2].split("?")[0]]
            browser.switch_to.default_content()
    finally:
        browser.switch_to.default_content()
        server.shutdown()


MET_FILE = REPO_ROOT / "demo-data" / "uk-metropolitan" / "2017-01-metropolitan-street.csv.xz"


def test_police_uk_city_gets_an_outline_from_its_data(settled_stack, bin_dir, browser, screenshots):
    """No area polygons: the map and the month view draw the cells with any incident (outline and
    faint density) instead of blank ground; Chicago keeps its beat outlines and no derived layer."""
    base = settled_stack["base"]
    log_path = Path(settled_stack["services"]["ingest"][0].log_path).parent / "loaded-ingest-load-met-context.log"
    with open(log_path, "ab") as log:
        result = subprocess.run([executable(bin_dir, "ingest"), "load", "--city", "uk-metropolitan", "--database-url",
                                 settled_stack["database_url"], str(MET_FILE)],
                                stdout=log, stderr=log, env=clean_env(), cwd=REPO_ROOT, timeout=600)
    assert result.returncode == 0, tail(log_path)
    deadline = time.monotonic() + READY_TIMEOUT * 3
    while time.monotonic() < deadline:
        cities = api(base, "/api/v1/cities")["cities"]
        met = next((c for c in cities if c["city"] == "uk-metropolitan"), None)
        if met and 2017 in met["years"]:
            grids = api(base, "/api/v1/grids", city="uk-metropolitan", year="2017")
            if grids["months"] and grids["months"][0]["total"] > 0:
                break
        time.sleep(1.0)
    else:
        pytest.fail("the heatmap service never listed uk-metropolitan 2017 with a grid")
    cells = len(set(grids["months"][0]["cells"]))

    browser.get(base + "/#/month?city=uk-metropolitan&month=2017-01&day=2")
    canvas = WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#month-map canvas.context-canvas"))
    WebDriverWait(browser, WAIT).until(lambda d: int(d.find_element(By.ID, "month-map").get_attribute("data-drawn") or 0) > 0)
    assert int(canvas[0].get_attribute("data-cells")) >= cells > 0
    assert int(canvas[0].get_attribute("data-edges")) > 0
    shot(browser, screenshots, "context-london.png")

    browser.get(base + "/#/map?city=uk-metropolitan")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map canvas.context-canvas"))
    painted = browser.execute_script("""const c = document.querySelector('#map canvas.context-canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n;""")
    assert painted > 1000, painted  # the derived density and outline are drawn on the map view too
    shot(browser, screenshots, "context-london-map.png")
    browser.get(base + "/#/map?city=chicago")
    WebDriverWait(browser, WAIT).until(lambda d: d.find_element(By.ID, "total").get_attribute("data-query") == "city=chicago&year=2017"
                                       and len(d.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive")) > 200)
    assert browser.find_elements(By.CSS_SELECTOR, "#map canvas.context-canvas") == []
