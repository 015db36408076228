#!/usr/bin/env python3
"""What the largest uploads allowed cost to preview: seconds and peak memory, one process per file.

The Add minutes page previews an upload in the dashboard's own process (read, split, extract),
so the upload limits of :mod:`boardcompare.readers.limits` are what bound its time and memory.
For each case, just inside a limit or just past it, a fresh process runs
``boardcompare.preview.preview`` on the bytes and prints the wall time and the growth of its
peak resident memory (``VmHWM``) over what it held before.

Usage::

    python bench/upload_limits.py              # every case
    python bench/upload_limits.py text docx    # some of them
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from boardcompare.readers.limits import (  # noqa: E402
    MAX_DOCX_XML_BYTES,
    MAX_FILE_BYTES,
    MAX_HTML_BYTES,
    MAX_PDF_PAGES,
    MAX_TEXT_CHARS,
)

HEAD = ("Children and Young People Scrutiny Committee, 14 November 2017\n\n"
        "Wigan Safeguarding Children Board Annual Report 2016-17\n\n")
PARAGRAPH = ("The Independent Chair of the Wigan Safeguarding Children Board presented the annual report for "
             "2016-17. Members raised concerns about information sharing between agencies, and 640 people "
             "attended multi-agency training on neglect.\n")


def text(n_chars: int) -> bytes:
    return (HEAD + PARAGRAPH * (n_chars // len(PARAGRAPH))).encode()[:n_chars]


def docx(xml_bytes: int) -> bytes:
    out = io.BytesIO()
    para = "<w:p><w:r><w:t>" + PARAGRAPH.strip() + "</w:t></w:r></w:p>"
    body = para * (xml_bytes // len(para))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
                   'openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
                   'main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                   f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{HEAD.strip()}</w:t></w:r></w:p>{body}'
                   '</w:body></w:document>')
    return out.getvalue()


def html(n_bytes: int) -> bytes:
    para = f"<p>{PARAGRAPH.strip()}</p>\n"
    return (f"<html><body><h1>{HEAD.strip()}</h1>\n" + para * (n_bytes // len(para) - 1) + "</body></html>").encode()


def pdf(pages: int) -> bytes:
    from fpdf import FPDF  # a test extra

    doc = FPDF()
    doc.set_font("Helvetica", size=11)
    for i in range(pages):
        doc.add_page()
        doc.multi_cell(0, 6, (HEAD if i == 0 else "") + PARAGRAPH * 3)
    return bytes(doc.output())


CASES = {
    "text": ("minutes.txt", lambda: text(MAX_TEXT_CHARS - 1000), "text just under 2 million characters"),
    "text-over": ("minutes.txt", lambda: text(MAX_TEXT_CHARS + 1000), "text just over 2 million characters"),
    "file-over": ("minutes.txt", lambda: text(MAX_FILE_BYTES + 1000), "text file over 20 MB"),
    "docx": ("minutes.docx", lambda: docx(MAX_DOCX_XML_BYTES - 200_000), "Word file unpacking to just under 16 MB"),
    "html": ("minutes.html", lambda: html(MAX_HTML_BYTES - 100_000), "web page just under 8 MB"),
    "pdf": ("minutes.pdf", lambda: pdf(MAX_PDF_PAGES), "PDF of 1,000 pages"),
}

CHILD = """
import sys, time
from pathlib import Path
from boardcompare.preview import preview
def kb(field):
    return int([l for l in open('/proc/self/status') if l.startswith(field + ':')][0].split()[1])
data = Path(sys.argv[2]).read_bytes()
before = kb('VmRSS')
open('/proc/self/clear_refs', 'w').write('5')
t = time.perf_counter()
p = preview(sys.argv[1], data)
print(f"{time.perf_counter() - t:.1f}\\t{(kb('VmHWM') - before) // 1024}\\t{'usable' if p.usable else p.reason[:70]}")
"""


def main() -> int:
    """Print one line per case: size, seconds, peak memory added, the outcome."""
    chosen = sys.argv[1:] or list(CASES)
    tmp = Path(tempfile.mkdtemp(prefix="boardcompare-upload-limits-"))
    print(f"{'case':45} {'size':>9} {'seconds':>8} {'peak +MB':>9}  outcome")
    try:
        for key in chosen:
            name, make, label = CASES[key]
            path = tmp / name
            path.write_bytes(make())
            done = subprocess.run([sys.executable, "-c", CHILD, name, str(path)], cwd=ROOT, capture_output=True,
                                  text=True, timeout=900)
            if done.returncode:
                print(f"{label:45} failed: {done.stderr.strip().splitlines()[-1:]}")
                continue
            seconds, peak, outcome = done.stdout.strip().split("\t")
            print(f"{label:45} {path.stat().st_size / 1e6:>7.1f}MB {seconds:>8} {peak:>9}  {outcome}")
    finally:
        for f in tmp.iterdir():
            f.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
