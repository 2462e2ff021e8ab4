"""Copy detection: copies of one article grouped into one independent report."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.resolve.copies import (
    SIGNATURE_BYTES,
    Candidate,
    fingerprint,
    group_reports,
    is_copy,
    overlap,
    wire_credit,
)
from tests.resolve import syndicated as s


def _candidates(texts: dict[str, tuple[str, str | None, str]]) -> list[Candidate]:
    return [
        Candidate(doc, published, outlet, fingerprint(text, outlet))
        for doc, (text, published, outlet) in texts.items()
    ]


CORPUS = {
    "d_wire": (s.WIRE, "2023-03-03", "Wire Daily"),
    "d_edited": (s.EDITED, "2023-03-03", "Valdora Times"),
    "d_cut": (s.CUT, "2023-03-04", "Northern Post"),
    "d_added": (s.ADDED, "2023-03-04", "Durn Courier"),
    "d_ind1": (s.INDEPENDENT_1, "2023-03-04", "Valdora Times"),
    "d_ind2": (s.INDEPENDENT_2, "2023-03-03", "Capital Herald"),
    "d_snippet": (s.SNIPPET, "2023-03-03", "Live Blog"),
}


def test_copies_form_one_report_and_independent_reports_stay_apart() -> None:
    reports, similarity = group_reports(_candidates(CORPUS))
    by_doc = {d: r for r in reports for d in r.documents}
    wire = by_doc["d_wire"]
    assert set(wire.documents) == {"d_wire", "d_edited", "d_cut", "d_added"}
    assert wire.copies == 4
    for other in ("d_ind1", "d_ind2", "d_snippet"):
        assert by_doc[other].documents == (other,)
    assert len(reports) == 4  # 7 documents, 4 independent reports
    # the lead copy is the earliest published, then the smallest id
    assert wire.documents[0] == "d_edited"
    assert similarity["d_edited"] == 1.0 and 0.3 <= similarity["d_cut"] < 1.0
    # the agency the text credits is the report's origin, with the words that say so
    assert (wire.origin, wire.origin_evidence) == ("AP", "(AP)")


def test_grouping_does_not_depend_on_input_order() -> None:
    items = _candidates(CORPUS)
    first = group_reports(items)
    random.Random(7).shuffle(items)
    assert group_reports(items) == first


def test_origin_without_a_wire_credit_is_the_first_publisher() -> None:
    text = s.INDEPENDENT_2
    reports, _ = group_reports(
        _candidates(
            {
                "d_b": (text + "\n\nRead more on our site.", "2023-03-05", "Reprinter"),
                "d_a": (text, "2023-03-03", "Capital Herald"),
            }
        )
    )
    (report,) = reports
    assert report.documents == ("d_a", "d_b")
    assert report.origin == "Capital Herald"
    assert report.origin_evidence == "first published copy (2023-03-03)"


def test_a_quotation_in_common_is_not_a_copy() -> None:
    wire = fingerprint(s.WIRE)
    assert not is_copy(wire, fingerprint(s.INDEPENDENT_1))
    assert not is_copy(wire, fingerprint(s.SNIPPET))
    assert is_copy(wire, fingerprint(s.CUT))


def test_wire_credits() -> None:
    assert wire_credit("MOSCOW, May 16 /TASS/. The talks ended.") == ("TASS", "/TASS/")
    assert wire_credit("LONDON (Reuters) - Shares fell.") == ("Reuters", "(Reuters)")
    assert wire_credit("Body text.\n\nBy The Associated Press")[0] == "AP"  # type: ignore[index]
    assert wire_credit("A report.\n— Xinhua")[0] == "Xinhua"  # type: ignore[index]
    assert wire_credit("Text", outlet="Reuters") == ("Reuters", "outlet: Reuters")
    # an agency named in the story is not a credit
    assert wire_credit("The minister told Reuters that talks would go on.") is None
    assert wire_credit("Officials spoke to the AP on Monday about the plan.") is None


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_any_text_has_a_fingerprint_and_is_a_copy_of_itself(text: str) -> None:
    f = fingerprint(text)
    assert len(f.signature) == SIGNATURE_BYTES == 4 * (126 + 42)
    if f.shingles >= 30:
        assert is_copy(f, fingerprint(text))


def _gallery() -> str:
    """A long block of photo captions, as a site repeats it under many of its articles."""
    places = ["Oskel", "Brask", "Kell", "Saline", "Durn", "the capital", "the Marren basin"]
    scenes = [
        "volunteers carry sandbags along the embankment",
        "a rescue boat passes a flooded bus stop",
        "soldiers repair a levee before nightfall",
        "families wait for buses at a school gym",
        "a farmer checks his flooded barley field",
    ]
    lines = []
    for n in range(60):
        place, scene = places[n % len(places)], scenes[(n * 3) % len(scenes)]
        lines.append(f"Photo {n + 1} of 60: In {place}, {scene} on day {n // 5 + 1}. Hide caption")
    return "\n".join(lines)


def test_pages_sharing_only_a_block_of_site_chrome_are_not_copies() -> None:
    # two different stories of one site (each longer than the opening compared), above the
    # same long photo gallery: most of their words are the gallery's, but each opens with
    # its own news
    gallery = _gallery()
    first = fingerprint(s.INDEPENDENT_1 + "\n\n" + s.INDEPENDENT_2 + "\n\n" + gallery)
    second = fingerprint(s.WIRE + "\n\n" + gallery)
    assert overlap(first, second)[1] >= 0.7  # the old bounds alone took them for copies
    assert not is_copy(first, second)
    # a copy with a line added on top keeps the opening enough to count
    updated = fingerprint("UPDATE: the river has begun to fall.\n\n" + s.WIRE)
    assert is_copy(updated, fingerprint(s.WIRE))


def test_credit_forms_of_real_news() -> None:
    # a dateline below a title and a photo caption
    text = (
        "Rail line cut by floods\n"
        "FILE - In this March 2, 2023, file photo, a bridge is seen near Kell. "
        "(AP Photo/Jane Roe, File)\n"
        "OSKEL, Valdora (AP) — Floodwaters cut the rail line on Tuesday."
    )
    assert wire_credit(text) == ("AP", "(AP)")
    assert wire_credit("Washington (CNN) – Lawmakers said on Tuesday") == ("CNN", "(CNN)")
    assert wire_credit("(AFP) — The leaders agreed on Friday.") == ("AFP", "(AFP)")
    # the agency's tag lines and credit lines at the end
    tail = "The talks ended.\n___\nAssociated Press writers Jane Roe and John Doe contributed."
    assert wire_credit(tail) == ("AP", "Associated Press writers")
    assert wire_credit("Talks ended.\nAP Diplomatic Writer Jane Roe contributed.") == (
        "AP",
        "AP Diplomatic Writer",
    )
    credit = "Talks ended. (Reporting by Jane Roe; Editing by John Doe)"
    assert wire_credit(credit) == ("Reuters", "(Reporting by Jane Roe; Editing by John Doe)")
    # a byline that is an agency's name alone (the crawl's metadata)
    assert wire_credit("Talks ended.", authors=["The Associated Press"]) == (
        "AP",
        "byline: The Associated Press",
    )
    # not credits: photo credits, a caption's credit, a contribution to another article,
    # an agency among a site's list of writers
    assert wire_credit("toggle caption Jane Roe /Reuters /Landov\nThe talks ended.") is None
    assert wire_credit("toggle caption Jane Roe/AFP/Getty Images\nThe talks ended.") is None
    assert wire_credit("Men stand at the site in 2015. (Reuters)\nThey remain foes.") is None
    assert wire_credit("Talks ended.\nThe Associated Press contributed to this report.") is None
    assert wire_credit("Talks ended.", authors=["Jane Roe", "Associated Press"]) is None
