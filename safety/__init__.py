"""The one HTML sanitiser (`sanitize`) and the cleaning of every uploaded picture
and document (`uploads`). Imports only `core` (tests/test_import_layers.py).
A Django app only so that its `ready()` connects the upload signals.
"""
