"""Testing the value proposition: the assumptions map, test cards and learning cards.

No Streamlit and no SQL here: models and rules (models.py, library.py, criterion in
models.py, assumptions_map.py) and the service every page, export and test calls
(service.py), which reaches the database only through storage.experiments.
"""
