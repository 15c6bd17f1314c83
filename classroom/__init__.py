"""Classroom: guided steps, classes with join codes, the lecturer's gallery. No Streamlit here."""
