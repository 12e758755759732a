"""Read a transcript file into text, refusing what is not a transcript with a clear reason.

Offsets everywhere else in callqa point into the text returned here: the decoded file with
a leading BOM removed and every newline (``\\r\\n``, ``\\r``) normalised to ``\\n``.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from ingest.errors import TranscriptError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_SNIFF_BYTES = 8192
# Control bytes that plain text files legitimately contain (tab, LF, VT, FF, CR, ESC).
_TEXT_CONTROLS = {9, 10, 11, 12, 13, 27}
_MAGIC = {
    b"%PDF-": "a PDF document; export it to plain text first",
    b"PK\x03\x04": "a ZIP archive (e.g. .docx/.xlsx); export it to plain text first",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls); export it to plain text first",
}


def read_transcript(path: Path | str, *, max_bytes: int | None = None) -> str:
    """Return the normalised text of `path`, or raise `TranscriptError` naming file and problem."""
    path = Path(path)
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if not path.exists():
        raise TranscriptError(path, "file not found")
    if path.is_dir():
        raise TranscriptError(path, "is a directory, not a transcript file")
    try:
        size = path.stat().st_size
        if size > limit:
            raise TranscriptError(
                path, f"file is {size:,} bytes, over the {limit:,}-byte limit (max_bytes)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise TranscriptError(path, f"cannot read file: {exc.strerror or exc}") from exc
    # The size may have changed between stat and read; the limit applies to what we read.
    if len(data) > limit:
        raise TranscriptError(
            path, f"file is {len(data):,} bytes, over the {limit:,}-byte limit (max_bytes)"
        )
    return decode_transcript(data, path)


def decode_transcript(data: bytes, source: Path | str) -> str:
    """Decode raw bytes (utf-8, utf-16 with BOM, gb18030, cp1252) and normalise newlines."""
    if not data:
        raise TranscriptError(source, "file is empty")
    text = _decode(data, source)
    text = normalise_newlines(text)
    if not text.strip():
        raise TranscriptError(source, "file contains only whitespace, no transcript text")
    return text


def normalise_newlines(text: str) -> str:
    """`\\r\\n` and lone `\\r` become `\\n`; a leading BOM is dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: Path | str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TranscriptError(
                source, f"starts with a UTF-8 byte-order mark but is not valid UTF-8 ({exc.reason})"
            ) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise TranscriptError(
                source, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})"
            ) from exc
    _refuse_binary(data, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_gb(text):
            return text
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise TranscriptError(
        source,
        "cannot decode the text: not UTF-8, UTF-16 (with BOM), GB18030 or Windows-1252; "
        "save it as UTF-8 and try again",
    )


def _refuse_binary(data: bytes, source: Path | str) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise TranscriptError(source, f"looks like {what}, not a text transcript")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise TranscriptError(source, "looks like a binary file (contains NUL bytes), not text")
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if controls > 0.05 * len(head):
        raise TranscriptError(source, "looks like a binary file (mostly non-text bytes), not text")


def _plausible_gb(text: str) -> bool:
    """GB18030 accepts many byte pairs; real Chinese text stays mostly inside GB2312.

    Windows-1252 text such as "café" decodes as GB18030 into rare ideographs outside
    GB2312, so a low GB2312 share means "probably not Chinese, try cp1252".
    """
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    common = 0
    for ch in non_ascii:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 1
    return common >= 0.9 * len(non_ascii) and _looks_like_text(text)


def _looks_like_text(text: str) -> bool:
    """Mostly printable characters and some letters: not a byte soup decoded as Latin-1."""
    if not text:
        return False
    bad = 0
    letters = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat[0] == "L":
            letters += 1
        elif cat in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f\v":
            bad += 1
    return bad <= 0.01 * len(text) and letters >= 0.3 * len(text.replace(" ", "") or " ")
