"""Bad input, one table: every reader and entry point either refuses it clearly or copes.

Each ingest case runs through `Assistant.ingest` and the `assistant ingest` command (in-process)
for each reader (Daily Papers text, JSONL, CSV, arXiv snapshot, and the reference-manager
formats: BibTeX, RIS, CSL-JSON). A refusal is an InputError
naming the file (and line, where there is one) and leaves the store exactly as it was; an
acceptance stores what a reader would expect to see. Questions run through `Assistant.ask` and
`assistant ask`: a clear error, or an answer whose citations hold up.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest

from assistant import Answer, Assistant, Settings, set_default_assistant
from assistant.answer import CANNOT_ANSWER_PHRASE
from assistant.cli import main
from assistant.errors import AssistantError, InputError
from assistant.settings import AbstentionSettings
from assistant.sources.latex import latex_escape
from assistant.types import Citation, Source
from tests.fakes import FakeEmbedder, FakeGenerator

Row = dict[str, str]


# -- the four readers, each writing papers the way its files look --------------------------------
@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    write: Callable[[list[Row]], str]
    first_line: Callable[[int], int]  # the line paper k (0-based) starts on


def daily_page(rows: list[Row]) -> str:
    return "".join(f"{r['title']}\n{r['abstract']}\n\n" for r in rows)


def json_lines(rows: list[Row]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def csv_table(rows: list[Row]) -> str:
    columns = ["title", "abstract"] + (["id"] if any("id" in r for r in rows) else [])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([r.get(c, "") for c in columns] for r in rows)
    return out.getvalue()


_arxiv_ids = count(1)


def arxiv_snapshot(rows: list[Row]) -> str:
    """Rows as in arxiv-metadata-oai-snapshot.json: JSON lines, abstracts hard-wrapped."""
    records = []
    for r in rows:
        wrapped = r["abstract"].replace(". ", ".\n")  # hard-wrapped, as the snapshot's are
        records.append(
            {
                "id": r.get("id") or f"2403.{next(_arxiv_ids):05d}",
                "submitter": "A. Author",
                "authors": "A. Author, B. Author",
                "title": r["title"],
                "comments": "10 pages",
                "categories": "cs.LG",
                "abstract": "  " + wrapped + "\n",
                "versions": [{"version": "v1", "created": "Mon, 1 Jan 2024 10:00:00 GMT"}],
                "update_date": "2024-01-02",
                "authors_parsed": [["Author", "A.", ""], ["Author", "B.", ""]],
            }
        )
    return json_lines(records)


def bibtex(rows: list[Row]) -> str:
    """Rows as a .bib file: one @article each (four lines and a blank), the arXiv id in `eprint`."""
    entries = []
    for k, r in enumerate(rows):
        arxiv = f" eprint = {{{r['id']}}}, archivePrefix = {{arXiv}}," if "id" in r else ""
        entries.append(
            f"@article{{entry{k},\n  title = {{{latex_escape(r['title'])}}},{arxiv}\n"
            f"  abstract = {{{latex_escape(r['abstract'])}}}\n}}\n\n"
        )
    return "".join(entries)


def ris(rows: list[Row]) -> str:
    """Rows as an RIS export: five tag lines a record, the arXiv id in its URL."""
    records = []
    for r in rows:
        where = f"UR  - https://arxiv.org/abs/{r['id']}" if "id" in r else "PY  - 2024"
        records.append(
            f"TY  - JOUR\nTI  - {r['title']}\nAB  - {r['abstract']}\n{where}\nER  - \n\n"
        )
    return "".join(records)


def csl_json(rows: list[Row]) -> str:
    """Rows as Zotero's CSL-JSON export: a list, one item a line."""
    items = []
    for k, r in enumerate(rows):
        item = {
            "id": f"item{k}",
            "type": "article-journal",
            "title": r["title"],
            "abstract": r["abstract"],
            "author": [{"family": "Author", "given": "A."}],
            "issued": {"date-parts": [[2024, 1, 2]]},
        }
        if "id" in r:
            item["URL"] = f"https://arxiv.org/abs/{r['id']}"
        items.append(json.dumps(item, ensure_ascii=False))
    return "[\n" + ",\n".join(items) + "\n]\n"


