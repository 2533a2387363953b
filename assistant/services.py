"""What the answer pipeline, summaries and digests need from whoever holds the components.

`Assistant` (assistant/api.py) is one such holder; tests and scripts may pass their own. The
stages depend on this protocol, never on `Assistant`, so nothing imports upward.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .catalog import Catalog
    from .filters import Filters
    from .generation import Generator
    from .judge import Judge
    from .settings import Settings
    from .types import Paper, Source


class Services(Protocol):
    """Settings, models and the corpus, loaded when first used."""

    settings: Settings

    @property
    def generator(self) -> Generator: ...

    @property
    def judge(self) -> Judge: ...

    @property
    def catalog(self) -> Catalog: ...

    def retrieve(
        self,
        question: str,
        *,
        top_k: int | None = None,
        filters: Filters | None = None,
        candidates: int | None = None,
    ) -> list[Source]: ...

    def get_papers(self, paper_ids: Iterable[str]) -> dict[str, Paper]: ...

    def papers(self) -> list[Paper]: ...

    def rarity(self, term: str) -> float: ...
