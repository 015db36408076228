from boardcompare.ui.navigation import show
from boardcompare.ui.sources import render

show(render)
