from boardcompare.ui.navigation import show
from boardcompare.ui.reviews import render

show(render)
