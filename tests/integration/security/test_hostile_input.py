"""Hostile and broken input: every case gets a clear error (or is stored exactly), the process
carries on, and nothing stored before is lost or changed.

Reflections, summaries, chat questions, pair files, guide files (encodings, malformed PDF and
DOCX, decompression bombs, YAML alias bombs), uploads with path-traversal names, and one ingest
of thousands of small files.
"""

from __future__ import annotations

import codecs
import io
import json
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from coach.domain.reflections import MAX_REFLECTION
from coach.domain.users import User
from coach.knowledge.loaders import LOADERS, MAX_UNZIPPED_BYTES, LoadError, load_bytes
from coach.services.ingest import IngestService
from coach.services.pair_files import MAX_PAIR_FILE_BYTES, read_pair_file
from tests.app_support import ADMIN, MENTEE, MENTOR, OUTSIDER
from tests.conftest import REPO

from .conftest import READABLE, assert_readable, counts, feed

BASELINE = "Baseline reflection: we agreed ground rules and a date for session two."
GOOD_GUIDE = b"---\ntitle: Good guide\nphase: any\n---\n## Trust\nTrust grows when both speak.\n"


@dataclass
class Ctx:
    services: object
    model: object
    mentee: User
    mentor: User
    outsider: User
    admin: User
    pair_id: str
    other_pair_id: str
    baseline_id: str
    tmp: Path


@pytest.fixture(scope="module")
def ctx(demo, tmp_path_factory) -> Ctx:
    services, model, _report = demo
    mentee, mentor = services.users.signed_in(MENTEE), services.users.signed_in(MENTOR)
    outsider, admin = services.users.signed_in(OUTSIDER), services.users.signed_in(ADMIN)
    pair_id = services.pairs.list(mentee)[0].pair.id
    other = services.pairs.list(outsider)[0].pair.id
    baseline = services.reflections.write(mentee, pair_id, BASELINE).reflection.id
    return Ctx(services, model, mentee, mentor, outsider, admin, pair_id, other, baseline,
               tmp_path_factory.mktemp("hostile"))  # fmt: skip


def still_fine(ctx: Ctx, before: dict[str, int], added: int = 0) -> None:
    """The earlier reflection reads back unchanged, rows changed only as expected, and the
    next ordinary call works."""
    s = ctx.services
    assert s.reflections.get(ctx.mentee, ctx.baseline_id).text == BASELINE
    after = counts(s.store)
    assert after["Reflection"] == before["Reflection"] + added
    assert {k: v for k, v in after.items() if k != "Reflection"} == {
        k: v for k, v in before.items() if k != "Reflection"
    }
    ok = s.reflections.write(ctx.mentee, ctx.pair_id, "A normal follow-up note.")
    assert s.reflections.get(ctx.mentee, ok.reflection.id).text == "A normal follow-up note."


# Reflections ---------------------------------------------------------------------------------

REFUSED, STORED = "refused", "stored"
REFLECTIONS: list[tuple[str, Callable[[], str], str, str]] = [
    ("empty", lambda: "", REFUSED, "cannot be empty"),
    ("whitespace", lambda: " \n\t\u00a0\u3000 ", REFUSED, "cannot be empty"),
    ("one-over-the-limit", lambda: "a" * (MAX_REFLECTION + 1), REFUSED, "at most"),
    ("five-megabytes", lambda: "word " * 1_000_000, REFUSED, "at most"),
    ("lone-surrogate", lambda: "broken paste \ud83d here", REFUSED, "invalid Unicode"),
    ("exactly-the-limit", lambda: "b" * MAX_REFLECTION, STORED, ""),
    ("nul-and-control-bytes", lambda: "bin\x00ary \x01\x02\x7f\x1b[31m", STORED, ""),
    ("rtl-override-hebrew-arabic", lambda: "\u202eשלום مرحبا\u202c we met", STORED, ""),
    ("emoji-zwj", lambda: "👩🏽‍💻🤝👨🏻‍🦳 great session 🎉", STORED, ""),
    ("zalgo", lambda: "t\u0336\u0335e\u0337\u0338x\u0334t" * 50, STORED, ""),
    ("zero-width-only", lambda: "\u200b\u200c\u200d", STORED, ""),
    ("html-and-script", lambda: "<script>alert(1)</script><img src=x onerror=alert(2)>", STORED,
     ""),
    ("sql-looking", lambda: "'); DROP TABLE reflections; --", STORED, ""),
]  # fmt: skip


