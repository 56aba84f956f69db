"""Vietnamese figures group thousands with a dot: "1.234,5" (Django's own vi formats do not group)."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
