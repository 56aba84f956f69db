"""English pages show the same figures as the Vietnamese ones: "1.234,5", never "1,234.5"
(the record, the documents and the officers' habits are Vietnamese)."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
