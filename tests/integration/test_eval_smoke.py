"""The smoke eval CI runs: the real embedded models over eval/questions/smoke.jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation.runner import run_eval

SMOKE = Path(__file__).resolve().parents[2] / "eval" / "questions" / "smoke.jsonl"


@pytest.mark.slow
def test_smoke_eval_writes_a_report(real_assistant, tmp_path):
    out = tmp_path / "smoke"
    report = run_eval(real_assistant, SMOKE, out, progress=False)
    saved = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(saved["rows"]) == 6 and (out / "report.md").exists()
    assert set(saved["by_type"]) == {"factoid", "multi", "summary", "unanswerable", "metadata"}
    rows = {r["id"]: r for r in report["rows"]}
    assert rows["f01"]["recall_at_5"] == 1.0  # the einspace paper is found by meaning
    assert not any(r["error"] for r in report["rows"])
