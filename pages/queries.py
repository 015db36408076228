from boardcompare.ui.queries_page import render

render()
