"""The gazetteer: curated actors of geopolitical news, loaded once per process from data files.

Two files in ``storyline/data`` hold it, both written by hand from public knowledge:

* ``gazetteer.countries.tsv``: one country a line, with its Wikidata id, alternative
  names ("the US", "U.S.", "America"), demonyms ("Russian", "Russians") and capital;
* ``gazetteer.json``: regions, cities, alliances and international organisations,
  government bodies, state companies, news agencies, treaties, and people (heads of
  state and government, ministers) with their name variants and transliterations.
  It also lists the titles ("Foreign Minister") that are kept out of name spans.

Every entry has a ``key``: its Wikidata id when known, else ``TYPE:Name``. Each surface
form ("alias") points to one entry and says how it names it: ``name`` (a full name or
acronym), ``short`` (a surname used alone, "Putin"), ``demonym`` ("Chinese" for China)
or ``capital`` (a capital city, which stands for its state when it acts: "Moscow warned").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from storyline.document import ENTITY_TYPES, EntityType

AliasKind = Literal["name", "short", "demonym", "capital"]

_COUNTRIES_FILE = "data/gazetteer.countries.tsv"
_ENTRIES_FILE = "data/gazetteer.json"


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One actor the gazetteer knows: its canonical name, type and Wikidata id."""

    key: str
    name: str
    type: EntityType
    kb_id: str | None
    country: str | None = None
    role: str | None = None
    stands_for: str | None = None  # capitals: the key of the state they stand for


@dataclass(frozen=True, slots=True)
class AliasHit:
    """What a surface form names, and how."""

    entry: GazEntry
    kind: AliasKind


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The loaded gazetteer: entries by key, surface forms, titles, and load conflicts."""

    entries: tuple[GazEntry, ...]
    by_key: dict[str, GazEntry]
    aliases: dict[str, AliasHit]
    titles: tuple[str, ...]
    conflicts: tuple[str, ...]

    def hit(self, surface: str) -> AliasHit | None:
        """The entry a surface form names exactly, if any."""
        return self.aliases.get(surface)

    def entry(self, key: str | None) -> GazEntry | None:
        """The entry with this key (a Wikidata id or ``TYPE:Name``)."""
        return self.by_key.get(key) if key else None

    def canonical_entry(self, kb_id: str | None, canonical: str | None) -> GazEntry | None:
        """The entry a mention was linked to, by its kb_id, else by its canonical name."""
        if kb_id and kb_id in self.by_key:
            return self.by_key[kb_id]
        if canonical:
            hit = self.aliases.get(canonical)
            if hit is not None and hit.entry.name == canonical:
                return hit.entry
        return None


def _key(kb_id: str | None, etype: str, name: str) -> str:
    return kb_id if kb_id else f"{etype}:{name}"


def _split(field: str) -> list[str]:
    return [p.strip() for p in field.split("|") if p.strip()]


class _Builder:
    def __init__(self) -> None:
        self.entries: list[GazEntry] = []
        self.by_key: dict[str, GazEntry] = {}
        self.aliases: dict[str, AliasHit] = {}
        self.conflicts: list[str] = []

    def add_entry(self, entry: GazEntry) -> GazEntry:
        if entry.key in self.by_key:
            self.conflicts.append(f"key {entry.key} ({entry.name}) is listed twice")
            return self.by_key[entry.key]
        self.entries.append(entry)
        self.by_key[entry.key] = entry
        return entry

    def add_alias(self, surface: str, entry: GazEntry, kind: AliasKind) -> None:
        surface = " ".join(surface.split())
        if not surface:
            return
        old = self.aliases.get(surface)
        if old is not None and old.entry.key != entry.key:
            self.conflicts.append(f"{surface!r} names both {old.entry.name} and {entry.name}")
            return
        if old is None:
            self.aliases[surface] = AliasHit(entry, kind)


def _entity_type(value: object) -> EntityType:
    for etype in ENTITY_TYPES:
        if etype == value:
            return etype
    raise ValueError(f"gazetteer entry has unknown type {value!r}")


_MINISTRIES = {
    "Ministry of Foreign Affairs": (
        "{d} Foreign Ministry",
        "{d} Ministry of Foreign Affairs",
        "{d} Foreign Affairs Ministry",
        "Ministry of Foreign Affairs of {c}",
    ),
    "Ministry of Defence": (
        "{d} Defence Ministry",
        "{d} Defense Ministry",
        "{d} Ministry of Defence",
        "{d} Ministry of Defense",
        "Ministry of Defence of {c}",
        "Ministry of Defense of {c}",
    ),
}


def _add_ministries(b: _Builder, country: GazEntry, demonym: str) -> None:
    """Each state's foreign and defence ministries ("the Chinese foreign ministry")."""
    for ministry, patterns in _MINISTRIES.items():
        name = f"{demonym} {ministry}"
        entry = b.add_entry(GazEntry(f"ORG:{name}", name, "ORG", None, country=country.key))
        for pattern in patterns:
            b.add_alias(pattern.format(d=demonym, c=country.name), entry, "name")


