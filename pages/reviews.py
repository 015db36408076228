from boardcompare.ui.reviews import render

render()
