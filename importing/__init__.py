"""Importing a project file (the JSON document export/ writes) as a new project."""
