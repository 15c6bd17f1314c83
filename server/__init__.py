"""Nilai's server glue: what runs beside Streamlit in the same process (see serve.py)."""
