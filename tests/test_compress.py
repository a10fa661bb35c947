"""Sentence compression: alignment, the hard constraints, the pipeline hook and the seed."""
from __future__ import annotations

import json
import re

import pytest

from briefing.summarize.compress import MAX_SHORT_WORDS, is_subsequence, locate, violations
from briefing.training.compression import align_story, gold_keep, in_pool, lcs_alignment, words
from conftest import FIXTURES, SEED

POOL_FIXTURE = FIXTURES / "compress-pool300.jsonl"


# --- alignment and the string-level checks (no models) ---------------------------------------


def test_lcs_alignment_is_in_order_and_maximal():
    a = "police arrested the man on friday".split()
    b = "on friday , police in ohio arrested the man , officials said".split()
    pairs = lcs_alignment(a, b)
    assert [a[i] for i, _ in pairs] == ["police", "arrested", "the", "man"]
    assert all(j1 < j2 for (_, j1), (_, j2) in zip(pairs, pairs[1:]))


def test_align_story_finds_the_sentence_a_highlight_shortens():
    sents = [
        "The weather was fine on Sunday.",
        "Police in Ohio arrested a 45-year-old man on Friday after a long chase, officials said.",
    ]
    got = align_story(sents, ["Police arrested a 45-year-old man after a chase", "Something else entirely happened here"])
    assert got == [(1, "Police arrested a 45-year-old man after a chase")]
    kept = gold_keep(words(sents[1]), got[0][1])
    assert [words(sents[1])[j] for j in sorted(kept)] == words(got[0][1])


def test_pool_is_the_agreed_hash():
    import hashlib

    ids = [f"dailymail-train-{i}" for i in range(400)]
    assert [i for i in ids if in_pool(i)] == [i for i in ids if int(hashlib.sha1(i.encode()).hexdigest(), 16) % 20 == 0]
    assert 5 < sum(map(in_pool, ids)) < 40


@pytest.mark.parametrize(
    "compressed, problem",
    [
        ("Police arrested the man.", None),
        ("Police arrested, the man.", None),
        ("Police arrested the man, .", "dangling punctuation"),
        (", police arrested the man.", "dangling punctuation"),
        ("Police arrested the man and.", "dangling conjunction"),
        ("police arrested the man.", "no capital first letter"),
        ("Police arrested the man", "no final punctuation"),
        ("Police arrested (the man.", "unbalanced ()"),
        ("The man was arrested by police.", "words not an in-order subsequence of the source sentence"),
    ],
)
def test_violations(compressed, problem):
    original = "On Friday, police arrested, the man (pictured) in Ohio, officials said."
    got = violations(original, compressed)
    assert (problem in got) if problem else not got, got


def test_a_cut_inside_quotes_is_a_violation():
    original = 'He said the plan "will work for everyone in the city" on Monday.'
    assert "cut inside quotation marks" in violations(original, 'He said the plan "will work for everyone" on Monday.')
    assert not violations(original, 'He said the plan "will work for everyone in the city".')


def test_is_subsequence():
    assert is_subsequence("Gross was detained.", "Alan Gross, a contractor, was detained in Cuba.")
    assert not is_subsequence("Cuba detained Gross.", "Alan Gross, a contractor, was detained in Cuba.")


def test_locate_maps_texts_to_article_sentences_once_each():
    from briefing.nlp.sentences import Sentence

    ss = [Sentence("A b c.", 0, 6), Sentence("D e f.", 7, 13), Sentence("A b c.", 14, 20)]
    assert [s.start for s in locate(ss, ["A b c.", "A b c."])] == [0, 14]
    assert locate(ss, ["Not there."]) is None


# --- with spaCy's parser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def compressor():
    from briefing.summarize.compress import Compressor

    return Compressor()


def _verb_kept(nlp, text: str) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in nlp(text))


@pytest.mark.slow
def test_quoted_words_are_never_cut(compressor):
    s = ('"We will not give up on this city, not now and not ever," Mayor John Smith, who took office in 2019, '
         "told reporters at a news conference on Tuesday.")
    (c,) = compressor.compress_many([s])
    assert '"We will not give up on this city, not now and not ever,"' in c.text
    assert not violations(s, c.text)
    # an odd number of quote marks (a sentence inside a longer quote): left verbatim
    odd = '"The economy, which grew by 3% last year, is strong, said the minister, who spoke in Paris.'
    (c,) = compressor.compress_many([odd])
    assert c.text == odd and not c.compressed


