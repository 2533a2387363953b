"""Time to first token and decode speed: TransformersGenerator.stream vs plain model.generate.

Both run the same weights on the same encoded RAG prompt; llama.cpp joins when it is installed.
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import threading
import time

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


def default_messages(assistant, gen, n: int = 20):
    """The answer prompt `ask` builds (default top_k) for the dev question of median prompt size
    among the first n: what a user's question actually costs to read."""
    sized = []
    for question in questions(n):
        sources = assistant.retrieve(question)
        papers = assistant.store.get_papers(s.paper_id for s in sources)
        messages, size = _prompt(assistant, gen, question, sources, papers)
        sized.append((size, messages))
    sized.sort(key=lambda item: item[0])
    size, messages = sized[len(sized) // 2]
    return messages, size, [size for size, _ in sized]


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
    usual, usual_tokens, sizes = default_messages(bench.shared["assistant"], gen)
    usual_inputs = gen.encode(usual)
    usual_stream, usual_plain = [], []
    for _ in range(reps):
        usual_plain.append(plain_generate(gen, usual_inputs, 4)[0])
        usual_stream.append(streamed(gen, usual, 4)[0])
    figures.append(
        Figure(
            "generation: time to first token, default RAG prompt",
            statistics.median(usual_stream),
            "s",
            statistics.median(usual_plain),
            "plain model.generate",
            Goal("value", "<=", 2.0),
            note=f"the median-sized prompt `ask` builds for 20 dev questions: {usual_tokens} "
            f"tokens (range {min(sizes)}-{max(sizes)}), median of {reps}",
        )
    )
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
