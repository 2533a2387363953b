"""Answers and papers out of the assistant: Markdown with references, BibTeX, CSV. Pure functions.

answer_markdown(answer, papers)  -> the answer, then "[1] Title. Authors. Venue, Year. link"
bibtex_entries(papers)            -> one @type{key, ...} per paper, keys stable across runs
papers_csv(papers)                -> a CSV table of the papers' metadata

The BibTeX written here reads back (with bibtexparser, and with sources.bibtex) as the same
papers: the same title, abstract, authors, date, venue, DOI, arXiv id, URL and key.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from .sources.daily_papers import MONTHS
from .sources.latex import latex_escape
from .sources.library import EXTRA_FIELDS
from .types import Answer, Paper

AUTHORS_SHOWN = 3  # a reference lists this many names, then "et al."
# The container field of each entry type; others put the venue in `howpublished`.
VENUE_FIELD = {
    "article": "journal",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "inbook": "booktitle",
    "conference": "booktitle",
}
# Words a title key skips: "On the Provable Advantage ..." -> "provable".
STOPWORDS = frozenset(
    {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "from", "by", "at", "as"}
    | {"is", "are", "be", "via", "towards", "toward", "how", "what", "why", "when", "do"}
    | {"does", "can", "we", "our"}
)
# A name that is an organisation, not a person: braced, so BibTeX does not split it.
_GROUP = re.compile(
    r"\b(team|group|consortium|collaboration|lab|laboratory|institute|project|inc|"
    r"foundation|committee|association|university|openai|deepmind)\b",
    re.IGNORECASE,
)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


# -- Markdown -------------------------------------------------------------------------------------
def _md(text: str) -> str:
    """Text that Markdown shows as it is: "a *b* [c]" -> r"a \\*b\\* \\[c\\]"."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def author_line(paper: Paper) -> str:
    """The authors as a reference shows them.

    ("Ashish Vaswani", "Noam Shazeer") -> "Ashish Vaswani and Noam Shazeer";
    five names -> "A, B, C, et al.";  no names, authors_count 4 -> "4 authors" (1 -> "1 author")
    """
    names = list(paper.authors)
    if not names:
        count = paper.authors_count
        return f"{count} author{'s' if count != 1 else ''}" if count else ""
    more = paper.metadata.get("more_authors") or len(names) > AUTHORS_SHOWN
    if not more:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return ", ".join(names[:AUTHORS_SHOWN]) + ", et al."


def links(paper: Paper) -> list[tuple[str, str]]:
    """(label, URL) for a paper: its DOI, its arXiv page, else its URL."""
    found = []
    if paper.doi and not paper.doi.startswith("10.48550/"):  # arXiv's DOI: the arXiv link says it
        found.append((f"doi:{paper.doi}", f"https://doi.org/{paper.doi}"))
    if paper.arxiv_id:
        found.append((f"arXiv:{paper.arxiv_id}", f"https://arxiv.org/abs/{paper.arxiv_id}"))
    if not found and paper.url:
        found.append((paper.url, paper.url))
    return found


def reference(paper: Paper) -> str:
    """One reference in Markdown: title, authors, venue and year, links.

    -> 'Attention Is All You Need. Ashish Vaswani, Noam Shazeer, Niki Parmar, et al.
        *Advances in Neural Information Processing Systems*, 2017.
        [arXiv:1706.03762](https://arxiv.org/abs/1706.03762)'  (on one line)
    """
    parts = [_md(paper.title.rstrip(".")) + "."]
    if authors := author_line(paper):
        parts.append(_md(authors).rstrip(".") + ".")
    where = ", ".join(
        x for x in (paper.venue and f"*{_md(paper.venue)}*", paper.year and str(paper.year)) if x
    )
    if where:
        parts.append(where + ".")
    parts.extend(f"[{_md(label)}]({url})" for label, url in links(paper))
    return " ".join(parts)


def answer_markdown(answer: Answer, papers: dict[str, Paper]) -> str:
    """The answer's text, then its numbered references, one paragraph each.

    A cited paper missing from `papers` is still listed, by the title the citation carries.
    """
    out = [answer.text.strip()]
    cited = sorted(
        answer.citations,
        key=lambda c: (not c.key.isdigit(), int(c.key) if c.key.isdigit() else 0, c.key),
    )
    seen: set[str] = set()
    lines = []
    for citation in cited:
        if citation.key in seen:
            continue
        seen.add(citation.key)
        paper = papers.get(citation.paper_id)
        shown = reference(paper) if paper else f"{_md(citation.title)}. ({citation.paper_id})"
        lines.append(f"\\[{citation.key}\\] {shown}")
    if lines:
        out.append("**References**")
        out.extend(lines)
    return "\n\n".join(out) + "\n"


# -- BibTeX ---------------------------------------------------------------------------------------
def ascii_word(text: str) -> str:
    """Lowercase ASCII letters and digits of `text`: "Gödel" -> "godel"; "Ścibior" -> "scibior"."""
    folded = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", folded.encode("ascii", "ignore").decode().lower())


def is_group(name: str) -> bool:
    """Whether an author name is an organisation: "Gemini Team", "OpenAI"; not "Ada Lovelace"."""
    return bool(_GROUP.search(name)) or " and " in name


def last_name(name: str) -> str:
    """The family name a key starts with: "Ashish Vaswani" -> "Vaswani";
    "Martin L. King Jr." -> "King";  "Gemini Team" -> "Gemini"."""
    words = name.split()
    if not words:
        return ""
    if is_group(name):
        return words[0]
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    return words[-1]


