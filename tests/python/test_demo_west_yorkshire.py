"""West Yorkshire, the demo's fourth city (demo-data/uk-west-yorkshire, all crime types, July 2017):
`scripts/up.sh` and `scripts/compose.sh` load the same bundled files in the same order, every file
they name exists and is listed in demo-data/README.md with its row count; and in headless Chromium
the bundled file, loaded as up.sh loads it, appears in /methodology's data-sources table with the
API's numbers and the police.uk licence."""

from __future__ import annotations

import lzma
import re
import subprocess

from selenium.webdriver.common.by import By

from conftest import REPO_ROOT, clean_env, executable
from test_browser import browser, screenshots, severe_console_entries  # noqa: F401 (fixtures)
from test_browser_methodology import assert_sources_follow_the_api, empty_stack, wait_counted  # noqa: F401 (fixture)

DEMO = REPO_ROOT / "demo-data"
WEST_YORKSHIRE = DEMO / "uk-west-yorkshire" / "2017-07-west-yorkshire-street.csv.xz"


def up_sh_loads() -> list[tuple[str, str]]:
    """(city, path under demo-data/) for every file scripts/up.sh's load lines name, in order."""
    loads = []
    for city, pattern in re.findall(r"^\s+load (\S+) demo-data/(\S+)$", (REPO_ROOT / "scripts" / "up.sh").read_text(), re.M):
        loads += [(city, str(p.relative_to(DEMO))) for p in sorted(DEMO.glob(pattern))] if "*" in pattern else [(city, pattern)]
    return loads


def compose_sh_loads() -> list[tuple[str, str]]:
    """The same for scripts/compose.sh's load_demo list (fixed entries, then the globbed folders)."""
    text = (REPO_ROOT / "scripts" / "compose.sh").read_text()
    body = text[text.index("load_demo() {"):text.index("(( $# ))", text.index("load_demo() {"))]
    loads = [tuple(entry.split()) for entry in re.findall(r'^\s+"([a-z-]+ [^"]+)"$', body, re.M)]
    for folder, city in re.findall(r'for f in demo-data/([a-z-]+)/\*\.csv\.xz; do files\+=\("([a-z-]+) ', body):
        loads += [(city, f"{folder}/{p.name}") for p in sorted((DEMO / folder).glob("*.csv.xz"))]
    return loads


def test_both_scripts_load_the_same_bundled_files_and_the_readme_lists_them():
    loads = up_sh_loads()
    assert loads == compose_sh_loads()
    assert ("uk-west-yorkshire", "uk-west-yorkshire/2017-07-west-yorkshire-street.csv.xz") in loads
    assert [city for city in dict.fromkeys(c for c, _ in loads)] == ["chicago", "nyc", "uk-metropolitan", "uk-west-yorkshire"]
    readme = (DEMO / "README.md").read_text()
    for _, path in loads:
        assert (DEMO / path).is_file(), path
    assert "`uk-west-yorkshire/2017-07-west-yorkshire-street.csv.xz`" in readme
    with lzma.open(WEST_YORKSHIRE, "rt", encoding="utf-8") as source:
        rows = sum(1 for _ in source) - 1
    assert rows == 28_537 and "| 28,537 |" in readme


def test_west_yorkshire_demo_shows_on_the_methodology_page(empty_stack, artifact_dir, bin_dir, browser, screenshots):
    base = empty_stack["base"]
    log_path = artifact_dir / "logs" / "demo-west-yorkshire-ingest-load.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        result = subprocess.run([executable(bin_dir, "ingest"), "load", "--city", "uk-west-yorkshire", "--database-url",
                                 empty_stack["database_url"], str(WEST_YORKSHIRE)],
                                stdout=log, stderr=log, env=clean_env(), cwd=REPO_ROOT, timeout=600)
    assert result.returncode == 0, log_path.read_text()[-2000:]
    browser.get(base + "/methodology")
    total = wait_counted(browser, base, empty_stack["database_url"], "uk-west-yorkshire")
    browser.get(base + "/methodology")
    shown = assert_sources_follow_the_api(browser, base)
    row = shown["uk-west-yorkshire"]
    assert row["name"] == "West Yorkshire"
    assert (row["first"], row["last"], row["missing"]) == ("2017-07", "2017-07", "none")
    # Every row of the file is an incident, those without a location (no point to draw) included.
    assert total == 28_537 and row["incidents"] == "28,537"
    assert "Open Government Licence" in row["publisher"]
    browser.execute_script("document.getElementById('sources').scrollIntoView()")
    browser.save_screenshot(str(screenshots / "methodology-sources-west-yorkshire.png"))
    assert not [e for e in severe_console_entries(browser) if "/api/v1/models" not in e.get("message", "")]
    assert browser.find_element(By.ID, "sources-status").text == ""

