"""Bad and unusual input files: each is refused (or decoded) with a message naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from callqa.settings import BUNDLED_CALL
from ingest import TranscriptError, ingest_file
from ingest.read import read_transcript

FIXTURES = Path(__file__).parent / "fixtures"
COLON = FIXTURES / "contoso-q3-fy2024-colon.txt"

CP1252_TEXT = (
    "Café Lumière - Q1 2024 Earnings Call\n"
    "April 9, 2024\n"
    "Renée Dupont (Chief Executive Officer)\n"
    "Our café business grew 12% \u2014 “really” well \u2013 thanks to crème brûlée.\n"
    "Operator (participant)\n"
    "Thank you. That concludes today’s call. You may now disconnect.\n"
)


def _refused(path: Path, match: str, max_bytes: int | None = None) -> TranscriptError:
    with pytest.raises(TranscriptError, match=match) as err:
        ingest_file(path, max_bytes=max_bytes)
    assert err.value.path == str(path)
    assert str(err.value).startswith(f"{path}: ")
    return err.value


def test_missing_file(tmp_path: Path) -> None:
    _refused(tmp_path / "nope.txt", "file not found")


def test_directory(tmp_path: Path) -> None:
    _refused(tmp_path, "is a directory")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _refused(path, "file is empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\t\r\n   \n")
    _refused(path, "only whitespace")


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"Operator (participant)\n" + bytes(range(256)) * 4)
    _refused(path, "binary file")


def test_pdf_is_named_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "call.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    _refused(path, "PDF")


def test_file_over_max_bytes() -> None:
    err = _refused(BUNDLED_CALL, "over the 1,000-byte limit", max_bytes=1000)
    assert "58,601 bytes" in err.problem


def test_default_limit_accepts_the_bundled_call() -> None:
    assert read_transcript(BUNDLED_CALL).startswith("Alibaba Group - Earnings Call")


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(b"Jane Roe (CEO)\nHello " + bytes(range(0x80, 0xA0)) * 20 + b"\n")
    _refused(path, "cannot decode")


def test_no_speakers(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Some notes about the quarter.\nRevenue grew. Margins held.\n")
    _refused(path, "no recognisable speaker turns")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "gb18030"])
def test_chinese_capable_encodings_decode(tmp_path: Path, encoding: str) -> None:
    text = COLON.read_text(encoding="utf-8")
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    path = tmp_path / f"contoso-{encoding}.txt"
    path.write_bytes(data)
    got = ingest_file(path)
    reference = ingest_file(COLON)
    assert got.text == text
    assert [c.text for c in got.chunks] == [c.text for c in reference.chunks]
    assert any("苏州新工厂" in c.text for c in got.chunks)


def test_cp1252_decodes(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes(CP1252_TEXT.encode("cp1252"))
    got = ingest_file(path)
    assert got.text == CP1252_TEXT
    assert got.turns[0].speaker == "Renée Dupont"
    assert "“really” well" in got.chunks[0].text


def test_crlf_and_cr_newlines_are_normalised(tmp_path: Path) -> None:
    text = BUNDLED_CALL.read_text(encoding="utf-8")
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    got = ingest_file(path)
    assert got.text == text
    assert [c.chunk_id for c in got.chunks] == [
        c.chunk_id for c in ingest_file(BUNDLED_CALL).chunks
    ]
