"""Number formats per language: figures keep the Vietnamese form (1.234,5) in English too."""
