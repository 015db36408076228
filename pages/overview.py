from boardcompare.ui.navigation import show
from boardcompare.ui.overview import render

show(render)
