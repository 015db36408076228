"""Streamlit page bodies. Page files in pages/ only call render() from these modules."""
