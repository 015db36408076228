"""Saving new minutes under data/minutes/: names sanitised, size capped, duplicates stored once.

>>> safe_name("../../etc/passwd.txt")
'passwd.txt'
>>> safe_name("Minutes 12/03 (final).DOCX")
'03_final.docx'
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from boardcompare.errors import BoardcompareError
from boardcompare.readers import SUPPORTED_SUFFIXES, UnusableDocument, read_bytes

MAX_BYTES = 20 * 1024 * 1024


class UploadRefused(BoardcompareError):
    """A file that cannot be added; ``name`` is the file as given, ``reason`` why."""

    def __init__(self, name: str, reason: str):
        super().__init__(reason, subject=name)
        self.name = name


@dataclass(frozen=True)
class SavedFile:
    path: Path
    duplicate_of: Path | None

    @property
    def message(self) -> str:
        if self.duplicate_of:
            return f"already stored as {self.duplicate_of.name}: not saved again"
        return f"saved as {self.path}"


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    """The base name only, with anything but letters, digits, dot, dash and underscore replaced."""
    base = re.split(r"[\\/]", name)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _UNSAFE.sub("_", stem).strip("._") or "minutes"
    return f"{stem[:80]}.{suffix.lower()}" if suffix else stem[:80]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_upload(name: str, data: bytes) -> None:
    """Raise UploadRefused when the file cannot be used; nothing is written."""
    suffix = Path(safe_name(name)).suffix
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRefused(name, f"unsupported file type {suffix or '(none)'}: use .txt, .html, .htm, .pdf or .docx")
    if len(data) > MAX_BYTES:
        raise UploadRefused(name, f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB")
    try:
        read_bytes(data, safe_name(name))
    except UnusableDocument as e:
        raise UploadRefused(name, e.reason) from e


def save_upload(name: str, data: bytes, folder: Path) -> SavedFile:
    """Check and save one file in ``folder``; the same content already there is not saved twice."""
    check_upload(name, data)
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()
    for existing in sorted(folder.iterdir()):
        if existing.is_file() and existing.stat().st_size == len(data) and _digest(existing) == digest:
            return SavedFile(existing, existing)
    target = folder / safe_name(name)
    n = 1
    while target.exists():
        target = folder / f"{Path(safe_name(name)).stem}_{n}{Path(safe_name(name)).suffix}"
        n += 1
    if target.resolve().parent != folder.resolve():
        raise UploadRefused(name, "the file name points outside the minutes folder")
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return SavedFile(target, None)
