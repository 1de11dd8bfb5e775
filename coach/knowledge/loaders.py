"""Load .md, .txt, .pdf, .docx and .html files into ``Document`` objects.

Every loader returns markdown-ish text (``#`` headings kept) so one chunker serves all formats.
A file that cannot be read raises ``LoadError`` with a one-line, actionable message.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import yaml

from coach.domain.knowledge import Document

MAX_BYTES = 20 * 1024 * 1024
# A DOCX is a zip: a small file can declare gigabytes of XML (a decompression bomb). Python's
# zipfile never inflates an entry past its declared size, so checking the declared sizes is enough.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024


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
    for key, value in meta.items():
        # Nested lists or mappings are refused: YAML aliases can make a few hundred bytes
        # expand into gigabytes when they are flattened into text (a "billion laughs").
        items = value if isinstance(value, list) else [value]
        if isinstance(value, dict) or any(isinstance(v, list | dict) for v in items):
            raise LoadError(f"front matter {key!r} must be text or a list of text")
    return meta, text[match.end() :]


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when zero bytes sit in every other position (mostly-ASCII UTF-16)."""
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) >= len(odd) // 2 and even.count(0) == 0:
        return "utf-16-le"
    if even and even.count(0) >= len(even) // 2 and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 (BOM, or ASCII-heavy without), else
    Windows-1252 or Latin-1. Anything else with zero bytes is refused as binary."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding: str | None = "utf-16"
    elif b"\x00" in data[:4096]:
        encoding = _utf16_without_bom(data[:4096])
        if encoding is None:
            raise LoadError("looks like a binary file, not text")
    else:
        encoding = None
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise LoadError("looks like UTF-16 but does not decode; save it as UTF-8") from None
        if "\x00" in text:
            raise LoadError("looks like a binary file, not text")
        return text
    for encoding in ("utf-8-sig", "cp1252"):
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
    from docx import Document as DocxDocument

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise LoadError("corrupt or unreadable DOCX (BadZipFile)") from None
    if unzipped > MAX_UNZIPPED_BYTES:
        raise LoadError(
            f"DOCX would unpack to {unzipped // 1_048_576:,} MB; the limit is "
            f"{MAX_UNZIPPED_BYTES // 1_048_576} MB (a damaged file or a zip bomb)"
        )
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
    try:
        meta, text = loader(data)
    except LoadError:
        raise
    except Exception as error:  # parsers raise many types on hostile input; one message here
        kind = suffix.lstrip(".").upper()
        raise LoadError(f"corrupt or unreadable {kind} file ({type(error).__name__})") from None
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