FORMATS = [
    Format("daily", ".txt", daily_page, lambda k: 3 * k + 1),
    Format("jsonl", ".jsonl", json_lines, lambda k: k + 1),
    Format("csv", ".csv", csv_table, lambda k: k + 2),
    Format("arxiv", ".json", arxiv_snapshot, lambda k: k + 1),
    Format("bibtex", ".bib", bibtex, lambda k: 5 * k + 1),
    Format("ris", ".ris", ris, lambda k: 6 * k + 1),
    Format("csl", ".json", csl_json, lambda k: k + 2),
]


# -- the cases: what each file holds and what must happen -------------------------------------------
@dataclass
class Case:
    """One file to ingest, and what a user must see."""

    data: bytes
    line: int | None = None  # a refusal's line; None with words set: a refusal without one
    words: str | None = None  # in the refusal's reason; None: the file is accepted
    check: Callable[[Assistant, Path], None] | None = None  # what an accepted file stored
    # Papers of many such cases side by side would compete for the same question.
    own_store: bool = False

    @property
    def refused(self) -> bool:
        return self.words is not None


ABSTRACT = (
    "We study sparse attention for long documents, and find that it halves memory. "
    "It keeps accuracy within one point on three benchmarks."
)


def rows(tag: str, n: int = 2) -> list[Row]:
    return [
        {"title": f"Sparse Attention Study {tag} {i}", "abstract": f"{ABSTRACT} Variant {i}."}
        for i in range(n)
    ]


def empty(fmt: Format, tag: str) -> Case:
    return Case(b"", None, "empty file")


def binary(fmt: Format, tag: str) -> Case:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    return Case(png, None, "binary file, not text")


def latin1(fmt: Format, tag: str) -> Case:
    papers = rows(tag)
    papers[1]["abstract"] += " The café results are naïve."
    text = fmt.write(papers)
    line = text[: text.index("é")].count("\n") + 1
    return Case(text.encode("latin-1"), line, "not UTF-8 (latin-1?)")


def utf16_bom(encoding: str, bom: bytes) -> Callable[[Format, str], Case]:
    def case(fmt: Format, tag: str) -> Case:
        papers = rows(tag)
        papers[0]["title"] = f"Café Attention {tag}"

        def check(assistant: Assistant, path: Path) -> None:
            titles = {p.title for p in assistant.store.all_papers()}
            assert {f"Café Attention {tag}", f"Sparse Attention Study {tag} 1"} <= titles

        return Case(bom + fmt.write(papers).encode(encoding), check=check)

    return case


def utf16_without_bom(fmt: Format, tag: str) -> Case:
    return Case(fmt.write(rows(tag)).encode("utf-16-le"), None, "UTF-16 without a byte-order mark")


def truncated(fmt: Format, tag: str) -> Case:
    """The file ends partway through its last paper (a copy or download cut short)."""
    papers = rows(tag)
    papers[1]["abstract"] = "Attention, sparse and dense, is compared on long documents at length."
    text = fmt.write(papers)
    start = text.rindex(papers[1]["abstract"][:20])
    # A text page cut mid-abstract is a shorter abstract; cut it before the abstract instead.
    cut = start if fmt.name == "daily" else start + 30
    words = {
        "daily": "has no abstract after it",
        "csv": "quoted field starting in this row is never closed",
        "bibtex": "'entry1' is cut short",
        "ris": "record is cut short",
    }.get(fmt.name, "not valid JSON")
    return Case(text[:cut].encode(), fmt.first_line(1), words)


_dup_ids = count(1)


