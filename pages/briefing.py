"""Briefing page; all of it lives in boardcompare.ui.briefing_page."""

from boardcompare.ui.briefing_page import render
from boardcompare.ui.navigation import show

show(render)
