"""The indexed match step of the attribute ruler finds exactly what spaCy's Matcher finds."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefing.nlp import attribute_rules

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# the tag map's exceptions in use: contractions and multi-word forms (gonna, gotta, y'all, let's,
# c'mon, ain't), 'there is' (DEP expl before a form of be), auxiliaries by dependency, whitespace
# tokens, and house styles other than the seeds' (British, Canadian, agency copy)
SENTENCES = [
    "Y'all gonna see it, y all know, I gotta say, c'mon, let's go, it ain't over and there's no way back.",
    "Nothin' doin', he said, and nuthin' more.",
    "There is a plan. There were two, weren't there? It's been done; she'd have known.",
    "  \n\nThe minister said:  'We will not be moved.'\t\tMr Smith told the BBC it was 'a disgrace'.",
    '"We are looking at all options," said Lana Payne, president of Unifor, in an interview with CBC News.',
    "The company, which has been sued, told Reuters on Tuesday that it would appeal. Whether he'll stay is unclear.",
    "ISLAMABAD (AP) — Officials said Monday that 12 people had died; that which is done can't be undone.",
]


def _load():
    """The English pipeline as spaCy ships it (``load_spacy`` would install the index)."""
    import spacy

    from briefing.nlp.sentences import SPACY_MODELS

    for name in SPACY_MODELS:
        try:
            return spacy.load(name, exclude=["lemmatizer"])
        except OSError:
            continue
    pytest.skip("no spaCy English model installed")


@pytest.fixture(scope="module")
def nlp():
    return _load()


def _texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]
    return SENTENCES + seeds


@pytest.mark.slow
def test_indexed_match_finds_what_the_matcher_finds(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    fast = attribute_rules.indexed_match(ruler)
    assert fast is not None, "every pattern of the English model's ruler is of the indexed kind"
    matcher_match = type(ruler).match  # spaCy's own, through the Matcher
    tokens = rules_seen = 0
    for doc in nlp.pipe(_texts(), disable=["attribute_ruler", "ner"]):
        expected = matcher_match(ruler, doc)
        assert fast(doc) == expected, doc.text[:80]
        tokens += len(doc)
        rules_seen += len(expected)
    assert tokens > 1000 and rules_seen > tokens // 2  # (a real test: most tokens get a rule)


@pytest.mark.slow
def test_install_leaves_every_tag_and_pos_as_they_were(nlp):
    before = [[(t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i) for t in d] for d in nlp.pipe(_texts())]
    fresh = _load()
    assert attribute_rules.install(fresh)
    after = [[(t.tag_, t.pos_, str(t.morph), t.dep_, t.head.i) for t in d] for d in fresh.pipe(_texts())]
    assert after == before


def test_a_pattern_the_index_cannot_read_keeps_spacys_matcher():
    class Ruler:  # the shape of spaCy's AttributeRuler that indexed_match reads
        patterns = [{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}, "index": 0}]

    assert attribute_rules.indexed_match(Ruler()) is None
    Ruler.patterns = [{"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "NOUN"}, "index": 0}]
    assert attribute_rules.indexed_match(Ruler()) is None
