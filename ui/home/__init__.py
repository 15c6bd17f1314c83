"""ui.home."""
