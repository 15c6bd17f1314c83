"""Running Nilai for a long time (issue 28): backups and restore, scheduled backups,
metrics and logs. No Streamlit here: the command line and the server both use it."""
