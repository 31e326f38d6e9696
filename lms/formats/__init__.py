"""One date format per language for everything people read: pages, e-mails and PDFs.

Day, month name and year ("1 December 2026", "1 décembre 2026", "1 ديسمبر 2026") cannot be
misread the way "03/02/2026" can. Spreadsheet and CSV exports write ISO 8601 instead
(lms.spreadsheets), which machines and every locale read the same way. Settings not
given here fall back to Django's own format for the language.
"""
