"""Jinja2 rendering of articles and briefings, from templates shipped as package data.

A user template (``--template FILE``) replaces the default; any template error names the
file and line. Markdown output escapes article-derived text so that a stray ``[x](y)``,
``#`` or ``<script>`` in an article cannot change the document's structure.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from briefing.errors import TemplateError
from briefing.resources import TEMPLATE_DIR

DEFAULT_TEMPLATES = {
    ("article", "md"): "article.md.j2",
    ("daily", "md"): "daily.md.j2",
    ("daily", "html"): "daily.html.j2",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MD_LIST_MARK = re.compile(r"^([-+=])|^(\d+)([.)])")


def md_escape(value: Any) -> str:
    """Escape Markdown/HTML metacharacters in article-derived text (inline use)."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # a leading "-", "+", "=" or "1." would start a list or heading underline
    return _MD_LIST_MARK.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text, count=1)


def _environment(search: list[str], autoescape: bool):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_escape
    env.filters["tojson_pretty"] = lambda v: json.dumps(v, ensure_ascii=False, indent=2)
    return env


def render(kind: str, fmt: str, context: dict[str, Any], template: str | Path | None = None) -> str:
    """Render ``kind`` ("article"/"daily") as ``fmt`` with the default or a user template.

    An article's context gains ``headline``: its title, or one made from its short summary
    (``summarize.headline``), so an untitled article never shows its id as a heading."""
    import jinja2

    if kind == "article" and isinstance(context.get("a"), dict) and "headline" not in context:
        from briefing.summarize.headline import article_headline

        a = context["a"]
        context = {**context, "headline": article_headline(a.get("title"), (a.get("summary") or {}).get("short"))[0]}

    if template is not None:
        path = Path(template)
        if not path.is_file():
            raise TemplateError(f"{path}: template not found")
        search, name = [str(path.parent.resolve())], path.name
        shown = str(path)
    else:
        try:
            name = DEFAULT_TEMPLATES[(kind, fmt)]
        except KeyError:
            raise TemplateError(f"no {fmt} template for {kind}") from None
        search, shown = [str(TEMPLATE_DIR)], str(TEMPLATE_DIR / name)
    env = _environment(search, autoescape=fmt == "html")
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename or shown}:{exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        line = _template_line(exc, name)
        raise TemplateError(f"{shown}{f':{line}' if line else ''}: {exc}") from None
    except UnicodeDecodeError:
        raise TemplateError(f"{shown}: template is not UTF-8 text") from None


def _template_line(exc: BaseException, name: str) -> int | None:
    """Find the template line in the traceback of a render-time error."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def export_templates(folder: str | Path, force: bool = False) -> list[Path]:
    """Copy the default templates into ``folder`` for editing; refuses to overwrite unless ``force``."""
    import shutil

    folder = Path(folder)
    sources = sorted(TEMPLATE_DIR.glob("*.j2"))
    targets = [folder / p.name for p in sources]
    if not force:
        for t in targets:
            if t.exists():
                raise FileExistsError(str(t))
    folder.mkdir(parents=True, exist_ok=True)
    for src, dst in zip(sources, targets):
        shutil.copyfile(src, dst)
    return targets
