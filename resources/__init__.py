"""Data package: the bundled fonts, icons, sample data and templates. The build maps this
top-level directory to jixiao.resources (pyproject.toml), found through jixiao.paths."""
