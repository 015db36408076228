from boardcompare.ui.themes import render

render()
