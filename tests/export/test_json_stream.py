"""The JSON export is written section by section and item by item; the bytes are exactly
those ``json.dump(indent=1)`` writes for the whole story as one object."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.export import export
from storyline.export.json_export import build_export
from storyline.store import StoreReader

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("which", ["story_db", "empty_db"])
def test_streamed_export_is_the_whole_object_dumped(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    db: Path = request.getfixturevalue(which)
    out = tmp_path / "story.json"
    with StoreReader(db) as reader:
        export(reader, "json", out)
        whole = json.dumps(build_export(reader), ensure_ascii=False, indent=1) + "\n"
    written = out.read_text(encoding="utf-8")
    assert written == whole
    story = json.loads(written)
    assert list(story)[:3] == ["schema", "documents", "entities"] and "brief" in story
    if which == "story_db":
        assert story["documents"] and story["entities"] and story["quotes"]
