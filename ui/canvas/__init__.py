"""ui.canvas."""
