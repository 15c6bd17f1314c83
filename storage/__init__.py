"""Storage: all SQL lives here. Tables, repositories, migrations, the revision counter.

Import what you need from its module (storage.store, storage.tables ...): this package
re-exports nothing, so importing one part never drags in (or races) the rest."""
