from boardcompare.ui.navigation import show
from boardcompare.ui.profile import render

show(render)
