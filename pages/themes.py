from boardcompare.ui.navigation import show
from boardcompare.ui.themes import render

show(render)
