"""Stage 4, the people of one article: canonical names (the fullest form the article
gives), titles, genders, and whom a surname, a role or a pronoun stands for."""
from __future__ import annotations

import re

from briefing.quotes.vocabulary import HONORIFIC, ORG_HEADS, ROLE_ABBR, TITLE_WORDS

_CAP_RUN = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=[(“\"]))((?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’-]*\.?|[A-Z]\.|(?:de|van|von|del|da|al|bin)\b))*)", re.M)


_RUN_WORD = re.compile(r"\S+")
_RUN_ABBR = frozenset("mr mrs ms dr sen rep gov gen lt col sgt capt st prof rev adm maj pres sec amb".split())


def _split_run(start: int, run: str) -> list[tuple[int, str]]:
    """A capitalised run ends at a line break or a sentence end ("... said Hester.\\nMichael
    Mulgrew", "against Clinton. Marking"): only an initial or a title abbreviation keeps its dot."""
    out: list[tuple[int, str]] = []
    s = prev_end = None
    for m in _RUN_WORD.finditer(run):
        w = m.group()
        if s is not None and "\n" in run[prev_end:m.start()]:
            out.append((start + s, run[s:prev_end]))
            s = None
        if s is None:
            s = m.start()
        prev_end = m.end()
        core = w.rstrip(".")
        if w.endswith(".") and not (len(core) == 1 or "." in core or core.lower() in _RUN_ABBR):
            out.append((start + s, run[s:prev_end]))
            s = None
    if s is not None:
        out.append((start + s, run[s:prev_end]))
    return out


def surname(name: str) -> str:
    toks = HONORIFIC.sub("", name).split()
    while len(toks) > 1 and toks[-1].rstrip(".,").lower() in ("jr", "sr", "ii", "iii", "iv"):
        toks = toks[:-1]
    return toks[-1].rstrip(".,") if toks else name


_HONORIFIC_NAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+((?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+)")
_FEMALE_WORDS = frozenset("""she her woman women spokeswoman chairwoman congresswoman businesswoman actress
mother wife daughter sister grandmother aunt niece queen princess lady mrs ms miss widow girl""".split())
_MALE_WORDS = frozenset("""he him man men spokesman chairman congressman businessman actor father husband son
brother grandfather uncle nephew king prince lord mr widower boy""".split())
PRON_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
_CONNECTORS = frozenset("""on in at after before when while as but and yet still also however meanwhile later
earlier since during for with without although though if because speaking asked last this then now today
yesterday from by under despite instead separately similarly indeed again so monday tuesday wednesday thursday
friday saturday sunday""".split())
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_CUE_BEFORE = re.compile(r"\b(?:said|says|according to|told|added|wrote|asked)$")


_LEAD_CUES = frozenset("stated said says added wrote continued explained asked told".split())  # 'Stated Stone:'


class People:
    """Canonical names for one article: the fullest form the article first gives."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: list[tuple[str, str | None]] = []  # (full name, title) in order seen
        self._runs: list[tuple[int, str]] | None = None
        self.quoted: list[tuple[int, int]] = []  # quote spans: names inside them are not mentions
        self.learned: dict[str, str] = {}  # gender a he/she bound in its sentence showed
        self._honorific: dict[str, str] | None = None
        self._subjects: list[tuple[int, str]] | None = None

    def runs(self) -> list[tuple[int, str]]:
        if self._runs is None:
            self._runs = []
            for m in _CAP_RUN.finditer(self.text):
                self._runs.extend(_split_run(m.start(1), m.group(1)))
        return self._runs

    def add(self, name: str, title: str | None) -> None:
        for i, (n, t) in enumerate(self.known):
            if n == name:
                if t is None and title:
                    self.known[i] = (n, title)
                return
        self.known.append((name, title))

    def canonical(self, name: str, before: int) -> tuple[str, str | None]:
        bare = HONORIFIC.sub("", name).strip()
        sur = surname(bare)
        if not sur:
            return name, None
        best: tuple[str, str | None] | None = None
        for n, t in self.known:
            if surname(n) == sur and len(n.split()) >= len(bare.split()) and (len(n.split()) > 1 or n == bare):
                if best is None or (len(best[0].split()) < 2 <= len(n.split())):
                    best = (n, t)
        # the first fuller mention in the article text (possibly outside any quote frame)
        for pos, run in self.runs():
            words = run.split()
            if len(words) < 2 or words[-1].rstrip(".,") != sur:
                continue
            k = 0
            while k < len(words) - 1 and words[k].lower().rstrip(".") in TITLE_WORDS | _LEAD_CUES | {"the", "but", "and", "when", "as", "if", "after"}:
                k += 1
            cand = words[k:]
            if len(cand) > 3:  # long capitalised runs carry titles or organisations
                cand = cand[-2:]
            if len(cand) >= 2 and (best is None or len(best[0].split()) < 2):
                title = " ".join(words[:k]) or None
                # lower-case role word right before the run: "spokesman P.J. Crowley"
                pre = self.text[max(0, pos - 60):pos].split()
                if pre and pre[-1].lower().rstrip(",") in TITLE_WORDS:
                    lead = []
                    for w in reversed(pre):
                        if w.lower().rstrip(".") in TITLE_WORDS or (w[:1].isupper() and not w.endswith((",", "."))):
                            lead.insert(0, w)
                        else:
                            break
                    title = " ".join(lead + ([title] if title else [])) or title
                best = (" ".join(cand), title)
            break
        if best is None:
            return bare if not name.startswith(("Mr", "Ms", "Mrs", "Dr")) else name, None
        return best

    def last_name_before(self, pos: int) -> tuple[str | None, str | None]:
        for start, run in reversed(self.runs()):
            if start >= pos or pos - start > 600:
                continue
            words = run.split()
            k = 0
            while k < len(words) - 1 and words[k].lower().rstrip(".") in TITLE_WORDS | {"the", "but", "and", "when", "as", "if", "after"}:
                k += 1
            cand = words[k:]
            if 2 <= len(cand) <= 3 and all(w[0].isupper() for w in cand) and not any(
                w.lower().rstrip(".,") in ORG_HEADS | TITLE_WORDS for w in cand
            ):
                name = " ".join(cand).rstrip(".,")
                return name, self.title_of(name)
        return None, None

    def by_role(self, role: str, before: int) -> str | None:
        """The person the article last gave this role ("Gov. Chris Christie" for "the governor")."""
        head = role.split()[-1].lower().rstrip(".") if role.split() else ""
        if not head:
            return None
        for n, t in reversed(self.known):
            if len(n.split()) >= 2 and head in [ROLE_ABBR.get(w.lower().rstrip(".,"), w.lower().rstrip(".,")) for w in (t or "").split()]:
                return n
        for start, run in reversed(self.runs()):
            if start >= before:
                continue
            words = run.split()
            k = 0
            while k < len(words) - 1 and words[k].lower().rstrip(".") in TITLE_WORDS:
                k += 1
            titles = [ROLE_ABBR.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in words[:k]]
            if head in titles and 2 <= len(words) - k <= 3:
                return " ".join(words[k:]).rstrip(".,")
        return None

    def gender_of(self, name: str | None) -> str | None:
        """'m', 'f' or None: from what the article shows (Mr./Mrs./Ms. before the surname,
        a gendered title word, a he/she the same sentence bound to the name)."""
        if not name:
            return None
        if name in self.learned:
            return self.learned[name]
        if self._honorific is None:
            seen: dict[str, set[str]] = {}
            for m in _HONORIFIC_NAME.finditer(self.text):
                seen.setdefault(m.group(2).split()[-1], set()).add("m" if m.group(1) == "Mr" else "f")
            self._honorific = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
        g = self._honorific.get(surname(name))
        if g:
            return g
        words = set(re.findall(r"[a-z]+", (self.title_of(name) or "").lower()))
        return "f" if words & _FEMALE_WORDS else "m" if words & _MALE_WORDS else None

    def subject_mentions(self) -> list[tuple[int, str]]:
        """Names outside quotes (a full name, or a lone surname: ``antecedent`` keeps it only when
        the article gives it in full) where a sentence names its subject: at the sentence
        start (after an introductory phrase at most) or right after a cue ("said Jane Roe").
        An appositive or possessive mention ("Sharon Murch, whose daughter, Michaela
        Garecht, ...") is not one."""
        if self._subjects is None:
            self._subjects = []
            for start, run in self.runs():
                if any(o <= start < c for o, c in self.quoted):
                    continue
                words = run.split()
                k = 0
                while k < len(words) - 1 and words[k].lower().rstrip(".,") in TITLE_WORDS | _CONNECTORS | {"the"}:
                    k += 1
                cand = [w.rstrip(".,") for w in words[k:]]
                if not 1 <= len(cand) <= 3 or words[-1].endswith(("'s", "’s", "s'", "s’")) or any(
                        w.lower() in ORG_HEADS | TITLE_WORDS | _CONNECTORS | _MONTHS for w in cand):
                    continue
                sent = max(self.text.rfind(". ", 0, start), self.text.rfind("\n", 0, start), self.text.rfind("? ", 0, start),
                           self.text.rfind("! ", 0, start))
                prefix = self.text[sent + 1:start].strip(" \t\n\"“”'‘’")
                first = (prefix.split() or [""])[0].lower().strip(",")
                if not prefix or prefix.endswith(",") and first in _CONNECTORS or prefix.lower() in _CONNECTORS \
                        or _CUE_BEFORE.search(prefix):
                    self._subjects.append((start, " ".join(cand)))
        return self._subjects

    def antecedent(self, pos: int, gender: str | None, spoken: list[tuple[int, str, str | None]]) -> tuple[str, str | None] | None:
        """Whom he/she before ``pos`` stands for: the most recent speaker or sentence subject
        whose gender (when the article shows it) agrees."""
        cands = [(p, n, t, True) for p, n, t in spoken if p < pos]
        cands += [(p, n, None, False) for p, n in self.subject_mentions() if pos - 1500 < p < pos]
        for p, n, t, was_speaker in sorted(cands, key=lambda c: -c[0]):
            if not was_speaker:
                n, t = self.canonical(n, p)
                if " " not in n:
                    continue  # a lone capitalised word stands for someone only as a known surname
                t = t or self.title_of(n)
            g = self.gender_of(n)
            if gender is None or g is None or g == gender:
                return n, t
        return None

    def title_of(self, name: str) -> str | None:
        for n, t in self.known:
            if n == name and t:
                return t
        return None

