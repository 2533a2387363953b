"""The UI's pure views: escaping, evidence highlighting, citation links, styling by support."""

from __future__ import annotations

import html
import re

import pytest

from assistant.errors import AssistantError
from assistant.filters import Filters
from assistant.types import Answer, Citation, Paper, Source, Summary
from assistant.ui import check_bind
from assistant.ui.render import (
    Turn,
    digest_html,
    esc,
    highlight,
    paper_html,
    paper_rows,
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
    ]
    for view in views:
        assert not visible_tags(view) & {"script", "img", "strong", "em", "h1", "code"}
        for link in re.findall(r"<a\b[^>]*>", view):  # the only links are our citations
            assert re.fullmatch(r'<a class="pa-cite" href="#pa-src-0-1" [^<>]*>', link)
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


def test_paper_rows_search_and_filters() -> None:
    papers = [
        PAPER,
        Paper("p2", "Dense Baselines", "Dense is fine.", 1, "2023-05-01", None, "b.csv"),
        Paper("p3", "Undated", "Sparse again.", None, None),
    ]
    assert paper_rows(papers) == [
        ["Sparse <b>Mixer</b>", "2024-01-02", 3, "000_a.txt", "p1"],
        ["Dense Baselines", "2023-05-01", 1, "b.csv", "p2"],
        ["Undated", "", None, "", "p3"],
    ]
    ids = lambda rows: [r[-1] for r in rows]  # noqa: E731
    assert ids(paper_rows(papers, "SPARSE")) == ["p1", "p3"]
    assert ids(paper_rows(papers, "sparse experts")) == ["p1"]
    assert ids(paper_rows(papers, filters=Filters(published_after="2024-01-01"))) == ["p1"]
    assert ids(paper_rows(papers, filters=Filters(published_before="2023-12-31"))) == ["p2"]
    assert ids(paper_rows(papers, filters=Filters(min_authors=2))) == ["p1"]
    assert ids(paper_rows(papers, filters=Filters(max_authors=2))) == ["p2"]


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
