"""Data package: the compiled translations (*.qm). The build maps this top-level directory
to jixiao.i18n (pyproject.toml), found through jixiao.paths; tools/i18n.py writes it."""
