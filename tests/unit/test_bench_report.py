"""The benchmark's pure parts: percentiles, ratios, goals and the report it writes."""

import json

import pytest

from bench.report import Figure, Goal, fmt, markdown_table, percentile, ratio, to_json, to_markdown


@pytest.mark.parametrize(
    "values, q, expected",
    [
        ([3, 1, 2], 50, 2),  # order does not matter
        ([1, 2, 3, 4], 50, 2.5),  # interpolated between the middle two
        ([1, 2, 3, 4], 0, 1),
        ([1, 2, 3, 4], 100, 4),
        (list(range(1, 101)), 95, 95.05),
        ([7.0], 95, 7.0),
    ],
)
def test_percentile_interpolates_like_numpy(values, q, expected):
    assert percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        percentile([], 50)


@pytest.mark.parametrize(
    "value, baseline, expected",
    [(3.0, 2.0, 1.5), (1.0, 0.0, None), (None, 1.0, None), (1.0, None, None), (0.0, 4.0, 0.0)],
)
def test_ratio(value, baseline, expected):
    assert ratio(value, baseline) == expected


@pytest.mark.parametrize(
    "goal, value, baseline, met",
    [
        (Goal("ratio", "<=", 1.2), 12.0, 10.0, True),
        (Goal("ratio", "<=", 1.2), 13.0, 10.0, False),
        (Goal("value", "<=", 50), 50.0, 1.0, True),  # the limit itself meets the goal
        (Goal("value", "<=", 0), 3, None, False),
        (Goal("ratio", ">=", 0.8), 10.0, None, None),  # no baseline: not judged
        (Goal("ratio", ">=", 0.8), 9.0, 10.0, True),
    ],
)
def test_goal_is_judged_on_the_value_or_the_ratio(goal, value, baseline, met):
    assert Figure("x", value, "s", baseline, goal=goal).met is met


def test_figure_without_goal_is_not_judged():
    assert Figure("x", 1.0, "s", 2.0).met is None


def test_fmt_keeps_three_significant_figures():
    assert [fmt(x, "ms") for x in (0.01234, 12.345, 123.45, 12345.6)] == [
        "0.0123 ms",
        "12.3 ms",
        "123 ms",
        "12346 ms",
    ]


FIGURES = [
    Figure("ingest", 24.0, "s", 20.0, "raw encode", Goal("ratio", "<=", 1.2), note="414 papers"),
    Figure("p50 | pipes", 60.0, "ms", None, goal=Goal("value", "<=", 50)),
    Figure("llama.cpp", 12.0, "tok/s", None, "not installed", Goal("ratio", ">=", 0.8)),
]


def test_markdown_table_has_one_row_per_figure_with_ratio_and_verdict():
    lines = markdown_table(FIGURES).splitlines()
    assert lines[0] == "| figure | value | baseline | ratio | goal | met? | note |"
    assert len(lines) == 2 + len(FIGURES)
    assert lines[2] == "| ingest | 24 s | 20 s (raw encode) | 1.20x | <= 1.2x | yes | 414 papers |"
    assert lines[3] == "| p50 \\| pipes | 60 ms |  |  | <= 50 ms | **no** |  |"  # pipe escaped
    assert lines[4] == "| llama.cpp | 12 tok/s | not installed |  | >= 0.8x |  |  |"


def test_report_round_trips_through_json_and_markdown():
    meta = {"mode": "quick"}
    data = json.loads(to_json(FIGURES, meta, ["a note"]))
    assert data["meta"] == meta and data["notes"] == ["a note"]
    first = data["figures"][0]
    assert (first["ratio"], first["met"], first["goal"]) == (1.2, True, "<= 1.2x")
    assert data["figures"][2]["met"] is None
    text = to_markdown(FIGURES, meta, ["a note"])
    assert "- **mode**: quick" in text and "- a note" in text and "| ingest |" in text
