"""Entry point: `streamlit run dashboard.py`. Routes to the pages; all logic is in boardcompare/."""

from boardcompare.ui.navigation import run_app

run_app()