def _load_countries(b: _Builder, text: str, metonyms: dict[str, str]) -> None:
    rows = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    capitals: list[tuple[str, str | None, list[str], str]] = []
    for row in rows:
        if not row or row[0].startswith("#"):
            continue
        name, kb_id, aliases, demonyms, capital, capital_kb, capital_aliases = (row + [""] * 7)[:7]
        country = b.add_entry(
            GazEntry(_key(kb_id or None, "GPE", name), name, "GPE", kb_id or None)
        )
        for alias in [name, *_split(aliases)]:
            b.add_alias(alias, country, "name")
        for demonym in _split(demonyms):
            b.add_alias(demonym, country, "demonym")
        if capital:
            capitals.append((capital, capital_kb or None, _split(capital_aliases), country.key))
        if _split(demonyms):
            _add_ministries(b, country, _split(demonyms)[0])
    for city_name, city_kb, city_aliases, country_key in capitals:
        city = b.add_entry(
            GazEntry(
                _key(city_kb, "GPE", city_name),
                city_name,
                "GPE",
                city_kb,
                country=country_key,
                stands_for=metonyms.get(city_name, country_key),
            )
        )
        for alias in [city_name, *city_aliases]:
            b.add_alias(alias, city, "capital")


def _load_entries(b: _Builder, data: dict[str, Any]) -> None:
    for raw in data["entries"]:
        etype = _entity_type(raw["type"])
        kb_id = raw.get("kb_id") or None
        entry = b.add_entry(
            GazEntry(
                _key(kb_id, etype, raw["name"]),
                raw["name"],
                etype,
                kb_id,
                country=raw.get("country"),
                role=raw.get("role"),
            )
        )
        for alias in [raw["name"], *raw.get("aliases", ())]:
            b.add_alias(alias, entry, "name")
        for short in raw.get("short", ()):
            b.add_alias(short, entry, "short")
        for demonym in raw.get("demonyms", ()):
            b.add_alias(demonym, entry, "demonym")


def build_gazetteer(countries_tsv: str, entries_json: str) -> Gazetteer:
    """Build a gazetteer from the text of its two data files (see the module docstring)."""
    data = json.loads(entries_json)
    b = _Builder()
    _load_countries(b, countries_tsv, dict(data.get("metonyms", {})))
    _load_entries(b, data)
    return Gazetteer(
        entries=tuple(b.entries),
        by_key=b.by_key,
        aliases=b.aliases,
        titles=tuple(data.get("titles", ())),
        conflicts=tuple(b.conflicts),
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer shipped with storyline (loaded once per process)."""
    files = resources.files("storyline")
    countries = files.joinpath(_COUNTRIES_FILE).read_text(encoding="utf-8")
    entries = files.joinpath(_ENTRIES_FILE).read_text(encoding="utf-8")
    return build_gazetteer(countries, entries)
