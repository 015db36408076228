from boardcompare.ui.concerns import render
from boardcompare.ui.navigation import show

show(render)
