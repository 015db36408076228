"""Entry point: `streamlit run dashboard.py`. Routes to the pages; all logic is in boardcompare/."""

import streamlit as st

from boardcompare.ui.navigation import page_specs

st.set_page_config(page_title="Safeguarding boards compared", layout="wide")
pages = [st.Page(spec.path, title=spec.title, url_path=spec.url_path, default=spec.default)
         for spec in page_specs()]
st.navigation(pages).run()
