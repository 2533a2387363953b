"""Answers about the listing: author counts and dates, over the whole catalog or over the papers
on a topic, each paper cited with the listing line and the sentence that shows its topic.

    parse_meta(question) -> MetaQuery (assistant/metaquery.py)
    topic ""  -> the catalog's papers; else the papers a list on the topic would name
    the rule  -> SQL over those papers (assistant/catalog.py)
    answer    -> the papers (or their count), cited; how many lack the field, said
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .answer import Context, abstain
from .catalog import Catalog, Row
from .citations import with_marker
from .intents import mentions, named_by_title, quoted_names
from .metaquery import DETAIL_FIELDS, MetaQuery
from .prompts import CANNOT_ANSWER_PHRASE
from .sources.daily_papers import MONTHS
from .structured import Match
from .types import Abstention, Answer, Citation, Mode, Paper

SHOWN = 15  # papers an answer lists by name; the rest are counted


def describe(row: Row, field: str) -> str:
    """A paper's listing detail in words.

    The field asked about comes first; the other is added when the listing gives it, so that
    "the oldest paper, and how many authors?" is answered in one line.

    >>> describe(Row("p", "T", 3, "2021-05-01", 2021), "authors")
    '3 authors, published 2021-05-01 (May 1, 2021)'
    >>> describe(Row("p", "T", 1, None, None), "authors"), describe(Row("p", "T", 3, "2021-05-01", 2021), "year")
    ('1 author', 'published 2021-05-01 (May 1, 2021), 3 authors')
    """
    authors = _counted(row.authors, "author")
    published = _dated(row.published)
    first, second = (authors, published) if field == "authors" else (published, authors)
    return ", ".join(part for part in (first, second) if part)


def _counted(n: int | None, noun: str) -> str:
    """ "3 authors", "1 upvote"; "" for no count.

    >>> _counted(3, "author"), _counted(1, "upvote"), _counted(None, "author")
    ('3 authors', '1 upvote', '')
    """
    return "" if n is None else f"{n} {noun}{'s' if n != 1 else ''}"


def _dated(published: str | None, day_without_year: str = "") -> str:
    """A listing date in words: "published 2021-05-01 (May 1, 2021)", or "listed under Mar 6 (the
    listing prints no year)" for a page that prints a day and no year; "" for no date.

    >>> _dated("2021-05-01"), _dated(None, "Mar 6"), _dated(None)
    ('published 2021-05-01 (May 1, 2021)', 'listed under Mar 6 (the listing prints no year)', '')
    """
    if day_without_year:
        return f"listed under {day_without_year} (the listing prints no year)"
    return f"published {published}{_as_listed(published)}" if published else ""


def _as_listed(published: str) -> str:
    """An ISO date as a Daily Papers page prints it ("Mar 6, 2024"), in brackets, so that a
    reader finds it on the page; "" for anything else.

    >>> _as_listed("2024-03-06"), _as_listed("2024")
    (' (Mar 6, 2024)', '')
    """
    day = _page_day(published)
    return f" ({day[0]}, {day[1]})" if day else ""


def _page_day(published: str) -> tuple[str, int] | None:
    """The month and day of an ISO date as a Daily Papers page prints them, and its year:
    ("Mar 6", 2024) for "2024-03-06"; None when it is no full date.

    >>> _page_day("2024-03-06"), _page_day("2024")
    (('Mar 6', 2024), None)
    """
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", published)
    if not match or not 1 <= int(match[2]) <= 12:
        return None
    return f"{MONTHS[int(match[2]) - 1][:3].capitalize()} {int(match[3])}", int(match[1])


def rule_words(query: MetaQuery) -> str:
    """The query's rule in words, for the answer's first line.

    >>> rule_words(MetaQuery("authors", ">", (10,))), rule_words(MetaQuery("year", "between", (2014, 2017)))
    ('more than 10 authors', 'published between 2014 and 2017')
    """
    v = query.values
    if query.field == "authors":
        return {
            "max": "the most authors",
            "min": "the fewest authors",
            "==": "a single author" if v and v[0] == 1 else f"exactly {v[0] if v else ''} authors",
            ">": f"more than {v[0] if v else ''} authors",
            ">=": f"at least {v[0] if v else ''} authors",
            "<": f"fewer than {v[0] if v else ''} authors",
            "<=": f"at most {v[0] if v else ''} authors",
        }.get(query.op, "an author count")
    low, high = (sorted(v[:2]) + [0, 0])[:2] if v else (0, 0)
    return {
        "max": "published most recently",
        "min": "published first",
        "==": f"published in {v[0] if v else ''}",
        "<": f"published before {v[0] if v else ''}",
        ">": f"published after {v[0] if v else ''}",
        "<=": f"published in {v[0] if v else ''} or earlier",
        ">=": f"published in {v[0] if v else ''} or later",
        "between": f"published between {low} and {high}",
        "month": f"published in {_month_name(v)}",
    }.get(query.op, "a date")


def _month_name(values: tuple[int, ...]) -> str:
    """ "February 2023" for (2023, 2)."""
    year, month = (tuple(values) + (0, 0))[:2]
    return f"{MONTHS[month - 1].capitalize()} {year}" if 1 <= month <= 12 else str(year)


def metadata_answer(
    context: Context,
    query: MetaQuery,
    catalog: Catalog,
    topic: Sequence[Match] | None,
) -> Answer:
    """The papers (or how many) that meet a listing rule, over the catalog or a topic's papers.

    `topic` is None for the whole listing; else the papers on the topic, best first.
    """
    if query.field in DETAIL_FIELDS:
        return _detail_answer(context, query, topic or [])
    field = "authors" if query.field == "authors" else "published"
    what = "author count" if field == "authors" else "date"
    ids = None if topic is None else [m.paper.paper_id for m in topic]
    if query.count and ids is not None:
        ids = ids[: query.count]
    if query.want == "value":
        return _value_answer(context, query, catalog, topic or [], field, what)
    if ids is not None and not ids:
        return abstain(context, Abstention.NO_MATCH, "No indexed abstract covers that topic.")
    found, lacking = catalog.query(query, ids)
    scope = "in the listing" if ids is None else "on the topic"
    total = catalog.count() if ids is None else len(ids)
    note = (
        f"The listing gives no {what} for {lacking} of the {total} papers {scope}."
        if lacking
        else ""
    )
    if ids is not None and lacking:
        rows = catalog.rows(ids)
        unknown = [rows[i].title for i in ids if i in rows and getattr(rows[i], field) is None]
        note = f"The listing gives no {what} for " + ", ".join(f'"{t}"' for t in unknown[:5])
        note += f" and {len(unknown) - 5} more." if len(unknown) > 5 else "."
    if not found:
        verb = "has" if field == "authors" else "was"
        text = f"{CANNOT_ANSWER_PHRASE} No paper {scope} {verb} {rule_words(query)}. {note}".strip()
        return Answer(
            context.question,
            text,
            [],
            context.sources,
            abstained=True,
            mode=Mode.ABSTAINED,
            reason=Abstention.METADATA_MISSING if lacking else Abstention.NO_MATCH,
        )
    sentences = {m.paper.paper_id: m.sentence for m in topic or []}
    shown = found[:SHOWN]
    lines, citations = [], []
    for key, row in enumerate(shown, start=1):
        line = f"{row.title}: {describe(row, field)} (from the listing)"
        sentence = sentences.get(row.paper_id, "")
        snippet = f"{line}." + (f" {sentence}" if sentence else "")
        citations.append(Citation(str(key), row.paper_id, row.title, snippet, 1.0))
        lines.append(with_marker(line, key))
    noun = "paper" if len(found) == 1 else "papers"
    one = len(found) == 1
    verb = ("has" if one else "have") if field == "authors" else ("was" if one else "were")
    head = f"{len(found)} {noun} {scope} {verb} {rule_words(query)}."
    if query.op in ("max", "min"):
        head = f"The {noun} {scope} with {rule_words(query)}."
        if query.field != "authors":
            head = f"The {noun} {scope} {rule_words(query)}."
    more = f"And {len(found) - SHOWN} more." if len(found) > SHOWN else ""
    text = "\n".join([head, *lines, *(x for x in (more, note) if x)])
    return Answer(
        context.question, text, citations, context.sources, support=1.0, mode=Mode.METADATA
    )


def _detail_answer(context: Context, query: MetaQuery, topic: Sequence[Match]) -> Answer:
    """One described paper's author names or venue, as its entry gives them, or what it lacks
    (a listing page gives author counts, not names)."""
    refused = _not_described(context, topic)
    if refused:
        return refused
    match = topic[0]
    paper = match.paper
    known, line = "", ""
    if query.field == "names":
        what, value = "author names", ", ".join(paper.authors)
        known = f" (only that it has {paper.authors_count} authors)" if paper.authors_count else ""
        line = f"{paper.title}: by {value}"
    elif query.field == "venue":
        what, value = "venue", paper.venue or ""
        line = f"{paper.title}: published in {value}"
    elif query.field == "organization":
        what, value = "organization", organization_name(paper.metadata.get("organization"))
        line = f"{paper.title}: credited to {value}"
        when = _entry_date(paper)  # the entry's other detail, as authors and dates go together
        line += f", {when}" if when else ""
    elif query.field == "upvotes":
        what = "upvote count"
        value = "" if paper.upvotes is None else str(paper.upvotes)
        line = f"{paper.title}: {_counted(paper.upvotes, 'upvote')}"
        # ... with the entry's other details: "how many upvotes and how many authors?"
        authors = _counted(paper.authors_count, "author")
        line += f", {authors}" if authors else ""
        when = _entry_date(paper)
        line += f", {when}" if when else ""
    else:  # no entry records affiliations, citation counts, funding or licenses
        what, value = (
            {
                "affiliations": "affiliations",
                "citations": "citation count",
                "funding": "funding",
                "license": "license",
            }[query.field],
            "",
        )
    if not value:
        return _lacking(context, what, paper.title, known)
    return _listed(context, paper.paper_id, paper.title, line, match.sentence)


def organization_name(line: object) -> str:
    """The name a listing's organization line shows: "CohereLabs Cohere Labs" gives its handle,
    then its name; the name alone is kept.

    >>> organization_name("CohereLabs Cohere Labs"), organization_name("deepmind Deepmind")
    ('Cohere Labs', 'Deepmind')
    >>> organization_name("Meta AI"), organization_name(None)
    ('Meta AI', '')
    """
    if not isinstance(line, str):
        return ""
    handle, _, name = line.strip().partition(" ")
    if name and handle.lower() == name.replace(" ", "").lower():
        return name.strip()
    return line.strip()


def _value_answer(
    context: Context,
    query: MetaQuery,
    catalog: Catalog,
    topic: Sequence[Match],
    field: str,
    what: str,
) -> Answer:
    """One described paper's author count or date, or what the listing lacks."""
    refused = _not_described(context, topic)
    if refused:
        return refused
    match = described(topic, context.question)
    row = catalog.rows([match.paper.paper_id]).get(match.paper.paper_id)
    day = _day_without_year(match.paper) if field == "published" else ""
    if row is not None and row.published is None and day:
        # The page prints "Mar 6" and no year: what it shows is the answer, the year unknown;
        # a question for the year itself is not answered by it.
        if _ASKS_YEAR.search(context.question):
            return _lacking(context, "year", row.title, f" (it is listed under {day})")
        authors = describe(row, "authors")
        line = f"{row.title}: {_dated(None, day)}"
        line += f", {authors}" if authors else ""
        return _listed(context, row.paper_id, row.title, line, match.sentence)
    if row is None or getattr(row, field) is None:
        return _lacking(context, what, match.paper.title)
    line = f"{row.title}: {describe(row, field)}"
    return _listed(context, row.paper_id, row.title, line, match.sentence)


