"""ui.competitors."""
