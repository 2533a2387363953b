"""Figures, ratios, goals and the Markdown/JSON report: pure functions, no timing, no models."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.evaluation import metrics


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), as the eval computes it; a bench always has samples.

    >>> percentile([1, 2, 3, 4], 50), percentile([1, 2, 3, 4], 100), percentile([5], 95)
    (2.5, 4, 5)
    """
    value = metrics.percentile(values, q)
    if value is None:
        raise ValueError("percentile of no values")
    return value


def ratio(value: float | None, baseline: float | None) -> float | None:
    """value / baseline, or None when either is missing or the baseline is zero.

    >>> ratio(3.0, 2.0), ratio(1.0, 0.0), ratio(None, 2.0)
    (1.5, None, None)
    """
    if value is None or baseline is None or baseline == 0:
        return None
    return value / baseline


@dataclass(frozen=True)
class Goal:
    """A target on a figure's value or on its ratio to the baseline: `ratio <= 1.2`, `value <= 1`."""

    on: str  # "value" or "ratio"
    op: str  # "<=" or ">="
    limit: float

    def met(self, value: float | None, ratio_: float | None) -> bool | None:
        """Whether the goal holds; None when the number it is about was not measured.

        >>> Goal("ratio", "<=", 1.2).met(9.0, 1.1), Goal("value", ">=", 0.8).met(0.5, None)
        (True, False)
        """
        x = ratio_ if self.on == "ratio" else value
        if x is None:
            return None
        return x <= self.limit if self.op == "<=" else x >= self.limit

    def text(self, unit: str) -> str:
        """How the goal reads in the table.

        >>> Goal("ratio", "<=", 1.2).text("s"), Goal("value", "<=", 50).text("ms")
        ('<= 1.2x', '<= 50 ms')
        """
        if self.on == "ratio":
            return f"{self.op} {self.limit:g}x"
        return f"{self.op} {self.limit:g} {unit}".rstrip()


@dataclass
class Figure:
    """One measured number, its same-run baseline, and the goal it is held to."""

    name: str
    value: float | None
    unit: str = ""
    baseline: float | None = None
    baseline_name: str = ""
    goal: Goal | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # JSON only: raw samples, counts

    @property
    def ratio(self) -> float | None:
        return ratio(self.value, self.baseline)

    @property
    def met(self) -> bool | None:
        return self.goal.met(self.value, self.ratio) if self.goal else None


def fmt(x: float | None, unit: str = "") -> str:
    """A number for people: three significant figures, thousands kept whole.

    >>> fmt(0.012345, "s"), fmt(1234.5, "chunks/s"), fmt(None), fmt(0.0)
    ('0.0123 s', '1234 chunks/s', '—', '0')
    """
    if x is None:
        return "—"
    text = f"{x:.0f}" if abs(x) >= 1000 or x == 0 else f"{x:.3g}"
    return f"{text} {unit}".rstrip()


def met_text(met: bool | None) -> str:
    """The met? cell: a failed goal stands out; an unjudged one is blank.

    >>> met_text(True), met_text(False), met_text(None)
    ('yes', '**no**', '')
    """
    return "" if met is None else ("yes" if met else "**no**")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table: figure, value, baseline, ratio, goal, met?, note."""
    rows = [
        "| figure | value | baseline | ratio | goal | met? | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        baseline = fmt(f.baseline, f.unit) if f.baseline is not None else ""
        if f.baseline_name:
            baseline = f"{baseline} ({f.baseline_name})" if baseline else f.baseline_name
        cells = [
            f.name,
            fmt(f.value, f.unit),
            baseline,
            f"{f.ratio:.2f}x" if f.ratio is not None else "",
            f.goal.text(f.unit) if f.goal else "",
            met_text(f.met),
            f.note,
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(rows)


def to_markdown(figures: Sequence[Figure], meta: dict[str, Any], notes: Sequence[str]) -> str:
    """The whole report: what was run and where, the table, then the notes."""
    lines = ["# Benchmark results", ""]
    lines += [f"- **{k}**: {v}" for k, v in meta.items()]
    lines += ["", markdown_table(figures), ""]
    if notes:
        lines += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(lines)


def to_json(figures: Sequence[Figure], meta: dict[str, Any], notes: Sequence[str]) -> str:
    """The report as JSON, each figure with its ratio and whether it met its goal."""
    rows = []
    for f in figures:
        row = asdict(f)
        row["goal"] = f.goal.text(f.unit) if f.goal else None
        row.update(ratio=f.ratio, met=f.met)
        rows.append(row)
    return json.dumps({"meta": meta, "figures": rows, "notes": list(notes)}, indent=2, default=str)
