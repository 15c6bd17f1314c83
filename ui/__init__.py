"""Shared Streamlit pieces: the shell, translation, state, error display, components."""