@pytest.mark.parametrize(("text", "outcome", "match"),
                         [pytest.param(t, o, m, id=i) for i, t, o, m in REFLECTIONS])  # fmt: skip
def test_a_hostile_reflection_is_refused_clearly_or_stored_exactly(ctx, text, outcome, match):
    s, body = ctx.services, text()
    before = counts(s.store)
    if outcome == REFUSED:
        with pytest.raises(READABLE) as error:
            s.reflections.write(ctx.mentee, ctx.pair_id, body)
        assert match in assert_readable(error.value, secret=body[:60] if len(body) > 60 else "")
        still_fine(ctx, before)
    else:
        saved = s.reflections.write(ctx.mentee, ctx.pair_id, body)
        assert s.reflections.get(ctx.mentee, saved.reflection.id).text == body
        still_fine(ctx, before, added=1)


@pytest.mark.parametrize(
    ("pair", "session", "match"),
    [("../../etc/passwd", None, "no pair"), ("other", None, "permission denied"),
     ("own", "sess_does_not_exist", "")],
    ids=["traversal-pair-id", "another-pairs-id", "unknown-session-id"],
)  # fmt: skip
def test_reflections_on_unknown_or_foreign_pairs(ctx, pair, session, match):
    s = ctx.services
    pair_id = {"own": ctx.pair_id, "other": ctx.other_pair_id}.get(pair, pair)
    before = counts(s.store)
    if match:
        with pytest.raises(READABLE) as error:
            s.reflections.write(ctx.mentee, pair_id, "Some text", session)
        assert match in assert_readable(error.value).lower()
        still_fine(ctx, before)
    else:
        saved = s.reflections.write(ctx.mentee, pair_id, "Some text", session)
        assert saved.reflection.session_id is None and "saved without it" in saved.notes[0]
        still_fine(ctx, before, added=1)


# Summaries and chat --------------------------------------------------------------------------

SUMMARY_TEXTS = [("empty", "", "cannot be empty"), ("five-megabytes", "x" * 5_000_000, "longer"),
                 ("lone-surrogate", "ok \udfff", "invalid Unicode")]  # fmt: skip


@pytest.mark.parametrize(("text", "match"), [pytest.param(t, m, id=i) for i, t, m in SUMMARY_TEXTS])
def test_a_hostile_summary_text_is_refused(ctx, text, match):
    s = ctx.services
    before = counts(s.store)
    with pytest.raises(READABLE) as error:
        s.summaries.draft(ctx.mentee, ctx.pair_id, text)
    assert match in assert_readable(error.value)
    still_fine(ctx, before)


QUESTIONS = [
    ("empty", "", "Type a question first"),
    ("whitespace", " \n\t ", "Type a question first"),
    ("too-long", "why? " * 401, "keep it under"),
    ("five-megabytes", "q" * 5_000_000, "keep it under"),
    ("lone-surrogate", "how do I \ud800 start?", "invalid Unicode"),
    ("nul-bytes", "how do I\x00 start the first session?", ""),
    ("rtl-and-emoji", "\u202eאיך מתחילים? 🤔 how do I open the first session?", ""),
]


@pytest.mark.parametrize(("question", "match"), [pytest.param(q, m, id=i) for i, q, m in QUESTIONS])
def test_a_hostile_chat_question_is_refused_or_answered(ctx, question, match):
    s = ctx.services
    feed(ctx.model, "Agree ground rules first [1].")
    before = counts(s.store)
    if match:
        with pytest.raises(READABLE) as error:
            list(s.chat.ask(question))
        assert match in assert_readable(error.value)
        assert ctx.model.calls == []
    else:
        events = list(s.chat.ask(question))
        assert events[-1].kind == "done" and events[-1].text.startswith("Agree")
    still_fine(ctx, before)


