"""Reading articles: files and folders (``files``) into ``Article`` objects or ``InputError``s."""
from briefing.ingest.files import (
    EXTENSIONS,
    Item,
    Source,
    article_from_record,
    decode,
    derive_id,
    discover,
    parse_html,
    parse_plain,
    read_all,
    read_source,
    strip_dateline,
)

__all__ = ["EXTENSIONS", "Item", "Source", "article_from_record", "decode", "derive_id", "discover",
           "parse_html", "parse_plain", "read_all", "read_source", "strip_dateline"]
