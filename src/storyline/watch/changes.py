"""What a poll changed in the story: the resolved views before and after, compared.

After resolution, the rows that involve the poll's new documents are read with their
evidence and compared with what the older documents give (actors, positions, figures);
for events, whose earlier dates cannot be read back, the watcher keeps a
:class:`~storyline.store.watch.Snapshot` of event ids and dates taken before resolution.
Each change cites the new evidence (document and character span) and, where it changes
or contradicts something, the older evidence too:

* ``new_actor``: a person, organisation, place or group no earlier article named;
* ``new_position``: an actor supports or opposes a target it held no position on;
* ``changed_position``: an actor now opposes what it supported, or the other way round;
* ``contradicting_figure``: a new figure in a group of figures that disagree, with an
  earlier figure of another value;
* ``new_event``: an event no earlier article reported; ``event_dated`` and
  ``event_redated``: an event that gets a date, or another date;
* ``new_report``: a new independent report (not a copy of one already counted) on an
  event earlier articles reported.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.document import Figure
from storyline.resolve.figures import values_agree
from storyline.store.watch import Change, Snapshot, Span, WatchStore

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_VERB = {"support": "supports", "oppose": "opposes"}
_PAST = {"support": "supported", "oppose": "opposed"}


def compute_changes(store: WatchStore, before: Snapshot, new_docs: list[str]) -> list[Change]:
    """The changes the documents ``new_docs`` brought, against the ``before`` snapshot."""
    store.mark_new(new_docs)
    changes: list[Change] = []
    changes += _actors(store)
    changes += _positions(store)
    changes += _figures(store)
    changes += _events(store, before)
    return changes


def _actors(store: WatchStore) -> list[Change]:
    return [
        Change(
            "new_actor",
            r["id"],
            f"new actor: {r['name']} ({r['type']})",
            ((r["doc_id"], r["start"], r["end"]),),
        )
        for r in store.new_actor_rows()
        if r["type"] in ACTOR_TYPES
    ]


def _positions(store: WatchStore) -> list[Change]:
    changes: list[Change] = []
    done: set[tuple[str, str, str]] = set()
    before = store.held_before()
    for r in store.new_stance_rows():
        key = (r["holder"], r["target_key"], r["polarity"])
        if key in done:
            continue
        done.add(key)
        held = before.get((r["holder"], r["target_key"]), set())
        if r["polarity"] in held:
            continue  # more evidence for a position already held
        evidence: tuple[Span, ...] = ((r["doc_id"], r["start"], r["end"]),)
        other = "oppose" if r["polarity"] == "support" else "support"
        if other in held:
            old = store.old_stance(r["holder"], r["target_key"], other)
            changes.append(
                Change(
                    "changed_position",
                    r["position"],
                    f"changed position: {r['holder_name']} now {_VERB[r['polarity']]} "
                    f"{r['target']} (before: {_PAST[other]} it)",
                    evidence,
                    (old,) if old else (),
                )
            )
        else:
            changes.append(
                Change(
                    "new_position",
                    r["position"],
                    f"new position: {r['holder_name']} {_VERB[r['polarity']]} {r['target']}",
                    evidence,
                )
            )
    return changes


def _figures(store: WatchStore) -> list[Change]:
    groups: dict[str, list[tuple[bool, Span, Figure, str | None, str]]] = defaultdict(list)
    labels: dict[str, str] = {}
    for r in store.disputed_group_rows():
        figure = Figure(r["start"], r["end"], r["text"], r["value"], r["unit"], hedge=r["hedge"])
        span = (r["doc_id"], r["start"], r["end"])
        groups[r["grp"]].append((bool(r["new"]), span, figure, r["outlet"], r["doc_id"]))
        labels[r["grp"]] = r["label"]
    changes: list[Change] = []
    for group, members in groups.items():
        old = [m for m in members if not m[0]]
        for is_new, span, figure, outlet, doc in members:
            if not is_new:
                continue
            against = next(
                (o for o in old if o[4] != doc and not values_agree([figure, o[2]])), None
            )
            if against is None:
                continue
            changes.append(
                Change(
                    "contradicting_figure",
                    group,
                    f"figure contradicts: {labels[group]}: {figure.text!r} "
                    f"({outlet or 'outlet unknown'}) against {against[2].text!r} "
                    f"({against[3] or 'outlet unknown'})",
                    (span,),
                    (against[1],),
                )
            )
    return changes


def _events(store: WatchStore, before: Snapshot) -> list[Change]:
    rows = store.touched_event_rows()
    by_event: dict[str, list[tuple[bool, Span, str, str]]] = defaultdict(list)
    info: dict[str, tuple[str, str | None]] = {}
    for r in rows:
        by_event[r["event"]].append(
            (bool(r["new"]), (r["doc_id"], r["start"], r["end"]), r["report"], r["mention"])
        )
        info[r["event"]] = (r["label"], r["date"])
    changes: list[Change] = []
    for event, mentions in by_event.items():
        label, date = info[event]
        when = f" ({date})" if date else ""
        new = [m for m in mentions if m[0]]
        old = [m for m in mentions if not m[0]]
        if not old:  # no older document reports it
            changes.append(Change("new_event", event, f"new event: {label}{when}", (new[0][1],)))
            continue
        # the events the older mentions were resolved to (none when a poll cut short
        # resolved them already: their earlier date is not known then)
        olds = {before.event_of_mention[m[3]] for m in old if m[3] in before.event_of_mention}
        old_dates = {before.event_dates.get(e) for e in olds}
        if olds and date and old_dates == {None}:
            changes.append(
                Change("event_dated", event, f"event dated: {label} on {date}", (new[0][1],))
            )
        elif olds and date and None not in old_dates and date not in old_dates:
            was = ", ".join(sorted(d for d in old_dates if d))
            changes.append(
                Change(
                    "event_redated",
                    event,
                    f"event redated: {label} on {date} (before: {was})",
                    (new[0][1],),
                    (old[0][1],),
                )
            )
        old_reports = {m[2] for m in old}
        fresh: dict[str, Span] = {}
        for _, span, report, _ in new:
            if report not in old_reports:
                fresh.setdefault(report, span)
        if fresh:
            total = len(old_reports) + len(fresh)
            changes.append(
                Change(
                    "new_report",
                    event,
                    f"new independent report on {label}{when}: {total} reports now "
                    f"(before: {len(old_reports)})",
                    tuple(fresh.values()),
                    (old[0][1],),
                )
            )
    return changes
