from boardcompare.ui.sources import render

render()
