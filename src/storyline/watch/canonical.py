"""Canonical article URLs: one article listed under several URLs is fetched once.

Feeds add tracking parameters (``utm_source``, ``fbclid``…), fragments, default ports and
upper-case host names; the same article listed twice differs only in those. The
canonical form keeps what selects the page (scheme, host, path, the other parameters,
sorted) and drops the rest. A page's own ``<link rel="canonical">`` is read after
fetching, so a second URL for a stored article is recognised then.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|yclid|_ga|_gl|"
    r"ref|ref_src|cmpid|ncid|ocid|smid|sr_share|at_medium|at_campaign|taid|rss|feed)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_CANONICAL_LINK = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)


def canonical_url(url: str) -> str:
    """``url`` without tracking parameters, fragment, default port; host lower-cased,
    remaining parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def page_canonical(page: str, base: str) -> str | None:
    """The canonical URL an HTML page declares (``<link rel="canonical">``), made canonical."""
    head = page[:65536]
    m = _CANONICAL_LINK.search(head)
    if m is None:
        return None
    h = _HREF.search(m.group(0))
    if h is None:
        return None
    raw = (h.group(1) or h.group(2) or h.group(3) or "").strip()
    if not raw:
        return None
    found = urljoin(base, raw)
    return canonical_url(found) if found.lower().startswith(("http://", "https://")) else None
