"""GEXF 1.3 for Gephi: actors as nodes; co-mentions, shared events and positions as edges.

Node attributes: type, Wikidata id, mentions, documents. Edge attributes: kind
(co-mention, event, support, oppose), label and up to three evidence citations
(``doc:start-end``). Position edges are directed (holder → target); the rest are not.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any, BinaryIO

from storyline.store import StoreReader

NS = "http://gexf.net/1.3"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    """Text safe in XML 1.0 (characters XML forbids are dropped; escaping is ElementTree's)."""
    return _ILLEGAL.sub("", "" if value is None else str(value))


def export_graph(reader: StoreReader) -> dict[str, Any]:
    """Every actor of a graph type and every edge between them."""
    return reader.queries.actor_graph(max_nodes=1_000_000, evidence=3)


def cites(edge: dict[str, Any]) -> str:
    return " ".join(f"{c['doc']}:{c['start']}-{c['end']}" for c in edge["evidence"])


NODE_ATTRS = (
    ("type", "string"),
    ("kb_id", "string"),
    ("mentions", "integer"),
    ("documents", "integer"),
)
EDGE_ATTRS = (("kind", "string"), ("evidence", "string"))


def build_gexf(graph: dict[str, Any]) -> ET.Element:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NS}}}meta")
    ET.SubElement(meta, f"{{{NS}}}creator").text = "storyline"
    ET.SubElement(meta, f"{{{NS}}}description").text = "Actors and their links, with evidence"
    g = ET.SubElement(root, f"{{{NS}}}graph", {"defaultedgetype": "undirected", "mode": "static"})
    for cls, declared in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        block = ET.SubElement(g, f"{{{NS}}}attributes", {"class": cls})
        for name, kind in declared:
            ET.SubElement(block, f"{{{NS}}}attribute", {"id": name, "title": name, "type": kind})
    nodes = ET.SubElement(g, f"{{{NS}}}nodes")
    for n in graph["nodes"]:
        node = ET.SubElement(nodes, f"{{{NS}}}node", {"id": n["id"], "label": xml_text(n["name"])})
        values = ET.SubElement(node, f"{{{NS}}}attvalues")
        for name, _ in NODE_ATTRS:
            if n.get(name) is not None:
                ET.SubElement(
                    values, f"{{{NS}}}attvalue", {"for": name, "value": xml_text(n[name])}
                )
    edges = ET.SubElement(g, f"{{{NS}}}edges")
    for i, e in enumerate(graph["edges"]):
        attrs = {
            "id": f"x{i}",
            "source": e["source"],
            "target": e["target"],
            "weight": str(e["weight"]),
            "label": xml_text(e["label"]),
        }
        if e["directed"]:
            attrs["type"] = "directed"
        edge = ET.SubElement(edges, f"{{{NS}}}edge", attrs)
        values = ET.SubElement(edge, f"{{{NS}}}attvalues")
        ET.SubElement(values, f"{{{NS}}}attvalue", {"for": "kind", "value": e["kind"]})
        ET.SubElement(values, f"{{{NS}}}attvalue", {"for": "evidence", "value": cites(e)})
    return root


def write_xml(root: ET.Element, out: BinaryIO) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)


def write_gexf(reader: StoreReader, out: BinaryIO) -> None:
    write_xml(build_gexf(export_graph(reader)), out)
