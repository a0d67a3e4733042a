"""Spreadsheet layouts shared by the importers and the export: the columns and cell texts of
the project list and of the indicator-system workbook. Only jixiao.core below it."""
