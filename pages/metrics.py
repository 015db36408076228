from boardcompare.ui.metrics import render

render()