@pytest.mark.parametrize(
    ("reflection", "author", "match"),
    [("", "mentor", "empty"), ("z" * 12_001, "mentor", "summaries take up to"),
     ("We met.", "lead", "mentor or the mentee")],
    ids=["empty", "over-12k", "unknown-author"],
)  # fmt: skip
def test_a_hostile_summarize_request_is_refused_before_the_model(ctx, reflection, author, match):
    profile = ctx.services.preparation.profile(ctx.mentee, ctx.pair_id)
    feed(ctx.model)
    with pytest.raises(READABLE) as error:
        ctx.services.generation.summarize(profile, reflection, author)
    assert match in assert_readable(error.value) and ctx.model.calls == []


# Pair files ----------------------------------------------------------------------------------

PAIR = json.loads((REPO / "evals" / "datasets" / "pairs" / "pair-education-01.json").read_text())


def pair_with(**changes) -> bytes:
    return json.dumps({**PAIR, **changes}).encode()


PAIR_FILES: list[tuple[str, Callable[[], bytes], str]] = [
    ("not-json", lambda: b"{this is not json", "not a readable pair JSON"),
    ("json-array", lambda: b"[1, 2, 3]", "a pair file is a JSON object"),
    ("json-string", lambda: b'"pair"', "a pair file is a JSON object"),
    ("goals-as-string", lambda: pair_with(goals="learn everything"), "goals"),
    ("goal-as-number", lambda: pair_with(goals=[42]), "goals.0"),
    ("five-thousand-goals", lambda: pair_with(goals=[{"id": f"g{n}", "text": "x"}
                                                     for n in range(5000)]), "goals"),
    ("duplicate-goal-ids", lambda: pair_with(goals=[{"id": "g1", "text": "a"},
                                                    {"id": "g1", "text": "b"}]), "unique"),
    ("minutes-as-words", lambda: pair_with(session={"number": 1, "minutes": "forty"}), "minutes"),
    ("minutes-huge", lambda: pair_with(session={"number": 1, "minutes": 10**9}), "minutes"),
    ("name-10k-chars", lambda: pair_with(mentor={"name": "n" * 10_000}), "mentor.name"),
    ("missing-mentee", lambda: json.dumps({k: v for k, v in PAIR.items() if k != "mentee"})
     .encode(), "mentee"),
    ("id-as-list", lambda: pair_with(id=["a", "b"]), "id"),
    ("over-one-megabyte", lambda: pair_with(notes="n" * (MAX_PAIR_FILE_BYTES + 1)), "at most"),
    ("latin-1-bytes", lambda: json.dumps({**PAIR, "notes": "café"}, ensure_ascii=False)
     .encode("latin-1"), "not a readable pair JSON"),
    ("utf-16", lambda: json.dumps(PAIR).encode("utf-16"), "not a readable pair JSON"),
    ("nested-100k-deep", lambda: b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("empty-file", lambda: b"", "not a readable pair JSON"),
    ("binary", lambda: bytes(range(256)) * 10, "not a readable pair JSON"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "match"), [pytest.param(d, m, id=i) for i, d, m in PAIR_FILES])
def test_a_broken_pair_file_is_one_clear_error(ctx, data, match):
    path = ctx.tmp / "pair.json"
    path.write_bytes(data())
    before = counts(ctx.services.store)
    for read in (read_pair_file, ctx.services.pair_material.index_file):
        with pytest.raises(READABLE) as error:
            read(path)
        assert match in assert_readable(error.value)
    still_fine(ctx, before)


def test_pair_files_that_merely_look_odd_still_load(ctx):
    path = ctx.tmp / "bom.json"
    path.write_bytes(codecs.BOM_UTF8 + json.dumps(PAIR).encode())  # Windows Notepad's UTF-8
    assert read_pair_file(path).id == PAIR["id"]
    with pytest.raises(READABLE, match="no such file"):
        read_pair_file(ctx.tmp / "missing.json")
    with pytest.raises(READABLE, match="not a readable"):
        read_pair_file(ctx.tmp)  # a folder


# Guide files ---------------------------------------------------------------------------------


def docx_bytes(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Trust", 1)
    for text in paragraphs or ("Build trust slowly.",):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The zip ``data`` with some members' contents replaced (or dropped when ``b""``...)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def docx_bomb(unpacked: int = MAX_UNZIPPED_BYTES + 20 * 1_048_576) -> bytes:
    """A valid DOCX whose document.xml inflates to ``unpacked`` bytes of real words."""
    good = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    xml = good.read("word/document.xml")
    head, tail = xml.split(b"<w:body>")[0] + b"<w:body><w:p><w:r><w:t>", b"</w:t></w:r></w:p>"
    tail += b"</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in good.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info.filename, good.read(info.filename))
        with target.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            block = b"trust grows slowly " * 55_000  # about 1 MB
            for _ in range(unpacked // len(block) + 1):
                member.write(block)
            member.write(tail)
    return out.getvalue()


def pdf_bytes(content: bytes, compress: bool = False) -> bytes:
    """A one-page PDF with ``content`` as its page stream (optionally Flate-compressed)."""
    body = content
    extra = b""
    if compress:
        packer = zlib.compressobj(9)
        body = b"".join(packer.compress(content[i : i + (1 << 20)])
                        for i in range(0, len(content), 1 << 20)) + packer.flush()  # fmt: skip
        extra = b" /Filter /FlateDecode"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(body), extra) + body + b"\nendstream",
    ]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))  # fmt: skip
    return out.getvalue()


