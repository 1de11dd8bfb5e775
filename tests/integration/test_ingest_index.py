import pytest

from coach.knowledge.index import ChromaIndex
from coach.services.ingest import IngestService

GUIDE = """---
title: Phones and focus
topics: [communication]
audience: [mentor]
phase: any
---
## Putting phones away
Agree at the start that phones stay face down for the hour.

## Cancelled sessions
When a senior mentee cancels twice, raise it kindly and offer two new slots.
"""
OTHER = "---\ntitle: Goals\n---\n## Writing a goal\nA goal names a change you can observe.\n"


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "phones.md").write_text(GUIDE)
    (docs / "goals.md").write_text(OTHER)
    return docs


@pytest.fixture
def service(settings):
    return IngestService(ChromaIndex(settings, name="test_guides"), chunk_tokens=120)


def test_ingest_search_and_incremental_update(service, folder):
    first = service.ingest([folder])
    assert first.counts() == {"added": 2} and first.chunks == 3

    hits = service.index.search("my VP cancelled on me again", k=1)
    assert hits[0].id == "phones.md#cancelled-sessions-0"
    assert hits[0].source == "phones.md" and hits[0].title == "Phones and focus"
    assert hits[0].section == "Cancelled sessions" and 0 < hits[0].score <= 1

    assert service.ingest([folder]).counts() == {"unchanged": 2}

    (folder / "goals.md").write_text(OTHER.replace("observe", "see and measure"))
    again = service.ingest([folder])
    assert again.counts() == {"unchanged": 1, "updated": 1}
    assert service.index.count() == 3
    assert "measure" in service.index.search("how to write a goal", k=1)[0].text


def test_prune_removes_files_that_are_gone(service, folder):
    service.ingest([folder])
    (folder / "goals.md").unlink()
    report = service.ingest([folder], prune=True)
    assert report.counts() == {"unchanged": 1, "pruned": 1}
    assert set(service.index.source_hashes()) == {"phones.md"}


def test_a_corrupt_file_fails_alone(service, folder):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    report = service.ingest([folder])
    assert [r.source for r in report.failed] == ["broken.pdf"]
    assert "PDF" in report.failed[0].error
    assert report.counts()["added"] == 2


def test_index_reopens_from_disk_with_the_registered_embedder(settings, folder):
    IngestService(ChromaIndex(settings, name="reopen")).ingest([folder])
    import chromadb

    from coach.knowledge.index import _clients

    _clients.clear()  # a new process would build a fresh client
    client = chromadb.PersistentClient(path=str(settings.chroma_dir))
    collection = client.get_collection("reopen")
    assert collection.count() == 3
    found = collection.query(query_texts=["phones face down"], n_results=1)
    assert found["ids"][0][0] == "phones.md#putting-phones-away-0"


def test_shipped_guides_ingest_cleanly(settings):
    from coach.services.container import Services

    report = Services(settings).ensure_guides()
    assert not report.failed
    assert report.counts()["added"] >= 3
