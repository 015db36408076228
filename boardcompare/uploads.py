"""Saving new minutes under data/minutes/: names sanitised, limits checked, duplicates stored once.

The limits are the readers' (:mod:`boardcompare.readers.limits`), so a file saved here is never
refused by the next build for its size or length. Names are made safe and readable by the build:

>>> safe_name("../../etc/passwd.txt")
'passwd.txt'
>>> safe_name("Minutes 12/03 (final).DOCX")
'03_final.docx'
>>> safe_name("README.txt")  # the build leaves README files alone, so this one gets another name
'minutes_README.txt'
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from boardcompare.errors import BoardcompareError
from boardcompare.ingest import is_input_name
from boardcompare.readers import MAX_FILE_BYTES, UnusableDocument, read_bytes

MAX_BYTES = MAX_FILE_BYTES


class UploadRefused(BoardcompareError):
    """A file that cannot be added; ``name`` is the file as given, ``reason`` why."""

    def __init__(self, name: str, reason: str):
        super().__init__(reason, subject=name)
        self.name = name


@dataclass(frozen=True)
class SavedFile:
    """Where an upload was saved, or the stored file with the same bytes it was not saved beside."""

    path: Path
    duplicate_of: Path | None

    @property
    def message(self) -> str:
        """What became of the file, in a few words for the person who added it."""
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
    safe = f"{stem[:80]}.{suffix.lower()}" if suffix else stem[:80]
    return safe if is_input_name(safe) else f"minutes_{safe}"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_upload(name: str, data: bytes) -> None:
    """Raise UploadRefused when the file cannot be used, for the reasons the build would give; nothing is written.

    The readers check the limits first (type, size, a Word file's unpacked size, the text's
    length: :func:`boardcompare.readers.check_before_parsing`), then read the file.
    """
    try:
        read_bytes(data, safe_name(name))  # read only for the refusal it may raise; the build reads it again
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
