"""Outputs: atomic writes, file names that cannot leave their folder, one naming rule."""
from pathlib import Path

from briefing.output import (
    MAX_NAME,
    UniqueNames,
    atomic_write,
    safe_name,
    to_json,
    to_jsonl_line,
)


def test_atomic_write_replaces_and_leaves_no_temp_files(tmp_path: Path):
    target = tmp_path / "sub" / "out.md"
    atomic_write(target, "first")
    atomic_write(target, "second – ünïcode")
    assert target.read_text(encoding="utf-8") == "second – ünïcode"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.md"]


def test_safe_name_never_leaves_the_folder():
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("café & co #1 (draft)") == "cafe-co-1-draft"
    assert safe_name("...") == "article" and safe_name("", fallback="x") == "x"
    long = safe_name("a" * 500)
    assert len(long) == MAX_NAME and "/" not in long
    assert safe_name("a" * 500) != safe_name("a" * 499 + "b")  # the digest keeps long names apart


def test_unique_names_number_repeats_case_insensitively():
    names = UniqueNames()
    assert [names(i) for i in ["story", "Story", "story", "other", "../story"]] == ["story", "Story-2", "story-3", "other", "story-4"]


def test_json_keeps_unicode_and_jsonl_is_one_line():
    assert to_json({"a": "é"}) == '{\n  "a": "é"\n}\n'
    assert to_jsonl_line({"a": [1, "é\n"]}) == '{"a": [1, "\\u00e9\\n"]}\n'.replace("\\u00e9", "é")
