"""BibTeX libraries: Zotero / Better BibTeX / Google Scholar / arXiv exports -> Papers."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.sources import read_corpus, read_file
from assistant.sources.bibtex import bib_names, read_bibtex
from assistant.sources.latex import latex_escape, latex_to_text
from assistant.types import Paper
from tests.conftest import CORPUS, LIBRARY

ZOTERO = LIBRARY / "zotero.bib"
ABSTRACT = "We study sparse attention for long documents, and find that it halves memory."


def one(text: str) -> Paper:
    (found,) = read_bibtex(text, "lib.bib")
    assert isinstance(found, Paper), found
    return found


# -- LaTeX in titles, names and abstracts ---------------------------------------------------------
@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"M{\"u}ller and M\"{u}ller and M\"uller", "Müller and Müller and Müller"),
        (r"\'{\i}ndice \c{c}a \ss{} \o{} {\L}ukasz \v{S}ediv\'y", "índice ça ß ø Łukasz Šedivý"),
        (r"Attention Is {All} You {Need}", "Attention Is All You Need"),
        (r"\emph{Hyperband} and \textbf{bold} \mbox{ReLU}s", "Hyperband and bold ReLUs"),
        (r"costs 50\% less \& more \_x \#1 \$5", "costs 50% less & more _x #1 $5"),
        (r"in $O(n^2)$ time, $\mathcal{C}_\Phi$", r"in $O(n^2)$ time, $\mathcal{C}_\Phi$"),
        (r"\(x+y\) inline", "$x+y$ inline"),
        (r"{\textasciitilde}10x and {\textasciicircum}2", "~10x and ^2"),
        (r"a~b, \LaTeX{} and \alpha", "a b, LaTeX and α"),
        (r"\url{https://x.org/~me} \href{https://y.org}{the site}", "https://x.org/~me the site"),
        (r"as shown \cite{smith2020}.", "as shown ."),
        ("limited -- most ''informative'' `x`", "limited -- most ''informative'' `x`"),
        (r"a {stray} } brace", "a stray  brace"),
        ("plain text, ünïcödé", "plain text, ünïcödé"),
        ("{" * 5000 + r"\emph{deep}" + "}" * 5000, "deep"),  # no crash, however deep
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    "text",
    [
        "50% of {x}, R&D, a_b, #1, $5, ~10x, 2^10, back\\slash",
        "in $O(n^2)$ time with $\\mathcal{C}_\\Phi$",
        "limited -- most ''informative'' `quoted`",
        "BERT and LoRA-style GPT-4 tuning",
        "Müller – Gödel\n\nA second paragraph.",
    ],
)
def test_latex_escape_reads_back_the_same(text: str) -> None:
    assert latex_to_text(latex_escape(text, protect_capitals=True)) == text


def test_titles_protect_their_acronyms() -> None:
    assert latex_escape("BERT for LoRA tuning", protect_capitals=True) == "{BERT} for {LoRA} tuning"


@pytest.mark.parametrize(
    ("field", "names", "more"),
    [
        ("Vaswani, Ashish and Noam Shazeer", ["Ashish Vaswani", "Noam Shazeer"], False),
        (r"M{\"u}ller, J{\"o}rg and {\L}ukasz Kaiser", ["Jörg Müller", "Łukasz Kaiser"], False),
        ("{Google Brain Team} and {OpenAI}", ["Google Brain Team", "OpenAI"], False),
        ("{Simon and Schuster}", ["Simon and Schuster"], False),
        (
            "de la Cruz, Juan and van der Maaten, Laurens",
            ["Juan de la Cruz", "Laurens van der Maaten"],
            False,
        ),
        ("King, Jr., Martin Luther", ["Martin Luther King Jr."], False),
        ("Brown, Tom and Mann, Benjamin and others", ["Tom Brown", "Benjamin Mann"], True),
    ],
)
def test_bib_names(field: str, names: list[str], more: bool) -> None:
    assert bib_names(field) == (names, more)


# -- one entry each: what a user would see of it -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # Better BibTeX: braces protect capitals, month is a bare macro, arXiv in eprint
            "@inproceedings{vaswaniAttentionAllYou2017,\n"
            "  title = {Attention is {All} you {Need}},\n"
            "  booktitle = {Advances in Neural Information Processing Systems},\n"
            "  author = {Vaswani, Ashish and Shazeer, Noam},\n"
            "  month = dec, year = {2017},\n"
            "  eprint = {1706.03762v5}, archivePrefix = {arXiv},\n"
            f"  abstract = {{{ABSTRACT}}}\n}}\n",
            {
                "paper_id": "arxiv:1706.03762",
                "title": "Attention is All you Need",
                "authors": ("Ashish Vaswani", "Noam Shazeer"),
                "authors_count": 2,
                "year": 2017,
                "published": None,
                "venue": "Advances in Neural Information Processing Systems",
                "arxiv_id": "1706.03762",
                "citation_key": "vaswaniAttentionAllYou2017",
                "abstract": ABSTRACT,
            },
        ),
        (  # "..."-quoted fields, @string macros and # concatenation, a DOI as a URL
            '@string{acl = "Association for Computational Linguistics"}\n'
            '@inproceedings{devlin2019bert, title = "{BERT}: Pre-training of Deep {T}ransformers",\n'
            '  booktitle = "Proceedings of the " # acl, year = 2019, month = "June",\n'
            '  doi = "https://doi.org/10.18653/V1/N19-1423", abstract = "' + ABSTRACT + '"}\n',
            {
                "paper_id": "doi:10.18653/v1/n19-1423",
                "title": "BERT: Pre-training of Deep Transformers",
                "venue": "Proceedings of the Association for Computational Linguistics",
                "doi": "10.18653/v1/n19-1423",
                "year": 2019,
                "metadata": {"entry_type": "inproceedings", "month": 6},
            },
        ),
        (  # Google Scholar: no abstract, the arXiv id only in the journal
            "@article{kingma2014adam,\n  title={Adam: A method for stochastic optimization},\n"
            "  author={Kingma, Diederik P and Ba, Jimmy},\n"
            "  journal={arXiv preprint arXiv:1412.6980},\n  year={2014}\n}\n",
            {
                "paper_id": "arxiv:1412.6980",
                "abstract": "Adam: A method for stochastic optimization",
                "metadata": {"entry_type": "article", "abstract_missing": True},
            },
        ),
        (  # biblatex: a full date; accents and math in the title
            r"@article{g, title = {{\"U}ber $\beta$-{VAE}s}, date = {2024-05-31},"
            r" journaltitle = {Monatshefte f{\"u}r Mathematik}, abstract = {x}}" + "\n",
            {
                "title": r"Über $\beta$-VAEs",
                "published": "2024-05-31",
                "year": 2024,
                "venue": "Monatshefte für Mathematik",
            },
        ),
        (  # "and others": the names known, the count not
            "@misc{b, title = {T}, author = {Brown, Tom and others}, abstract = {x}}\n",
            {"authors": ("Tom Brown",), "authors_count": None},
        ),
        (  # URL and DOI fields keep their ~ and lose their escapes
            r"@misc{u, title = {T}, url = {https://x.org/~me/a\_b}, doi = {10.1000/a\_b}}" + "\n",
            {"url": "https://x.org/~me/a_b", "doi": "10.1000/a_b", "paper_id": "doi:10.1000/a_b"},
        ),
        (  # the arXiv DOI names the arXiv id
            "@misc{s, title = {SILO}, doi = {10.48550/arXiv.2308.04430}}\n",
            {"paper_id": "arxiv:2308.04430", "arxiv_id": "2308.04430"},
        ),
        (  # an eprint from another archive is no arXiv id
            "@misc{h, title = {T}, eprint = {hal-01234}, archivePrefix = {HAL}, abstract = {x}}\n",
            {"arxiv_id": None},
        ),
    ],
)
def test_entries(text: str, expected: dict[str, object]) -> None:
    found = one(text)
    assert {k: getattr(found, k) for k in expected} == expected


# -- refusals: file:line: reason, the other entries still read ---------------------------------------
GOOD = "@article{good, title = {Good}, abstract = {Fine.}}\n"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD + "\n@article{cut,\n  title = {Cut short", 3, "'cut' is cut short"),
        (
            GOOD
            + "@article{open,\n  title = {Never {closed},\n  year = 2020\n}\n"
            + GOOD.replace("good", "g2"),
            2,
            "'open' has unbalanced braces: a '{' is never closed",
        ),
        (GOOD + "@article{extra, title = {A}}}, year = 2020}\n", 2, "a '}' closes it early"),
        (
            GOOD + "@misc{good, title = {Again}}\n",
            2,
            "duplicate citation key 'good' (first used at line 1)",
        ),
        (GOOD + "@misc{twice, title = {A}, title = {B}}\n", 2, "has the field 'title' twice"),
        (GOOD + "@misc{untitled, author = {A. Person}}\n", 2, "entry 'untitled' has no 'title'"),
        (GOOD + "@misc{blank, title = {  }}\n", 2, "entry 'blank' has a blank 'title'"),
        (GOOD + "@misc{title = {No key}}\n", 2, "not valid BibTeX"),
    ],
)
def test_bad_entries_are_errors_at_their_line(text: str, line: int, words: str) -> None:
    found = read_bibtex(text, "lib.bib")
    errors = [f for f in found if isinstance(f, InputError)]
    assert len(errors) == 1, found
    assert (errors[0].line, str(errors[0]).startswith(f"lib.bib:{line}: ")) == (line, True)
    assert words in str(errors[0])
    assert isinstance(found[0], Paper) and found[0].title == "Good"


@pytest.mark.parametrize("text", ["% only a comment\n", "@string{x = {y}}\n", "Just some notes.\n"])
def test_a_file_without_entries_is_refused(text: str) -> None:
    (error,) = read_bibtex(text, "notes.bib")
    assert isinstance(error, InputError) and "no BibTeX entries found" in str(error)


@pytest.mark.parametrize(
    ("name", "line", "words", "kept"),
    [
        ("truncated.bib", 8, "'vaswaniAttentionAllYou2017' is cut short", ["Hyperband"]),
        ("unbalanced.bib", 8, "unbalanced braces", ["Dropout", "Deep learning"]),
        (
            "duplicate_keys.bib",
            16,
            "duplicate citation key 'kingma2014adam'",
            ["Adam", "Deep residual"],
        ),
        ("latin1.bib", 11, "not UTF-8 (latin-1?)", []),
    ],
)
def test_bad_library_files(name: str, line: int, words: str, kept: list[str]) -> None:
    path = LIBRARY / "bad" / name
    with pytest.raises(InputError) as refused:
        read_corpus([path])
    assert str(refused.value).startswith(f"{path}:{line}: ") and words in str(refused.value)
    result = read_corpus([path], skip_bad=True)
    assert [p.title.split(":")[0].split(" ")[0] for p in result.papers] == [
        k.split(" ")[0] for k in kept
    ]
    assert len(result.skipped) == 1


def test_a_wrongly_encoded_byte_names_its_entry() -> None:
    (error,) = read_file(LIBRARY / "bad" / "latin1.bib")
    assert isinstance(error, InputError)
    assert "byte 0xf6" in str(error) and "(in entry 'scholkopfLearningKernels2002', line 8)" in str(
        error
    )


# -- the Zotero library in tests/data --------------------------------------------------------------
@pytest.fixture(scope="module")
def zotero() -> dict[str, Paper]:
    found = read_file(ZOTERO)
    assert all(isinstance(p, Paper) for p in found), [e for e in found if not isinstance(e, Paper)]
    return {p.citation_key: p for p in found}  # type: ignore[misc]


def test_zotero_library_reads_whole(zotero: dict[str, Paper]) -> None:
    assert len(zotero) == 32
    missing = [p for p in zotero.values() if p.metadata.get("abstract_missing")]
    assert len(missing) == 17
    assert all(p.abstract == p.title for p in missing)
    assert all(p.authors and p.year for p in zotero.values())


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (
            "lewisRetrievalAugmentedGenerationKnowledgeIntensive2020",
            {
                "venue": "Advances in Neural Information Processing Systems",  # an @string macro
                "authors_count": 12,
                "arxiv_id": "2005.11401",
            },
        ),
        ("godelUberFormalUnentscheidbare1931", {"authors": ("Kurt Gödel",), "year": 1931}),
        ("openaiGPT4TechnicalReport2023", {"authors": ("OpenAI",), "paper_id": "arxiv:2303.08774"}),
        ("devlinBERTPretrainingDeep2019", {"doi": "10.18653/v1/n19-1423", "authors_count": 4}),
        ("gadre2024language", {"authors_count": None, "arxiv_id": "2403.08540"}),
        (
            "higginsBetaVAELearningBasic2017",
            {"venue": "International Conference on Learning Representations"},
        ),
        ("kingma2014adam", {"paper_id": "arxiv:1412.6980", "year": 2014}),
    ],
)
def test_zotero_entries(zotero: dict[str, Paper], key: str, expected: dict[str, object]) -> None:
    paper = zotero[key]
    assert {k: getattr(paper, k) for k in expected} == expected


def test_zotero_accents_and_math_read_as_text(zotero: dict[str, Paper]) -> None:
    assert zotero["godelUberFormalUnentscheidbare1931"].title.startswith(
        "Über formal unentscheidbare Sätze"
    )
    assert (
        "Heinrich Küttler"
        in zotero["lewisRetrievalAugmentedGenerationKnowledgeIntensive2020"].authors
    )
    assert "Haitz Sáez de Ocáriz Borde" in zotero["zhuAsymmetryLowRankAdapters2024"].authors
    assert "Łukasz Kaiser" in zotero["vaswaniAttentionAllYou2017"].authors
    assert zotero["higginsBetaVAELearningBasic2017"].title.startswith(r"$\beta$-VAE: Learning")
    provable = zotero["ge2023provable"].abstract
    assert r"$\mathcal{O}(\mathcal{C}_\Phi/m + \mathcal{C}_\Psi/n)$" in provable
    assert "\\emph" not in zotero["liHyperbandNovelBanditBased2018"].abstract


# -- one library and the bundled corpus: one paper each ---------------------------------------------
@pytest.fixture(scope="module")
def together() -> dict[str, Paper]:
    return {p.title.casefold(): p for p in read_corpus([CORPUS, ZOTERO]).papers}


def test_a_paper_in_the_library_and_the_corpus_is_one_paper(together: dict[str, Paper]) -> None:
    rag = together["retrieval-augmented generation for knowledge-intensive nlp tasks"]
    assert rag.paper_id == "arxiv:2005.11401"
    # the .bib's names, venue and key; the Daily Papers page's date and upvotes
    assert rag.citation_key == "lewisRetrievalAugmentedGenerationKnowledgeIntensive2020"
    assert rag.authors[:2] == ("Patrick Lewis", "Ethan Perez") and rag.authors_count == 12
    assert rag.venue == "Advances in Neural Information Processing Systems"
    assert (rag.published, rag.upvotes) == ("2020-05-22", 4)
    assert "duplicate_of" not in rag.metadata  # the same abstract in both: no conflict
    # a title-only entry borrows the page's abstract: it is no longer "without abstract"
    adam = together["adam: a method for stochastic optimization"]
    assert not adam.metadata.get("abstract_missing") and len(adam.abstract) > 200
    assert adam.citation_key == "kingma2014adam"


def test_library_dates_that_disagree_are_both_kept(together: dict[str, Paper]) -> None:
    fisher = together["merging models with fisher-weighted averaging"]
    assert (fisher.year, fisher.published) == (2022, None)  # NeurIPS 2022, not the arXiv date
    assert fisher.metadata["other_published"] == "2021-11-18"


def test_the_bundled_corpus_keeps_its_ids_and_count() -> None:
    alone = {p.title: p.paper_id for p in read_corpus([CORPUS]).papers}
    both = read_corpus([CORPUS, ZOTERO]).papers
    assert len(alone) == 414
    # 17 of the 32 entries are corpus papers (by arXiv id or title): 15 new papers
    assert len(both) == 414 + 15
    untouched = [p for p in both if p.title in alone and not p.citation_key]
    assert len(untouched) == 414 - 17
    assert all(p.paper_id == alone[p.title] for p in untouched)


@pytest.mark.parametrize(("policy", "kept"), [("title", 32), ("skip", 15)])
def test_entries_without_abstract_are_counted_and_kept_or_skipped(policy: str, kept: int) -> None:
    result = read_corpus([ZOTERO], missing_abstract=policy)  # type: ignore[arg-type]
    assert (len(result.papers), result.no_abstract) == (kept, 17)
    done = "indexed by title only" if policy == "title" else "skipped"
    assert result.no_abstract_note() == f"17 entries have no abstract: {done}"
    first = result.no_abstract_entries[0]
    assert str(first) == f"{ZOTERO}:48: no abstract: " + (
        "Grokking: Generalization beyond overfitting on small algorithmic datasets"
    )


def test_an_unknown_missing_abstract_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="missing_abstract must be 'title' or 'skip'"):
        read_corpus([ZOTERO], missing_abstract="drop")  # type: ignore[arg-type]


def test_a_folder_of_libraries_is_read_with_its_bad_files_skipped() -> None:
    result = read_corpus([LIBRARY], skip_bad=True)
    assert result.files == 9  # zotero.bib, export.ris, zotero.json and bad/*
    assert {Path(e.path).parent.name for e in result.skipped} == {"bad"}
    assert len(result.skipped) == 6
    titles = {p.title for p in result.papers}
    assert {"Deep learning", "GPT-4 Technical Report", "Visualizing Data using t-SNE"} <= titles
