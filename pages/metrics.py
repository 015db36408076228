from boardcompare.ui.metrics import render
from boardcompare.ui.navigation import show

show(render)
