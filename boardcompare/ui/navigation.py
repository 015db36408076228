"""The dashboard's pages, in menu order. A page is listed once its file exists."""

from __future__ import annotations

from dataclasses import dataclass

from boardcompare.paths import PROJECT_DIR


@dataclass(frozen=True)
class PageSpec:
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
    PageSpec("pages/add_minutes.py", "Add minutes", "add-minutes"),
)


def page_specs() -> list[PageSpec]:
    return [p for p in PAGES if (PROJECT_DIR / p.path).exists()]
