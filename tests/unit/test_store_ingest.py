"""Ingest into a real on-disk Chroma store with the fake embedder: upserts, bad input, crashes."""

import json

import pytest

from assistant import Assistant, Settings
from assistant.errors import InputError, StoreError
from assistant.store import Store
from tests.conftest import CORPUS, LIBRARY
from tests.fakes import FakeEmbedder, FakeGenerator


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = [
    {"title": "Sparse Llamas", "abstract": "We prune llamas to half their weights with no loss."},
    {"title": "Tiny Pooling", "abstract": "A pooling layer for tiny transformers beats average."},
]


def test_bundled_corpus_ingests_once_and_reingest_embeds_nothing(fake_assistant):
    first = fake_assistant.ensure_corpus(progress=False)
    assert first.added == 414 and first.chunks > 414
    papers, chunks = fake_assistant.store.count()
    assert papers == 414
    again = fake_assistant.ingest([CORPUS], progress=False)
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 414, 0)
    assert fake_assistant.store.count() == (papers, chunks)
    assert fake_assistant.ensure_corpus(progress=False) is None  # not empty: nothing to do


def test_changed_paper_is_updated_in_place(fake_assistant, tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", ROWS)
    fake_assistant.ingest([path], progress=False)
    ROWS2 = [dict(ROWS[0], abstract=ROWS[0]["abstract"] + " It also quantizes them."), ROWS[1]]
    report = fake_assistant.ingest([_jsonl(path, ROWS2)], progress=False)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    papers = {p.title: p for p in fake_assistant.store.all_papers()}
    assert papers["Sparse Llamas"].abstract.endswith("quantizes them.")
    chunk_texts = [
        c.text for c in fake_assistant.store.all_chunks() if c.metadata["title"] == "Sparse Llamas"
    ]
    assert any("quantizes" in t for t in chunk_texts)
    assert len(papers) == 2


def test_bad_file_is_rejected_whole_and_the_store_is_untouched(fake_assistant, tmp_path):
    fake_assistant.ingest([_jsonl(tmp_path / "good.jsonl", ROWS)], progress=False)
    before = fake_assistant.store.count()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"title": "New", "abstract": "A new paper."}) + "\n{not json\n")
    with pytest.raises(InputError) as err:
        fake_assistant.ingest([bad], progress=False)
    assert "bad.jsonl:2" in str(err.value)
    assert fake_assistant.store.count() == before


def test_skip_bad_reports_and_keeps_the_good_rows(fake_assistant, tmp_path):
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(
        json.dumps(ROWS[0]) + "\n{not json\n" + json.dumps({"title": "No abstract"}) + "\n"
    )
    report = fake_assistant.ingest([bad], skip_bad=True, progress=False)
    assert report.added == 1
    assert [e.line for e in report.skipped] == [2, 3]


def test_store_refuses_a_different_embedding_model(tmp_path):
    Store("model-a", path=tmp_path / "store")
    with pytest.raises(StoreError, match="built with embedding model 'model-a'"):
        Store("model-b", path=tmp_path / "store")


def test_store_refuses_a_foreign_folder(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8")
    with pytest.raises(StoreError, match="holds no Chroma store"):
        Store("m", path=folder)
    assert (folder / "holiday.jpg").exists() and len(list(folder.iterdir())) == 1


def test_interrupted_ingest_leaves_no_half_paper_and_the_next_run_finishes(tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", ROWS)
    settings = Settings(home=tmp_path / "home")
    crashing = Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # as if killed after the chunks were written

    crashing.store.put_papers = crash
    with pytest.raises(KeyboardInterrupt):
        crashing.ingest([path], progress=False)
    assert crashing.store.chunks.count() > 0  # orphan chunks were written ...
    fresh = Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())
    assert fresh.store.all_chunks() == [] and fresh.store.all_papers() == []  # ... but never seen
    report = fresh.ingest([path], progress=False)
    assert report.added == 2
    chunk_ids = [c.chunk_id for c in fresh.store.all_chunks()]
    assert len(chunk_ids) == len(set(chunk_ids)) == fresh.store.chunks.count()


def test_store_records_keep_a_papers_bibliographic_fields():
    from assistant.sources import read_file
    from assistant.store import paper_from_record, paper_metadata

    for paper in read_file(LIBRARY / "zotero.bib"):
        meta = paper_metadata(paper, "hash")
        # what Chroma accepts: flat scalars, no None
        assert all(isinstance(v, (str, int, float, bool)) for v in meta.values()), meta
        back = paper_from_record(paper.abstract, meta)
        assert back == paper and back.metadata == paper.metadata


@pytest.mark.parametrize("name", ["zotero.bib", "export.ris", "zotero.json"])
def test_a_library_file_ingests_once_and_again_changes_nothing(fake_assistant, name):
    first = fake_assistant.ingest([LIBRARY / name], progress=False)
    assert first.added == first.papers > 0 and not first.skipped
    stored = {p.paper_id: p for p in fake_assistant.store.all_papers()}
    again = fake_assistant.ingest([LIBRARY / name], progress=False)
    assert (again.added, again.updated, again.unchanged) == (0, 0, first.papers)
    assert {p.paper_id: p for p in fake_assistant.store.all_papers()} == stored
    authors = [p for p in stored.values() if p.authors]
    assert len(authors) == first.papers  # names, not only their count, survive the store
