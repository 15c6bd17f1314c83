"""The customer's own voice: survey responses (CSV/XLSX import), Net Promoter by group with
its margin of error, themes from comments proposed as pains and gains, improvement actions,
and what we know about each persona. No Streamlit, no SQL: storage/feedback.py holds that."""
