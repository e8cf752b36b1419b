"""The pure domain core: models, bank loading, grading, sessions, scheduling and storage.

Nothing in this package may import Textual or Rich; ``tests/core/test_import_hygiene.py``
enforces it, so the core stays fast to import and easy to test.
"""
