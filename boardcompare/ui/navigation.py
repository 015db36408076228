"""The dashboard's pages, in menu order. A page is listed once its file exists."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from boardcompare.errors import EXPECTED
from boardcompare.paths import PROJECT_DIR
from boardcompare.ui.common import show_error

ENTRY_POINT = (PROJECT_DIR / "dashboard.py").resolve()
# True while the router (run_app) is running a page; a page file run directly by Streamlit sees False.
_ROUTED: ContextVar[bool] = ContextVar("routed", default=False)


@dataclass(frozen=True)
class PageSpec:
    """One page of the dashboard: its file, menu title and address."""
    path: str  # relative to the project directory
    title: str
    url_path: str
    default: bool = False


PAGES = (
    PageSpec("pages/overview.py", "Overview", "overview", default=True),
    PageSpec("pages/themes.py", "Themes", "themes"),
    PageSpec("pages/metrics.py", "Reported figures", "metrics"),
    PageSpec("pages/reviews.py", "Serious case reviews", "reviews"),
    PageSpec("pages/concerns.py", "Recurring concerns", "concerns"),
    PageSpec("pages/profile.py", "Board profile", "profile"),
    PageSpec("pages/sources.py", "Sources and search", "sources"),
    PageSpec("pages/briefing.py", "Briefing", "briefing"),
    PageSpec("pages/queries.py", "Queries", "queries"),
    # The address is the file's name: a link opened first on a fresh server finds the file itself.
    PageSpec("pages/add_minutes.py", "Add minutes", "add_minutes"),
)


def page_specs() -> list[PageSpec]:
    """The pages whose files exist, in menu order."""
    return [p for p in PAGES if (PROJECT_DIR / p.path).exists()]


def run_app() -> None:
    """Route to the page the address names: the body of dashboard.py."""
    st.set_page_config(page_title="Safeguarding boards compared", layout="wide")
    pages = [st.Page(str(PROJECT_DIR / spec.path), title=spec.title, url_path=spec.url_path, default=spec.default)
             for spec in page_specs()]
    token = _ROUTED.set(True)
    try:
        st.navigation(pages).run()
    finally:
        _ROUTED.reset(token)


def show(render: Callable[[], None]) -> None:
    """The body of a page file: render the page, or hand over to the router when it was bypassed.

    When a copied link is the first address a fresh `streamlit run dashboard.py` server is asked
    for, Streamlit runs the file in pages/ itself, without dashboard.py: handing over keeps the
    menu, the layout and the link's view. A page run as its own main script (AppTest, or
    `streamlit run pages/<page>.py`) just renders.
    """
    ctx = get_script_run_ctx()
    main = Path(ctx.main_script_path).resolve() if ctx and ctx.main_script_path else None
    if not _ROUTED.get() and main == ENTRY_POINT:
        run_app()
        return
    try:
        render()
    except EXPECTED as err:  # the pages' one place for errors they did not handle themselves
        show_error(err)
