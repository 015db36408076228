from boardcompare.ui.profile import render

render()
