from coach.domain.knowledge import Document
from coach.knowledge.chunking import chunk_document, count_tokens

TEXT = (
    """# Guide title

Intro paragraph about reverse mentoring.

## Ground rules

Agree on confidentiality. """
    + "Keep notes private. " * 200
    + """

### Phones

Put phones away.

## Closing

Review the goals together.
"""
)


def doc(text: str = TEXT) -> Document:
    return Document(source="g.md", title="Guide title", text=text, sha256="x")


def test_chunks_respect_the_token_limit():
    chunks = chunk_document(doc(), max_tokens=80)
    assert all(c.tokens <= 80 for c in chunks)
    assert all(count_tokens(c.text) == c.tokens for c in chunks)


def test_section_paths_follow_headings():
    sections = [c.section for c in chunk_document(doc(), max_tokens=80)]
    assert sections[0] == ""
    assert "Ground rules" in sections
    assert "Ground rules > Phones" in sections
    assert sections[-1] == "Closing"


def test_no_chunk_crosses_a_heading():
    for chunk in chunk_document(doc(), max_tokens=500):
        assert not ("Put phones away" in chunk.text and "Agree on" in chunk.text)


def test_ids_are_stable_and_unique():
    first = [c.id for c in chunk_document(doc(), max_tokens=80)]
    second = [c.id for c in chunk_document(doc(), max_tokens=80)]
    assert first == second
    assert len(set(first)) == len(first)
    assert "g.md#ground-rules-phones-0" in first


def test_unchanged_section_keeps_its_id_when_another_changes():
    before = {c.text: c.id for c in chunk_document(doc())}
    after = {c.text: c.id for c in chunk_document(doc(TEXT.replace("Review the", "Revisit")))}
    assert after["Put phones away."] == before["Put phones away."]
