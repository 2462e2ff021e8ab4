"""A fictional story that develops between polls, written for these tests: a dock strike
in the port of Kessmark. Poll one brings two reports that agree on a trade figure and an
undated meeting; poll two brings a third outlet with another figure, a minister who
changes her position, a date for the meeting, a new accusation and a new actor.
:func:`article_page` renders an article as the HTML page a news site serves."""

from __future__ import annotations

from html import escape

STRIKE_HARBOUR = (
    "Dock workers in Kessmark walked off the job on Monday, halting cargo traffic in the "
    "country's largest port, the Kessmark Dockers Union said. About 4,000 workers joined "
    "the strike, union leader Tomas Brenner told reporters outside the container terminal. "
    "Labour Minister Ilse Marholt supports the pay deal offered by the port authority, her "
    "office said in a statement. Marholt met Brenner in Kessmark to discuss the dispute, the "
    "union said. Trade between Dorvania and Arlesia reached $12 billion last year, the port "
    "authority said. Ships waited at anchor off the breakwater while trucks queued on the "
    "coastal road."
)
STRIKE_LEDGER = (
    "Cargo traffic stopped in Kessmark on Monday after dock workers began a strike over "
    "pay, the Kessmark Dockers Union said. Port authority director Anika Feld said the offer "
    "on the table was fair and that talks would continue this week. Trade between Dorvania "
    "and Arlesia reached $12 billion last year, the port authority said. Exporters of timber "
    "and grain warned that delays would cost them dearly if the dispute dragged on into "
    "December."
)
STRIKE_COURIER = (
    "Labour Minister Ilse Marholt opposes the pay deal offered by the port authority, she "
    "told parliament on Wednesday, and asked both sides to return to talks. Marholt met "
    "Brenner in Kessmark on Monday, November 30, her office said. Trade between Dorvania "
    "and Arlesia reached $19 billion last year, according to the chamber of commerce. "
    "Shipping line owner Rasmus Tovell accused Brenner of holding the country's trade "
    "hostage. The union will vote on the offer on December 9, 2026, Brenner said."
)
PAGES_POLL_ONE = {
    "harbour/strike-begins": (
        "Harbour Post",
        "Dockers strike halts Kessmark port",
        "2026-11-30",
        STRIKE_HARBOUR,
    ),
    "ledger/cargo-stops": (
        "Kessmark Ledger",
        "Cargo stops as dockers walk out",
        "2026-11-30",
        STRIKE_LEDGER,
    ),
}
PAGES_POLL_TWO = {
    "courier/strike-grows": (
        "Coastal Courier",
        "Minister turns against Kessmark pay deal",
        "2026-12-02",
        STRIKE_COURIER,
    ),
}


def article_page(
    outlet: str, title: str, published: str, text: str, canonical: str | None = None
) -> bytes:
    """An article as a news site serves it: head metadata, a menu, the article, a footer."""
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    sentences = [p.strip().rstrip(".") + "." for p in text.split(". ") if p.strip()]
    paragraphs = "".join(
        f"<p>{escape(' '.join(sentences[i : i + 3]))}</p>" for i in range(0, len(sentences), 3)
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{escape(title)} | {escape(outlet)}</title>{link}"
        f'<meta property="og:site_name" content="{escape(outlet)}">'
        f'<meta property="article:published_time" content="{published}T08:00:00Z">'
        "</head><body><nav><a href=/>Home</a> <a href=/world>World</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    ).encode()


# ------------------------------------------------------------- generated articles

TOWNS = ("Kessmark", "Vallin", "Oresund Bay", "Tarrow", "Brisk", "Holmgate", "Myrre")
PEOPLE = (
    "Tomas Brenner", "Ilse Marholt", "Anika Feld", "Rasmus Tovell", "Petra Lund",
    "Jonas Avel", "Mirela Sato", "Oskar Wren", "Hedda Kray", "Luca Ferro",
)  # fmt: skip
OUTLETS = ("Harbour Post", "Kessmark Ledger", "Coastal Courier", "Tarrow Times", "Bay Review")
GROUPS = ("Dockers Union", "Port Authority", "Chamber of Commerce", "Shipping Council")
OPENINGS = (
    "Dock workers in {town} {verb} on {day}, the {town} {group} said.",
    "Talks over pay at the port of {town} {verb2} on {day}, {person} told reporters.",
    "Cargo traffic in {town} slowed on {day} as the dispute over wages went on.",
)
MIDDLES = (
    "About {n},{m:03d} workers took part, {person} said outside the container terminal.",
    "{person} supports the offer made by the {town} {group}, her office said in a statement.",
    "{person} opposes the new shift rules, he told the regional council on {day}.",
    "{person} met {other} in {town} to discuss the dispute, the {group} said.",
    "Trade between {town} and Arlesia reached ${n} billion last year, the {group} said.",
    "Ships waited at anchor off the breakwater while trucks queued on the coastal road.",
    "Exporters of timber and grain warned that delays would cost them dearly.",
    '"We will not give up," {person} said. "The families of {town} deserve better."',
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def generated_article(i: int) -> tuple[str, str, str, str]:
    """Article ``i`` of a generated feed: (outlet, title, date, text), recombined from the
    sentences above with varied names, places and numbers; no two texts are the same."""
    town = TOWNS[i % len(TOWNS)]
    person = PEOPLE[(i * 3) % len(PEOPLE)]
    fill = {
        "town": town,
        "person": person,
        "other": PEOPLE[(i * 7 + 1) % len(PEOPLE)],
        "group": GROUPS[i % len(GROUPS)],
        "day": DAYS[i % len(DAYS)],
        "verb": ("walked off the job", "returned to work", "voted to strike")[i % 3],
        "verb2": ("broke down", "resumed", "stalled")[i % 3],
        "n": 2 + (i * 13) % 40,
        "m": (i * 37) % 1000,
    }
    picks = [OPENINGS[i % len(OPENINGS)]]
    picks += [MIDDLES[(i + k * 3) % len(MIDDLES)] for k in range(4)]
    picks.append(f"This is report number {i + 1} on the dispute in {town}.")
    text = " ".join(p.format(**fill) for p in picks)
    day = 1 + i % 28
    title = f"{town}: port dispute, day {i % 30 + 1} ({i + 1})"
    return OUTLETS[i % len(OUTLETS)], title, f"2026-11-{day:02d}", text
