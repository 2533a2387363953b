"""End to end in a real Chromium (Debian's /usr/bin/chromium driven by Playwright)."""

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
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


def open_app(browser, url: str, hosts: set[str]):
    """A fresh page on the app, recording the host of every request it makes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
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


def ask(page, question: str, timeout: float = 30_000) -> None:
    page.locator("#pa-question textarea").fill(question)
    page.locator("#pa-ask").click()
    page.locator("#pa-transcript .pa-turn .pa-a:not(.pa-draft)").last.wait_for(timeout=timeout)


def search_papers(page, query: str, least: str = "") -> None:
    page.get_by_role("tab", name="Papers").click()
    page.locator("#pa-min-authors input").fill(least)
    page.locator("#pa-search textarea").fill(query)
    page.locator("#pa-search textarea").press("Enter")


def title_cell(page, title: str):
    """The Papers table's cell showing this title."""
    return page.locator("#pa-papers").get_by_role("gridcell", name=title, exact=True)


@pytest.fixture
def paced(ui_assistant: Assistant, monkeypatch: pytest.MonkeyPatch) -> None:
    """Slow the fake model down so the page can be seen streaming."""
    monkeypatch.setattr(ui_assistant.generator, "delay", 0.08)


def test_chat_cites_shows_evidence_and_papers_filter(
    browser, ui_url, grounded, paced, screenshots: Path
) -> None:
    from playwright.sync_api import expect

    hosts: set[str] = set()
    page = open_app(browser, ui_url, hosts)
    question, sentence, paper = grounded("Provable Advantage of Unsupervised")
    page.locator("#pa-question textarea").fill(question)
    page.locator("#pa-ask").click()
    draft = page.locator("#pa-transcript .pa-draft .pa-text")
    expect(draft).not_to_be_empty(timeout=20_000)  # tokens show up while being generated
    partial = draft.inner_text()
    assert partial and sentence.startswith(partial.strip()[:20])
    answer = page.locator("#pa-transcript .pa-a.pa-generated")
    expect(answer).to_be_visible(timeout=30_000)
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
    expect(card.locator("mark")).to_have_text(sentence)
    expect(card).to_contain_text(paper.title)
    expect(card).to_contain_text(f"{paper.authors_count} authors")
    page.screenshot(path=str(screenshots / "chat.png"), full_page=True)

    search_papers(page, "unsupervised pretraining")
    count = page.locator("#pa-count")
    expect(count).to_have_text(re.compile(r"^\s*\d{1,2} papers? match(es)?\s*$"))
    row = title_cell(page, paper.title)
    expect(row).to_be_visible()
    search_papers(page, "unsupervised pretraining", least=str(paper.authors_count + 1))
    expect(row).to_have_count(0)
    search_papers(page, "unsupervised pretraining", least=str(paper.authors_count))
    expect(row).to_be_visible()
    row.click()
    expect(page.locator("#pa-paper")).to_contain_text(paper.abstract[:60])
    page.screenshot(path=str(screenshots / "papers.png"), full_page=True)
    assert hosts == {urlsplit(ui_url).netloc}, f"requests left the machine: {hosts}"


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
    expect(page.locator("#pa-add-result")).to_contain_text("1 added", timeout=30_000)

    # The model repeats the markup; whether its sentence survives the check or the answer
    # falls back to quoting the abstract, the planted paper is cited and shown.
    evil = next(s for s in split_sentences(PLANTED["abstract"]) if "<script>" in s)
    ui_assistant.generator.replies.clear()
    ui_assistant.generator.enqueue([evil.rstrip(".") + " [1]."])
    page.get_by_role("tab", name="Chat").click()
    # Worded close to the planted abstract: the fake embedder scores by shared words.
    ask(
        page,
        "Why are zanzibar tokens planted here to test escaping, with a script, an img "
        "onerror and templates rendering as text in zanzibar abstracts?",
    )
    answer = page.locator("#pa-transcript .pa-a").last
    planted_ref = answer.locator(".pa-refs li").filter(has_text=PLANTED["title"])
    expect(planted_ref).to_have_count(1)  # the title is shown as written, markup and all
    planted_ref.locator("a.pa-cite").click()
    card = page.locator(".pa-src.pa-active")
    expect(card).to_contain_text(PLANTED["title"])
    expect(card.locator(".pa-abstract")).to_contain_text("<script>window.__xss=1</script>")
    expect(card.locator(".pa-abstract")).to_contain_text('<img src=x onerror="window.__xss=2">')
    expect(card.locator(".pa-abstract")).to_contain_text("${window.__xss=3}")
    expect(card.locator("mark")).not_to_have_count(0)
    page.screenshot(path=str(screenshots / "xss_chat.png"), full_page=True)

    search_papers(page, "zanzibar")
    row = title_cell(page, PLANTED["title"])
    expect(row).to_be_visible()
    row.click()
    expect(page.locator("#pa-paper")).to_contain_text("<script>window.__xss=1</script>")
    expect(page.locator("#pa-paper h3")).to_have_text(PLANTED["title"])
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
        expect(card.locator("mark")).to_be_visible()
        expect(page.locator("#pa-status")).to_contain_text("SmolLM2")
        page.screenshot(path=str(screenshots / "chat_real.png"), full_page=True)
    finally:
        demo.close()
