"""ui.classroom."""
