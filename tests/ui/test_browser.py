"""End to end in a real Chromium (Debian's /usr/bin/chromium driven by Playwright).

Every step waits for the state it needs (a row count, a label, an attribute) for up to WAIT_MS,
never for a fixed time: the suite has to pass on a busy 2-core machine.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from assistant import Assistant
from assistant.citations import split_sentences
from assistant.filters import Filters
from assistant.summary_store import latest_by_paper, read_summaries
from assistant.ui.library import paper_rows
from assistant.ui.render import LOW_SUPPORT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
WAIT_MS = 90_000  # generous: a loaded machine can be slow to run a callback and re-render
PLANTED = {
    "title": 'Zanzibar Planted Paper <img src=x onerror="window.__xss=4"> **not bold**',
    "authors": ["Eve Mallory"],
    "published": "2024-04-01",
    "abstract": (
        "Zanzibar tokens are planted here to test escaping. "
        '<script>window.__xss=1</script> We test <img src=x onerror="window.__xss=2"> '
        "rendering as text in zanzibar abstracts. Templates like ${window.__xss=3} "
        "stay inert in zanzibar abstracts too. And [links](javascript:alert(1)) stay inert."
    ),
}
LIBRARY_BIB = """@inproceedings{quagga2024,
  title = {Quagga Routing for Sparse Expert Layers},
  author = {G\\"odel, Kurt and Noether, Emmy},
  booktitle = {Proceedings of ICML},
  year = {2024},
  doi = {10.5555/quagga.2024},
  eprint = {2401.09999},
  archiveprefix = {arXiv},
  abstract = {Quagga routing sends each token to two sparse experts chosen by a learned router.
    Quagga routing halves the training cost of sparse expert layers at equal quality.}
}
"""
QUAGGA = "Quagga Routing for Sparse Expert Layers"
LIST_QUESTION = "Which papers study mixture of experts?"
PARTIAL_QUESTION = (
    "Which search space is based on a parameterised probabilistic context-free grammar, "
    "and how many GPUs did it use?"
)


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(
            f"{why} (required under CI: apt-get install -y chromium; pip install playwright)"
        )
    pytest.skip(f"{why}; install it with apt-get install -y chromium to run browser tests")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing")
    expect.set_options(timeout=WAIT_MS)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def open_app(browser, url: str, hosts: set[str]):
    """A fresh page on the app (clipboard allowed), recording the host of every request."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.on(
        "request",
        lambda r: (
            hosts.add(urlsplit(r.url).netloc)
            if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
            else None
        ),
    )
    page.goto(url)
    page.locator("#pa-status").get_by_text("papers").wait_for()
    return page


def answers(page):
    """The checked answers in the transcript (not drafts)."""
    return page.locator("#pa-transcript .pa-turn .pa-a:not(.pa-draft)")


def ask(page, question: str, timeout: float = WAIT_MS) -> object:
    """Ask in the chat and wait for this question's checked answer; returns its turn."""
    from playwright.sync_api import expect

    before = answers(page).count()
    page.get_by_role("tab", name="Chat").click()
    page.locator("#pa-question textarea").fill(question)
    page.locator("#pa-ask").click()
    expect(answers(page)).to_have_count(before + 1, timeout=timeout)
    return page.locator("#pa-transcript .pa-turn").nth(before)


def box(page, name: str):
    """A filter box by its element id ("min-authors" on Papers, "chat-min-authors" on Chat)."""
    return page.locator(f"#pa-{name} input, #pa-{name} textarea").first


def set_box(page, name: str, value: str) -> None:
    """Type into a filter box and press Enter (dates apply on Enter or when the box is left)."""
    field = box(page, name)
    field.fill(value)
    field.press("Enter")


def search_papers(page, query: str, **boxes: str) -> None:
    """On the Papers tab, set filter boxes (min_authors="3") and type a search."""
    page.get_by_role("tab", name="Papers").click()
    for name, value in boxes.items():
        set_box(page, name.replace("_", "-"), value)
    page.locator("#pa-search textarea").fill(query)


