"""ui.personas."""