_ASKS_YEAR = re.compile(r"\b(?:what|which)\s+year\b|\byear\s+of\s+publication\b", re.I)


def _entry_date(paper: Paper) -> str:
    """The date a paper's entry shows, in words (`_dated`); "" when it shows none, or only a
    year the reader inferred.

    >>> _entry_date(Paper("p", "T", ".", published="2025-10-01",
    ...                   metadata={"published_year_inferred": True}))
    'listed under Oct 1 (the listing prints no year)'
    >>> _entry_date(Paper("p", "T", ".", published="2023-05-01")), _entry_date(Paper("p", "T", "."))
    ('published 2023-05-01 (May 1, 2023)', '')
    """
    day = _day_without_year(paper)
    if paper.metadata.get("published_year_inferred") and not day:
        return ""
    return _dated(paper.published, day)


def _day_without_year(paper: Paper) -> str:
    """The month and day a listing shows for a paper whose year it does not print ("Mar 6");
    "" when it prints the year or no date.

    >>> _day_without_year(Paper("p", "T", ".", published="2025-03-06",
    ...                         metadata={"published_year_inferred": True}))
    'Mar 6'
    >>> _day_without_year(Paper("p", "T", ".", published="2023-03-06"))
    ''
    """
    if not paper.metadata.get("published_year_inferred") or not paper.published:
        return ""
    day = _page_day(paper.published)
    return day[0] if day else ""


