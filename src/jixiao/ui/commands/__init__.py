"""The undoable writes of each tab, all on the one op base (jixiao.ui.operations)."""
