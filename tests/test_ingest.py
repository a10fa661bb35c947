from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED, SEEDS

from briefing.article import Article
from briefing.errors import InputError
from briefing.ingest import Source, article_from_record, decode, discover, parse_plain, read_all, read_source


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


# --- issue 23: odd but real input -------------------------------------------------------------

PLAIN = SEED.read_text(encoding="utf-8")
# each turns the plain seed into a form text copied from web pages really takes
VARIANTS = {
    "nbsp-crlf": lambda t: t.replace(" ", "\u00a0").replace("\n", "\r\n"),
    "cr-only": lambda t: t.replace("\n", "\r"),
    "narrow-nbsp": lambda t: t.replace(" ", "\u202f"),
    "other-spaces": lambda t: t.replace(" ", "\u2009", 40).replace(" ", "\u3000", 40).replace(" ", "\u2002"),
    "zwsp-after-spaces": lambda t: t.replace(" ", " \u200b"),
    "zwsp-instead-of-spaces": lambda t: t.replace(" ", "\u200b"),
    "joiners": lambda t: t.replace(" ", "\u200c ", 30).replace(" ", " \u200d", 30).replace(" ", "\u2060 "),
    "boms-inside": lambda t: t.replace("\n", "\n\ufeff"),
    "line-separators": lambda t: t.replace("\n\n", "\u2029").replace("\n", "\u2028"),
}


def _load(tmp_path: Path, text: str, name: str = "seed.txt") -> Article:
    f = tmp_path / name
    f.write_bytes(text.encode("utf-8"))
    (art,) = list(read_all([str(f)]))
    assert isinstance(art, Article), art
    return art


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_unicode_whitespace_parses_like_the_plain_seed(tmp_path: Path, variant: str):
    plain = _load(tmp_path, PLAIN, "plain.txt")
    art = _load(tmp_path, VARIANTS[variant](PLAIN))
    assert (art.title, art.byline, art.highlights, art.source) == (plain.title, plain.byline, plain.highlights, plain.source)
    assert art.text == plain.text


def test_unicode_whitespace_in_json_records():
    rec = {"id": "r", "title": "U.S.,\u00a0Cuba\u200b talks", "text": "Washington\u00a0(CNN)\u00a0--\u00a0The talks\u200b ended.\r\nThey\u202fmet again."}
    art = article_from_record(rec, "r", None)
    assert art.title == "U.S., Cuba talks"
    assert art.source == "CNN"
    assert art.text == "The talks ended.\nThey met again."


@pytest.mark.slow
def test_summaries_and_quotes_of_odd_whitespace_match_the_plain_seed(tmp_path: Path):
    from briefing.pipeline import Pipeline

    pipe = Pipeline()
    want = pipe.summarize(_load(tmp_path, PLAIN, "plain.txt")).to_dict()
    for variant in ("nbsp-crlf", "zwsp-after-spaces", "zwsp-instead-of-spaces"):
        art = _load(tmp_path, VARIANTS[variant](PLAIN), f"{variant}.txt")
        got = pipe.summarize(art).to_dict()
        for key in ("title", "byline", "source", "summary", "key_points", "quotes"):
            assert got[key] == want[key], (variant, key)
        assert got["quotes"]
        for q in got["quotes"]:  # offsets index into Article.text, the cleaned text
            span, pieces = art.text[q["start"]:q["end"]], q["text"].split(" … ")  # a split quote joins its parts
            assert span.startswith(pieces[0]) and span.endswith(pieces[-1]) and all(p in span for p in pieces)


@pytest.mark.parametrize("line", ["Police arrested a man on Tuesday.", "Police arrested a man on Tuesday.\n", "Police arrest man"])
def test_a_single_line_is_an_article_of_one_sentence(line: str):
    art = parse_plain(line, "one")
    assert art.title is None
    assert art.text == line.strip()


@pytest.mark.parametrize(
    "first",
    [
        "Police arrested a man on Tuesday.",  # a sentence, not a headline
        "It's well known that exercise can make your muscles bigger. Now, a study has found it may make your brain larger.",
    ],
)
def test_a_first_line_of_prose_is_body_not_title(first: str):
    art = parse_plain(f"{first}\n\nHe was released on bail later that day.", "p")
    assert art.title is None
    assert art.text.startswith(first)


@pytest.mark.parametrize(
    "headline",
    ["Police arrest man after city centre chase", "Talks resume with the U.S.", "Is this the end for the high street?"],
)
def test_a_headline_followed_by_a_body_is_the_title(headline: str):
    art = parse_plain(f"{headline}\n\nPolice arrested a man on Tuesday. He was released on bail.", "h")
    assert art.title == headline
    assert art.text == "Police arrested a man on Tuesday. He was released on bail."


@pytest.mark.parametrize(
    "junk",
    [
        "{{ page.title }}",
        "{% block title %}{% endblock %}",
        "${article.headline}",
        "We use cookies to improve your experience. By continuing you agree to our cookie policy",
        "This website uses cookies. Accept all cookies",
    ],
)
def test_a_junk_first_line_does_not_take_the_headline(tmp_path: Path, junk: str):
    plain = _load(tmp_path, PLAIN, "plain.txt")
    art = _load(tmp_path, junk + "\n" + PLAIN.replace("Skip to main content\n", ""))
    assert (art.title, art.byline, art.highlights, art.source, art.text) == (
        plain.title, plain.byline, plain.highlights, plain.source, plain.text)


@pytest.mark.slow
def test_the_headline_after_a_junk_line_is_not_glued_to_the_body(tmp_path: Path):
    from briefing.pipeline import Pipeline

    art = _load(tmp_path, "{{ page.title }}\n\n" + PLAIN)
    d = Pipeline(quotes=False).summarize(art).to_dict()
    assert d["title"] == "U.S., Cuba engage in third round of migration talks"
    assert "migration talks The" not in d["summary"]["long"]
    assert not any("•" in k or "By the CNN" in k for k in d["key_points"])


@pytest.mark.slow
def test_one_line_on_stdin_is_summarised_as_one_sentence():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "briefing", "summarize", "-", "--format", "json", "--no-quotes"],
                       input="Police arrested a man on Tuesday.\n", capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["title"] is None
    assert d["summary"]["short"] == "Police arrested a man on Tuesday."
    assert d["stats"]["sentences"] == 1


def test_clean_text_knows_every_unicode_space_and_leaves_plain_text_alone():
    import unicodedata

    from briefing.ingest.files import SPACE_SEPARATORS, clean_text

    zs = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs"} - {" "}
    assert zs == set(SPACE_SEPARATORS)
    assert clean_text("a\u00a0b\u202fc\u3000d") == "a b c d"
    assert clean_text("news\u00adpaper \u200bword\u200b\nU.S.,\u200bCuba \ufeffend\u200d") == "newspaper word\nU.S., Cuba end"
    plain = PLAIN + "\tcaf\u00e9 \u201cquoted\u201d \u2014 \u2026\n"
    assert clean_text(plain) == plain
    assert clean_text(clean_text(VARIANTS["nbsp-crlf"](PLAIN))) == PLAIN


def test_json_keeps_line_separators_inside_strings_valid(tmp_path: Path):
    f = tmp_path / "a.jsonl"
    rows = [{"id": "one", "text": "First\u2028line.\u00a0Then\u2029more text."}, {"id": "two", "text": "Second article."}]
    f.write_text("\ufeff" + "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    items = list(read_source(Source(f)))
    assert [i.id for i in items] == ["one", "two"]
    assert items[0].text == "First\nline. Then\n\nmore text."
