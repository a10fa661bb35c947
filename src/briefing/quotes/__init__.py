"""Direct quotes and who said them, found in the article text (never generated)."""
from briefing.quotes.extract import (
    Quote,
    extract_quotes,
    extract_quotes_many,
    find_spans,
)

__all__ = ["Quote", "extract_quotes", "extract_quotes_many", "find_spans"]
