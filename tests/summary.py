"""Numbers tests collect for the end-of-run summary (printed by tests/conftest.py)."""

PERMISSION_MATRIX_PAIRS = []