def duplicate_ids(fmt: Format, tag: str) -> Case:
    """The same paper twice with different text: one record, the fuller copy, the other noted."""
    pid = f"2402.{next(_dup_ids):05d}"
    first = {"title": f"Duplicated Paper {tag}", "abstract": "A short first version.", "id": pid}
    other = {"title": f"Unrelated Paper {tag}", "abstract": ABSTRACT}
    fuller = dict(first, abstract="A longer second version of the abstract, with more detail.")
    if fmt.name != "daily":  # a text page has no ids: the same title is the same paper
        fuller["title"] = f"Duplicated Paper, Revised {tag}"
    papers = [first, other, fuller]
    if fmt.name == "daily":
        papers = [{k: v for k, v in p.items() if k != "id"} for p in papers]

    def check(assistant: Assistant, path: Path) -> None:
        found = [p for p in assistant.store.all_papers() if p.title.endswith(tag)]
        found = [p for p in found if p.title.startswith("Duplicated Paper")]
        assert len(found) == 1, [p.title for p in found]
        kept = found[0]
        assert kept.abstract == fuller["abstract"]
        assert kept.metadata["duplicate_of"] == [f"{path}:{fmt.first_line(0)}"]
        if fmt.name != "daily":
            assert kept.paper_id == f"arxiv:{pid}"

    return Case(fmt.write(papers).encode(), check=check)


# One made-up subject per long paper, so no two of them answer the same question.
MARSUPIALS = iter(
    ["quokka", "wombat", "numbat", "bilby", "potoroo", "bettong", "dunnart", "kowari"]
    + ["quoll", "bandicoot", "cuscus", "pademelon", "wallaroo", "antechinus", "ningaui"]
    + ["kultarr", "planigale", "mulgara"]
)
_filler_runs = count(0, 10_000)


def huge_abstract(fmt: Format, tag: str) -> Case:
    """An abstract of 100,000 characters (a pasted full text): cut to the limit at a sentence
    end, so it cannot crowd other papers out of retrieval; what it kept is answerable."""
    animal, first = next(MARSUPIALS), next(_filler_runs)
    # Numbered apart per paper: identical chunks in many papers would be one vector many times.
    filler = [
        f"In run {first + i} the baseline model was trained on split {first + i} of the data."
        for i in range(1600)
    ]
    # Words no other case uses, so the question has one right paper in the shared store.
    finding = f"{animal.title()} pooling reduces the tokenizer vocabulary by 37 percent."
    abstract = " ".join([*filler[:40], finding, *filler[40:]])[:100_000]
    assert len(abstract) == 100_000 and finding in abstract
    title = f"{animal.title()} Pooling {tag}"

    def check(assistant: Assistant, path: Path) -> None:
        (paper,) = [p for p in assistant.store.all_papers() if p.title == title]
        limit = assistant.settings.limits.abstract_chars
        assert limit - 100 <= len(paper.abstract) <= limit and paper.abstract.endswith(".")
        assert paper.metadata["abstract_chars"] >= 99_000  # what was cut is on record
        chunks = [c for c in assistant.store.all_chunks() if c.paper_id == paper.paper_id]
        assert 10 < len(chunks) < 60  # citable pieces, but not hundreds of them
        answer = assistant.ask(f"How much does {animal} pooling reduce the tokenizer vocabulary?")
        assert not answer.abstained, answer.text
        assert answer.citations[0].paper_id == paper.paper_id
        assert answer.citations[0].snippet == finding
        assert "37 percent" in answer.text

    data = fmt.write([{"title": title, "abstract": abstract}]).encode()
    return Case(data, check=check, own_store=True)


def blank_title(title: str) -> Callable[[Format, str], Case]:
    def case(fmt: Format, tag: str) -> Case:
        papers = rows(tag)
        papers[1]["title"] = title
        if fmt.name == "daily":
            # A blank line is no title: the abstract after it stands as a title without one.
            return Case(fmt.write(papers).encode(), fmt.first_line(1) + 1, "has no abstract")
        return Case(fmt.write(papers).encode(), fmt.first_line(1), "blank 'title'")

    return case


