"""Opening the store as the app does: storage connects and migrates it, then the shipped
example projects go in on the database's first run. Seeding lives here, above storage,
because it needs the examples' files and the survey parser."""

from __future__ import annotations

from core.settings import Settings
from examples import seed_samples
from storage.store import Store, connect_store, run_once


def open_store(settings: Settings) -> Store:
    """storage.store.connect_store, then the sample projects once per database (unless
    settings.seed_sample is off)."""
    store = connect_store(settings)
    if settings.seed_sample:
        run_once(store, "seed:sample_projects", seed_samples)
    return store
