"""Time to first token and decode speed: TransformersGenerator.stream vs plain model.generate.

Both run the same weights on the same encoded RAG prompt; llama.cpp joins when it is installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import threading
import time
from pathlib import Path

from assistant.generation import Generator

from .common import Run, questions
from .report import Figure, Goal

TARGET_PROMPT_TOKENS = 1500


def _prompt(assistant, gen, question, sources, papers):
    """The answer prompt for these sources, and its length in model tokens."""
    from assistant.prompts import answer_messages

    messages = answer_messages(question, sources, assistant.settings.prompts_dir)
    return messages, gen.prompt_tokens(messages)


def rag_messages(assistant, gen, target: int = TARGET_PROMPT_TOKENS):
    """The answer prompt for a dev question, with as many sources as bring it nearest `target`."""
    question = questions(1)[0]
    sources = assistant.retrieve(question, top_k=16)
    papers = assistant.store.get_papers(s.paper_id for s in sources)
    best = None
    for k in range(1, len(sources) + 1):
        messages, size = _prompt(assistant, gen, question, sources[:k], papers)
        if best is None or abs(size - target) < abs(best[1] - target):
            best = (messages, size, k)
    assert best is not None
    return best


class _Recorder(Generator):
    """A generator that notes each prompt the pipeline sends and replies nothing (no model)."""

    name = "recorder"

    def __init__(self) -> None:
        self.prompts: list[list[dict[str, str]]] = []

    def stream(self, messages, max_new_tokens):
        self.prompts.append(list(messages))
        return iter(())


def default_prompts(assistant, gen, tmp, n: int = 20):
    """For the first n dev questions that `ask` answers with a model lead: the lead prompt the
    pipeline sends (its chosen sentences only) and the old full-RAG prompt of the same question
    (`answer_messages` over the retrieved sources), each with its size in model tokens.

    Returns (lead prompts, old prompts) as [(tokens, messages)], in question order.
    """
    from assistant import Assistant
    from assistant.prompts import answer_messages, render

    from .common import QUESTIONS

    recorder = _Recorder()
    # Nothing the recorder "writes" may reach the real summaries file.
    settings = assistant.settings.model_copy(update={"summaries_file": Path(tmp) / "s.jsonl"})
    asker = Assistant(settings, embedder=assistant.embedder, generator=recorder)
    lead_system = render(settings.prompts_dir, "lead_system")
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    asked = [r["question"] for r in rows if r["type"] in ("factoid", "multi")]
    leads, old = [], []
    for question in asked:
        recorder.prompts.clear()
        asker.ask(question)
        lead = [m for m in recorder.prompts if m[0]["content"] == lead_system]
        if not lead:
            continue  # a list, a metadata answer, a summary or an abstention: no lead
        sources = assistant.retrieve(question)
        full = answer_messages(question, sources, assistant.settings.prompts_dir)
        leads.append((gen.prompt_tokens(lead[0]), lead[0]))
        old.append((gen.prompt_tokens(full), full))
        if len(leads) == n:
            break
    return leads, old


def median_sized(prompts):
    """The (tokens, messages) of median size."""
    return sorted(prompts, key=lambda item: item[0])[len(prompts) // 2]


class _Stamps:
    """A transformers streamer that only notes when each new token arrives (the first put is the prompt)."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._prompt_seen = False

    def put(self, value) -> None:
        if self._prompt_seen:
            self.times.append(time.perf_counter())
        self._prompt_seen = True

    def end(self) -> None:
        pass


def _speeds(start: float, first: float, last: float, tokens: int) -> tuple[float, float]:
    """(time to first token in s, decode tokens/s after the first)."""
    return first - start, (tokens - 1) / (last - first) if tokens > 1 and last > first else 0.0


def plain_generate(gen, inputs, max_new_tokens: int) -> tuple[float, float, list[int]]:
    """model.generate on the encoded prompt, greedy, timed by token arrival.

    It runs in a worker thread, as the generator's does: on a busy CPU, torch's intra-op
    threads called from the main thread ran 3-4x slower here than from a worker thread, which
    would make the baseline look slow for a reason that has nothing to do with streaming.
    """
    stamps = _Stamps()
    out = []

    import torch

    def run() -> None:
        with torch.inference_mode():
            out.append(
                gen.model.generate(
                    **inputs,
                    max_new_tokens=max_new_tokens,
                    do_sample=False,
                    streamer=stamps,
                    pad_token_id=gen.tokenizer.eos_token_id,
                )
            )

    start = time.perf_counter()
    worker = threading.Thread(target=run)
    worker.start()
    worker.join()
    new = out[0][0, inputs["input_ids"].shape[1] :].tolist()
    return (*_speeds(start, stamps.times[0], stamps.times[-1], len(stamps.times)), new)


def streamed(gen, messages, max_new_tokens: int) -> tuple[float, float, str]:
    """TransformersGenerator.stream as the assistant uses it, timed by text arrival."""
    start = time.perf_counter()
    first = None
    pieces = []
    for piece in gen.stream(messages, max_new_tokens):
        if first is None and piece.strip():
            first = time.perf_counter()
        pieces.append(piece)
    last = time.perf_counter()
    text = "".join(pieces)
    tokens = len(gen.tokenizer(text, add_special_tokens=False)["input_ids"])
    return (*_speeds(start, first or last, last, tokens), text)


