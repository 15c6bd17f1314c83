"""competitors."""
