"""Reading articles into ``Article`` objects or ``InputError``s.

``files``: files, folders, stdin; ``http``: polite fetching; ``archive``: the on-disk copy of
what was fetched; ``feeds``: RSS/Atom and OPML; ``seen``: which articles earlier briefings held;
``inputs``: ``open_inputs``, the one entry point the commands use for all of them.
"""
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
from briefing.ingest.inputs import Inputs, Since, open_inputs

__all__ = ["EXTENSIONS", "Item", "Source", "article_from_record", "decode", "derive_id", "discover",
           "parse_html", "parse_plain", "read_all", "read_source", "strip_dateline",
           "Inputs", "Since", "open_inputs"]