def llama_cpp(messages, max_new_tokens: int) -> tuple[float, float] | None:
    """The same GGUF through llama-cpp-python, when installed: (ttft s, decode tok/s)."""
    if importlib.util.find_spec("llama_cpp") is None:
        return None
    from llama_cpp import Llama

    from assistant.generation import bundled_gguf_path

    llm = Llama(
        model_path=str(bundled_gguf_path()), n_ctx=4096, n_threads=os.cpu_count(), verbose=False
    )
    llm.create_chat_completion(messages[:1], max_tokens=4, temperature=0)  # warm-up
    start = time.perf_counter()
    times = []
    for chunk in llm.create_chat_completion(
        list(messages), max_tokens=max_new_tokens, temperature=0, stream=True
    ):
        if chunk["choices"][0]["delta"].get("content"):
            times.append(time.perf_counter())
    return _speeds(start, times[0], times[-1], len(times)) if times else None


def run(bench: Run) -> list[Figure]:
    from assistant.generation import TransformersGenerator
    from assistant.settings import DEFAULT_MODEL

    from .common import models_dir

    gen = TransformersGenerator(DEFAULT_MODEL, device="cpu", cache_dir=models_dir())
    messages, prompt_tokens, k = rag_messages(bench.shared["assistant"], gen)
    inputs = gen.encode(messages)
    budget, reps = bench.pick(32, 96), bench.pick(1, 3)
    gen.generate(messages[:1], 4)  # warm-up: first-call allocations land on neither side

    plain, stream, same = [], [], True
    for _ in range(reps):  # interleaved, so background load hits both alike
        ttft, rate, ids = plain_generate(gen, inputs, budget)
        plain.append((ttft, rate))
        ttft, rate, text = streamed(gen, messages, budget)
        stream.append((ttft, rate))
        same = same and text.strip() == gen.tokenizer.decode(ids, skip_special_tokens=True).strip()
    p_ttft, p_rate = (statistics.median(x) for x in zip(*plain, strict=True))
    s_ttft, s_rate = (statistics.median(x) for x in zip(*stream, strict=True))
    setup = f"{prompt_tokens}-token prompt ({k} sources), {budget} new tokens, median of {reps}"
    bench.shared.update(prompt_tokens=prompt_tokens)

    figures = [
        Figure(
            "generation: time to first token (TransformersGenerator.stream)",
            s_ttft,
            "s",
            p_ttft,
            "plain model.generate",
            Goal("value", "<=", 2.0),
            note=setup,
        ),
        Figure(
            "generation: decode speed (stream)",
            s_rate,
            "tok/s",
            p_rate,
            "plain model.generate",
            note=f"same weights ({gen.name}, {gen.dtype}); stream text identical: "
            + ("yes" if same else "no"),
        ),
    ]
    leads, olds = default_prompts(bench.shared["assistant"], gen, bench.tmp, bench.pick(10, 20))
    lead_tokens, lead = median_sized(leads)
    old_tokens, old = median_sized(olds)
    lead_ttft, old_ttft = [], []
    for _ in range(bench.pick(3, 5)):  # interleaved, so background load hits both alike
        lead_ttft.append(streamed(gen, lead, 4)[0])
        old_ttft.append(streamed(gen, old, 4)[0])
    lead_sizes, old_sizes = [t for t, _ in leads], [t for t, _ in olds]
    figures += [
        Figure(
            "generation: prompt tokens of the default prompt (the lead prompt)",
            statistics.median(lead_sizes),
            "tokens",
            statistics.median(old_sizes),
            "the full-RAG answer prompt of the same questions",
            note=f"median over the first {len(leads)} dev questions answered with a lead; "
            f"range {min(lead_sizes)}-{max(lead_sizes)} vs {min(old_sizes)}-{max(old_sizes)}",
            extra={"lead_tokens": lead_sizes, "full_rag_tokens": old_sizes},
        ),
        Figure(
            "generation: time to first token, default prompt (the lead prompt)",
            statistics.median(lead_ttft),
            "s",
            statistics.median(old_ttft),
            "the full-RAG answer prompt",
            Goal("value", "<=", 1.5),
            note=f"median-sized prompts, {lead_tokens} vs {old_tokens} tokens; "
            f"TransformersGenerator.stream, median of {len(lead_ttft)}",
            extra={"samples_s": lead_ttft, "baseline_samples_s": old_ttft},
        ),
    ]
    cpp = llama_cpp(messages, budget)
    if cpp is None:
        figures.append(
            Figure(
                "generation: decode speed vs llama.cpp",
                s_rate,
                "tok/s",
                None,
                "llama.cpp: not installed",
                Goal("ratio", ">=", 0.8),
                note="llama-cpp-python is not installed (it builds from source in ~12 min)",
            )
        )
    else:
        figures += [
            Figure(
                "generation: decode speed vs llama.cpp",
                s_rate,
                "tok/s",
                cpp[1],
                "llama.cpp, same GGUF",
                Goal("ratio", ">=", 0.8),
            ),
            Figure(
                "generation: time to first token vs llama.cpp",
                s_ttft,
                "s",
                cpp[0],
                "llama.cpp, same GGUF",
            ),
        ]
    return figures
