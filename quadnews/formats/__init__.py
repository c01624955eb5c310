"""Input formats: bytes -> text (encoding), HTML pages and JSON article records -> articles."""
