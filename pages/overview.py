from boardcompare.ui.overview import render

render()
