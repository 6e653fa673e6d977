"""Process-wide memos for what every run reads many times: the data files' signature, the dataset, the courses, and
the pages' Streamlit objects (dashboard/ui/nav.py).

`st.cache_resource` hashes a cached function's arguments with Streamlit's own hasher on every call (a fraction of a
millisecond each); a page that asks for the dataset and a few courses pays that tens of times per run, for every
session. What is memoised here is keyed by short strings and ids whose Python hash is enough; for anything read
from the data, the data version (dashboard/ui/common.data_version) is part of the key, so a changed file is a new
key, never a stale answer.
Values are shared between sessions and never mutated. `clear()` empties them all (the tests start each test with it).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_memos: list[Any] = []
_stamped: dict[tuple[str, str], tuple[float, Any]] = {}


def memo(maxsize: int) -> Callable[[F], F]:
    """Memoise a function of hashable arguments, at most `maxsize` results, least recently used out first.
    Thread-safe: two sessions asking at once may both compute, and one result is kept."""

    def decorate(func: F) -> F:
        cached = functools.lru_cache(maxsize=maxsize)(func)
        _memos.append(cached)
        return cached  # type: ignore[return-value]

    return decorate


def fresh_for(seconds: float, name: str, key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`'s value for (name, key), computed again at most every `seconds` (for looking at files' times)."""
    now = time.monotonic()
    hit = _stamped.get((name, key))
    if hit is not None and hit[0] > now:
        return hit[1]
    value = compute()
    _stamped[(name, key)] = (now + seconds, value)
    return value


def clear() -> None:
    """Forget every memo: the next run looks at the files again and rebuilds what it needs."""
    for cached in _memos:
        cached.cache_clear()
    _stamped.clear()
