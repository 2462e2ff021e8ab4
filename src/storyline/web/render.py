"""Templates and the small helpers they use: links, pagination, safe URLs, numbers.

The Jinja environment escapes every value (``autoescape=True``); article text reaches
a template only as a plain string or as :class:`markupsafe.Markup` built by
:mod:`storyline.web.highlight` or :mod:`storyline.web.charts`, which escape it first.
Every rendered value also passes :func:`finalize`, which drops Unicode bidi embeddings,
overrides and isolates, so article text cannot reorder what the page shows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from storyline.sanitize import strip_bidi
from storyline.story_views.present import disagreement_text, source_mark
from storyline.web.charts import format_value

PAGE_SIZE = 50
STATIC = Path(__file__).parent / "static"


def web_url(kind: str, ident: str) -> str:
    """The page of a thing in the web app."""
    ident = quote(ident, safe="")
    return {
        "entity": f"/entities/{ident}",
        "document": f"/documents/{ident}",
        "fact": f"/facts/{ident}",
        "event": f"/timeline#{ident}",
        "group": f"/figures#{ident}",
    }[kind]


def safe_url(url: str | None) -> str | None:
    """An article URL fit for an ``href``: only http(s), else None (``javascript:`` …)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def wikidata(kb_id: str | None) -> str | None:
    if kb_id and re.fullmatch(r"Q[1-9][0-9]*", kb_id):
        return f"https://www.wikidata.org/wiki/{kb_id}"
    return None


def json_script(data: object) -> Markup:
    """JSON safe inside ``<script type="application/json">`` (no ``</script>`` breakout)."""
    text = json.dumps(data, ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(ch, esc)
    return Markup(text)


def finalize(value: object) -> object:
    """Every ``{{ value }}`` of a template, without bidi controls (Markup stays Markup)."""
    if isinstance(value, Markup):
        return Markup(strip_bidi(value))
    if isinstance(value, str):
        return strip_bidi(value)
    return value


def source_label(row: dict[str, Any]) -> str:
    return f"{row.get('outlet') or 'unknown outlet'}, {row.get('published') or 'undated'}"


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a paginated list is: page number, size, total, and links to neighbours."""

    page: int
    total: int
    size: int
    base: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    def link(self, page: int) -> str:
        query = urlencode([*(p for p in self.params if p[1]), ("page", str(page))])
        return f"{self.base}?{query}"

    @property
    def prev(self) -> str | None:
        return self.link(self.page - 1) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.link(self.page + 1) if self.page < self.pages else None


def _value(row: dict[str, Any]) -> str:
    return format_value(float(row["value"]), str(row["unit"]))


def environment(
    package: str = "storyline.web", url: Callable[[str, str], str] = web_url
) -> Environment:
    """The Jinja environment of the web pages, or of the one-file report (its own templates
    and links): escaping, bidi neutralised in every value, and the same helpers."""
    env = Environment(
        loader=PackageLoader(package, "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize,
    )
    env.globals.update(
        url=url,
        safe_url=safe_url,
        wikidata=wikidata,
        source=source_label,
        source_mark=source_mark,
        disagreement_text=disagreement_text,
    )
    env.filters["value"] = _value
    env.filters["json_script"] = json_script
    return env


TEMPLATES = environment()