def key_for(paper: Paper) -> str:
    """A deterministic citation key, Google Scholar's way: last name, year, first title word.

    Vaswani 2017 "Attention Is All You Need" -> "vaswani2017attention";
    no authors, "On the Provable Advantage ...", 2023 -> "provable2023"
    """
    words = [ascii_word(w) for w in re.split(r"[\s\-:/]+", paper.title)]
    word = next((w for w in words if w and w not in STOPWORDS), "") or next(
        (w for w in words if w), ""
    )
    year = str(paper.year or "")
    author = ascii_word(last_name(paper.authors[0])) if paper.authors else ""
    key = f"{author}{year}{word}" if author else f"{word}{year}"
    return key or "paper"


def _suffixes() -> Iterator[str]:
    """ "", "a", "b", ..., "z", "aa", "ab", ...: what makes a taken key distinct."""
    yield ""
    letters = "abcdefghijklmnopqrstuvwxyz"
    yield from letters
    for first in letters:
        for second in letters:
            yield first + second


def citation_keys(papers: Sequence[Paper]) -> list[str]:
    """One distinct key per paper: its own citation_key (first use wins), else key_for with
    a/b/... suffixes. Keys compare case-insensitively, as BibTeX does."""
    taken: set[str] = set()
    keys: list[str | None] = []
    for paper in papers:
        own = paper.citation_key
        if own and own.lower() not in taken:
            taken.add(own.lower())
            keys.append(own)
        else:
            keys.append(None)
    out = []
    for paper, key in zip(papers, keys, strict=True):
        if key is None:
            base = key_for(paper) if not paper.citation_key else paper.citation_key
            key = next(base + s for s in _suffixes() if (base + s).lower() not in taken)
            taken.add(key.lower())
        out.append(key)
    return out


def entry_type(paper: Paper) -> str:
    """The entry type: the one the paper was read with, else guessed from its venue."""
    kind = str(paper.metadata.get("entry_type") or "")
    if re.fullmatch(r"[a-z]+", kind):
        return kind
    venue = (paper.venue or "").lower()
    if not venue or "arxiv" in venue:
        return "misc"
    if re.search(r"proceedings|conference|workshop|symposium", venue):
        return "inproceedings"
    return "article"


def _name(name: str) -> str:
    escaped = latex_escape(name)
    return f"{{{escaped}}}" if is_group(name) else escaped


def entry_fields(paper: Paper) -> list[tuple[str, str]]:
    """(field, value as written in the .bib) of one paper, in a conventional order; a value
    written bare (a month macro) is marked by having no braces."""
    fields: list[tuple[str, str]] = [
        ("title", "{" + latex_escape(paper.title, protect_capitals=True) + "}")
    ]
    names = [_name(n) for n in paper.authors]
    if paper.metadata.get("more_authors"):
        names.append("others")
    if names:
        fields.append(("author", "{" + " and ".join(names) + "}"))
    if paper.venue:
        field = VENUE_FIELD.get(entry_type(paper), "howpublished")
        fields.append((field, "{" + latex_escape(paper.venue) + "}"))
    if paper.year:
        fields.append(("year", f"{{{paper.year}}}"))
    month = int(paper.published[5:7]) if paper.published else paper.metadata.get("month")
    if isinstance(month, int) and 1 <= month <= 12:
        fields.append(("month", MONTHS[month - 1][:3]))
    if paper.published:
        fields.append(("date", f"{{{paper.published}}}"))
    for name in EXTRA_FIELDS:
        value = paper.metadata.get(name)
        if isinstance(value, str) and value and name != "primaryclass":
            fields.append((name, "{" + latex_escape(value) + "}"))
    if paper.doi:
        fields.append(("doi", f"{{{paper.doi}}}"))
    if paper.arxiv_id:
        fields.append(("eprint", f"{{{paper.arxiv_id}}}"))
        fields.append(("archiveprefix", "{arXiv}"))
        if isinstance(paper.metadata.get("primaryclass"), str):
            fields.append(
                ("primaryclass", "{" + latex_escape(paper.metadata["primaryclass"]) + "}")
            )
    if paper.url:
        fields.append(("url", "{" + paper.url.replace("{", "%7B").replace("}", "%7D") + "}"))
    if not paper.metadata.get("abstract_missing"):
        fields.append(("abstract", "{" + latex_escape(paper.abstract) + "}"))
    return fields


def bibtex_entry(paper: Paper, key: str) -> str:
    """One paper as a BibTeX entry under `key`."""
    body = ",\n".join(f"  {name} = {value}" for name, value in entry_fields(paper))
    return f"@{entry_type(paper)}{{{key},\n{body}\n}}\n"


def bibtex_entries(papers: Sequence[Paper]) -> str:
    """The papers as a .bib file: one entry each, in order, keys from `citation_keys`."""
    papers = list(papers)
    keys = citation_keys(papers)
    return "\n".join(bibtex_entry(p, k) for p, k in zip(papers, keys, strict=True))


# -- CSV ------------------------------------------------------------------------------------------
CSV_COLUMNS = (
    "paper_id",
    "title",
    "authors",
    "year",
    "published",
    "venue",
    "doi",
    "arxiv_id",
    "url",
    "citation_key",
    "authors_count",
    "upvotes",
    "source_file",
    "abstract",
)


def papers_csv(papers: Iterable[Paper]) -> str:
    """The papers as CSV, one row each under a header of CSV_COLUMNS; authors joined by "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for paper in papers:
        row = {name: getattr(paper, name) for name in CSV_COLUMNS}
        row["authors"] = "; ".join(paper.authors)
        writer.writerow("" if row[c] is None else row[c] for c in CSV_COLUMNS)
    return out.getvalue()
