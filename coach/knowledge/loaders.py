"""Load .md, .txt, .pdf, .docx and .html files into ``Document`` objects.

Every loader returns markdown-ish text (``#`` headings kept) so one chunker serves all formats.
A file that cannot be read raises ``LoadError`` with a one-line, actionable message.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import yaml

from coach.domain.knowledge import Document

MAX_BYTES = 20 * 1024 * 1024


class LoadError(ValueError):
    """A file could not be turned into a document."""


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split YAML front matter (between ``---`` lines) from a markdown body."""
    match = re.match(r"^---\s*\n(.*?)\n---\s*\n", text, flags=re.DOTALL)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise LoadError(f"front matter is not valid YAML: {error}".splitlines()[0]) from None
    if not isinstance(meta, dict):
        raise LoadError("front matter must be a mapping of keys to values")
    return meta, text[match.end() :]


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise LoadError("looks like a binary file, not text")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _text(data: bytes) -> tuple[dict, str]:
    return split_front_matter(_decode(data))


def _pdf(data: bytes) -> tuple[dict, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise LoadError(f"corrupt or unreadable PDF ({type(error).__name__})") from None
    return ({"title": title} if title else {}), "\n\n".join(pages)


def _docx(data: bytes) -> tuple[dict, str]:
    import zipfile

    from docx import Document as DocxDocument

    try:
        doc = DocxDocument(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise LoadError(f"corrupt or unreadable DOCX ({type(error).__name__})") from None
    lines = []
    for para in doc.paragraphs:
        style = (para.style.name if para.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        lines.append(f"{'#' * int(level.group(1))} {para.text}" if level else para.text)
    title = doc.core_properties.title or ""
    return ({"title": title} if title else {}), "\n\n".join(lines)


class _HtmlText(HTMLParser):
    SKIP = {"script", "style", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag in {"p", "li", "br", "div", "tr"}:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self.title += data.strip()
        else:
            self.parts.append(data)


def _html(data: bytes) -> tuple[dict, str]:
    parser = _HtmlText()
    parser.feed(_decode(data))
    text = re.sub(r"\n{3,}", "\n\n", "".join(parser.parts))
    return ({"title": parser.title} if parser.title else {}), text


LOADERS: dict[str, Callable[[bytes], tuple[dict, str]]] = {
    ".md": _text,
    ".markdown": _text,
    ".txt": _text,
    ".pdf": _pdf,
    ".docx": _docx,
    ".html": _html,
    ".htm": _html,
}


def _first_line_title(text: str, fallback: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:120]
    return fallback


def load_bytes(name: str, data: bytes) -> Document:
    """Turn a file's bytes into a document, or raise ``LoadError``."""
    suffix = Path(name).suffix.lower()
    loader = LOADERS.get(suffix)
    if loader is None:
        supported = ", ".join(sorted(LOADERS))
        raise LoadError(f"unsupported file type {suffix or '(none)'}; supported: {supported}")
    if len(data) > MAX_BYTES:
        raise LoadError(f"file is {len(data) // 1_048_576} MB; the limit is 20 MB")
    meta, text = loader(data)
    if not text.strip():
        raise LoadError("no text could be extracted (empty, or a scanned image PDF)")
    title = str(meta.get("title") or _first_line_title(text, Path(name).stem))
    flat = {
        k: ",".join(map(str, v)) if isinstance(v, list) else str(v)
        for k, v in meta.items()
        if k != "title"
    }
    return Document(
        source=Path(name).name,
        title=title,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=flat,
    )


def load_file(path: Path) -> Document:
    """Read and load one file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(f"cannot read file: {error.strerror or error}") from None
    return load_bytes(path.name, data)
