"""Rules of a live session: rooms, roles, voting, timer. No Streamlit here."""