def described(topic: Sequence[Match], question: str) -> Match:
    """The paper a question about one paper's field means: the first on the topic whose title
    names it before a colon ("Adam: A Method for ..." for "the Adam optimizer paper"), else the
    one that fits best.

    >>> from assistant.types import Paper, Source
    >>> def m(title): return Match(Source(title, title, 1.0), Paper(title, title, "."), ".", 0.5)
    >>> described([m("REX: Budgeted Training"), m("Adam: A Method")], "When was Adam posted?")
    ... # doctest: +ELLIPSIS
    Match(source=Source(paper_id='Adam: A Method', ...
    >>> described([m("REX: Budgeted Training"), m("Adam: A Method")], "When was it posted?")
    ... # doctest: +ELLIPSIS
    Match(source=Source(paper_id='REX: Budgeted Training', ...
    """
    return next((m for m in topic if named_by_title(question, m.paper.title)), topic[0])


def _not_described(context: Context, topic: Sequence[Match]) -> Answer | None:
    """The abstention when no paper fits the description, or when the closest one lacks a title
    the question quotes ("'Attention Is All You Need'"); None when topic[0] is the paper."""
    if not topic:
        return abstain(context, Abstention.NO_MATCH)
    text = f"{topic[0].paper.title}. {topic[0].paper.abstract}"
    absent = [n for n in quoted_names(context.question) if not mentions(n, text)]
    if absent:
        return abstain(context, Abstention.NO_MATCH, f'No paper in the listing is "{absent[0]}".')
    return None


def _lacking(context: Context, what: str, title: str, known: str = "") -> Answer:
    """The abstention that says the listing gives no `what` for a paper."""
    text = f'{CANNOT_ANSWER_PHRASE} The listing gives no {what} for "{title}"{known}.'
    return Answer(
        context.question,
        text,
        [],
        context.sources,
        abstained=True,
        mode=Mode.ABSTAINED,
        reason=Abstention.METADATA_MISSING,
    )


def _listed(context: Context, paper_id: str, title: str, line: str, sentence: str) -> Answer:
    """One paper's listing line, cited with the sentence that shows it is the paper described."""
    line += " (from the listing)"
    citation = Citation("1", paper_id, title, f"{line}. {sentence}", 1.0)
    return Answer(
        context.question,
        with_marker(line, 1),
        [citation],
        context.sources,
        support=1.0,
        mode=Mode.METADATA,
    )
