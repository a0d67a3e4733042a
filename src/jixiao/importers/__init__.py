"""Importers for spreadsheet exports (survey exports, project registries)."""
