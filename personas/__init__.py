"""Personas and the customer portfolio. No Streamlit here."""
