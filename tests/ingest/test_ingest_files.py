"""Files and folders as inputs, and every way a file can be bad."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from storyline.document import RawArticle, Skipped
from storyline.errors import UnreadableInput
from storyline.ingest import iter_inputs
from storyline.ingest.encoding import MAX_BYTES, decode_text

ARTICLE = (
    "Lake Baikal holds more fresh water than any other lake\n\n"
    "Lake Baikal in Siberia is the deepest lake on Earth, reaching about 1,640 metres at its "
    "deepest point, and holds roughly a fifth of the world's unfrozen fresh surface water.\n"
)


def one(path: Path | str) -> RawArticle | Skipped:
    results = list(iter_inputs([str(path)]))
    assert len(results) == 1, results
    return results[0]


def skipped(path: Path | str) -> Skipped:
    result = one(path)
    assert isinstance(result, Skipped), result
    assert "\n" not in result.reason
    return result


# ------------------------------------------------------------------ good files


def test_text_markdown_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("# " + ARTICLE, encoding="utf-8")
    (tmp_path / "c.HTML").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    a, b, c = (one(tmp_path / n) for n in ("a.txt", "b.md", "c.HTML"))
    assert isinstance(a, RawArticle) and a.format == "text" and a.content == ARTICLE
    assert a.source == str(tmp_path / "a.txt")
    assert isinstance(b, RawArticle) and b.format == "text"
    assert isinstance(c, RawArticle) and c.format == "html"


def test_folders_are_walked_recursively_sorted_and_hidden_entries_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    results = list(iter_inputs([str(tmp_path)]))
    assert [Path(r.source).relative_to(tmp_path).as_posix() for r in results] == [
        "a.txt",
        "b/a.txt",
        "b/z.txt",
        "notes.pdf",
    ]
    assert isinstance(results[-1], Skipped)


def test_project_files_in_folders_are_skipped_but_can_be_named(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About this folder\n\nNotes.", encoding="utf-8")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    readme, story = list(iter_inputs([str(tmp_path)]))
    assert isinstance(readme, Skipped) and readme.reason.startswith("a project file")
    assert isinstance(story, RawArticle)
    assert isinstance(one(tmp_path / "README.md"), RawArticle)


def test_utf8_with_bom_and_utf16_with_bom(tmp_path: Path) -> None:
    (tmp_path / "bom8.txt").write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    (tmp_path / "bom16.txt").write_bytes(ARTICLE.encode("utf-16"))  # with its BOM
    (tmp_path / "bom16be.txt").write_bytes(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"))
    for name in ("bom8.txt", "bom16.txt", "bom16be.txt"):
        result = one(tmp_path / name)
        assert isinstance(result, RawArticle), name
        assert result.content == ARTICLE


def test_a_confident_guess_decodes_a_long_latin1_text(tmp_path: Path) -> None:
    french = (
        "Le lac Baïkal, en Sibérie, est le lac le plus profond du monde. Il contient à lui seul "
        "environ un cinquième de l'eau douce de surface non gelée de la planète. "
    ) * 4
    (tmp_path / "fr.txt").write_bytes(french.encode("latin-1"))
    result = one(tmp_path / "fr.txt")
    assert isinstance(result, RawArticle)
    assert result.content == french


# ------------------------------------------------------------------ bad files


def test_missing_path() -> None:
    result = skipped("/no/such/place/article.txt")
    assert result.source == "/no/such/place/article.txt"
    assert result.reason.startswith("no such file or folder")


def test_empty_and_whitespace_only_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    assert skipped(tmp_path / "empty.txt").reason.startswith("empty file; nothing to analyse")
    assert skipped(tmp_path / "blank.txt").reason.startswith("empty file (only whitespace)")


def test_binary_files(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"GIF89a\x00\x01\x02\x03" * 20)
    (tmp_path / "ctrl.html").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 65]) * 50)
    for name in ("nul.txt", "ctrl.html"):
        assert skipped(tmp_path / name).reason.startswith("binary file (not text)")


def test_wrongly_encoded_file_is_skipped_not_guessed(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes(
        "The café in Zürich opened in 1911 and still serves crème brûlée.".encode("latin-1")
    )
    reason = skipped(tmp_path / "latin1.txt").reason
    assert reason.startswith("not valid UTF-8 (byte 0xe9 at offset 7)")
    assert reason.endswith("save it again as UTF-8")


def test_broken_utf16_is_reported() -> None:
    with pytest.raises(UnreadableInput, match="UTF-16"):
        decode_text(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: costs no disk space
        f.truncate(MAX_BYTES + 1)
    reason = skipped(big).reason
    assert reason.startswith("larger than 20 MB")
    assert "split it" in reason


def test_unsupported_extension(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 ...")
    (tmp_path / "README").write_text(ARTICLE, encoding="utf-8")
    assert skipped(tmp_path / "report.pdf").reason.startswith(
        "unsupported file type .pdf; convert it to .txt or .html"
    )
    assert "no extension" in skipped(tmp_path / "README").reason


def test_iter_inputs_never_raises_on_a_mix(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"text": "x"}\nnot json\n', encoding="utf-8")
    results = list(
        iter_inputs([str(tmp_path / "good.txt"), "/missing", str(tmp_path / "bad.jsonl")])
    )
    assert [type(r).__name__ for r in results] == ["RawArticle", "Skipped", "RawArticle", "Skipped"]


# ------------------------------------------------------------------ JSONL


def write_jsonl(path: Path, *lines: object) -> Path:
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def test_jsonl_articles_with_given_metadata(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {
            "text": ARTICLE,
            "title": "Baikal",
            "published": "2023-08-01",
            "outlet": "Example Weekly",
            "authors": "Ana Ruiz, Tom Hale",
            "url": "https://example.com/baikal",
        },
        "",
        {"html": "<p>Baikal</p>", "source": "archive/baikal.html", "authors": ["Ana Ruiz"]},
        "   ",
        {"text": ARTICLE, "published": 2023},
    )
    first, second, third = list(iter_inputs([str(path)]))
    assert isinstance(first, RawArticle)
    assert first.source == f"{path}:1"
    assert first.format == "text"
    assert (first.title, first.published, first.outlet) == (
        "Baikal",
        "2023-08-01",
        "Example Weekly",
    )
    assert first.authors == ("Ana Ruiz", "Tom Hale")
    assert first.url == "https://example.com/baikal"
    assert isinstance(second, RawArticle)
    assert (second.source, second.format, second.authors) == (
        "archive/baikal.html",
        "html",
        ("Ana Ruiz",),
    )
    assert isinstance(third, RawArticle)
    assert (third.source, third.published) == (f"{path}:5", "2023")


def test_a_malformed_jsonl_line_is_skipped_with_its_number_and_the_rest_read(
    tmp_path: Path,
) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        {"text": ARTICLE},
        '{"text": "unterminated',
        ["a", "list"],
        {"title": "no body"},
        {"text": ""},
        {"text": 42},
        {"text": ARTICLE, "authors": 7},
        {"text": ARTICLE},
    )
    results = list(iter_inputs([str(path)]))
    assert [type(r).__name__ for r in results] == ["RawArticle"] + ["Skipped"] * 6 + ["RawArticle"]
    reasons = {r.source: r.reason for r in results if isinstance(r, Skipped)}
    assert reasons[f"{path}:2"].startswith("line 2 is not valid JSON (Unterminated string")
    assert reasons[f"{path}:2"].endswith("fix the line or remove it")
    assert reasons[f"{path}:3"].startswith("line 3 is an array, not a JSON object")
    assert reasons[f"{path}:4"].startswith("line 4 has no 'text' or 'html' field")
    assert reasons[f"{path}:5"].startswith("line 5 has an empty 'text'/'html' field")
    assert reasons[f"{path}:6"] == "line 6: 'text' must be a string; fix the line"
    assert reasons[f"{path}:7"].startswith("line 7: 'authors' must be a list of names")
    assert all("\n" not in r for r in reasons.values())


def test_jsonl_bad_encoding_line_and_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        codecs.BOM_UTF8
        + json.dumps({"text": ARTICLE}).encode()
        + b"\n"
        + '{"text": "café"}'.encode("latin-1")
        + b"\n"
    )
    good, bad = list(iter_inputs([str(path)]))
    assert isinstance(good, RawArticle)
    assert isinstance(bad, Skipped) and bad.reason.startswith("line 2 is not valid UTF-8")

    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    assert skipped(tmp_path / "empty.jsonl").reason.startswith("no articles in it")
    (tmp_path / "zero.jsonl").write_bytes(b"")
    assert skipped(tmp_path / "zero.jsonl").reason.startswith("empty file")
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\x01\x02" * 100)
    assert skipped(tmp_path / "bin.jsonl").reason.startswith("binary file")


def test_jsonl_line_above_the_size_cap(tmp_path: Path) -> None:
    from storyline.ingest.jsonl import iter_jsonl

    path = write_jsonl(tmp_path / "long.jsonl", {"text": "x" * 5000}, {"text": ARTICLE})
    long_line, good = list(iter_jsonl(path, limit=1000))
    assert isinstance(long_line, Skipped)
    assert long_line.source == f"{path}:1"
    assert long_line.reason.startswith("line 1 is larger than 1000 bytes")
    assert isinstance(good, RawArticle) and good.source == f"{path}:2"
