import io

import pytest

from coach.knowledge.loaders import LoadError, load_bytes


def test_markdown_front_matter_becomes_title_and_meta():
    text = "---\ntitle: Trust\ntopics: [trust, communication]\nphase: any\n---\n## A\nbody\n"
    doc = load_bytes("trust.md", text.encode())
    assert doc.title == "Trust"
    assert doc.meta["topics"] == "trust,communication"
    assert doc.source == "trust.md"
    assert "title" not in doc.meta


def test_plain_text_title_is_the_first_line():
    doc = load_bytes("notes.txt", b"\n  Reverse mentoring at GE\nbody text")
    assert doc.title == "Reverse mentoring at GE"


def test_html_drops_scripts_and_keeps_headings():
    page = b"<html><title>T</title><script>alert(1)</script><h2>Part</h2><p>Hello</p></html>"
    doc = load_bytes("p.html", page)
    assert "alert" not in doc.text
    assert "## Part" in doc.text and doc.title == "T"


def test_docx_headings_become_markdown():
    from docx import Document

    d = Document()
    d.add_heading("Section one", level=2)
    d.add_paragraph("Some advice.")
    buffer = io.BytesIO()
    d.save(buffer)
    doc = load_bytes("h.docx", buffer.getvalue())
    assert "## Section one" in doc.text and "Some advice." in doc.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
        ("bad.docx", b"PK\x03\x04 broken zip", "DOCX"),
        ("x.exe", b"MZ", "unsupported"),
        ("empty.md", b"   \n\n", "no text"),
        ("bin.txt", b"\x00\x01\x02" * 100, "binary"),
    ],
)
def test_bad_files_raise_one_clear_error(name, data, message):
    with pytest.raises(LoadError, match=message):
        load_bytes(name, data)
