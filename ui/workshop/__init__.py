"""ui.workshop."""
