from boardcompare.ui.navigation import show
from boardcompare.ui.queries_page import render

show(render)
