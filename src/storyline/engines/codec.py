"""A prepared input and its annotation layers as one JSON string, and back.

The Spark engine stores each document's result in Parquet with this encoding: plain
JSON anyone can read, and an exact round trip (tuples come back as tuples, every
annotation as the frozen dataclass it was), so the driver loads the same analysis the
local engine would have written.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
from collections.abc import Mapping
from typing import Any

from storyline.document import Document, Skipped
from storyline.errors import StorylineError

Layers = dict[str, tuple[object, ...]]
_TYPE = "~"  # the key naming an object's class: "module:QualName"


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        out: dict[str, Any] = {_TYPE: f"{cls.__module__}:{cls.__qualname__}"}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, Mapping):
        raise StorylineError(f"cannot encode a mapping inside an annotation: {value!r}")
    return value


def _class(name: str) -> type:
    module, _, qualname = name.partition(":")
    if not module.startswith("storyline."):
        raise StorylineError(f"result names the class {name!r}, which is not storyline's")
    cls = getattr(importlib.import_module(module), qualname, None)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise StorylineError(f"result names the class {name!r}, which this storyline lacks")
    return cls


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if isinstance(value, dict):
        cls = _class(value[_TYPE])
        return cls(**{k: _decode(v) for k, v in value.items() if k != _TYPE})
    return value


def encode_result(
    prepared: Document | Skipped, layers: Mapping[str, tuple[object, ...]] | None
) -> str:
    """One JSON string for a prepared input and, if it was analysed, its layers."""
    body = {
        "prepared": _encode(prepared),
        "layers": None if layers is None else {k: _encode(v) for k, v in layers.items()},
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def decode_result(text: str) -> tuple[Document | Skipped, Layers | None]:
    """The prepared input and layers :func:`encode_result` wrote."""
    body = json.loads(text)
    prepared = _decode(body["prepared"])
    if not isinstance(prepared, (Document, Skipped)):
        raise StorylineError(f"a result holds a {type(prepared).__name__}, not a document")
    raw = body["layers"]
    layers = None if raw is None else {k: tuple(_decode(v)) for k, v in raw.items()}
    return prepared, layers
