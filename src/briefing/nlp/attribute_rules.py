"""A faster match step for spaCy's ``attribute_ruler``, with the same result.

The English pipeline's attribute ruler (tag map and exceptions: ``{"TAG": "NNP"}`` sets
``POS=PROPN``) runs its ~180 patterns through spaCy's general ``Matcher``, which checks every
pattern's state machine at every token. On quote frames that took about a fifth of the whole
parse, as long as the parser itself. These patterns are fixed-length and use only ``LOWER``,
``TAG``, ``DEP`` and ``IS_SPACE`` with equality, ``IN``, ``NOT_IN`` or ``REGEX``, so each token only needs
the few patterns its lower-case form or tag can satisfy: an index lookup, then the full check.

``install`` swaps in this match step only when every pattern is of that kind; otherwise spaCy's
matcher stays. The output is the same list of matches, sorted the same way, and the ruler's
own ``set_annotations`` applies it, so the parse is unchanged (``tests/test_attribute_rules.py``
compares the two on real articles).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import spacy
    from spacy.tokens import Doc

# the token attributes a pattern may test, by column: the match step reads each once per token
_COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_EQ, _IN, _NOT_IN, _REGEX = range(4)

# one token's tests: (column, kind, wanted value or set or compiled regex)
TokenCheck = list[tuple[int, int, Any]]


def _value_check(value: Any) -> tuple[int, Any] | None:
    """(kind, argument) for one pattern value, or None when the value needs spaCy's Matcher."""
    if isinstance(value, (str, bool)):
        return _EQ, value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            return (_IN if op == "IN" else _NOT_IN), frozenset(arg)
        if op == "REGEX" and isinstance(arg, str):
            return _REGEX, re.compile(arg)
    return None


def _token_check(spec: dict[str, Any]) -> TokenCheck | None:
    checks: TokenCheck = []
    for attr, value in spec.items():
        check = _value_check(value)
        if attr not in _COLUMNS or check is None:
            return None
        checks.append((_COLUMNS.index(attr), *check))
    return checks


def _holds(kind: int, want: Any, v: Any) -> bool:
    if kind == _EQ:
        return v == want
    if kind == _IN:
        return v in want
    if kind == _NOT_IN:
        return v not in want
    return isinstance(v, str) and want.search(v) is not None


def _anchor(spec: TokenCheck) -> tuple[int, list[Any]] | None:
    """The column and values by which a pattern's first token is looked up (None: check always)."""
    for column in range(len(_COLUMNS)):
        for col, kind, want in spec:
            if col == column and kind == _EQ:
                return col, [want]
            if col == column and kind == _IN:
                return col, sorted(want)
    return None


class IndexedMatch:
    """The ``match`` step of one attribute ruler, by index lookup instead of the Matcher."""

    def __init__(self, patterns: list[tuple[int, int, list[TokenCheck]]]) -> None:
        self.index: list[dict[Any, list[tuple[int, int, list[TokenCheck]]]]] = [{} for _ in _COLUMNS]
        self.always: list[tuple[int, int, list[TokenCheck]]] = []
        for number, key, checks in patterns:
            entry = (number, key, checks)
            anchor = _anchor(checks[0])
            if anchor is None:
                self.always.append(entry)
                continue
            for v in anchor[1]:
                self.index[anchor[0]].setdefault(v, []).append(entry)

    def __call__(self, doc: "Doc") -> list[tuple[int, int, int, int]]:
        rows = [(t.lower_, t.tag_, t.dep_, t.is_space) for t in doc]
        n = len(rows)
        by_lower, by_tag, by_dep, by_space = self.index
        found: set[tuple[int, int, int, int]] = set()
        for i, row in enumerate(rows):
            candidates = by_lower.get(row[0], []) + by_tag.get(row[1], []) + by_dep.get(row[2], []) \
                + by_space.get(row[3], []) + self.always
            for number, key, checks in candidates:
                end = i + len(checks)
                if end <= n and all(_holds(kind, want, rows[i + j][col])
                                    for j, spec in enumerate(checks) for col, kind, want in spec):
                    found.add((number, key, i, end))
        return sorted(found)


def indexed_match(ruler: Any) -> IndexedMatch | None:
    """The indexed match step for ``ruler``, or None when a pattern needs spaCy's Matcher."""
    patterns: list[tuple[int, int, list[TokenCheck]]] = []
    for i, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            if not pattern or not isinstance(pattern, list) or not all(isinstance(s, dict) for s in pattern):
                return None
            checks = [_token_check(spec) for spec in pattern]
            if any(c is None for c in checks):
                return None
            # (the ruler keys its i-th entry "i" in its Matcher, and sorts matches by that number)
            patterns.append((i, ruler.vocab.strings[str(i)], checks))  # type: ignore[arg-type]
    return IndexedMatch(patterns)


def install(nlp: "spacy.Language") -> bool:
    """Use the indexed match step in ``nlp``'s attribute ruler; False when it keeps spaCy's."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    fast = indexed_match(ruler)
    if fast is None:
        return False
    ruler.match = fast
    return True