def control_characters(fmt: Format, tag: str) -> Case:
    """Control characters, terminal escapes and bidi overrides are stripped; words survive."""
    # A raw NUL byte marks a binary file; JSON writes it escaped.
    nul = "" if fmt.name in ("daily", "csv", "bibtex", "ris") else "\x00"
    papers = [
        {
            "title": f"Bell\x07 Sparse \x1b[31mRed\x1b[0m Attention{nul} {tag}",
            "abstract": f"We ring\x07 the bell{nul} and back\x08space. \u202eSparse attention "
            "halves memory\x1b]0;owned\x07 on long documents.",
        }
    ]

    def check(assistant: Assistant, path: Path) -> None:
        (paper,) = [p for p in assistant.store.all_papers() if p.title.endswith(tag)]
        assert paper.title == f"Bell Sparse Red Attention {tag}"
        for text in (paper.title, paper.abstract):
            odd = [c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c not in "\n\t"]
            assert not odd, repr(text)
        assert "Sparse attention halves memory on long documents." in paper.abstract

    return Case(fmt.write(papers).encode(), check=check)


CASES: dict[str, Callable[[Format, str], Case]] = {
    "empty": empty,
    "binary": binary,
    "latin-1": latin1,
    "utf-16-le-bom": utf16_bom("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-bom": utf16_bom("utf-16-be", codecs.BOM_UTF16_BE),
    "utf-16-no-bom": utf16_without_bom,
    "truncated": truncated,
    "duplicate-ids": duplicate_ids,
    "abstract-100k": huge_abstract,
    "whitespace-title": blank_title(" \t  "),
    "control-only-title": blank_title("\x07\x1b[31m\x08\x1b[0m"),
    "control-characters": control_characters,
}
ENTRIES = ("api", "cli")


def seeded_assistant(home: Path) -> Assistant:
    """An Assistant on a new store that already holds a few papers."""
    # These cases test reading and storing, not abstention: the fake embedder's bag-of-words
    # cosine for one matching sentence in a 96-word chunk (~0.15) is below its usual threshold.
    settings = Settings(home=home / "home", abstention=AbstentionSettings(min_similarity=0.0))
    assistant = Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())
    seed = home / "seed.jsonl"
    seed.write_text(json_lines(rows("seed", 3)))
    assistant.ingest([seed], progress=False)
    return assistant


@pytest.fixture(scope="module")
def store_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """One store shared by the ingest cases (each of which adds papers of its own)."""
    return seeded_assistant(tmp_path_factory.mktemp("catalogue"))


def ingest(
    entry: str, assistant: Assistant, path: Path, capsys, monkeypatch
) -> tuple[int, str, str]:
    """Ingest through the API or the CLI: (exit status, stdout, stderr) as a user sees them."""
    if entry == "cli":
        set_default_assistant(assistant)
        status = main(["ingest", str(path)])
        out = capsys.readouterr()
        return status, out.out, out.err
    try:
        report = assistant.ingest([path], progress=False)
    except InputError as exc:
        return 2, "", f"error: {exc}"
    return 0, report.summary(), ""


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("case_name", CASES)
@pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
def test_bad_input_is_refused_clearly_or_stored_sanely(
    fmt: Format,
    case_name: str,
    entry: str,
    store_assistant: Assistant,
    tmp_path: Path,
    capsys,
    monkeypatch,
) -> None:
    tag = f"{fmt.name}-{case_name}-{entry}"
    case = CASES[case_name](fmt, tag)
    path = tmp_path / f"{case_name}{fmt.suffix}"
    path.write_bytes(case.data)
    if case.own_store:
        store_assistant = seeded_assistant(tmp_path)
    before = store_assistant.store.count()

    status, out, err = ingest(entry, store_assistant, path, capsys, monkeypatch)

    assert "Traceback" not in out + err
    if case.refused:
        where = f"{path}:{case.line}: " if case.line is not None else f"{path}: "
        assert status == 2, out
        assert err.startswith(f"error: {where}"), err
        assert case.words in err
        assert store_assistant.store.count() == before  # nothing half-written
    else:
        assert status == 0, err
        assert "added" in out
        assert store_assistant.store.count()[0] > before[0]
        assert case.check is not None
        case.check(store_assistant, path)


