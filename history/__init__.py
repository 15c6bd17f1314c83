"""Version history: the timeline of changes, named snapshots, comparing two moments and restoring."""
