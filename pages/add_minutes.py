"""Add minutes page; all of it lives in boardcompare.ui.add_minutes_page."""

from boardcompare.ui.add_minutes_page import render
from boardcompare.ui.navigation import show

show(render)