def expect_matches(page, n: int) -> None:
    from playwright.sync_api import expect

    expect(page.locator("#pa-count")).to_have_text(
        re.compile(rf"^\s*{n} {'paper matches' if n == 1 else 'papers match'}\s*$")
    )


def title_cell(page, title: str):
    """The Papers table's cell showing this title."""
    return page.locator("#pa-papers").get_by_role("gridcell", name=title, exact=True)


@pytest.fixture
def paced(ui_assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    """Slow the fake model down so the page can be seen streaming."""
    monkeypatch.setattr(ui_assistant.generator, "delay", 0.15)


@pytest.fixture(scope="module")
def quagga(ui_assistant: Assistant, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A paper from a reference manager, with authors, venue, DOI and arXiv id."""
    path = tmp_path_factory.mktemp("bib") / "library.bib"
    path.write_text(LIBRARY_BIB)
    ui_assistant.ingest([path], progress=False)
    return QUAGGA


def test_chat_cites_shows_evidence_and_papers_filter(
    browser, ui_url, grounded, paced, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    hosts: set[str] = set()
    page = open_app(browser, ui_url, hosts)
    question, sentence, paper = grounded("Provable Advantage of Unsupervised")
    page.locator("#pa-question textarea").fill(question)
    page.locator("#pa-ask").click()
    # Tokens show up while being generated: read the draft in the same instant it is seen.
    partial = page.wait_for_function(
        "() => { const d = document.querySelector('#pa-transcript .pa-draft .pa-text');"
        " return d && d.textContent.trim() ? d.textContent : null; }"
    ).json_value()
    assert sentence.startswith(partial.strip()[:20])
    answer = answers(page)
    expect(answer).to_have_count(1)
    expect(page.locator("#pa-transcript .pa-draft")).to_have_count(0)  # replaced when checked
    expect(answer.locator(".pa-badge-ok")).to_have_text("support 100%")

    cite = answer.locator(".pa-text a.pa-cite").first
    expect(cite).to_have_text("[1]")
    card = page.locator("#pa-src-0-1")
    card.locator("summary").click()  # close the card, so the citation has to open it
    expect(card.locator(".pa-abstract")).to_be_hidden()
    cite.click()
    expect(card).to_have_class(re.compile(r"\bpa-active\b"))
    expect(card.locator(".pa-abstract")).to_be_visible()
    expect(card.locator(".pa-abstract")).to_contain_text(paper.abstract[:60])
    marks = card.locator("mark")
    expect(marks).not_to_have_count(0)
    stated = answer.locator(".pa-text").inner_text()
    for marked in marks.all_inner_texts():  # every sentence the answer cites, highlighted
        assert " ".join(marked.split()).rstrip(".") in " ".join(stated.split())
    expect(card).to_contain_text(paper.title)
    expect(card).to_contain_text(f"{paper.authors_count} authors")
    page.screenshot(path=str(screenshots / "chat.png"), full_page=True)

    search_papers(page, "unsupervised pretraining")
    row = title_cell(page, paper.title)
    expect(row).to_be_visible()
    search_papers(page, "unsupervised pretraining", min_authors=str(paper.authors_count + 1))
    expect(row).to_have_count(0)
    search_papers(page, "unsupervised pretraining", min_authors=str(paper.authors_count))
    expect(row).to_be_visible()
    row.click()
    expect(page.locator("#pa-paper")).to_contain_text(paper.abstract[:60])
    page.screenshot(path=str(screenshots / "papers.png"), full_page=True)
    assert hosts == {urlsplit(ui_url).netloc}, f"requests left the machine: {hosts}"


def test_empty_filters_mean_any_and_the_filter_line_clears_them(
    browser, ui_url, ui_assistant: Assistant, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    page = open_app(browser, ui_url, set())
    papers = ui_assistant.papers()
    page.get_by_role("tab", name="Papers").click()
    for name in ("from", "to", "min-authors", "max-authors", "author", "venue"):
        expect(box(page, name)).to_have_value("")  # empty, not 0
        expect(box(page, name)).to_have_attribute("placeholder", "any")
    expect(page.locator("#pa-filters")).to_have_text("All papers (no filters)")
    expect(page.locator("#pa-clear")).to_have_count(0)  # nothing to clear
    expect_matches(page, len(papers))  # empty boxes mean any

    set_box(page, "min-authors", "3")
    set_box(page, "from", "2023-01-01")
    expect(page.locator("#pa-filters")).to_have_text("Filters: since 2023-01-01, 3+ authors")
    expected = len(paper_rows(papers, "", Filters("2023-01-01", min_authors=3))[0])
    assert 0 < expected < len(papers)
    expect_matches(page, expected)
    page.screenshot(path=str(screenshots / "papers_filters.png"), full_page=True)

    set_box(page, "max-authors", "x")  # a bad value is shown under its box; the table stays
    error = page.locator("#pa-max-authors-error")
    expect(error).to_have_text("Max authors 'x' is not a whole number")
    expect(page.locator("#pa-filters")).to_contain_text("1 filter with a bad value not applied")
    expect_matches(page, expected)
    set_box(page, "max-authors", "2")
    expect(error).to_contain_text("more than max_authors 2")
    set_box(page, "to", "last week")
    expect(page.locator("#pa-to-error")).to_contain_text("'last week' is not a date")

    page.locator("#pa-clear").click()
    expect(page.locator("#pa-filters")).to_have_text("All papers (no filters)")
    expect_matches(page, len(papers))
    for name in ("from", "to", "min-authors", "max-authors"):
        expect(box(page, name)).to_have_value("")
        expect(page.locator(f"#pa-{name}-error")).to_have_text("")
    expect(page.locator("#pa-clear")).to_have_count(0)

    # The Chat tab's filters work the same way, and a bad one stops the question.
    page.get_by_role("tab", name="Chat").click()
    expect(page.locator("#pa-chat-filters")).to_have_text("All papers (no filters)")
    page.locator("#pa-chat-limits").get_by_text("Limit the papers searched").click()
    expect(box(page, "chat-min-authors")).to_have_value("")
    expect(box(page, "chat-min-authors")).to_have_attribute("placeholder", "any")
    set_box(page, "chat-min-authors", "3")
    expect(page.locator("#pa-chat-filters")).to_have_text("Filters: 3+ authors")
    set_box(page, "chat-from", "soon")
    expect(page.locator("#pa-chat-from-error")).to_contain_text("'soon' is not a date")
    page.locator("#pa-question textarea").fill(LIST_QUESTION)
    page.locator("#pa-ask").click()
    expect(page.get_by_text("nothing was asked").first).to_be_visible()  # a warning, and
    assert answers(page).count() == 0  # no question went out
    page.locator("#pa-chat-clear").click()
    expect(page.locator("#pa-chat-filters")).to_have_text("All papers (no filters)")
    expect(box(page, "chat-from")).to_have_value("")
    expect(page.locator("#pa-chat-from-error")).to_have_text("")


def test_answer_states_copy_as_markdown_and_download_bib(
    browser, ui_url, ui_assistant: Assistant, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    ui_assistant.generator.replies.clear()
    page = open_app(browser, ui_url, set())
    listed = ask(page, LIST_QUESTION).locator(".pa-a")
    expect(listed).to_have_attribute("data-mode", "list")
    expect(listed.locator(".pa-tiers")).to_contain_text(re.compile(r"\d+ sure match"))
    expect(listed.locator(".pa-refs:not(.pa-refs-weak) li")).not_to_have_count(0)
    expect(listed.locator(".pa-refs-weak li")).not_to_have_count(0)  # weaker matches, apart
    page.screenshot(path=str(screenshots / "chat_list.png"), full_page=True)

    page.get_by_role("button", name="New conversation").click()  # no follow-up rewriting
    expect(answers(page)).to_have_count(0)
    turn = ask(page, PARTIAL_QUESTION)
    partial = turn.locator(".pa-a")
    expect(partial).to_have_class(re.compile(r"\bpa-partial\b"))
    expect(partial.locator(".pa-badge-partial")).to_have_text("partial answer")
    expect(partial.locator(".pa-answered li")).to_contain_text(["Which search space"])
    expect(partial.locator(".pa-missing li")).to_have_text(["how many GPUs did it use"])
    expect(partial.locator(".pa-text")).to_contain_text("The abstract does not give")
    page.screenshot(path=str(screenshots / "chat_partial.png"), full_page=True)

    # Copy as Markdown puts the answer and its numbered references on the clipboard.
    shown = partial.locator("pre.pa-md")
    expected = shown.text_content()
    assert "**References**" in expected and "\\[1\\] einspace" in expected
    copy = partial.locator("button.pa-copy")
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == expected
    with page.expect_download() as download:
        partial.locator("a.pa-bib").click()
    assert download.value.suggested_filename == "answer-1.bib"
    bib = Path(download.value.path()).read_text()
    assert bib.startswith("@") and "einspace" in bib and "title = {" in bib
    with page.expect_download() as download:
        partial.locator("a.pa-md-file").click()
    assert Path(download.value.path()).read_text() == expected
    partial.locator(".pa-md-view summary").click()
    expect(shown).to_be_visible()
    shown.scroll_into_view_if_needed()
    turn.screenshot(path=str(screenshots / "answer_markdown.png"))

    gone = ask(page, "What top-1 ImageNet accuracy did AlexNet achieve?").locator(".pa-a")
    expect(gone).to_have_class(re.compile(r"\bpa-abstained\b"))
    expect(gone.locator(".pa-reason")).to_have_attribute("data-reason", "unknown-name")
    expect(gone.locator(".pa-reason")).to_contain_text("mentions a name the question uses")


def test_paper_view_links_and_ask_about_this_paper(
    browser, ui_url, ui_assistant: Assistant, quagga: str, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    page = open_app(browser, ui_url, set())
    search_papers(page, "quagga", author="noether", venue="icml")
    expect_matches(page, 1)
    row = title_cell(page, quagga)
    expect(row).to_be_visible()
    table = page.locator("#pa-papers")
    expect(table).to_contain_text("2: Kurt Gödel and Emmy Noether")
    expect(table).to_contain_text("Proceedings of ICML")
    expect(table).to_contain_text("library.bib")
    assert "quagga2024" not in table.inner_text() and "title:" not in table.inner_text()  # no ids
    row.click()
    view = page.locator("#pa-paper")
    expect(view.locator("h3")).to_have_text(quagga)
    expect(view.locator("a.pa-link", has_text="arXiv:2401.09999")).to_have_attribute(
        "href", "https://arxiv.org/abs/2401.09999"
    )
    expect(view.locator("a.pa-link", has_text="doi:")).to_have_attribute(
        "href", "https://doi.org/10.5555/quagga.2024"
    )
    expect(view).to_contain_text("key quagga2024")
    expect(page.locator("#pa-paper-summary")).to_contain_text("Not summarized yet")
    page.screenshot(path=str(screenshots / "paper_view.png"), full_page=True)

    page.locator("#pa-ask-paper").click()  # the question is written and the Chat tab opens
    question = page.locator("#pa-question textarea")
    expect(question).to_have_value(f'What does the paper "{quagga}" find?')
    expect(page.get_by_role("tab", name="Chat")).to_have_attribute("aria-selected", "true")
    ui_assistant.generator.replies.clear()
    before = answers(page).count()
    page.locator("#pa-ask").click()
    expect(answers(page)).to_have_count(before + 1)
    refs = answers(page).last.locator(".pa-refs li").filter(has_text=quagga)
    expect(refs.locator("a.pa-link", has_text="arXiv")).to_have_attribute(
        "href", "https://arxiv.org/abs/2401.09999"
    )

    # A reference with no arXiv id or DOI links to its paper view.
    turn = ask(page, LIST_QUESTION)
    first = turn.locator(".pa-refs li").first
    title = first.inner_text().split("] ", 1)[1].rsplit(" paper view", 1)[0].strip()
    first.locator("a.pa-open").click()
    expect(page.get_by_role("tab", name="Papers")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#pa-paper h3")).to_have_text(title)


def test_summaries_library_runs_with_progress_stops_searches_and_exports(
    browser, ui_url, ui_assistant: Assistant, monkeypatch: pytest.MonkeyPatch, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    path = ui_assistant.settings.summaries_path()
    already = latest_by_paper(read_summaries(path))
    todo = [p for p in ui_assistant.papers() if p.paper_id not in already]
    # The first two papers the run takes get summaries that quote their abstracts (supported);
    # the rest get none from the model (low support). One summary every 0.3 s: visible progress.
    generator = ui_assistant.generator
    generator.replies.clear()
    generator.enqueue([f"TL;DR: {split_sentences(p.abstract)[0]}" for p in todo[:2]])
    monkeypatch.setattr(generator, "delay", 0.3)

    page = open_app(browser, ui_url, set())
    page.get_by_role("tab", name="Summaries").click()
    bar = page.locator("#pa-progress .pa-progress")
    expect(bar).to_have_attribute("data-status", "idle")
    page.locator("#pa-run").click()
    expect(bar).to_have_attribute("data-status", "running")
    start = len(already)
    page.wait_for_function(
        f"() => +document.querySelector('#pa-progress .pa-progress').dataset.done >= {start + 8}",
        timeout=WAIT_MS,
    )
    expect(bar).to_have_attribute("data-status", "running")
    expect(bar.locator(".pa-fill")).not_to_have_attribute("style", "width: 0.0%")
    expect(page.locator("#pa-library tbody tr")).not_to_have_count(0)
    page.screenshot(path=str(screenshots / "summaries_running.png"), full_page=True)

    page.locator("#pa-stop").click()
    expect(bar).to_have_attribute("data-status", "stopped")
    done = int(bar.get_attribute("data-done"))
    total = int(bar.get_attribute("data-total"))
    assert start + 8 <= done < total
    kept = latest_by_paper(read_summaries(path))
    assert len(kept) >= done and todo[0].paper_id in kept  # what was written stays
    expect(page.locator("#pa-progress")).to_contain_text(f"{done} of {total} papers summarized")

    search = page.locator("#pa-lib-search textarea")
    search.fill(todo[0].title)
    rows = page.locator("#pa-library tbody tr")
    expect(rows.locator(".pa-lib-title")).to_have_text([todo[0].title])
    expect(rows.locator(".pa-badge-ok")).to_have_count(1)  # it quoted its abstract
    search.fill("")
    expect(rows).not_to_have_count(1)  # the search is cleared before the view is picked
    page.locator("#pa-lib-view").get_by_text("Low support").click()
    ids = {p.paper_id for p in ui_assistant.papers()}
    low = sum(s.support < LOW_SUPPORT for pid, s in kept.items() if pid in ids)
    expect(page.locator("#pa-lib-count")).to_contain_text(re.compile(rf"(^|\s){low} shown"))
    expect(rows).to_have_count(low)
    # The row whose title cell is that paper's (not any row whose text holds it).
    first = page.locator(
        ".pa-lib-title", has_text=re.compile(rf"^\s*{re.escape(todo[0].title)}\s*$")
    )
    expect(rows.filter(has=first)).to_have_count(0)
    expect(rows.locator(".pa-badge-low")).not_to_have_count(0)
    page.locator("#pa-lib-view").get_by_text("Not yet summarized").click()
    expect(rows).to_have_count(total - done)
    expect(rows.filter(has=first)).to_have_count(0)

    for button, name, head in (
        ("#pa-export-md", "paper-summaries.md", "# Paper summaries"),
        ("#pa-export-csv", "paper-summaries.csv", "paper_id,title,published,tldr"),
    ):
        page.locator(button).click()
        link = page.locator(f'#pa-export a[href$="/{name}"]')  # this export's file, once there
        expect(link).to_be_visible()
        with page.expect_download() as download:
            link.click()
        text = Path(download.value.path()).read_text()
        assert text.startswith(head) and todo[0].title in text

    page.locator("#pa-run").click()  # resume: the run carries on from the same file
    page.wait_for_function(
        f"() => +document.querySelector('#pa-progress .pa-progress').dataset.done > {done}",
        timeout=WAIT_MS,
    )
    page.locator("#pa-stop").click()
    expect(bar).to_have_attribute("data-status", "stopped")
    generator.replies.clear()


def test_planted_abstract_is_text_and_runs_nothing(
    browser, ui_url, ui_assistant, tmp_path: Path, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    upload = tmp_path / "planted.jsonl"
    upload.write_text(json.dumps(PLANTED) + "\n")
    hosts: set[str] = set()
    page = open_app(browser, ui_url, hosts)
    page.get_by_role("tab", name="Add abstracts").click()
    page.locator("#pa-files input[type=file]").set_input_files(str(upload))
    expect(page.locator("#pa-files")).to_contain_text("planted")  # name, then ".jsonl"
    page.locator("#pa-add").click()
    expect(page.locator("#pa-add-result")).to_contain_text("1 added")
    # The reader keeps a title's text and drops its tags; the rest is shown as written.
    title = next(p.title for p in ui_assistant.papers() if p.title.startswith("Zanzibar"))
    assert "**not bold**" in title

    # The model repeats the markup; whether its sentence survives the check or the answer
    # falls back to quoting the abstract, the planted paper is cited and shown.
    evil = next(s for s in split_sentences(PLANTED["abstract"]) if "<script>" in s)
    ui_assistant.generator.replies.clear()
    ui_assistant.generator.enqueue([evil.rstrip(".") + " [1]."])
    # Worded close to the planted abstract: the fake embedder scores by shared words.
    turn = ask(
        page,
        "Why are zanzibar tokens planted here to test escaping, with a script, an img "
        "onerror and templates rendering as text in zanzibar abstracts?",
    )
    planted_ref = turn.locator(".pa-refs li").filter(has_text=title)
    expect(planted_ref).to_have_count(1)
    planted_ref.locator("a.pa-cite").click()
    card = page.locator(".pa-src.pa-active")
    expect(card).to_contain_text(title)
    expect(card.locator(".pa-abstract")).to_contain_text("<script>window.__xss=1</script>")
    expect(card.locator(".pa-abstract")).to_contain_text('<img src=x onerror="window.__xss=2">')
    expect(card.locator(".pa-abstract")).to_contain_text("${window.__xss=3}")
    expect(card.locator("mark")).not_to_have_count(0)
    expect(turn.locator("pre.pa-md")).to_contain_text("${window.__xss=3}")  # inert there too
    page.screenshot(path=str(screenshots / "xss_chat.png"), full_page=True)

    # Wait for the search to apply (one row), not for a fixed time: a busy machine is slow.
    search_papers(page, "zanzibar")
    expect_matches(page, 1)
    row = title_cell(page, title)
    expect(row).to_be_visible()
    row.click()
    expect(page.locator("#pa-paper")).to_contain_text("<script>window.__xss=1</script>")
    expect(page.locator("#pa-paper h3")).to_have_text(title)
    page.screenshot(path=str(screenshots / "xss_papers.png"), full_page=True)

    expect(page.locator("#pa-paper")).to_contain_text("[links](javascript:alert(1))")
    for where in ("#pa-transcript", "#pa-sources", "#pa-paper", "#pa-papers"):
        assert page.locator(f"{where} img, {where} script, {where} strong").count() == 0, where
        assert page.locator(f"{where} a[href^='javascript']").count() == 0, where
    assert page.evaluate("() => window.__xss") is None
    assert hosts == {urlsplit(ui_url).netloc}


@pytest.mark.slow
def test_real_models_answer_with_citations(
    browser, real_assistant: Assistant, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    from tests.ui.conftest import start

    real_assistant.ensure_corpus(progress=False)
    demo, url = start(real_assistant)
    try:
        page = open_app(browser, url, set())
        ask(page, "What is the provable advantage of unsupervised pretraining?", timeout=600_000)
        answer = page.locator("#pa-transcript .pa-a").last
        cite = answer.locator(".pa-text a.pa-cite").first
        expect(cite).to_be_visible()
        cite.click()
        card = page.locator(".pa-src.pa-active")
        expect(card.locator("mark").first).to_be_visible()
        expect(page.locator("#pa-status")).to_contain_text("SmolLM2")
        page.screenshot(path=str(screenshots / "chat_real.png"), full_page=True)
    finally:
        demo.close()
