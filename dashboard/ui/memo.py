"""Process-wide memos for what every run reads many times: the data files' signature, the dataset, the courses, the
charts' specs and texts, and the pages' Streamlit objects (dashboard/ui/nav.py).

`st.cache_resource` hashes a cached function's arguments with Streamlit's own hasher on every call (a fraction of a
millisecond each); a page that asks for the dataset and a few courses pays that tens of times per run, for every
session. What is memoised here is keyed by short strings and ids whose Python hash is enough; for anything read
from the data, the data version (dashboard/ui/common.data_version) is part of the key, so a changed file is a new
key, never a stale answer.
Values are shared between sessions and never mutated. `clear()` empties them all (the tests start each test with it).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_memos: list[_Memo] = []
_stamped: dict[tuple[str, str], tuple[float, Any]] = {}


class _Memo:
    """A function's results by argument, at most `maxsize`, the oldest out first. A hit is one dict lookup; a miss
    takes the key's own lock, so sessions that ask for the same new key at once (a crowd after a restart) wait for
    one computation instead of each doing it, as st.cache_resource does."""

    def __init__(self, func: Callable[..., Any], maxsize: int) -> None:
        self.func, self.maxsize = func, maxsize
        self.values: OrderedDict[Hashable, Any] = OrderedDict()
        self.guard = threading.Lock()
        self.computing: dict[Hashable, threading.Lock] = {}
        self.__wrapped__ = func
        self.__doc__, self.__name__ = func.__doc__, func.__name__

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
        try:
            return self.values[key]
        except KeyError:
            pass
        with self.guard:
            lock = self.computing.setdefault(key, threading.Lock())
        with lock:
            if key in self.values:  # computed while this session waited
                return self.values[key]
            try:
                value = self.func(*args, **kwargs)
            except BaseException:  # a failed computation leaves no lock behind; the next caller tries again
                with self.guard:
                    self.computing.pop(key, None)
                raise
            with self.guard:
                self.values[key] = value
                while len(self.values) > self.maxsize:
                    self.values.popitem(last=False)
                self.computing.pop(key, None)
        return value

    def cache_clear(self) -> None:
        """Forget every result."""
        with self.guard:
            self.values.clear()


def memo(maxsize: int) -> Callable[[F], F]:
    """Memoise a function of hashable arguments, at most `maxsize` results (the oldest out first), each computed
    once even when several sessions ask for it at the same moment."""

    def decorate(func: F) -> F:
        cached = _Memo(func, maxsize)
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
