"""Articles written for honest corroboration: outlets that disagree, a quote echoed about
someone else, a wire story copied by three outlets, and a site's newsletter prompt on ten
unrelated pages. All fictional; :func:`write` saves them as one JSONL input file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FERRY = (
    "{n} people were killed when a passenger ferry capsized near the port of Velmora on "
    "Sunday, the coast guard said. {extra}"
)
FERRY_EXTRA = {
    "Harbour Gazette": "Rescue boats searched the cold water until dark. Pilgrims on their "
    "way to an island shrine filled the deck.",
    "Velmora Daily": "Divers from the navy joined the search on Monday morning. Relatives "
    "waited for news at the harbour gates.",
}
FERRY_VALUES = {"Harbour Gazette": "At least 50", "Velmora Daily": "30"}

TRADE = (
    "Trade between Arlesia and Benmark reached ${n} billion last year, the Arlesian trade "
    "ministry said on Tuesday. {extra}"
)
TRADE_EXTRA = {
    "Market Ledger": "Grain and timber made up most of the shipments across the border.",
    "Northern Economist": "Officials expect the new rail link to lift exports further.",
    "Coastal Business": "Both governments plan to cut tariffs on machinery next spring.",
    "Frontier Times": "Benmark's farmers have long complained about Arlesian tariffs.",
}
TRADE_VALUES = {
    "Market Ledger": "30",
    "Northern Economist": "40",
    "Coastal Business": "45",
    "Frontier Times": "50",
}

QUOTE_A = (
    "Prime Minister Clara Vitti said Italy opposed the new Adriatic fishing quotas. "
    "The quotas were agreed by a committee of coastal states in Split last week. "
    "Fishing crews in Ancona staged a protest outside the regional council."
)
QUOTE_B = (
    "Foreign Minister Paolo Renzetti said Italy opposed the new Adriatic fishing quotas. "
    "He spoke to reporters after talks with his Croatian counterpart in Zagreb. "
    "A decision on the appeal is expected before the summer season."
)

WIRE = (
    "KORVALA (Reuters) - Engineers in Korvala finished the Tessel river dam on Thursday, "
    "three years after construction began, the regional water authority said. The dam will "
    "supply drinking water to about 400,000 residents of the valley, the authority said. "
    "It will also protect farms downstream from the spring floods that ruined harvests in "
    "recent years. "
    "Authority chief Miro Danek told reporters the reservoir would start filling next month "
    "and reach its planned level by the end of the year. Residents of two villages that will "
    "be flooded by the reservoir were moved to new homes on the eastern bank last autumn, "
    "and some of them still say the compensation they received was too low. Environmental "
    "groups had asked the courts to stop the project because of a rare fish that spawns in "
    "the upper river, but the appeal was rejected in March. The construction consortium "
    "said the final cost was within the budget approved by the regional parliament. "
    "The reservoir will hold 90 million cubic metres of water when it is full."
)
# each outlet runs the wire story with a line of its own (identical texts are stored once)
WIRE_OUTLETS = {
    "Valley Herald": "The Herald will publish photographs of the dam in Saturday's edition.",
    "Korvala Post": "Readers can find our earlier coverage of the floods on page four.",
    "River Times": "This story was first published on the agency's regional service.",
}
WIRE_OWN = (
    "The new Tessel river dam will supply drinking water to about 400,000 residents of the "
    "valley, the regional water authority said on Thursday. Our reporter visited the site, "
    "where workers were removing the last cranes. Farmers in the lower valley welcomed the "
    "news after years of floods."
)

NEWSLETTER = "Sign up for our free morning newsletter to get the best stories in your inbox."
UNRELATED = (
    "The city library will stay open until nine on weekdays from next month.",
    "A local bakery won the regional prize for its rye bread this weekend.",
    "The school board approved a new timetable for the autumn term.",
    "Heavy snow closed the mountain pass north of the capital for two days.",
    "A violin made in the eighteenth century sold at auction for a record price.",
    "The zoo welcomed two red panda cubs born in the spring.",
    "Road works on the ring road will finish a month earlier than planned.",
    "The football club appointed a former goalkeeper as its new coach.",
    "An exhibition of medieval maps opens at the national museum on Friday.",
    "The ferry company added a late crossing to the islands for the summer.",
)
SITE = "Morning Bell"


def _doc(source: str, outlet: str, title: str, text: str, day: str) -> dict[str, Any]:
    return {
        "source": source,
        "title": title,
        "outlet": outlet,
        "published": f"2025-06-{day}",
        "text": text,
    }


def articles() -> list[dict[str, Any]]:
    docs = []
    for outlet, n in FERRY_VALUES.items():
        text = FERRY.format(n=n, extra=FERRY_EXTRA[outlet])
        docs.append(_doc(f"ferry-{outlet}", outlet, "Ferry capsizes near Velmora", text, "02"))
    for outlet, n in TRADE_VALUES.items():
        text = TRADE.format(n=n, extra=TRADE_EXTRA[outlet])
        docs.append(_doc(f"trade-{outlet}", outlet, "Arlesia-Benmark trade grows", text, "03"))
    docs.append(_doc("quote-a", "Adriatic Voice", "Italy and the quotas", QUOTE_A, "04"))
    docs.append(_doc("quote-b", "Roman Courier", "Minister on quotas", QUOTE_B, "04"))
    for outlet, own in WIRE_OUTLETS.items():
        text = f"{WIRE} {own}"
        docs.append(_doc(f"wire-{outlet}", outlet, "Tessel dam finished", text, "05"))
    docs.append(_doc("dam-own", "Korvala Observer", "At the new dam", WIRE_OWN, "05"))
    for k, story in enumerate(UNRELATED):
        text = f"{story} Readers can send their comments to the newsroom. {NEWSLETTER}"
        docs.append(_doc(f"site-{k}", SITE, f"Local news {k}", text, f"{10 + k}"))
    return docs


def write(path: Path) -> Path:
    path.write_text(
        "\n".join(json.dumps(d, ensure_ascii=False) for d in articles()) + "\n", encoding="utf-8"
    )
    return path
