"""One evaluation = one SQLite file (.jixiao), read and written with sqlite-utils."""
