"""Every page in a real browser: `streamlit run dashboard.py` on a loopback port, headless Chromium.

Each page is opened at desktop (1440x900) and phone (390 px) width; screenshots go to
tests/screenshots/<page>-<width>.png (gitignored) for a person to look at, and axe-core (installed
from the npm registry by `make test`, see tests/browser/package.json) is injected into each page:
any serious or critical accessibility violation fails the test.
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
AXE = PROJECT_DIR / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_DIR / "tests" / "screenshots"
WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}
START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 30_000
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
HOSTILE = "[Session expired - log in again](https://evil.example/login)"
# True once no visible element is still a loading placeholder and every visible chart is drawn.
SETTLED_JS = """() => {
  const shown = e => e.offsetParent !== null;
  const loading = [...document.querySelectorAll(
      '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]')];
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(shown);
  return !loading.some(shown) && charts.every(c => c.querySelector('.main-svg'));
}"""
AXE_JS = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => [n.target.join(' '), n.failureSummary, n.html.slice(0, 120)])}));
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, data: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """A fresh `streamlit run dashboard.py` on the fixture database; returns it and its address."""
    port = free_port()
    env = {**os.environ, "BOARDCOMPARE_DB": str(db), "BOARDCOMPARE_DATA": str(data)}
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    with open(log, "w") as out:
        server = subprocess.Popen(cmd, cwd=PROJECT_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return server, url
        except OSError:
            time.sleep(0.5)
    stop(server)
    pytest.fail(f"streamlit did not answer within {START_TIMEOUT_S}s:\n{log.read_text()}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """A data folder of the test's own, so Add minutes never touches data/minutes."""
    data = tmp_path_factory.mktemp("data")
    (data / "minutes").mkdir()
    return data


@pytest.fixture(scope="module")
def dashboard(fixture_db, data_dir, tmp_path_factory):
    server, url = start_server(fixture_db, data_dir, tmp_path_factory.mktemp("streamlit") / "server.log")
    try:
        yield url
    finally:
        stop(server)


@pytest.fixture(scope="module")
def browser(dashboard):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def settle(page) -> None:
    page.locator("h1").first.wait_for(state="visible")
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(state="attached")
    page.wait_for_function(SETTLED_JS)
    page.wait_for_timeout(400)


def open_page(browser, url: str, width: str = "desktop"):
    """Open ``url`` and wait, within bounds, until the script has finished and charts are drawn."""
    w, h = WIDTHS[width]
    page = browser.new_page(viewport={"width": w, "height": h})
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(url)
    settle(page)
    return page


def address(dashboard: str, spec, query: str = "") -> str:
    # The default page lives at the root address.
    return f"{dashboard}/{'' if spec.default else spec.url_path}{query}"


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def outside_links(page) -> list[str]:
    """Links on the page that lead to the hostile site (the menu's own links carry the address's query)."""
    return page.evaluate("() => [...document.querySelectorAll('a[href]')]"
                         ".filter(a => new URL(a.href, location.href).hostname.endsWith('evil.example'))"
                         ".map(a => a.outerHTML)")


def shoot(page, name: str) -> None:
    """A screenshot of the whole page: the window made as tall as the page (its main part scrolls inside)."""
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    width = page.viewport_size["width"]
    page.set_viewport_size({"width": width, "height": min(max(height + 40, 600), 15000)})
    page.wait_for_timeout(800)  # charts redraw at the new size
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# Every page, both widths: no errors, a screenshot, no serious accessibility violation ------------

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("spec", page_specs(), ids=lambda s: s.url_path)
def test_page_opens_readable_and_accessible(dashboard, browser, spec, width):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing ({AXE}): run `make test`, which installs it with npm")
    page = open_page(browser, address(dashboard, spec), width)
    try:
        errors = page.locator(ERRORS)
        assert errors.count() == 0, errors.all_inner_texts()
        assert page.locator("h1").first.inner_text().strip()
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_JS)
        assert violations == [], violations
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page is {overflow} px wider than the window"
        assert page.locator('[data-testid="stAppDeployButton"]').count() == 0  # client.toolbarMode
        shoot(page, f"{spec.url_path}-{width}")
    finally:
        page.close()


def test_every_chart_has_its_data_one_step_away(dashboard, browser):
    for spec in page_specs():
        page = open_page(browser, address(dashboard, spec))
        try:
            charts = page.locator('[data-testid="stPlotlyChart"]').count()
            tabs = page.get_by_role("tab", name="Data behind the chart").count()
            assert tabs >= charts - (spec.url_path == "queries"), spec.url_path  # queries show their table below
        finally:
            page.close()


# Links -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("spec", page_specs(), ids=lambda s: s.url_path)
def test_a_copied_link_opened_first_on_a_fresh_server(fixture_db, data_dir, tmp_path, browser, spec):
    server, url = start_server(fixture_db, data_dir, tmp_path / "server.log")
    try:
        page = open_page(browser, address(url, spec, "?boards=Northshire&board=Northshire"))
        try:
            body = page.locator("body").inner_text()
            assert "Page not found" not in body and "page not found" not in body.lower()
            assert page.locator("h1").first.inner_text().strip()
            assert spec.title in page.locator('[data-testid="stSidebarNav"]').inner_text()
        finally:
            page.close()
    finally:
        stop(server)