# -- reference-manager files as they go wrong in real libraries (tests/data/library/bad) ------------
LIBRARY_BAD = Path(__file__).resolve().parents[1] / "data" / "library" / "bad"
LIBRARY_FILES = {
    # file: (line, words of the refusal)
    "truncated.bib": (8, "'vaswaniAttentionAllYou2017' is cut short"),
    "unbalanced.bib": (8, "has unbalanced braces: a '{' is never closed before line 15"),
    "duplicate_keys.bib": (16, "duplicate citation key 'kingma2014adam' (first used at line 1)"),
    "latin1.bib": (11, "not UTF-8 (latin-1?)"),
    "truncated.ris": (10, "record is cut short"),
    "missing_title.json": (5, "item 'ITEM-2' has no 'title'"),
}


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("name", LIBRARY_FILES)
def test_a_bad_library_file_is_refused_whole(
    name: str, entry: str, store_assistant: Assistant, capsys, monkeypatch
) -> None:
    line, words = LIBRARY_FILES[name]
    path = LIBRARY_BAD / name
    before = store_assistant.store.count()
    status, out, err = ingest(entry, store_assistant, path, capsys, monkeypatch)
    assert "Traceback" not in out + err
    assert status == 2 and err.startswith(f"error: {path}:{line}: "), err
    assert words in err
    assert store_assistant.store.count() == before  # its good entries are not stored either


# -- 50 MB files: read in full, refused at the exact bad line, in sane time and memory -------------
FIFTY_MB = 50 * 2**20


def fifty_mb_with_a_bad_last_paper(fmt: Format) -> tuple[bytes, int, str]:
    """About 50 MB of good papers, the last one broken: (bytes, its line, words of the refusal)."""
    one = {"title": "Paper 0 on sparse attention", "abstract": f"Finding 0. {ABSTRACT * 12}"}
    n = FIFTY_MB // (len(fmt.write([one, one])) - len(fmt.write([one]))) + 1
    papers = [
        {"title": f"Paper {i} on sparse attention", "abstract": f"Finding {i}. {ABSTRACT * 12}"}
        for i in range(n)
    ]
    text = fmt.write(papers)
    if fmt.name == "daily":
        return (text + "A title with nothing after it\n").encode(), fmt.first_line(n), "no abstract"
    if fmt.name == "csv":
        return (text + 'Cut row,"an abstract never closed\n').encode(), n + 2, "never closed"
    if fmt.name == "bibtex":
        return (
            (text + "@article{cut,\n  title = {Cut row\n").encode(),
            fmt.first_line(n),
            "cut short",
        )
    if fmt.name == "ris":
        return (text + "TY  - JOUR\nTI  - Cut row\n").encode(), fmt.first_line(n), "cut short"
    return (text + '{"title": "Cut row", "abstr\n').encode(), n + 1, "not valid JSON"