def self_referencing_pdf() -> bytes:
    """A PDF whose page tree points at itself."""
    return pdf_bytes(b"BT ET").replace(b"/Kids [3 0 R]", b"/Kids [2 0 R]")


def yaml_alias_bomb(levels: int = 7) -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return ("---\n" + "\n".join(lines) + "\n---\n# Guide\n\nSome text.\n").encode()


TEXT = "# Café notes\n\nLa réunion était très bien, señor; we’ll meet again.\n"
GUIDES: list[tuple[str, str, Callable[[], bytes], str]] = [
    # (id, file name, bytes, "error fragment" or "=text expected in the document")
    ("empty-md", "empty.md", lambda: b"", "no text"),
    ("whitespace-md", "blank.md", lambda: b" \n\t\n  ", "no text"),
    ("binary-md", "bin.md", lambda: bytes(range(256)) * 40, "binary"),
    ("elf-as-txt", "tool.txt", lambda: b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200, "binary"),
    ("utf-32", "u32.md", lambda: TEXT.encode("utf-32"), "binary"),
    ("utf-8-bom", "bom.md", lambda: codecs.BOM_UTF8 + TEXT.encode(), "=# Café notes"),
    ("latin-1-odd", "l1.md", lambda: TEXT.replace("’", "'").encode("latin-1"), "=Café"),
    ("latin-1-even", "l2.md", lambda: (TEXT.replace("’", "'") + "!").encode("latin-1"), "=Café"),
    ("cp1252-smart-quotes", "w.md", lambda: TEXT.encode("cp1252"), "=we’ll"),
    ("utf-16-bom", "u16.md", lambda: TEXT.encode("utf-16"), "=La réunion"),
    ("utf-16-le-no-bom", "le.md", lambda: TEXT.encode("utf-16-le"), "=La réunion"),
    ("utf-16-be-no-bom", "be.md", lambda: TEXT.encode("utf-16-be"), "=La réunion"),
    ("rtl-and-emoji", "rtl.md", lambda: "# שלום 👋\n\n\u202eمرحبا trust 🤝\n".encode(), "=🤝"),
    ("html-script", "page.html", lambda: b"<h2>Trust</h2><script>alert(1)</script><p>Ok</p>",
     "=## Trust"),
    ("html-100k-nested", "deep.html", lambda: b"<div>" * 100_000 + b"deep text" + b"</div>"
     * 100_000, "=deep text"),
    ("yaml-broken", "y.md", lambda: b"---\ntitle: [unclosed\n---\nBody\n", "not valid YAML"),
    ("yaml-list", "l.md", lambda: b"---\n- a\n- b\n---\nBody\n", "mapping"),
    ("yaml-alias-bomb", "bomb.md", yaml_alias_bomb, "must be text or a list"),
    ("yaml-nested-mapping", "n.md", lambda: b"---\ntitle: {a: 1}\n---\nBody\n", "must be text"),
    ("pdf-garbage", "g.pdf", lambda: b"%PDF-1.7 garbage \x00\xff" * 10, "PDF"),
    ("pdf-header-only", "h.pdf", lambda: b"%PDF-1.7\n", "PDF"),
    ("pdf-truncated", "t.pdf", lambda: pdf_bytes(b"BT ET")[:150], "PDF"),
    ("pdf-self-reference", "loop.pdf", self_referencing_pdf, "PDF"),
    # 78 MB of page content in a 90 KB stream: pypdf stops inflating at 75 MB, reads nothing.
    ("pdf-flate-bomb", "fb.pdf", lambda: pdf_bytes(b"BT ET " * 13_000_000, compress=True),
     "no text"),
    ("pdf-no-text", "blank.pdf", lambda: pdf_bytes(b""), "no text"),
    ("docx-not-a-zip", "n.docx", lambda: b"this is not a zip file", "DOCX"),
    ("docx-truncated", "t.docx", lambda: docx_bytes()[:2000], "DOCX"),
    ("docx-bad-xml", "x.docx", lambda: rezip(docx_bytes(), {"word/document.xml": b"<w:doc"}),
     "DOCX"),
    ("docx-empty-xml", "e.docx", lambda: rezip(docx_bytes(), {"word/document.xml": b""}),
     "DOCX"),
    ("docx-bad-rels", "r.docx", lambda: rezip(docx_bytes(), {"_rels/.rels": b"not xml"}),
     "DOCX"),
    ("docx-bad-content-types", "c.docx",
     lambda: rezip(docx_bytes(), {"[Content_Types].xml": b"<Types"}), "DOCX"),
    ("docx-plain-zip", "z.docx", lambda: rezip(docx_bytes(), {}).replace(
        b"[Content_Types].xml", b"[Content_Typez].xml"), "DOCX"),
    ("docx-zip-bomb", "bomb.docx", docx_bomb, "zip bomb"),
    ("too-big", "big.md", lambda: b"a" * (20 * 1024 * 1024 + 1), "limit is 20 MB"),
    ("unsupported-exe", "setup.exe", lambda: b"MZ\x90\x00", "unsupported file type"),
    ("no-extension", "README", lambda: b"# Hello\n", "unsupported file type"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "expect"),
                         [pytest.param(n, d, e, id=i) for i, n, d, e in GUIDES])  # fmt: skip
