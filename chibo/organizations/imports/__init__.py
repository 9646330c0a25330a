"""Importing member lists and the organization tree from .xlsx/.csv files as offices make them.

- reading.py: files → numbered rows; finding the header among title rows
- values.py: one cell → a date, a name, a card number …
- members.py / organizations.py: check every row, then write all or nothing
- workbooks.py: the template and the error report (.xlsx)
- jobs.py: the web upload's life (ImportJob), run by organizations/tasks.py

See docs/imports.md.
"""
