"""See ui/__init__.py."""
