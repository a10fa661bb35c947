"""Make realistic, messy news pages from the shared article texts (for pages_bench.py and the tests).

Each page wraps one real article (CNN stories from ``cnn-train.jsonl``, BBC ones from
``bbc-train.jsonl``) in the chrome real news sites carry: navigation, a cookie banner, a
breaking-news ticker, share buttons, a "Related stories" box and a newsletter prompt in the
middle of the text, "Most read" lists, comments, a footer, scripts, styles and JSON-LD. Three
site layouts are rotated. Every chrome phrase is listed in ``BOILERPLATE`` so that a check can
tell whether any of it reached a summary, a key point or a quote.

How heavy the chrome is (``--weight``) decides what extraction costs, and so what a speed
figure against trafilatura means. Real news pages (50-300 KB of HTML, thousands of elements)
cost trafilatura about 74 ms each; ``real`` (the default, ~350 KB) adds story grids with
pictures and standfirsts, threaded reader comments and framework wrapper divs to ``heavy``
and costs it ~75 ms; ``heavy`` (mega menu, app state, link farms, ~220 KB; the pages before
Dec 2026) costs ~26 ms, a third of a real page, which made briefing's own NLP look 3x as big
beside extraction as it is on real pages. The article text trafilatura extracts is the same
at every weight.

    python benchmarks/make_pages.py --out /tmp/pages --n 144           # CNN and BBC alternating
    python benchmarks/make_pages.py --out /tmp/pages-heavy --n 144 --weight heavy
    python benchmarks/make_pages.py --out tests/fixtures/web --n 24 --skip 5000 --light
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
import zlib
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# Phrases that only the page chrome contains (lower-case); none of them is news.
BOILERPLATE = [
    "we use cookies", "accept all cookies", "manage preferences", "cookie policy",
    "sign up for our newsletter", "get the morning briefing", "enter your email", "unsubscribe at any time",
    "related stories", "more on this story", "most read", "you may also like", "recommended for you",
    "share this article", "copy link", "follow us on", "download our app", "advertisement",
    "skip to main content", "all rights reserved", "terms of use", "privacy notice",
    "comments are closed", "log in to comment", "breaking news:", "read more:", "watch live",
]

_NAV = ["Home", "World", "US", "Politics", "Business", "Tech", "Science", "Health", "Sport", "Culture", "Travel", "Video"]
_RELATED = [
    "Markets slide as investors weigh rate outlook", "Five things to know before the weekend",
    "Opinion: What the new budget means for families", "Storm warnings issued along the coast",
    "The celebrities who quit social media this year", "Scientists map a new deep-sea reef",
]


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "story"


def _paragraphs(text: str) -> list[str]:
    paras = [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    return paras


def _strip_dateline(p: str) -> str:
    return re.sub(r"^[A-Z][A-Za-z ,.'-]{0,40}\((CNN|AP|Reuters)\)\s*--\s*", "", p)


def rows(n: int, skip: int = 0, shared: Path = SHARED) -> list[dict]:
    """``n`` articles alternating CNN and BBC: {title, paragraphs, source, section}."""
    cnn, bbc = [], []
    with open(shared / "cnn-train.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip:
                continue
            r = json.loads(line)
            paras = [_strip_dateline(p) for p in _paragraphs(r["article"])]
            ref = [s.strip() for s in (r.get("reference") or "").split("\n") if s.strip()]
            words = sum(len(p.split()) for p in paras)
            if not ref or words < 250 or words > 1500:
                continue
            cnn.append({"title": ref[0].rstrip("."), "paragraphs": paras, "source": "CNN", "section": "World"})
            if len(cnn) >= n:
                break
    with open(shared / "bbc-train.jsonl", encoding="utf-8") as fh:
        lines = fh.readlines()
    order = list(range(len(lines)))
    random.Random(7 + skip).shuffle(order)
    for i in order:
        r = json.loads(lines[i])
        paras = _paragraphs(r["article"])
        if paras and paras[0].strip() == r["title"].strip():
            paras = paras[1:]
        if sum(len(p.split()) for p in paras) < 150:
            continue
        bbc.append({"title": r["title"], "paragraphs": paras, "source": "BBC News", "section": r.get("category", "news").title()})
        if len(bbc) >= n:
            break
    out = []
    for a, b in zip(cnn, bbc):
        out.extend([a, b])
    return out[:n]


_SVG = ('<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true"><path d="M12 2C6.48 2 2 6.48 2 12s4.48 10 '
        '10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8zm-1-13h2v6h-2zm0 8h2v2h-2z"/></svg>')


def _heavy_chrome(rnd: random.Random, source: str) -> tuple[str, str, str]:
    """What makes real pages weigh 200-600 KB: a mega menu, app state in a script, link farms."""
    e = html.escape
    words = "world politics business climate health science tech markets europe asia africa americas middle-east sport football cricket tennis culture film music books travel food style video audio live".split()
    menu = []
    for w in words:
        subs = "".join(
            f'<li class="menu__item menu__item--sub"><a class="menu__link" data-track="nav-{w}-{j}" href="/{w}/{rnd.randrange(10**6)}">{_SVG}<span>{e(w.title())} {j}</span></a></li>'
            for j in range(14)
        )
        menu.append(f'<li class="menu__item"><a class="menu__link menu__link--top" href="/{w}">{e(w.title())}</a><div class="menu__panel"><ul class="menu__list">{subs}</ul></div></li>')
    mega = f'<div class="mega-menu" hidden><ul class="menu">{"".join(menu)}</ul></div>'
    state = {"props": {"pageProps": {"ads": [{"slot": f"div-gpt-{i}", "sizes": [[300, 250], [728, 90]], "targeting": {"kw": rnd.sample(words, 6)}} for i in range(120)],
                                     "trending": [{"id": rnd.randrange(10**9), "headline": " ".join(rnd.sample(words, 7)), "url": f"/news/{rnd.randrange(10**8)}"} for _ in range(300)]}}}
    script = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>'
    farm = "".join(f'<li><a href="/topics/{w}-{j}">{e(w)} {j}</a></li>' for w in words for j in range(8))
    footer_links = f'<div class="footer-links"><ul>{farm}</ul></div>'
    pixels = "".join(f'<img src="/px/{rnd.randrange(10**9)}.gif" width="1" height="1" alt="">' for _ in range(40))
    return mega, script + pixels, footer_links


_KICKERS = ["Analysis", "Live", "Exclusive", "Opinion", "Video", "Explainer", "Review", "Podcast"]


def _picture(rnd: random.Random, alt: str) -> str:
    n = rnd.randrange(10**8)
    srcset = ", ".join(f"https://static.example.com/img/{n}/{w}.jpg {w}w" for w in (240, 320, 480, 640, 800, 976, 1280))
    return (f'<div class="media-wrap"><div class="ratio ratio--16x9"><picture class="responsive-image">'
            f'<source type="image/webp" srcset="{srcset.replace(".jpg", ".webp")}" sizes="(min-width: 1280px) 300px, 50vw">'
            f'<source type="image/jpeg" srcset="{srcset}" sizes="(min-width: 1280px) 300px, 50vw">'
            f'<img class="lazy" loading="lazy" src="https://static.example.com/img/{n}/320.jpg" alt="{html.escape(alt)}" width="320" height="180"></picture></div></div>')


def _teasers(rnd: random.Random, others: list[dict], n: int, heading: str, cls: str) -> str:
    """A grid of story cards (headline, one-line standfirst, picture, kicker, time): what fills
    the lower half of a real article page, several times over."""
    e = html.escape
    cards = []
    for j in range(n):
        o = others[(j * 7 + rnd.randrange(len(others))) % len(others)]
        stand = o["paragraphs"][0] if o["paragraphs"] else o["title"]
        stand = " ".join(stand.split()[:28])
        href = f"/{o['section'].lower()}/2026/11/{rnd.randrange(1, 30):02d}/{_slug(o['title'])}"
        cards.append(
            f'<li class="{cls}__item"><div class="card card--{j % 3}" data-component="card" data-id="{rnd.randrange(10**9)}">'
            f'<a class="card__link" href="{href}" data-link-name="{cls} | {j}">{_picture(rnd, o["title"])}'
            f'<div class="card__content"><div class="card__header"><span class="card__kicker">{rnd.choice(_KICKERS)}</span>'
            f'<h3 class="card__headline"><span class="card__headline-text">{e(o["title"])}</span></h3></div>'
            f'<div class="card__standfirst"><p>{e(stand)}</p></div>'
            f'<div class="card__meta"><time class="card__time" datetime="2026-11-{rnd.randrange(1, 30):02d}">{rnd.randrange(1, 23)}h ago</time>'
            f'<span class="card__comments">{_SVG}<span>{rnd.randrange(900)}</span></span></div></div></a></div></li>'
        )
    return (f'<section class="{cls} container" aria-label="{e(heading)}"><div class="container__inner"><div class="container__header">'
            f'<h2 class="container__title">{e(heading)}</h2></div><div class="container__body"><ul class="{cls}__list">{"".join(cards)}</ul></div></div></section>')


_FIRST = ["Sam", "Alex", "Jo", "Chris", "Pat", "Robin", "Lee", "Kim", "Dana", "Max"]
_COMMENT = [
    "This is exactly what I have been saying for years, nobody listens.",
    "Does anyone know whether this applies outside the capital as well?",
    "Good reporting, but the headline oversells it a little.",
    "I live near there and nobody I know was told anything about it.",
    "The figures in the third paragraph do not add up, as far as I can see.",
    "Another week, another announcement. Let's see what actually happens.",
]


def _comment_thread(rnd: random.Random, n: int) -> str:
    """Reader comments as many sites render them server-side (threaded, with actions)."""
    e = html.escape
    items = []
    for j in range(n):
        reply = j % 3 == 2
        items.append(
            f'<li class="comment{" comment--reply" if reply else ""}" id="comment-{rnd.randrange(10**9)}"><div class="comment__inner">'
            f'<div class="comment__avatar">{_SVG}</div><div class="comment__main"><div class="comment__header">'
            f'<span class="comment__author">{rnd.choice(_FIRST)}{rnd.randrange(1000)}</span>'
            f'<time class="comment__time">{rnd.randrange(1, 59)} minutes ago</time></div>'
            f'<div class="comment__body"><p>{e(rnd.choice(_COMMENT))}</p></div>'
            f'<div class="comment__actions"><button class="comment__reply">Reply</button>'
            f'<button class="comment__like">{_SVG}<span>{rnd.randrange(200)}</span></button><button class="comment__report">Report</button></div>'
            f'</div></div></li>'
        )
    return ('<section id="comments" class="comments"><div class="comments__header"><h3>Comments</h3>'
            '<p class="comments__closed">Comments are closed for this story. Log in to comment on other stories.</p></div>'
            f'<ol class="comments__list">{"".join(items)}</ol></section>')


def _nest(inner: str, depth: int, prefix: str) -> str:
    """The wrapper divs a component framework puts around everything."""
    for d in range(depth):
        inner = f'<div class="{prefix}-{d} css-{zlib.crc32(f"{prefix}{d}".encode()) % 10**6:06d}" data-testid="{prefix}-{d}">{inner}</div>'
    return inner


def _real_chrome(rnd: random.Random, others: list[dict]) -> tuple[str, str]:
    """On top of the heavy chrome, what makes real pages cost trafilatura 60-80 ms: hundreds of
    story cards with pictures and standfirsts, threaded reader comments, framework wrappers."""
    grids = (_teasers(rnd, others, 20, "More from this section", "more")
             + _teasers(rnd, others, 14, "Recommended for you", "recommended")
             + _teasers(rnd, others, 10, "Around the web", "sponsored"))
    return _nest(grids, 8, "region"), _comment_thread(rnd, 24)


def page(row: dict, k: int, when: dt.datetime, heavy: bool = True, real: bool = False, others: list[dict] | None = None) -> str:
    """One article as a messy page; ``k`` picks the layout and varies the chrome.

    ``heavy``: a mega menu, app state in scripts, link farms (~220 KB); ``real``: also story
    grids, reader comments and framework wrappers, so that extraction costs what it costs on
    real news pages (~60-80 ms a page for trafilatura, ~400 KB)."""
    e = html.escape
    title, paras, source = row["title"], row["paragraphs"], row["source"]
    rnd = random.Random(k)
    related = rnd.sample(_RELATED, 3)
    layout = k % 3
    byline = rnd.choice(["Jane Holloway", "Marcus Webb", "Priya Raman", "Tom O'Neill", "Ana Duarte"])
    iso = when.isoformat(timespec="seconds")
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in _NAV)
    cookie = (
        '<div id="cookie-banner" class="consent"><p>We use cookies to improve your experience and for ads. '
        'See our <a href="/cookies">cookie policy</a>.</p><button>Accept all cookies</button><button>Manage preferences</button></div>'
    )
    ticker = '<div class="ticker"><strong>Breaking news:</strong> <a href="/live">Watch live coverage of the summit</a></div>'
    share = '<div class="share"><span>Share this article</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Copy link</a></div>'
    related_box = (
        '<aside class="related"><h3>Related stories</h3><ul>' + "".join(f'<li><a href="/news/{_slug(r)}">{e(r)}</a></li>' for r in related) + "</ul></aside>"
    )
    newsletter = (
        '<div class="newsletter-signup"><h4>Sign up for our newsletter</h4><p>Get the morning briefing in your inbox. '
        'Enter your email address below. You can unsubscribe at any time.</p><form><input type="email" placeholder="Enter your email"><button>Sign up</button></form></div>'
    )
    ad = '<div class="ad-slot"><span>Advertisement</span><iframe src="about:blank"></iframe></div>'
    body_parts = []
    for i, p in enumerate(paras):
        body_parts.append(f"<p>{e(p)}</p>")
        if i == 1:
            body_parts.append(ad)
        if i == 3:
            body_parts.append(related_box if layout != 1 else f'<p class="read-more"><strong>Read more:</strong> <a href="/news/x">{e(related[0])}</a></p>')
        if i == 6 and layout != 2:
            body_parts.append(newsletter)
    if layout == 2:
        body_parts.append(newsletter)
    wrap = (lambda b: _nest(b, 4, "block")) if real else (lambda b: f'<div class="para-wrap"><div class="block block--text">{b}</div></div>')
    body = "\n".join(wrap(b) if b.startswith("<p>") else b for b in body_parts)
    mega, scripts, farm = _heavy_chrome(rnd, source) if heavy or real else ("", "", "")
    grids, thread = _real_chrome(rnd, others or [row]) if real else ("", "")
    most_read = '<section class="most-read"><h2>Most read</h2><ol>' + "".join(f"<li><a href='/n/{j}'>{e(r)}</a></li>" for j, r in enumerate(_RELATED)) + "</ol></section>"
    footer = (
        f'<footer><p>Follow us on <a href="#">Instagram</a> and <a href="#">YouTube</a>. Download our app.</p>'
        f'<p>&copy; 2026 {e(source)}. All rights reserved. <a href="/terms">Terms of Use</a> <a href="/privacy">Privacy Notice</a></p></footer>'
    )
    comments = '<section id="comments"><h3>Comments</h3><p>Comments are closed for this story. Log in to comment on other stories.</p></section>'
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": iso,
                     "author": {"@type": "Person", "name": byline}, "publisher": {"@type": "Organization", "name": source}})
    header_time = f'<time datetime="{iso}">{when.strftime("%d %B %Y")}</time>'
    if layout == 0:
        article = (f'<article><header><h1>{e(title)}</h1><p class="byline">By {e(byline)}, {e(source)}</p>{header_time}{share}</header>'
                   f'<div class="article-body">{body}</div>{share}</article>')
    elif layout == 1:
        article = (f'<main id="main"><div class="story"><span class="section">{e(row["section"])}</span><h1 class="headline">{e(title)}</h1>'
                   f'<div class="meta"><span class="author">{e(byline)}</span> {header_time}</div>{share}<div class="story-body">{body}</div></div>'
                   f'<div class="sidebar">{most_read}</div></main>')
    else:
        article = (f'<div id="content"><div class="col-main"><h1>{e(title)}</h1><div class="dateline">{header_time} | {e(source)}</div>'
                   f'<div class="text">{body}</div>{share}</div><div class="col-side">{related_box}{most_read}</div></div>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(title)} - {e(source)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="{e(source)}">
<meta property="article:published_time" content="{iso}"><meta name="author" content="{e(byline)}">
<script type="application/ld+json">{ld}</script>
<style>body{{font-family:sans-serif}} .consent{{position:fixed;bottom:0}} .ad-slot{{min-height:250px}}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}gtag('js',new Date());</script>
</head><body>
<a class="skip" href="#main">Skip to main content</a>
{cookie}
<header class="site"><div class="logo">{e(source)}</div><nav><ul>{nav}</ul></nav>{mega}<a href="/login">Sign in</a></header>
{ticker}
{article}
{most_read if layout == 0 else ''}
{grids}
{thread if real else comments if layout != 1 else ''}
{farm}
{footer}
{scripts}
<script src="/static/app.js"></script>
</body></html>
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--n", type=int, default=144)
    ap.add_argument("--skip", type=int, default=0, help="skip the first N CNN rows (another slice)")
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--weight", choices=("light", "heavy", "real"), default="real",
                    help="light: small pages (test fixtures); heavy: ~220 KB of menus, scripts and link farms "
                    "(trafilatura ~25 ms a page); real (default): also story grids, comments and wrappers, "
                    "extraction as costly as on real news pages (trafilatura ~60-80 ms a page)")
    ap.add_argument("--light", action="store_true", help="the same as --weight light")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    base = dt.datetime(2026, 11, 30, 6, 0, tzinfo=dt.timezone.utc)
    weight = "light" if args.light else args.weight
    articles = rows(args.n, args.skip, args.shared)
    for k, row in enumerate(articles):
        when = base - dt.timedelta(hours=3 * k)
        name = f"{k:03d}-{'cnn' if row['source'] == 'CNN' else 'bbc'}-{_slug(row['title'])[:40]}.html"
        others = [o for o in articles if o is not row]
        text = page(row, k, when, heavy=weight != "light", real=weight == "real", others=others)
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {args.n} pages to {args.out}")


if __name__ == "__main__":
    main()
