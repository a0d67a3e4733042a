"""PDF export of the score table (reportlab), its digital signature and verification (pyHanko)."""
