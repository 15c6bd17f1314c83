"""Shared foundations: settings, errors, and the project model."""
