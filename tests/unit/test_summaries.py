"""Per-paper summaries, resumable batch files and digests, with fake models (fast)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.citations import split_sentences
from assistant.cli import main
from assistant.digest import digest, group_by_terms, unescape_markdown
from assistant.errors import AssistantError
from assistant.evaluation.metrics import answer_words
from assistant.sources import read_corpus
from assistant.summaries import (
    parse_summary,
    select_papers,
    summarize,
    summarize_paper,
    summary_for,
)
from assistant.summary_store import SummaryFile, read_summaries, repair_tail, write_atomic
from assistant.types import Summary
from tests.conftest import CORPUS
from tests.fakes import FakeEmbedder, FakeGenerator, WordJudge

KEYS = {
    "paper_id",
    "title",
    "tldr",
    "bullets",
    "support",
    "model",
    "prompt_version",
    "abstract_hash",
}
INVENTED = "Bananas are grown on 4000 farms in Ecuador by robots."


@pytest.fixture(scope="module")
def papers():
    return read_corpus([CORPUS]).papers[:6]


@pytest.fixture
def fake(tmp_path):
    """An Assistant with fake models; summaries need no store."""
    return Assistant(
        Settings(home=tmp_path / "home"), embedder=FakeEmbedder(), generator=FakeGenerator()
    )


def lines(path: Path) -> list[dict]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n")
    return [json.loads(line) for line in raw.decode().splitlines()]


@pytest.mark.parametrize(
    "text, tldr, bullets",
    [
        (
            "TL;DR: It pools image tokens well.\n- Pooling beats the CLS token.\n- It is cheap to run.",
            ["It pools image tokens well."],
            ["Pooling beats the CLS token.", "It is cheap to run."],
        ),
        (
            "**Summary:** We study pooling in ViTs. [1]\nKeywords: pooling, vit, tokens",
            ["We study pooling in ViTs."],
            [],
        ),
        ("TL;DR: <sentence>\n- <contribution>\n- <contribution>", [], []),  # a copied template
        (
            "- [TL;DR](https://github.com/x/y/blob/master/a.md)\nIt trains small models fast.",
            ["It trains small models fast."],
            [],
        ),
        (  # a link goes, not the sentences around it
            "It trains small models fast. Code: https://github.com/x/y. It also runs on CPUs.",
            ["It trains small models fast."],
            ["It also runs on CPUs."],
        ),
        (
            "It trains small models fast. The code is at https://github.com/x/",
            ["It trains small models fast."],
            [],
        ),
        (
            "It trains small models fast. It trains small models fast. The paper also trains small",
            ["It trains small models fast."],
            [],
        ),  # repeats and the cut-off tail go
        ("A one. Two words.", [], []),  # fragments are not claims
        ("", [], []),
    ],
)
def test_parse_summary(text, tldr, bullets):
    assert parse_summary(text) == (tldr, bullets)


def test_record_has_every_key_and_unsupported_sentences_are_repaired(fake, papers):
    paper = papers[0]
    first = next(s for s in split_sentences(paper.abstract) if s.startswith("We consider"))
    fake.generator.enqueue([f"{first} {INVENTED}"])
    record = summarize_paper(fake, paper).to_record()
    assert record.keys() >= KEYS
    assert record["tldr"] == first and record["support"] == 0.5
    assert record["checked"] == 2 and record["repaired"] + record["removed"] == 1
    assert "Bananas" not in record["tldr"] + " ".join(record["bullets"])
    assert INVENTED in record["generated"]  # the raw text is kept for re-checking
    assert all(b in paper.abstract for b in record["bullets"])  # repairs are verbatim
    assert record["model"] == "fake-generator" and len(record["prompt_version"]) == 12


def test_a_summary_says_what_the_paper_does_not_its_background(fake, papers):
    paper = papers[0]
    background = split_sentences(paper.abstract)[0]  # "Unsupervised pretraining ... is critical"
    fake.generator.enqueue([background])
    summary = summarize_paper(fake, paper)
    assert background not in summary.tldr and background not in summary.bullets
    assert summary.tldr.startswith(("We ", "This paper"))  # what the paper does
    assert summary.bullets  # and what it finds, from the abstract


def test_empty_generation_falls_back_to_a_central_abstract_sentence(fake, papers):
    record = summarize_paper(fake, papers[1]).to_record()  # the fake generator has nothing to say
    assert record["tldr"] and record["tldr"] in " ".join(papers[1].abstract.split())
    assert record["support"] == 0.0 and record["checked"] == 0


def test_run_writes_one_line_per_paper_and_rerun_skips_them(fake, papers, tmp_path):
    out = tmp_path / "s.jsonl"
    records = summarize(fake, papers[:3], out, progress=False)
    assert [r.paper_id for r in records] == [p.paper_id for p in papers[:3]]
    assert len(fake.generator.prompts) == 3
    again = summarize(fake, papers[:3] + papers[:1], out, progress=False)  # a repeat in the input
    assert again == records and len(fake.generator.prompts) == 3
    assert [r["paper_id"] for r in lines(out)] == [p.paper_id for p in papers[:3]]


def test_resume_truncates_a_partial_line_and_finishes_the_rest(fake, papers, tmp_path):
    out = tmp_path / "s.jsonl"
    summarize(fake, papers[:2], out, progress=False)
    with out.open("ab") as handle:  # what a run killed mid-write leaves behind
        handle.write(b'{"paper_id": "' + papers[2].paper_id.encode() + b'", "tldr": "Half')
    summarize(fake, papers[:4], out, progress=False)
    assert [r["paper_id"] for r in lines(out)] == [p.paper_id for p in papers[:4]]
    assert len(fake.generator.prompts) == 4  # 2, then only the 2 missing


def test_progress_is_reported_and_a_stop_ends_the_run_between_batches(fake, papers, tmp_path):
    out = tmp_path / "s.jsonl"
    summarize(fake, papers[:1], out, progress=False)
    stop = threading.Event()
    heard: list[tuple[int, int]] = []

    def hear(done: int, total: int) -> None:
        heard.append((done, total))
        if done == 3:
            stop.set()  # asked while the third paper's batch is written: the fourth never starts

    records = summarize(fake, papers[:5], out, progress=False, stop=stop, on_progress=hear)
    assert heard == [(1, 5), (2, 5), (3, 5)]  # the one found in the file counts as done
    assert [r.paper_id for r in records] == [p.paper_id for p in papers[:3]]
    assert [r["paper_id"] for r in lines(out)] == [p.paper_id for p in papers[:3]]
    resumed = summarize(fake, papers[:5], out, progress=False)
    assert [r.paper_id for r in resumed] == [p.paper_id for p in papers[:5]]
    assert len(fake.generator.prompts) == 5  # each paper generated once across the three runs


class BatchingGenerator(FakeGenerator):
    """A generator that batches 8 conversations, as the local model does: summaries follow."""

    batch_size = 8

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []

    def generate_batch(self, batch, max_new_tokens):
        self.batches.append(len(batch))
        return [self.generate(messages, max_new_tokens) for messages in batch]


def test_a_generator_that_batches_gets_several_papers_per_call(tmp_path):
    generator = BatchingGenerator()
    assistant = Assistant(
        Settings(home=tmp_path / "home"), embedder=FakeEmbedder(), generator=generator
    )
    papers = read_corpus([CORPUS]).papers[:10]
    records = summarize(assistant, papers, tmp_path / "s.jsonl", progress=False)
    assert generator.batches == [8, 2]
    assert [r.paper_id for r in records] == [p.paper_id for p in papers]


def test_limit_takes_the_first_papers(fake, papers, tmp_path):
    records = summarize(fake, papers, tmp_path / "s.jsonl", limit=2, progress=False)
    assert len(records) == 2 and len(fake.generator.prompts) == 2


def test_changed_abstract_recomputes_only_that_paper(fake, papers, tmp_path):
    out = tmp_path / "s.jsonl"
    summarize(fake, papers[:3], out, progress=False)
    longer = papers[1].abstract + " We also add a baseline."
    edited = dataclasses.replace(papers[1], abstract=longer)
    summarize(fake, [papers[0], edited, papers[2]], out, progress=False)
    assert len(fake.generator.prompts) == 4
    stored = lines(out)
    assert sorted(r["paper_id"] for r in stored) == sorted(p.paper_id for p in papers[:3])
    assert len({r["abstract_hash"] for r in stored}) == 3


def test_changed_model_or_prompt_recomputes(fake, papers, tmp_path):
    out = tmp_path / "s.jsonl"
    summarize(fake, papers[:2], out, progress=False)
    fake.generator.name = "another-model"
    summarize(fake, papers[:2], out, progress=False)
    assert {r["model"] for r in lines(out)} == {"another-model"} and len(lines(out)) == 2
    prompts = tmp_path / "prompts"
    shutil.copytree(fake.settings.prompts_dir, prompts)
    (prompts / "summary_user.j2").write_text("{{ title }}\n{{ abstract }}\nSummarize briefly.")
    other = Assistant(
        Settings(home=tmp_path / "home", prompts_dir=prompts),
        embedder=FakeEmbedder(),
        generator=fake.generator,
    )
    before = {r["prompt_version"] for r in lines(out)}
    summarize(other, papers[:2], out, progress=False)
    assert len(fake.generator.prompts) == 6
    assert {r["prompt_version"] for r in lines(out)}.isdisjoint(before)


def test_markdown_and_csv_are_rendered_from_the_records(fake, papers, tmp_path):
    summarize(fake, papers[:3], tmp_path / "s.md", fmt="md", progress=False)
    text = (tmp_path / "s.md").read_text()
    assert all(f"## {p.title}" in text for p in papers[:3]) and "**TL;DR**" in text
    assert len(lines(tmp_path / "s.jsonl")) == 3  # the records beside it
    summarize(fake, papers[:3], tmp_path / "s.csv", fmt="csv", progress=False)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "s.csv").read_text())))
    assert [r["paper_id"] for r in rows] == [p.paper_id for p in papers[:3]]
    assert len(fake.generator.prompts) == 3  # md and csv share one set of records
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_md_output_cannot_overwrite_its_records(fake, papers, tmp_path):
    with pytest.raises(AssistantError, match="jsonl"):
        summarize(fake, papers[:1], tmp_path / "s.jsonl", fmt="md", progress=False)


def test_a_second_writer_is_refused(tmp_path):
    path = tmp_path / "s.jsonl"
    with SummaryFile(path), pytest.raises(AssistantError, match="another run"):
        SummaryFile(path).__enter__()


def stub(paper_id: str, tldr: str = "It works well.") -> Summary:
    return Summary(paper_id, f"Paper {paper_id}", tldr, (), 1.0, 1, 0, 0, "m", "v", "h")


def test_append_refuses_a_duplicate_and_repair_tail_keeps_whole_lines(tmp_path):
    path = tmp_path / "s.jsonl"
    with SummaryFile(path) as store:
        store.append(stub("a"))
        with pytest.raises(ValueError):
            store.append(stub("a"))
    path.write_bytes(path.read_bytes() + b'{"paper_id": "b"')
    assert repair_tail(path) == len(b'{"paper_id": "b"')
    assert read_summaries(path) == [stub("a")]


def test_write_atomic_keeps_the_mode_and_leaves_no_temp_file(tmp_path):
    path = tmp_path / "s.md"
    write_atomic(path, "old")
    path.chmod(0o640)
    write_atomic(path, "new")
    assert path.read_text() == "new" and path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["s.md"]


def test_duplicate_lines_from_an_older_writer_are_compacted(tmp_path):
    path = tmp_path / "s.jsonl"
    write_atomic(
        path,
        '{"paper_id": "a", "tldr": "v1"}\n{"paper_id": "b"}\nnot json\n\n'
        '{"paper_id": "a", "tldr": "v2"}\n',
    )
    with SummaryFile(path) as store:
        assert store.records["a"].tldr == "v2"
    assert [(r.paper_id, r.tldr) for r in read_summaries(path)] == [("a", "v2"), ("b", "")]


def test_select_papers(papers):
    ids = [papers[2].paper_id, papers[0].paper_id]
    assert [p.paper_id for p in select_papers(papers, ids=ids)] == ids
    assert [p.paper_id for p in select_papers(papers, ranked_ids=ids[::-1] + ["x"])] == ids[::-1]
    assert len(select_papers(papers, limit=4)) == 4
    with pytest.raises(AssistantError, match="unknown paper ids: nope"):
        select_papers(papers, ids=["nope"])
    with pytest.raises(AssistantError, match="not a date"):
        select_papers(papers, since="last week")
    dated = [
        dataclasses.replace(p, published=d)
        for p, d in zip(papers[:3], ["2024-01-01", "2024-06-01", None], strict=True)
    ]
    assert [p.published for p in select_papers(dated, since="2024-03-01")] == ["2024-06-01"]


def test_group_by_terms_never_makes_a_theme_of_the_topic():
    keys = {"a": {"learning rate", "warmup"}, "b": {"learning rate", "warmup"}, "c": {"pruning"}}
    expected = [("warmup", ["a", "b"]), (None, ["c"])]
    assert group_by_terms(keys, exclude=["learning rate"]) == expected


def check_citations(text: str, papers: dict) -> list[str]:
    """Every [n] in the body has a reference and every reference is cited; returns cited ids."""
    body, _, refs = text.partition("## References")
    cited = {int(n) for n in re.findall(r"\[(\d+)\][.!?]", body)}
    listed = dict(re.findall(r"^\[(\d+)\] .* \(([^,)]+)", refs, flags=re.M))
    assert cited == {int(n) for n in listed}
    for line in body.splitlines():
        if match := re.search(r"\*\*: (.*) \[(\d+)\]", line):  # the claim is in the cited abstract
            abstract = " ".join(papers[listed[match.group(2)]].abstract.split())
            assert unescape_markdown(match.group(1)) in abstract
    return list(listed.values())


def test_digest_cites_only_papers_it_lists(fake_indexed):
    text = digest(fake_indexed, "pooling for vision transformers")
    assert text.startswith("# Digest: pooling for vision transformers")
    papers = {p.paper_id: p for p in fake_indexed.papers()}
    assert len(check_citations(text, papers)) >= 2


def test_digest_of_papers_since_a_date(fake_indexed):
    papers = {p.paper_id: p for p in fake_indexed.papers()}
    text = digest(fake_indexed, None, since="2024-06-01")
    cited = check_citations(text, papers)
    assert cited and all(papers[pid].published >= "2024-06-01" for pid in cited)


def test_digest_needs_a_topic_or_a_date_and_says_when_nothing_matches(fake_indexed):
    with pytest.raises(AssistantError):
        digest(fake_indexed, None)
    assert "No indexed abstract supports" in digest(fake_indexed, "zxqv blorft quuxification")


def test_cli_summarize_and_digest(fake_indexed, tmp_path, use_default, capsys):
    use_default(fake_indexed)
    ids = [p.paper_id for p in fake_indexed.papers()[:2]]
    out = tmp_path / "s.csv"
    assert main(["summarize", "--ids", *ids, "--format", "csv", "--out", str(out)]) == 0
    assert "2 summaries" in capsys.readouterr().out and out.exists()
    assert main(["summarize", "--out", str(out)]) == 2  # no selection
    assert main(["digest", "pooling", "--out", str(tmp_path / "d.md")]) == 0
    assert (tmp_path / "d.md").read_text().startswith("# Digest: pooling")


def test_ui_summary_is_kept_and_served_from_the_summaries_file(fake, papers):
    first = summary_for(fake, papers[0])
    path = fake.settings.summaries_path()
    assert [r["paper_id"] for r in lines(path)] == [papers[0].paper_id]
    again = summary_for(fake, papers[0])
    assert again == first and len(fake.generator.prompts) == 1  # not generated twice


def test_ui_summary_while_a_batch_run_holds_the_file(fake, papers):
    path = fake.settings.summaries_path()
    with SummaryFile(path):  # as `assistant summarize --all` would, mid-run
        record = summary_for(fake, papers[1])
    assert record.paper_id == papers[1].paper_id and record.tldr
    assert lines(path) == []  # the run's file is left to the run


def test_cli_summarize_without_out_fills_the_file_the_ui_reads(fake_indexed, use_default, capsys):
    use_default(fake_indexed)
    path = fake_indexed.settings.summaries_path()
    paper = fake_indexed.papers()[0]
    assert main(["summarize", "--ids", paper.paper_id]) == 0
    assert str(path) in capsys.readouterr().out
    prompts = len(fake_indexed.generator.prompts)
    assert summary_for(fake_indexed, paper).paper_id == paper.paper_id
    assert len(fake_indexed.generator.prompts) == prompts  # shown from the file, not regenerated


ABSTRACT = [
    "Long contexts make attention slow.",
    "We propose FastAttn, an approximate attention based on hashing.",
    "We validate FastAttn on several long-context datasets.",
    "On 131k-token contexts FastAttn gives a 5-fold speedup over FlashAttention.",
]


@pytest.mark.parametrize(
    ("room", "expected"),
    [
        # Two sentences: what the paper does, then its headline finding, not the next line in
        # order (before: "We validate ..." and the speed-up was cut).
        (2, [ABSTRACT[1], ABSTRACT[3]]),
        # One sentence: the line a reader takes most from.
        (1, [ABSTRACT[3]]),
        (3, ABSTRACT[1:]),
        (5, ABSTRACT[1:]),
    ],
)
def test_a_summary_cut_to_a_requested_length_keeps_its_findings(room, expected):
    from assistant.composed import shortened

    assert shortened(ABSTRACT[1:], room, ABSTRACT) == expected


RESTATED = [
    "Vector embeddings are used for ever more retrieval tasks.",
    "In this work, we demonstrate that we may encounter these theoretical limitations in "
    "realistic settings with extremely simple queries.",
    "We prove that the number of top-k subsets returned is limited by the dimension of the "
    "embedding, even for k=2.",
    "We then create a realistic dataset called LIMIT and observe that even state-of-the-art "
    "models fail on it, scoring under 20% recall@100.",
]


def test_a_short_summary_does_not_open_on_a_line_that_restates_the_question():
    """Two sentences for a paper whose line saying what it does only repeats what the question
    already says of it: the lines that add the dimension bound and the LIMIT dataset are stated
    (before: the restatement and one more line; fresh-30 l25 and six seen questions like it
    stated none or few of their facts)."""
    from assistant.composed import shortened, summary_pool

    question = (
        "Summarize in two sentences the paper arguing that single-vector embedding retrievers "
        "run into theoretical limits in realistic settings with extremely simple queries."
    )
    lines = shortened(summary_pool([], RESTATED), 2, RESTATED, question)
    assert lines == RESTATED[2:]  # the LIMIT line says what the paper does ("called")
    # Without the question, the line saying what the paper does opens the summary as before.
    assert shortened(summary_pool([], RESTATED), 2, RESTATED)[0] == RESTATED[1]


LONG = [
    "Retrieval models are increasingly used in search engines.",
    "However, their limits remain poorly understood.",
    "We introduce LIMIT, a dataset that stress-tests single-vector retrievers.",
    "We evaluate twelve embedding models on it.",
    "Through experiments on LIMIT, we observe that recent state-of-the-art models fail, "
    "scoring below 20% recall@100.",
    "Code is available at https://github.com/example/limit.",
]


def _limits_answer(
    question: str,
    limit: int | None,
    words: int | None = None,
    abstract: list[str] = LONG,
    bullets: tuple[str, ...] = (),
):
    """A summary answer from a stored summary of `abstract`'s first line and `bullets`."""
    from assistant.composed import summary_answer
    from assistant.types import Source

    stored = Summary(
        paper_id="p",
        title="Limits",
        tldr=abstract[0],
        bullets=bullets,
        support=1.0,
        checked=1 + len(bullets),
        repaired=0,
        removed=0,
        model="m",
        prompt_version="v",
        abstract_hash="h",
    )
    source = Source("p", "Limits", 1.0, similarity=0.6)
    return summary_answer(
        question, source, stored, abstract, WordJudge(), [source], limit, word_budget=words
    )


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        # No length asked: what it does and what it found, in abstract order; never the
        # background, never the link (before: the stored summary's set-up lines as written).
        (None, [LONG[2], LONG[3], LONG[4]]),
        # Two sentences: what it does, then the finding with its number.
        (2, [LONG[2], LONG[4]]),
        # One sentence: the line a reader takes most from.
        (1, [LONG[4]]),
    ],
)
def test_a_summary_answer_states_what_the_paper_does_and_found(limit, expected):
    # a weak stored summary: background and a method detail only
    answer = _limits_answer(
        "Summarize the paper on the limits of single-vector retrievers.",
        limit,
        bullets=(LONG[1], LONG[3]),
    )
    stated = [s.removesuffix(" [1].") + "." for s in split_sentences(answer.text)]
    assert [s.rstrip(".") for s in stated] == [s.rstrip(".") for s in expected]
    assert all(c.paper_id == "p" for c in answer.citations)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # Room for what it does and the finding with its number (30 words).
        (30, [LONG[2], LONG[4]]),
        # Room for one line only: what it does, then whatever else still fits.
        (20, [LONG[2], LONG[3]]),
        # No budget: four lines' room, as before.
        (None, [LONG[2], LONG[3], LONG[4]]),
    ],
)
def test_a_summary_keeps_to_a_word_budget(words, expected):
    answer = _limits_answer("Summarize the paper on LIMIT.", None, words)
    stated = [s.removesuffix(" [1].").rstrip(".") for s in split_sentences(answer.text)]
    assert stated == [s.rstrip(".") for s in expected]
    if words is not None:
        assert answer_words(answer.text) <= words


def test_a_budget_too_small_for_a_whole_sentence_keeps_its_first_clause():
    abstract = [
        "Suppose Alice trains a model.",
        "We formulate this question as an independence testing problem--in which the null "
        "hypothesis is that Bob's text is independent of Alice's randomized training run--and "
        "investigate it through the lens of memorization of data seen later in training.",
        "We achieve a p-value of at most 1e-8 in all but six of over forty cases we tried out.",
    ]
    answer = _limits_answer("Explain how Alice can prove it.", None, 25, abstract)
    assert answer.text.startswith(
        "We formulate this question as an independence testing problem [1]."
    )
    assert answer_words(answer.text) <= 25
