"""Exports (PDF, PNG, JSON, Markdown, CSV, XLSX) and the JSON importer. No Streamlit here.

Every writer takes a `ProjectBundle` (export.bundle.collect reads one from the store), so
the app and the CLI (`python -m export`) run the same code.
"""
