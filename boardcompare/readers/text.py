r"""Plain text files: UTF-8 (with or without a BOM), UTF-16 with a BOM, Windows-1252, or a mix.

Files are decoded as UTF-8, and only the bytes that are not UTF-8 are read as Windows-1252, so
one stray byte does not turn the rest of the file into mojibake:

>>> decode_mixed("Children\u2019s report 2017\u201318, ".encode() + b"\xa3250 spent")
'Children’s report 2017–18, £250 spent'

A byte Windows-1252 leaves undefined becomes the replacement character instead of making the
whole file unreadable:

>>> decode_mixed(b"Minutes \x81 noted")
'Minutes \ufffd noted'
"""

from __future__ import annotations

import codecs
import functools

from boardcompare.readers.common import (
    BINARY,
    EMPTY,
    SNIFF_CHARS,
    UNDECODABLE,
    Unreadable,
    has_utf16_bom,
    is_blank,
    mostly_control,
    normalise_text,
    refuse_binary,
)


def decode_utf16(data: bytes) -> str:
    """Text with a UTF-16 byte-order mark, or the plain reason it cannot be decoded."""
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise Unreadable(UNDECODABLE) from exc


def _as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes that are not UTF-8, read as Windows-1252 (undefined ones replaced)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


@functools.cache
def _fallback_handler() -> str:
    """Register the handler once, when first needed (not at import), and return its name."""
    name = "boardcompare-windows-1252"
    codecs.register_error(name, _as_windows_1252)
    return name


def decode_mixed(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), with any byte that is not UTF-8 read as Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors=_fallback_handler())


def text_from_plain(data: bytes) -> str:
    """Decode a text file: UTF-16 with a BOM, else UTF-8 (BOM or not) with stray bytes as Windows-1252."""
    refuse_binary(data)
    if has_utf16_bom(data):
        text = decode_utf16(data)
        if mostly_control(text[:SNIFF_CHARS]):
            raise Unreadable(BINARY)
    else:
        text = decode_mixed(data)
    if is_blank(normalise_text(text)):
        raise Unreadable(EMPTY)
    return text