def test_a_hostile_guide_file_loads_cleanly_or_fails_with_one_clear_error(name, data, expect):
    payload = data()
    began = time.monotonic()
    if expect.startswith("="):
        document = load_bytes(name, payload)
        assert expect[1:] in document.text and "\x00" not in document.text
        assert "\ufeff" not in document.text and "<script" not in document.text
    else:
        with pytest.raises(LoadError) as error:
            load_bytes(name, payload)
        assert expect in assert_readable(error.value)
    assert time.monotonic() - began < 20, "hostile input must not take long"


def test_the_docx_bomb_is_refused_before_it_is_inflated():
    bomb = docx_bomb()
    assert len(bomb) < 2_000_000, "a small file..."
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:
        assert sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED_BYTES, "...that unpacks"
    began = time.monotonic()
    with pytest.raises(LoadError, match="would unpack to"):
        load_bytes("bomb.docx", bomb)
    assert time.monotonic() - began < 2
    small = docx_bomb(unpacked=2 * 1_048_576)  # the same shape, under the limit, still loads
    assert "trust grows slowly" in load_bytes("fine.docx", small).text


def test_broken_guides_fail_alone_and_the_index_keeps_its_other_sources(ctx):
    s = ctx.services
    folder = ctx.tmp / "broken-guides"
    folder.mkdir()
    for _id, name, data, expect in GUIDES:
        if not expect.startswith("=") and name != "big.md" and Path(name).suffix:
            (folder / f"{_id}-{name}").write_bytes(data())
    (folder / "good.md").write_bytes(GOOD_GUIDE)
    sources_before = s.index.source_hashes()
    report = s.ingest.ingest([folder])
    supported = [p for p in folder.iterdir() if p.suffix in LOADERS]
    assert report.counts() == {"failed": len(supported) - 1, "added": 1}
    assert all(r.error and "Traceback" not in r.error for r in report.failed)
    after = s.index.source_hashes()
    assert {k: v for k, v in after.items() if k in sources_before} == sources_before
    hits = s.retriever.search("trust grows when both speak", 3)
    assert hits and hits[0].source == "good.md"


