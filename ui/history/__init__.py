"""The version history page: timeline, snapshots, compare and restore."""
