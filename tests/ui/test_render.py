"""The UI's pure views: escaping, evidence highlighting, citation links, styling by support."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest

from assistant.errors import AssistantError
from assistant.filters import Filters
from assistant.summary_run import RunProgress, RunStatus
from assistant.types import Abstention, Answer, Citation, Mode, Paper, Source, Summary
from assistant.ui import check_bind
from assistant.ui.library import (
    LibraryView,
    authors_cell,
    library_count,
    library_entries,
    library_html,
    paper_html,
    paper_rows,
    progress_html,
    source_label,
    stored_summary_html,
)
from assistant.ui.render import (
    Turn,
    answered_asks,
    digest_html,
    esc,
    field_error,
    filters_line,
    highlight,
    reason_text,
    sources_html,
    status_html,
    summary_html,
    transcript_html,
)

EVIL = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "**bold** _it_ [link](javascript:alert(1)) # heading",
    "${window.__xss=3} {{value}} `code`",
]
ABSTRACT = (
    "Large models are costly. We propose Sparse Mixer, which routes tokens to experts. "
    "It halves training cost at equal quality."
)
PAPER = Paper(
    "p1",
    "Sparse <b>Mixer</b>",
    ABSTRACT,
    authors_count=3,
    published="2024-01-02",
    source_file="/data/x/000_a.txt",
)
CITATION = Citation(
    "1", "p1", PAPER.title, "We propose Sparse Mixer, which routes tokens to experts.", 0.91
)
SOURCE = Source("p1", PAPER.title, 0.5, 0.8, "2024-01-02", 3)
OTHER = Source("p2", "Dense Baselines", 0.2, 0.4, None, None)


def answer(**kw) -> Answer:
    values = dict(
        question="q",
        text="Sparse Mixer routes tokens to experts [1].",
        citations=[CITATION],
        sources=[SOURCE, OTHER],
    )
    return Answer(**{**values, **kw})


def summary_of(paper: Paper, tldr: str = "It routes tokens.", support: float = 1.0) -> Summary:
    return Summary(
        paper.paper_id, paper.title, tldr, ("A bullet.",), support, 1, 0, 0, "m", "v", "h"
    )


def visible_tags(html: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<\s*([a-zA-Z][\w-]*)", html)}


@pytest.mark.parametrize("text", EVIL)
def test_esc_leaves_nothing_active(text: str) -> None:
    out = esc(text)
    bare = re.sub(r"&#\d+;", "", out)
    assert not set(bare) & set('<>"`*_[]{}$#&')  # no markup, template or markdown characters
    assert html.unescape(out) == text  # shown exactly as written


@pytest.mark.parametrize("text", EVIL)
def test_untrusted_text_is_escaped_everywhere(text: str) -> None:
    paper = Paper(
        "p9",
        f"Title {text}",
        f"Abstract {text}. Another sentence here.",
        source_file=f"{text}.jsonl",
    )
    cite = Citation("1", "p9", paper.title, f"Abstract {text}.")
    turn = Turn(
        f"question {text}",
        f"asked {text}",
        draft=text,
        answer=Answer("q", f"Claim {text} [1].", [cite], [Source("p9", paper.title, 1)]),
        papers={"p9": paper},
    )
    views = [
        transcript_html([turn]),
        sources_html([turn]),
        paper_html(paper),
        summary_html(
            Summary(text, text, text, (text,), 1.0, 1, 0, 0, text, "v", "h", generated=text)
        ),
        digest_html(f"# {text}\n- {text} [1]\n{text}"),
        transcript_html([Turn(text, text, draft=text)]),
        library_html([(paper, summary_of(paper, text)), (paper, None)]),
        stored_summary_html(summary_of(paper, text)),
        filters_line(Filters(author=text, venue=text)),
        field_error(text),
        progress_html(RunProgress(1, 2, 1, RunStatus.FAILED, text)),
    ]
    for view in views:
        assert not visible_tags(view) & {"script", "img", "strong", "em", "h1", "code"}
        for link in re.findall(r"<a\b[^>]*>", view):  # citations, paper views, downloads
            assert re.fullmatch(
                r'<a class="pa-cite" href="#pa-src-0-1" [^<>]*>'
                r'|<a class="pa-open" href="#" data-paper="[^"<>]*">'
                r'|<a class="pa-download[^"]*" download="answer-1\.(md|bib)" '
                r'href="data:[a-z/-]+;charset=utf-8,[^"<> ]*">',
                link,
            ), link
        assert 'onerror="' not in view and "**" not in view and "${" not in view


def test_highlight_marks_the_supporting_sentence_in_place() -> None:
    out = highlight(ABSTRACT, [CITATION.snippet])
    assert out == (
        "Large models are costly. <mark>We propose Sparse Mixer, which routes tokens "
        "to experts.</mark> It halves training cost at equal quality."
    )


@pytest.mark.parametrize(
    "abstract, sentence, marked",
    [
        ("One.  Two\n words here. Three.", "Two words here.", "Two\n words here."),  # whitespace
        ("One. TWO words here. Three.", "two words here.", "TWO words here."),  # case
        (
            "a <b>c</b> d. e.",
            "<b>c</b> d.",
            "&#60;b&#62;c&#60;/b&#62; d.",
        ),  # escaped inside the mark
    ],
)
def test_highlight_tolerates_layout_and_escapes(abstract: str, sentence: str, marked: str) -> None:
    assert f"<mark>{marked}</mark>" in highlight(abstract, [sentence])


def test_highlight_without_a_match_marks_nothing_and_merges_overlaps() -> None:
    assert "<mark>" not in highlight(ABSTRACT, ["Not in the abstract."])
    out = highlight("A b c d e.", ["A b c", "b c d"])
    assert out.count("<mark>") == 1 and out.startswith("<mark>A b c d</mark>")


def test_citations_are_links_to_their_source_cards() -> None:
    turn = Turn(
        "q", "q", answer=answer(text="X is true [1]. Y holds [1]. Z [9]."), papers={"p1": PAPER}
    )
    chat, panel = transcript_html([turn]), sources_html([turn])
    assert chat.count('href="#pa-src-0-1"') == 3  # two in the text, one in the reference list
    assert "&#91;9&#93;" in chat  # an unknown key stays as text
    assert 'id="pa-src-0-1"' in panel
    assert "<mark>We propose Sparse Mixer, which routes tokens to experts.</mark>" in panel
    assert "Sparse &#60;b&#62;Mixer&#60;/b&#62;" in panel and "3 authors" in panel
    assert "2024-01-02" in panel and "Dense Baselines" in panel  # uncited sources listed


def test_answers_are_styled_by_how_far_they_can_be_trusted() -> None:
    def view(a: Answer) -> str:
        return transcript_html([Turn("q", "q", answer=a)])

    assert "pa-generated" in view(answer()) and "support 100%" in view(answer())
    low = view(answer(support=0.5))
    assert "pa-low" in low and "low support 50%" in low
    gone = view(
        answer(
            text="The indexed abstracts don't answer this.",
            citations=[],
            abstained=True,
            mode="abstained",
        )
    )
    assert "pa-abstained" in gone and "no answer in the abstracts" in gone
    assert "pa-generated" not in gone and "support 100%" not in gone
    assert "extractive" in view(answer(mode="extractive"))
    draft = transcript_html([Turn("q", "q", draft="Partial answ")])
    assert "pa-draft" in draft and "not yet checked" in draft


def test_rewritten_question_is_shown_and_latest_sources_are_open() -> None:
    first = Turn("What is X?", "What is X?", answer=answer(), papers={"p1": PAPER})
    second = Turn("and its cost?", "What is X's cost?", answer=answer(), papers={"p1": PAPER})
    assert "searched as: What is X&#39;s cost?" in transcript_html([first, second])
    panel = sources_html([first, second])
    assert panel.count("pa-turn-sources pa-shown") == 1
    assert 'pa-shown" data-turn="1"' in panel


def test_paper_rows_show_what_a_researcher_reads_and_keep_ids_aside() -> None:
    named = Paper(
        "p4",
        "Attention",
        "Attention is all.",
        authors_count=3,
        published=None,
        year=2017,
        venue="NeurIPS",
        authors=("Ann Lee", "Bo Chen", "Cy Dee"),
        source_file="/refs/library.bib",
    )
    papers = [
        PAPER,
        Paper("p2", "Dense Baselines", "Dense is fine.", 1, "2023-05-01", None, "b.csv"),
        Paper("p3", "Undated", "Sparse again.", None, None),
        named,
    ]
    rows, ids = paper_rows(papers)
    assert rows == [
        ["Sparse <b>Mixer</b>", "2024-01-02", "3", "", "000_a.txt"],
        ["Dense Baselines", "2023-05-01", "1", "", "b.csv"],
        ["Undated", "", "", "", ""],
        ["Attention", "2017", "3: Ann Lee, Bo Chen and Cy Dee", "NeurIPS", "library.bib"],
    ]
    assert ids == ["p1", "p2", "p3", "p4"]
    assert not any("p1" in cell for row in rows for cell in row)  # no id column
    found = lambda *a, **k: paper_rows(papers, *a, **k)[1]  # noqa: E731
    assert found("SPARSE") == ["p1", "p3"]
    assert found("sparse experts") == ["p1"]
    assert found("bo chen") == ["p4"]  # authors are searched too
    assert found(filters=Filters(published_after="2024-01-01")) == ["p1"]
    assert found(filters=Filters(published_before="2023-12-31")) == ["p2"]
    assert found(filters=Filters(min_authors=2)) == ["p1", "p4"]
    assert found(filters=Filters(max_authors=2)) == ["p2"]
    assert found(filters=Filters(author="chen")) == ["p4"]
    assert found(filters=Filters(venue="neurips")) == ["p4"]


@pytest.mark.parametrize(
    "source, label",
    [
        ("/repo/data/hf-daily-papers/000_efd6bdd1150505b8.txt", "Daily Papers, page 1"),
        ("data/hf-daily-papers/004_44a34cf58eefd36a.txt", "Daily Papers, page 5"),
        ("/home/ann/refs/library.bib", "library.bib"),
        ("/tmp/gradio/ab12/my-notes.txt", "my-notes.txt"),
        ("", ""),
    ],
)
def test_sources_are_named_in_words(source: str, label: str) -> None:
    assert source_label(source) == label


def test_authors_cell_gives_the_count_and_names_when_known() -> None:
    five = Paper("p", "T", "A", authors=("A A", "B B", "C C", "D D", "E E"), authors_count=5)
    assert authors_cell(five) == "5: A A, B B, C C, et al."
    assert authors_cell(Paper("p", "T", "A", authors_count=4)) == "4"
    assert authors_cell(Paper("p", "T", "A")) == ""


def test_paper_view_has_links_ids_and_source() -> None:
    paper = Paper(
        "arxiv:1706.03762",
        "Attention",
        "We propose the Transformer.",
        authors=("Ann Lee",),
        authors_count=1,
        venue="NeurIPS",
        year=2017,
        doi="10.5555/3295222",
        arxiv_id="1706.03762",
        citation_key="vaswani2017",
        source_file="/refs/library.bib",
        source_line=12,
    )
    view = paper_html(paper)
    assert 'href="https://arxiv.org/abs/1706.03762"' in view
    assert 'href="https://doi.org/10.5555/3295222"' in view
    assert "library.bib:12" in view and "vaswani2017" in view and "NeurIPS" in view
    assert "Ann Lee" in view and "We propose the Transformer." in view
    bare = paper_html(PAPER)
    assert "<b>Links:</b>" not in bare and "from 000&#95;a.txt" in bare
    unsafe = paper_html(Paper("p", "T", "A", url="javascript:alert(1)"))
    assert "javascript" not in unsafe  # only web links are shown
    assert "Not summarized yet" in stored_summary_html(None)
    assert "support 100%" in stored_summary_html(summary_of(PAPER))


def test_status_line() -> None:
    line = status_html(
        {
            "llm_model": "SmolLM2",
            "device": "cuda:0",
            "embed_model": "MiniLM",
            "papers": 414,
            "chunks": 1566,
        }
    )
    assert "SmolLM2" in line and "GPU" in line and "MiniLM" in line
    assert "414</b> papers" in line and "1,566</b> chunks" in line
    assert "CPU" in status_html({"device": "cpu"})


def test_digest_keeps_structure_and_marks_references() -> None:
    out = digest_html("## Sparse models\n- Routing helps [1].\n- Costs fall [2, 3].\nDone.")
    assert "<h4>Sparse models</h4>" in out and out.count("<li>") == 2
    assert '<sup class="pa-ref">[1]</sup>' in out and "<p>Done.</p>" in out


@pytest.mark.parametrize(
    "host, auth, expected",
    [
        ("127.0.0.1", None, None),
        ("localhost", None, None),
        ("::1", None, None),
        ("0.0.0.0", "ann:secret", ("ann", "secret")),
        ("127.0.0.1", "a:b:c", ("a", "b:c")),
    ],
)
def test_check_bind_accepts(host: str, auth: str | None, expected) -> None:
    assert check_bind(host, auth) == expected


@pytest.mark.parametrize(
    "host, auth, message",
    [
        ("0.0.0.0", None, "--auth"),
        ("192.168.1.5", None, "--auth"),
        ("127.0.0.1", "nopassword", "user:password"),
        ("0.0.0.0", ":x", "user:password"),
    ],
)
def test_check_bind_refuses(host: str, auth: str | None, message: str) -> None:
    with pytest.raises(AssistantError, match=message):
        check_bind(host, auth)


def test_a_marker_citing_two_papers_links_both() -> None:
    second = Citation("2", "p2", "Dense Baselines", "Dense is fine.", 0.8)
    turn = Turn("q", "q", answer=answer(text="Both hold [1, 2].", citations=[CITATION, second]))
    chat = transcript_html([turn])
    assert 'href="#pa-src-0-1"' in chat and 'href="#pa-src-0-2"' in chat
    assert 'id="pa-src-0-2"' in sources_html([turn])


def test_a_lists_weaker_matches_are_labelled_in_the_sources_panel() -> None:
    sure = Citation("1", "p1", "Sparse Mixer", "We propose Sparse Mixer.", 0.8)
    weak = Citation("2", "p2", "Dense Baselines", "Dense baselines route nothing.", 0.5, weak=True)
    text = "A [1].\n1 more paper may also match, on weaker evidence.\nB [2]."
    panel = sources_html([Turn("q", "q", answer=answer(text=text, citations=[sure, weak]))])
    cards = panel.split('<details class="pa-src"')[1:]
    assert "weaker match" not in cards[0] and "weaker match" in cards[1]


def test_every_cited_sentence_of_a_paper_is_highlighted() -> None:
    first = "We propose Sparse Mixer, which routes tokens to experts."
    second = "It halves training cost at equal quality."
    both = Citation("1", "p1", PAPER.title, first, 0.9, snippets=(first, second))
    turn = Turn("q", "q", answer=answer(citations=[both]), papers={"p1": PAPER})
    panel = sources_html([turn])
    assert f"<mark>{first}</mark>" in panel and f"<mark>{second}</mark>" in panel


def test_an_abstention_says_why_in_words() -> None:
    gone = answer(
        text="The indexed abstracts don't answer this.",
        citations=[],
        abstained=True,
        mode=Mode.ABSTAINED,
        reason=Abstention.NUMBER_NOT_GIVEN,
    )
    view = transcript_html([Turn("q", "q", answer=gone)])
    assert 'data-reason="number-not-given"' in view
    assert "Why no answer:</b> no close abstract gives the number asked for" in view
    assert all(reason_text(answer(abstained=True, reason=r)) for r in Abstention)
    declined = answer(abstained=True, mode=Mode.FALSE_PREMISE)
    assert "false premise" in transcript_html([Turn("q", "q", answer=declined)])
    assert reason_text(answer()) == ""


def test_a_partial_answer_lists_what_it_answers_and_what_it_cannot() -> None:
    question = "Which search space is based on a grammar, and how many GPUs did it use?"
    partial = answer(question=question, missing=("how many GPUs did it use",))
    assert answered_asks(partial) == ["Which search space is based on a grammar"]
    view = transcript_html([Turn(question, question, answer=partial)])
    assert "partial answer" in view and "pa-partial" in view
    answered = view.split('class="pa-answered"')[1].split("</div>")[0]
    missing = view.split('class="pa-missing"')[1].split("</div>")[0]
    assert "Which search space is based on a grammar" in answered
    assert "how many GPUs did it use" in missing and "how many" not in answered


def test_a_list_separates_sure_and_weaker_matches() -> None:
    sure = Citation("1", "p1", "Sparse Mixer", "We propose Sparse Mixer.", 0.8)
    weak = Citation("2", "p2", "Dense Baselines", "Dense baselines route nothing.", 0.5, weak=True)
    listed = answer(text="A [1].\nB [2].", citations=[sure, weak], mode=Mode.LIST)
    view = transcript_html([Turn("q", "q", answer=listed)])
    assert "1 sure match · 1 weaker match" in view
    sure_list, weak_list = view.split('<ol class="pa-refs')[1:]
    assert "Sparse Mixer" in sure_list and "Dense Baselines" not in sure_list
    assert "Dense Baselines" in weak_list and "May also match" in view


def test_references_link_to_arxiv_or_doi_else_to_the_paper_view() -> None:
    linked = Paper("p1", PAPER.title, ABSTRACT, arxiv_id="2401.01234", doi="10.1/x")
    turn = Turn("q", "q", answer=answer(references=(linked,)), papers={"p1": PAPER})
    refs = transcript_html([turn]).split('<ol class="pa-refs">')[1]
    assert 'href="https://arxiv.org/abs/2401.01234"' in refs
    assert 'href="https://doi.org/10.1/x"' in refs and 'rel="noopener noreferrer"' in refs
    plain = transcript_html([Turn("q", "q", answer=answer(), papers={"p1": PAPER})])
    assert '<a class="pa-open" href="#" data-paper="p1">paper view</a>' in plain


def test_an_answer_can_be_taken_away_as_markdown_and_bibtex() -> None:
    cited = answer(references=(PAPER,))
    view = transcript_html([Turn("q", "q", answer=cited, papers={"p1": PAPER})])
    assert 'class="pa-copy"' in view
    shown = html.unescape(view.split('<pre class="pa-md">')[1].split("</pre>")[0])
    assert shown == cited.to_markdown()
    md = re.search(r'download="answer-1\.md" href="data:text/markdown;charset=utf-8,([^"]*)"', view)
    bib = re.search(
        r'download="answer-1\.bib" href="data:application/x-bibtex;[^,]*,([^"]*)"', view
    )
    assert md and unquote(html.unescape(md.group(1))) == cited.to_markdown()
    assert bib and unquote(html.unescape(bib.group(1))) == cited.to_bibtex()
    assert "@misc{" in cited.to_bibtex()
    nothing = transcript_html([Turn("q", "q", answer=answer(citations=[], abstained=True))])
    assert "Download .bib" not in nothing  # no cited papers, no .bib


def test_filters_line_and_field_errors() -> None:
    line = filters_line(Filters("2023-01-01", min_authors=3))
    assert "since 2023-01-01, 3+ authors" in line and "pa-on" in line
    assert "All papers (no filters)" in filters_line(Filters())
    assert "1 filter with a bad value not applied" in filters_line(Filters(), bad=1)
    assert field_error("") == "" and "not a date" in field_error("From 'x' is not a date")


def test_summaries_library_views_search_and_count() -> None:
    other = Paper("p2", "Dense Baselines", "Dense is fine.", 1, "2023-05-01")
    third = Paper("p3", "Undated", "Sparse again.")
    papers = [PAPER, other, third]
    stored = {"p1": summary_of(PAPER, "Routes tokens."), "p2": summary_of(other, "Dense.", 0.4)}
    ids = lambda entries: [p.paper_id for p, _ in entries]  # noqa: E731
    assert ids(library_entries(papers, stored)) == ["p1", "p2"]
    assert ids(library_entries(papers, stored, view=LibraryView.LOW)) == ["p2"]
    assert ids(library_entries(papers, stored, view=LibraryView.MISSING)) == ["p3"]
    assert ids(library_entries(papers, stored, "routes")) == ["p1"]  # the TL;DR is searched
    assert ids(library_entries(papers, stored, "again", LibraryView.MISSING)) == ["p3"]
    table = library_html(library_entries(papers, stored))
    assert table.count("<tr data-paper=") == 2 and "low support 40%" in table
    assert "support 100%" in table and "2023-05-01" in table
    assert "No summaries match" in library_html([])
    count = library_count(papers, stored, 2)
    assert "2 shown · 2 of 3 papers summarized · 1 with low support" in count


def test_progress_bar_shows_where_a_run_stands() -> None:
    assert 'data-status="idle"' in progress_html(RunProgress())
    running = progress_html(RunProgress(40, 160, 30, RunStatus.RUNNING))
    assert 'style="width: 25.0%"' in running and 'aria-valuenow="40"' in running
    assert "40 of 160 papers summarized (30 this run) · running" in running
    assert "stopped; start again to resume" in progress_html(RunProgress(41, 160, 31, "stopped"))
    failed = progress_html(RunProgress(0, 0, 0, RunStatus.FAILED, "another run is writing x"))
    assert "failed: another run is writing x" in failed