# Uploads: names that try to leave the uploads folder ----------------------------------------

UPLOAD_NAMES = [
    ("dotdot-path", ("sub", "..", "..", "escape.md"), "added"),
    ("backslashes", ("..\\..\\windows-escape.md",), "added"),
    ("percent-encoded", ("..%2F..%2Fencoded.md",), "added"),
    ("etc-passwd", ("etc", "passwd"), "failed"),
    ("dotdot-only", ("..",), "failed"),
    ("hidden-md", (".md",), "failed"),
]


@pytest.mark.parametrize(("parts", "status"),
                         [pytest.param(p, st, id=i) for i, p, st in UPLOAD_NAMES])  # fmt: skip
def test_an_upload_cannot_write_outside_the_uploads_folder(ctx, parts, status):
    s = ctx.services
    incoming = ctx.tmp / f"incoming-{len(parts)}-{abs(hash(parts))}"
    (incoming / "sub").mkdir(parents=True, exist_ok=True)
    path = incoming.joinpath(*parts)
    if parts[-1] not in ("..",):
        real = path.resolve()
        real.parent.mkdir(parents=True, exist_ok=True)
        real.write_bytes(GOOD_GUIDE.replace(b"Good guide", f"Upload {parts[-1]}".encode()))
    uploads = s.operations.uploads_dir
    report = s.operations.upload(ctx.admin, [path])
    assert [r.status for r in report.results] == [status], report.results
    name = Path(parts[-1]).name
    for root in (s.settings.data_dir.parent, ctx.tmp):  # where a traversal would land
        strays = [f for f in root.rglob("*") if f.name == name and f.resolve() != path.resolve()
                  and f.resolve().parent != uploads.resolve()]  # fmt: skip
        assert strays == []
    kept = {p.name for p in uploads.iterdir()}
    assert all(not n.endswith(".part") for n in kept)
    if status == "added":
        assert Path(parts[-1]).name in kept
        assert (uploads / Path(parts[-1]).name).resolve().parent == uploads.resolve()


def test_only_an_admin_uploads(ctx):
    path = ctx.tmp / "guide.md"
    path.write_bytes(GOOD_GUIDE)
    with pytest.raises(READABLE, match="only an admin"):
        ctx.services.operations.upload(ctx.mentee, [path])


# Thousands of small files --------------------------------------------------------------------


@pytest.mark.slow  # about 100 s on a busy 2-core machine: Chroma writes each file separately
def test_two_thousand_tiny_files_in_one_ingest(ctx, settings):
    from coach.knowledge.index import ChromaIndex

    folder = ctx.tmp / "many"
    folder.mkdir()
    for n in range(2000):
        (folder / f"note-{n:04d}.md").write_text(f"# Note {n}\n\nTiny note {n} about trust.\n")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    service = IngestService(ChromaIndex(settings, name="many_small_files"))
    seen: list[int] = []
    report = service.ingest([folder], progress=lambda n, total, _name: seen.append(total))
    assert report.counts() == {"added": 2000, "failed": 1}
    assert service.index.count() == 2000 and set(seen) == {2001}
    again = service.ingest([folder])
    assert again.counts() == {"unchanged": 2000, "failed": 1}
    assert service.index.search("tiny note 1234 about trust", 1)[0].source == "note-1234.md"
