"""GraphML: the same actor graph as the GEXF export, for yEd, Cytoscape, networkx, igraph."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, BinaryIO

from storyline.export.gexf import cites, export_graph, write_xml, xml_text
from storyline.store import StoreReader

NS = "http://graphml.graphdrawing.org/xmlns"
KEYS = (
    ("label", "node", "string"),
    ("type", "node", "string"),
    ("kb_id", "node", "string"),
    ("mentions", "node", "int"),
    ("documents", "node", "int"),
    ("kind", "edge", "string"),
    ("edge_label", "edge", "string"),
    ("weight", "edge", "int"),
    ("evidence", "edge", "string"),
)


def build_graphml(graph: dict[str, Any]) -> ET.Element:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for name, domain, kind in KEYS:
        ET.SubElement(
            root,
            f"{{{NS}}}key",
            {"id": name, "for": domain, "attr.name": name, "attr.type": kind},
        )
    g = ET.SubElement(root, f"{{{NS}}}graph", {"id": "story", "edgedefault": "undirected"})

    def data(parent: ET.Element, key: str, value: object) -> None:
        if value is not None:
            ET.SubElement(parent, f"{{{NS}}}data", {"key": key}).text = xml_text(value)

    for n in graph["nodes"]:
        node = ET.SubElement(g, f"{{{NS}}}node", {"id": n["id"]})
        data(node, "label", n["name"])
        for key in ("type", "kb_id", "mentions", "documents"):
            data(node, key, n.get(key))
    for i, e in enumerate(graph["edges"]):
        attrs = {"id": f"x{i}", "source": e["source"], "target": e["target"]}
        if e["directed"]:
            attrs["directed"] = "true"
        edge = ET.SubElement(g, f"{{{NS}}}edge", attrs)
        data(edge, "kind", e["kind"])
        data(edge, "edge_label", e["label"])
        data(edge, "weight", e["weight"])
        data(edge, "evidence", cites(e))
    return root


def write_graphml(reader: StoreReader, out: BinaryIO) -> None:
    write_xml(build_graphml(export_graph(reader)), out)