@pytest.mark.parametrize("spec", page_specs(), ids=lambda s: s.url_path)
def test_hostile_links_never_become_links_or_images(dashboard, browser, spec):
    keys = ["boards", "board", "theme", "figure", "concern", "q", "query", "period"]
    query = "?" + "&".join(f"{k}={urllib.request.quote(HOSTILE)}" for k in keys)
    page = open_page(browser, address(dashboard, spec, query))
    try:
        assert outside_links(page) == []
        assert page.locator('img[src*="evil.example"]').count() == 0
        assert page.locator(ERRORS).count() == 0
    finally:
        page.close()


def test_bare_addresses_in_the_minutes_are_not_links_on_the_briefing(dashboard, browser):
    page = open_page(browser, f"{dashboard}/briefing?board=Northshire&period=2017-18")
    try:
        assert "https://evil.example/audit" in main_text(page).replace("\u2060", "")  # shown, as text
        assert outside_links(page) == []
    finally:
        page.close()


def test_filters_work_from_the_keyboard(dashboard, browser):
    page = open_page(browser, f"{dashboard}/reviews")
    try:
        for _ in range(40):  # Tab to the boards filter, as someone without a mouse would
            page.keyboard.press("Tab")
            if page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stMultiSelect\"]')"):
                break
        else:
            pytest.fail("the boards filter cannot be reached with the Tab key")
        page.keyboard.type("Westford")
        page.keyboard.press("Enter")
        page.wait_for_url("**/reviews?boards=Westford*")
        settle(page)
        assert "Westford" in main_text(page)
    finally:
        page.close()


def test_search_link_highlights_hits_and_never_renders_minutes_html(dashboard, browser):
    page = open_page(browser, f'{dashboard}/sources?q=%22Jo+Bloggs%22')
    try:
        shoot(page, "sources-search")
        assert page.locator("mark").first.inner_text() == "Jo Bloggs"
        body = main_text(page)
        assert "<script>alert('x')</script>" in body  # shown as text, not run
        assert "jo.bloggs@example.gov.uk" not in body and "0161 474 5657" not in body
    finally:
        page.close()


# From a chart to its sentences ---------------------------------------------------------------------

def _point_centre(page, chart: int = 0) -> tuple[float, float]:
    """The middle of the first bar, point or cell of a chart, scrolled into the window."""
    point = page.locator('[data-testid="stPlotlyChart"]').nth(chart).locator("path.point, g.point path").first
    point.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = point.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _click_first_point(page, chart: int = 0) -> None:
    x, y = _point_centre(page, chart)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.down()
    page.mouse.up()


@pytest.mark.parametrize(("path", "said"), [
    ("metrics?figure=Child+death+notifications", "The board reported"),
    ("themes?boards=Northshire", "The board discussed"),
    ("reviews?boards=Northshire&boards=Eastborough", "The board reported"),
    ("concerns", "raised a concern"),
    ("", "The board discussed"),
])
def test_clicking_a_chart_shows_the_sentences_behind_it(dashboard, browser, path, said):
    page = open_page(browser, f"{dashboard}/{path}")
    try:
        _click_first_point(page)
        heading = page.get_by_text("The sentences behind your choice")
        heading.wait_for()
        settle(page)
        heading.scroll_into_view_if_needed()  # the table draws only the rows in the window
        page.wait_for_timeout(500)
        tables = page.locator('[data-testid="stDataFrame"]').all_text_contents()  # a canvas, with a text copy
        assert any(said in t for t in tables), tables
        shoot(page, f"picked-{path.split('?')[0] or 'overview'}")
    finally:
        page.close()


def test_hovering_shows_the_start_of_the_sentence(dashboard, browser):
    page = open_page(browser, f"{dashboard}/metrics?figure=Child+death+notifications")
    try:
        page.mouse.move(*_point_centre(page))
        page.locator(".hoverlayer .hovertext").first.wait_for()
        assert "The board reported" in page.locator(".hoverlayer .hovertext").first.text_content()
    finally:
        page.close()


# Add minutes ---------------------------------------------------------------------------------------

def test_add_minutes_states_the_real_limit_and_explains_a_refused_type(dashboard, browser, tmp_path):
    page = open_page(browser, f"{dashboard}/add_minutes")
    try:
        uploader = page.locator('[data-testid="stFileUploader"]')
        assert "20MB" in uploader.inner_text().replace(" ", "") and "200" not in uploader.inner_text()
        assert str(PROJECT_DIR) not in main_text(page) and "/minutes" not in main_text(page)
        program = tmp_path / "minutes.exe"
        program.write_bytes(b"MZ\x90\x00")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(program))
        page.get_by_text("Unsupported file type .exe").wait_for()
    finally:
        page.close()
