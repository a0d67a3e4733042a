"""The PySide6 desktop interface. Only this package and app.py import Qt."""