def rss_bytes() -> int:
    """This process's resident memory now (Linux)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096


class PeakRss:
    """The highest resident memory seen while the block runs, sampled every 20 ms."""

    def __enter__(self) -> PeakRss:
        self.start = self.peak = rss_bytes()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, rss_bytes())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def grew(self) -> int:
        return self.peak - self.start


# A 50 MB file may take a few times its size while parsed; ten times would mean a leak or a copy
# per row, and a minute on two shared cores would mean a quadratic step somewhere.
MAX_GROWTH = 10 * FIFTY_MB
MAX_SECONDS = 60


FIFTY_MB_RUNS = list(zip(FORMATS[:6], ["api", "cli", "api", "cli", "api", "cli"], strict=True))


@pytest.mark.parametrize(
    ("fmt", "entry"), FIFTY_MB_RUNS, ids=[f"{f.name}-{e}" for f, e in FIFTY_MB_RUNS]
)
def test_fifty_mb_file_is_read_whole_and_refused_at_its_bad_line(
    fmt: Format,
    entry: str,
    store_assistant: Assistant,
    tmp_path: Path,
    capsys,
    monkeypatch,
    record_property,
) -> None:
    data, line, words = fifty_mb_with_a_bad_last_paper(fmt)
    assert len(data) > FIFTY_MB
    path = tmp_path / f"big{fmt.suffix}"
    path.write_bytes(data)
    del data
    before = store_assistant.store.count()
    started = time.perf_counter()
    with PeakRss() as memory:
        status, out, err = ingest(entry, store_assistant, path, capsys, monkeypatch)
    seconds = time.perf_counter() - started
    record_property("seconds", round(seconds, 2))
    record_property("memory_growth_mb", round(memory.grew / 2**20))
    # Every row before the last was read and found good: the refusal names the very last line.
    assert status == 2 and err.startswith(f"error: {path}:{line}: "), err[:300]
    assert words in err and "Traceback" not in err
    assert store_assistant.store.count() == before
    assert seconds < MAX_SECONDS, seconds
    assert memory.grew < MAX_GROWTH, f"{memory.grew / 2**20:.0f} MB"


# -- questions ---------------------------------------------------------------------------------
INCRELORA = "IncreLoRA: Incremental Parameter Allocation Method for Parameter-Efficient Fine-tuning"
LONG = "How does IncreLoRA allocate trainable parameters during fine-tuning? "


def about_increlora(answer: Answer) -> None:
    assert not answer.abstained, answer.text
    assert answer.sources[0].title == INCRELORA
    assert INCRELORA in [c.title for c in answer.citations], answer.text


def sane(answer: Answer) -> None:
    """Only the invariants: an honest abstention, or citations that hold up."""
    if answer.abstained:
        assert answer.text.startswith(CANNOT_ANSWER_PHRASE) and not answer.citations


QUESTIONS: dict[str, tuple[str, str | None, Callable[[Answer], None] | None]] = {
    # name: (question, words of the error, or a check of the answer)
    "empty": ("", "the question is empty", None),
    "whitespace": (" \n\t  ", "the question is empty", None),
    "punctuation-only": ("?!?... ;-) -- ¿¡", "has no words", None),
    "20k-characters": ((LONG * 300)[:20_000], "is 20,000 characters long", None),
    "2k-characters": ((LONG * 30)[:1_990], None, about_increlora),
    "chinese": ("哪些论文研究了大型语言模型的参数高效微调？", None, sane),
    "german": (
        "Wie verteilt IncreLoRA die trainierbaren Parameter beim Fine-Tuning?",
        None,
        about_increlora,
    ),
}


def check_citations(answer: Answer, assistant: Assistant) -> None:
    """Every marker has its citation, and every citation quotes its own paper's abstract."""
    keys = {c.key for c in answer.citations}
    for marker in re.findall(r"\[(\d+)\]", answer.text):
        assert marker in keys, answer.text
    for citation in answer.citations:
        paper = assistant.paper(citation.paper_id)
        assert paper is not None
        assert citation.snippet in " ".join(paper.abstract.split())
    assert 0.0 <= answer.support <= 1.0


@pytest.mark.parametrize("entry", ENTRIES)
@pytest.mark.parametrize("name", QUESTIONS)
def test_odd_questions_get_a_clear_error_or_a_sane_answer(
    name: str, entry: str, indexed: Assistant, capsys, monkeypatch
) -> None:
    question, error, check = QUESTIONS[name]
    if entry == "cli":
        set_default_assistant(indexed)
        status = main(["ask", question, "--json"])
        out = capsys.readouterr()
        assert "Traceback" not in out.out + out.err
        if error is not None:
            assert status == 2 and out.err.startswith("error: ") and error in out.err, out.err
            return
        assert status == 0, out.err
        shown = json.loads(out.out)
        answer = Answer(
            shown["question"],
            shown["text"],
            [Citation(**c) for c in shown["citations"]],
            [Source(s["paper_id"], s["title"], s["score"]) for s in shown["sources"]],
            shown["abstained"],
            shown["support"],
            shown["mode"],
        )
    else:
        if error is not None:
            with pytest.raises(AssistantError, match=error):
                indexed.ask(question)
            return
        answer = indexed.ask(question)
    assert answer.question == " ".join(question.split())
    assert answer.text.strip()
    check_citations(answer, indexed)
    assert check is not None
    check(answer)
