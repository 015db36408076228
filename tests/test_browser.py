"""Every page in a real browser: `streamlit run dashboard.py` on a loopback port, headless Chromium.

Screenshots go to tests/screenshots/<page>.png (gitignored) for a person to look at.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from boardcompare.paths import PROJECT_DIR
from boardcompare.ui.navigation import page_specs

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = PROJECT_DIR / "tests" / "screenshots"
START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 30_000
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
# True once no visible element is still a loading placeholder and every visible chart is drawn.
SETTLED_JS = """() => {
  const shown = e => e.offsetParent !== null;
  const loading = [...document.querySelectorAll(
      '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]')];
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(shown);
  return !loading.some(shown) && charts.every(c => c.querySelector('.main-svg'));
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"streamlit did not answer within {START_TIMEOUT_S}s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def dashboard(fixture_db, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    env = {**os.environ, "BOARDCOMPARE_DB": str(fixture_db)}
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with open(log, "w") as out:
        server = subprocess.Popen(cmd, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


FIRST_VISIT: dict[str, str] = {}


@pytest.fixture(scope="module")
def browser(dashboard):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            # A copied link is the very first address this server is asked for: with a pages/
            # directory beside dashboard.py, Streamlit runs the page file itself, which must hand
            # over to the router (boardcompare.ui.navigation.show) to keep the menu and the view.
            first = open_page(chromium, f"{dashboard}/themes?boards=Northshire")
            FIRST_VISIT["menu"] = first.locator('[data-testid="stSidebarNav"]').inner_text()
            FIRST_VISIT["title"] = first.locator("h1").first.inner_text()
            first.close()
            yield chromium
        finally:
            chromium.close()


def open_page(browser, url: str):
    """Open ``url`` and wait, within bounds, until the script has finished and charts are drawn."""
    page = browser.new_page(viewport={"width": 1400, "height": 2200})
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(url)
    page.locator("h1").first.wait_for(state="visible")
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(state="attached")
    page.wait_for_function(SETTLED_JS)
    page.wait_for_timeout(300)
    return page


@pytest.mark.parametrize("spec", page_specs(), ids=lambda s: s.url_path)
def test_page_opens_without_errors(dashboard, browser, spec):
    # The default page lives at the root URL; /<url_path> would say "Page not found" for it.
    page = open_page(browser, f"{dashboard}/{'' if spec.default else spec.url_path}")
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{spec.url_path}.png"), full_page=True)
        errors = page.locator(ERRORS)
        assert errors.count() == 0, errors.all_inner_texts()
        assert spec.title in page.locator('[data-testid="stSidebarNav"]').inner_text()
        assert page.locator("h1").first.inner_text().strip()
    finally:
        page.close()


def test_search_link_highlights_hits_and_never_renders_minutes_html(dashboard, browser):
    page = open_page(browser, f"{dashboard}/sources?q=Jo+Bloggs")
    try:
        page.screenshot(path=str(SCREENSHOTS / "sources-search.png"), full_page=True)
        assert page.locator(ERRORS).count() == 0
        assert page.locator("mark").first.inner_text() == "Jo Bloggs"
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert "<script>alert('x')</script>" in body  # shown as text, not run
        assert "<b>" in body and page.locator("b", has_text="Jo Bloggs").count() == 0
        assert "jo.bloggs@example.gov.uk" not in body and "0161 474 5657" not in body
    finally:
        page.close()


def test_copied_themes_link_reproduces_the_chosen_cell(dashboard, browser):
    page = open_page(browser, f"{dashboard}/themes?boards=Northshire&board=Northshire&theme=Neglect")
    try:
        page.screenshot(path=str(SCREENSHOTS / "themes-cell.png"), full_page=True)
        assert page.locator(ERRORS).count() == 0
        assert "Northshire" in page.locator('[data-testid="stMultiSelect"]').inner_text()
        assert page.locator('[data-testid="stDataFrame"]').count() == 2  # heatmap data and the sentences
    finally:
        page.close()


def test_choosing_a_board_puts_it_in_the_link(dashboard, browser):
    page = open_page(browser, f"{dashboard}/reviews")
    try:
        assert "Not stated in the minutes" in page.locator('[data-testid="stMain"]').inner_text()
        page.locator('[data-testid="stMultiSelect"] input').first.fill("Westford")
        page.keyboard.press("Enter")
        page.wait_for_url("**/reviews?boards=Westford*")
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(state="attached")
        page.wait_for_function(SETTLED_JS)
        # The rerun for the new choice may still be on its way: wait (bounded) for its result.
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stMain\"]').innerText"
            ".includes('Not stated in the minutes')")  # Westford gives its number (none)
        assert page.locator(ERRORS).count() == 0
    finally:
        page.close()


def test_a_copied_link_opened_first_keeps_the_menu_and_the_view(browser):
    assert FIRST_VISIT["title"].strip() == "Themes"
    assert "Serious case reviews" in FIRST_VISIT["menu"]
    assert "dashboard" not in FIRST_VISIT["menu"]
