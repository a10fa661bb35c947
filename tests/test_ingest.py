from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED, SEEDS

from briefing.article import Article
from briefing.errors import InputError
from briefing.ingest import Source, decode, discover, parse_plain, read_all, read_source


def test_seed_headline_byline_bullets_dateline():
    (art,) = list(read_all([str(SEED)]))
    assert art.title == "U.S., Cuba engage in third round of migration talks"
    assert art.byline == "the CNN Wire Staff"
    assert art.highlights == [
        "U.S., Cuba resume migration talks",
        "No apparent decision over detained U.S. contractor",
        "Talks focused on illegal migration",
    ]
    assert art.source == "CNN"
    assert art.text.startswith("The United States and Cuba wrapped up")
    assert "Skip to main content" not in art.text
    # quote characters are kept as they are
    assert '"Engaging in these talks' in art.text


def test_all_seed_formats_load():
    items = list(read_all([str(SEEDS)]))
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) >= 8
    by_id = {a.id: a for a in arts}
    assert by_id["bbc-ink-democracy-asia"].title.startswith("Ink helps drive democracy in Asia")
    assert "Home" not in by_id["bbc-ink-democracy-asia"].text.split("\n")[0]
    assert by_id["bbc-labour-maternity-pay"].title == "Labour plans maternity pay rise"
    assert by_id["bbc-time-warner-profit"].source == "BBC News"
    # jsonl ids are preserved
    assert "cnn_test6006" in by_id


@pytest.mark.parametrize(
    "data,expected",
    [
        ("caf\u00e9 \u201cquoted\u201d".encode("utf-8"), "caf\u00e9 \u201cquoted\u201d"),
        (b"\xef\xbb\xbf" + "caf\u00e9".encode("utf-8"), "caf\u00e9"),
        ("caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "caf\u00e9 \u201cquoted\u201d"),
        ("na\u00efve".encode("latin-1"), "na\u00efve"),
    ],
)
def test_decode_fallbacks(data, expected):
    assert decode(data, "x.txt") == expected


def test_decode_rejects_empty_and_binary():
    with pytest.raises(InputError, match="empty file"):
        decode(b"  \n", "e.txt")
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "b.txt")


def test_jsonl_bad_line_keeps_good_lines(tmp_path: Path):
    f = tmp_path / "a.jsonl"
    f.write_text(
        json.dumps({"id": "one", "text": "First article. It has text."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "three", "article": "Third article text here."}) + "\n"
        + json.dumps({"id": "four"}) + "\n",
        encoding="utf-8",
    )
    items = list(read_source(Source(f)))
    assert [getattr(i, "id", None) for i in items[:1]] == ["one"]
    assert isinstance(items[1], InputError) and items[1].line == 2 and "malformed JSON" in str(items[1])
    assert items[2].id == "three"
    assert isinstance(items[3], InputError) and 'missing "text"' in str(items[3]) and ":4:" in str(items[3])


def test_discover_missing_path_is_an_error():
    with pytest.raises(InputError, match="no such file"):
        discover(["/nonexistent/folder"])


def test_markdown_heading_and_front_matter():
    art = parse_plain("Title: Given title\nDate: 2026-11-27\n\n# Ignored heading\n\nBody text here.", "x")
    assert art.title == "Given title" and art.date == "2026-11-27"
    art = parse_plain("# A heading\n\nBody text here. More text.", "y")
    assert art.title == "A heading" and art.text.startswith("Body text")


def test_bullets_inside_body_are_not_highlights():
    art = parse_plain("Headline here\n\nFirst paragraph of body.\n\n- a list item in the body\n", "z")
    assert art.highlights == []
    assert "a list item" in art.text


def test_metadata_line_under_the_headline():
    art = parse_plain("# Headline\n\nSource: BBC News\n\nBody text here. More.", "m")
    assert art.title == "Headline" and art.source == "BBC News" and art.text == "Body text here. More."


def test_html_headline_is_not_repeated_as_first_sentence():
    from briefing.ingest import parse_html

    page = "<html><head><title>Storm hits coast</title></head><body><article><h1>Storm hits coast</h1>" \
           "<p>A storm hit the coast on Monday, cutting power to thousands of homes in the region.</p>" \
           "<p>Officials said repairs would take days, and schools will stay closed until Wednesday.</p></article></body></html>"
    art = parse_html(page, "s")
    assert art.title == "Storm hits coast"
    assert art.text.startswith("A storm hit the coast")
