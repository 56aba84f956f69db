"""Vietnamese text, date, number, collation and document-symbol helpers."""
