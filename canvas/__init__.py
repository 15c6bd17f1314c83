"""The value proposition domain: canvases, items, links, fit, competitors. No Streamlit here."""
