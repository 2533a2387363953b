"""The bundled Hugging Face Daily Papers pages read into exactly the papers they list."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.sources import read_corpus
from assistant.sources.daily_papers import CHROME_LINES, parse_date

BUNDLED = Path(__file__).parents[2] / "data" / "hf-daily-papers"
DISTINCT_PAPERS = 414  # counted by the product owner


@pytest.fixture(scope="module")
def result():
    return read_corpus([BUNDLED])


def test_every_page_is_read_without_problems(result) -> None:
    assert result.files == 5
    assert result.skipped == []


def test_distinct_paper_count(result) -> None:
    assert len(result.papers) == DISTINCT_PAPERS


def test_no_chrome_became_a_paper(result) -> None:
    for paper in result.papers:
        title = " ".join(paper.title.split()).casefold()
        assert title not in CHROME_LINES
        assert parse_date(paper.title) is None
        assert not paper.title.startswith(("Subscribe", "Get trending", "Daily Papers", "byAK"))


def test_every_paper_has_a_real_abstract(result) -> None:
    short = [p.title for p in result.papers if len(p.abstract.strip()) < 100]
    assert short == []


def test_a_known_paper_keeps_its_metadata(result) -> None:
    by_title = {p.title: p for p in result.papers}
    einspace = by_title["einspace: Searching for Neural Architectures from Fundamental Operations"]
    assert einspace.authors_count == 8
    assert einspace.published == "2024-05-31"
    assert "published_year_inferred" not in einspace.metadata


def test_glued_first_title_is_recovered(result) -> None:
    titles = {p.title for p in result.papers}
    assert any(t.startswith("Beyond Fully-Connected Layers with Quaternions") for t in titles)


def test_ids_are_unique_and_stable(result) -> None:
    ids = [p.paper_id for p in result.papers]
    assert len(set(ids)) == len(ids)
    assert [p.paper_id for p in read_corpus([BUNDLED]).papers] == ids
    assert all(i.startswith("title:") and len(i) == len("title:") + 16 for i in ids)
