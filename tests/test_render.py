from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import TemplateError
from briefing.render import md_escape, render
from briefing.summarize.keypoints import key_points


def article(**over):
    d = {
        "schema": "briefing.article/v1", "id": "x", "path": None, "title": "A *bold* [title](http://evil)",
        "byline": None, "date": None, "source": "CNN", "url": None,
        "summary": {"short": "Short.", "long": "Long one. Long two. Long three."},
        "key_points": ["# not a heading", "<script>alert(1)</script>", "plain"],
        "quotes": [{"text": "We will win", "speaker": "Jane Doe", "speaker_title": "mayor", "cue": "said", "start": 0, "end": 11}],
        "engine": {"name": "lead", "model": None, "fallback": None}, "stats": {},
    }
    d.update(over)
    return d


def test_markdown_escapes_article_text():
    out = render("article", "md", {"a": article(), "max_quotes": 3})
    assert "[title](http://evil)" not in out
    assert "\\[title\\]" in out
    assert "<script>" not in out
    assert "- \\# not a heading" in out
    assert "> “We will win” — Jane Doe, mayor" in out


def test_max_quotes_is_a_template_setting():
    q = article()["quotes"][0]
    out = render("article", "md", {"a": article(quotes=[q, dict(q, text="Second")]), "max_quotes": 1})
    assert "Second" not in out


def test_md_escape_flattens_newlines():
    assert md_escape("a\n\n# b") == "a \\# b"
    assert md_escape(None) == ""


def test_user_template_error_names_file_and_line(tmp_path: Path):
    bad = tmp_path / "bad.j2"
    bad.write_text("line one\n{{ a.title \n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"bad\.j2:2"):
        render("article", "md", {"a": article(), "max_quotes": 1}, bad)
    undefined = tmp_path / "undef.j2"
    undefined.write_text("ok\n{{ nope.missing }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"undef\.j2:2"):
        render("article", "md", {"a": article(), "max_quotes": 1}, undefined)
    with pytest.raises(TemplateError, match="not found"):
        render("article", "md", {}, tmp_path / "missing.j2")


def test_key_points_prefer_highlights_then_top_up():
    ranked = ["The mayor resigned on Monday after a vote.", "Taxes will rise by 3 percent next year.", "The council meets again in May."]
    assert key_points(["One.", "Two.", "Three."], ranked, "x") == ["One.", "Two.", "Three."]
    pts = key_points([], ranked, ranked[0])
    assert ranked[0] not in pts[:2] and len(pts) >= 2
    pts = key_points(["Only one highlight here."], ranked, ranked[0])
    assert pts[0] == "Only one highlight here." and len(pts) >= 3


def test_key_points_are_distinct():
    ranked = ["The mayor resigned on Monday.", "The mayor resigned on Monday, officials said.", "Rain fell.", "Taxes rose sharply.", "Schools closed early."]
    pts = key_points([], ranked, "Something else entirely.")
    assert not ("The mayor resigned on Monday." in pts and "The mayor resigned on Monday, officials said." in pts)


@pytest.mark.parametrize("text,expected", [("- item", "\\- item"), ("+ x", "\\+ x"), ("1. first", "1\\. first"), ("2) two", "2\\) two"), ("2024 was", "2024 was"), ("a - b", "a - b")])
def test_md_escape_leading_list_markers(text, expected):
    assert md_escape(text) == expected


def test_a_byline_that_repeats_the_source_is_shown_once():
    from briefing.render import render

    a = {"id": "x", "title": "T", "source": "BBC News", "byline": "BBC News", "date": "2003-01-01", "url": None,
         "summary": {"short": "S.", "long": "L."}, "key_points": [], "quotes": []}
    out = render("article", "md", {"a": a, "max_quotes": 5})
    assert "*BBC News · 2003-01-01*" in out and "BBC News · BBC News" not in out
