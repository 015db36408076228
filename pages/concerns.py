from boardcompare.ui.concerns import render

render()