@pytest.mark.slow
def test_attribution_and_asides_go(compressor):
    s = ("The United States and Cuba wrapped up a third round of migration talks on Friday, "
         "State Department spokesman P.J. Crowley, who spoke in Washington, said in a statement.")
    (c,) = compressor.compress_many([s])
    assert c.compressed and not violations(s, c.text)
    assert "Crowley" not in c.text and c.text.startswith("The United States and Cuba wrapped up")


@pytest.mark.slow
def test_short_summary_fits_or_is_refused(compressor):
    long = ("The man, a 45-year-old father of three from Ohio who had worked at the plant since 1998, was arrested "
            "on Friday after a two-hour chase through the city centre, police in Columbus said on Saturday.")
    (c,) = compressor.compress_many([long], max_words=MAX_SHORT_WORDS)
    assert c is None or (len(c.text.split()) <= MAX_SHORT_WORDS and not violations(long, c.text))


@pytest.mark.slow
def test_no_violations_on_300_pool_articles(compressor):
    """The chosen sentences of 300 validation-pool articles: zero constraint failures."""
    from briefing.nlp.sentences import load_spacy

    rows = [json.loads(l) for l in POOL_FIXTURE.read_text(encoding="utf-8").splitlines() if l.strip()]
    assert len(rows) == 300
    sents = [s for r in rows for s in r["sentences"]]
    nlp = load_spacy("parser")
    bad: dict[str, int] = {}
    n_comp = 0
    for mode in (None, MAX_SHORT_WORDS):
        for src, c in zip(sents, compressor.compress_many(sents, max_words=mode)):
            if c is None or not c.compressed:
                continue
            n_comp += 1
            problems = violations(src, c.text)
            if not _verb_kept(nlp, c.text):
                problems.append("no verb")
            for p in problems:
                bad[p] = bad.get(p, 0) + 1
    assert n_comp > 100  # the test checks real compressions
    assert bad == {}


@pytest.mark.slow
def test_seed_short_and_long_summary():
    from briefing.ingest import read_all
    from briefing.pipeline import Pipeline

    (art,) = [a for a in read_all([str(SEED)])]
    res = Pipeline(quotes=False).summarize(art)
    short = res.summary.short
    assert len(short.split()) <= MAX_SHORT_WORDS and len(re.findall(r"[.!?](?:\s|$)", short)) == 1, short
    assert "talks" in short and "contractor" in short, short  # what happened, not a side detail
    d = res.to_dict()["summary"]
    assert d["sentences"] and len(d["sentences"]) == len(res.summary_sentences)
    for e in d["sentences"]:
        src = art.text[e["start"] : e["end"]]
        assert is_subsequence(e["text"], src), (e, src)
        assert e["compressed"] == (e["text"] != src)
    assert d["long"] == " ".join(e["text"] for e in d["sentences"])


@pytest.mark.slow
def test_no_compress_is_verbatim():
    from briefing.ingest import read_all
    from briefing.pipeline import Pipeline

    (art,) = [a for a in read_all([str(SEED)])]
    res = Pipeline(quotes=False, compress=False).summarize(art)
    for e in res.to_dict()["summary"]["sentences"]:
        assert e["text"] == art.text[e["start"] : e["end"]] and not e["compressed"]
    assert len(res.summary.short.split()) <= MAX_SHORT_WORDS
    assert res.summary.short in art.text


@pytest.mark.slow
def test_cli_summary_sentences_and_no_compress(tmp_path):
    """summary.sentences in the JSON; --no-compress is verbatim and is part of the batch cache key."""
    import subprocess
    import sys

    from briefing.batch import BatchConfig

    assert BatchConfig().settings() != BatchConfig(compress=False).settings()
    cmd = [sys.executable, "-m", "briefing", "summarize", str(SEED), "--format", "json", "--no-quotes"]
    text = SEED.read_text(encoding="utf-8")
    for extra in ([], ["--no-compress"]):
        out = subprocess.run(cmd + extra, capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr
        summary = json.loads(out.stdout)["summary"]
        assert summary["sentences"] and {"text", "start", "end", "compressed"} == set(summary["sentences"][0])
        assert len(summary["short"].split()) <= MAX_SHORT_WORDS
        if extra:
            assert summary["short"] in text
            assert all(not e["compressed"] for e in summary["sentences"])
