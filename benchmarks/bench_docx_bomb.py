"""Peak memory and time to refuse a .docx whose text is far over the limit (issue 10, point 5).

The audit's file: 11 MB on disk, 95 MB of text. Before, the reader parsed the whole
word/document.xml into one tree and built the whole text (then the parser ran on
it). Now document.xml is parsed as a stream and the file is refused once
``limits.MAX_TEXT_CHARS`` characters have been read.

Baseline, same run: reading the same file the old way (whole XML tree, whole text),
which is a lower bound of what the old code spent (it went on to parse that text).
Each side runs in its own process and reports its peak resident memory (Linux VmHWM).
Ratios > 1 mean the baseline costs more.

Run: .venv/bin/python benchmarks/bench_docx_bomb.py [TEXT_MB]   (default 20; the audit: 95)
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "materials" / "seed-2023-branch.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

MEASURE = r"""
import json, sys, time, zipfile
from pathlib import Path
data = Path(sys.argv[2]).read_bytes()
t = time.perf_counter()
outcome = "read"
if sys.argv[1] == "baseline":
    from lxml import etree
    xml = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml")
    root = etree.fromstring(xml, etree.XMLParser(huge_tree=False))
    text = "".join(root.itertext())
    outcome = f"built {len(text):,} characters"
else:
    from orglife.documents.docx_read import docx_lines
    from orglife.errors import InputError
    try:
        docx_lines(data)
    except InputError as exc:
        outcome = "refused: " + exc.english
seconds = time.perf_counter() - t
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent through exec.
status = Path("/proc/self/status").read_text()
peak = int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1]) / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))
"""


def bomb(text_mb: int) -> bytes:
    """A .docx of ``text_mb`` MB of plausible text (seed sentences in random order with
    random numbers, so it compresses like a real document and passes the zip checks)."""
    sentences = [s + "。" for s in SEED.read_text("utf-8").replace("\n", "").split("。") if s]
    rng = random.Random(10)
    body = io.StringIO()
    body.write(f'<w:document xmlns:w="{W}"><w:body>')
    size = 0
    while size < text_mb * 1024 * 1024:
        para = "".join(
            rng.choice(sentences).replace("，", f"，{rng.randint(1, 99999)}", 1) for _ in range(20)
        )
        size += len(para.encode())
        body.write(f"<w:p><w:r><w:t>{para}</w:t></w:r></w:p>")
    body.write("</w:body></w:document>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", body.getvalue().encode())
    return buf.getvalue()


def measure(side: str, path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, side, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    text_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    data = bomb(text_mb)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bomb.docx"
        path.write_bytes(data)
        base = measure("baseline", path)
        ours = measure("orglife", path)
    print(f"file: {len(data) / 1024 / 1024:.1f} MB on disk, {text_mb} MB of text")
    for name, r in (("baseline (whole tree)", base), ("orglife (streamed)", ours)):
        print(f"  {name:24} {r['peak_mb']:8.0f} MB peak  {r['seconds']:6.2f} s  {r['outcome']}")
    print(
        f"memory ratio baseline/orglife: {float(base['peak_mb']) / float(ours['peak_mb']):.1f}x; "
        f"time ratio: {float(base['seconds']) / max(float(ours['seconds']), 1e-6):.1f}x"
    )
    if not str(ours["outcome"]).startswith("refused"):
        sys.exit("orglife did not refuse the bomb")


if __name__ == "__main__":
    main()
