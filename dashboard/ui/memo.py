"""The app's one cache: process-wide memos for what runs read many times (the dataset, the courses, the charts'
finished specs, the pages' texts, the handout's files, the display's slides, the pages' Streamlit objects), and the
key every one of them takes first.

When to use it: for anything a run would otherwise make again from the data (a text, a spec, a file) that is the
same for everyone with the same key and arguments. A memoised function takes a `RunKey` first, made once per run by
`dashboard.ui.common.run_key()` and passed in, then small hashable arguments (ids, days, dates, a frozen record),
and reads nothing else of the run: not the URL, the session, the language or the data's version, which are all in
the key. So a key and its value can never disagree, and a changed data file, language or link rule is a new key,
never a stale answer. Values are shared between sessions and never mutated.

Why not Streamlit's caches: `st.cache_data` and `st.cache_resource` hash every argument with Streamlit's own hasher
on every call (a fraction of a millisecond each; a page asks tens of times per run, for every session), and
`st.cache_data` copies its value on every hit. Here a hit is one dict lookup. What stays outside: `fresh_for`, the
few seconds for which the data files' times are trusted (not a cache of results, the one place that looks at the
files), and in the domain, `functools.cache` on pure functions of their arguments that never read the data
(a language's compiled catalog, a locale). `clear()` empties every memo (the tests start each test with it).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class RunKey:
    """What everything cached from the data is keyed by: the data folder, the signature of its files and of its
    photos (a short hash of their names, modification times and sizes), the language of the run, and the link rule
    (whether the links a page makes carry the language). Made once per run and passed in."""

    folder: str
    signature: str
    photos: str
    language: str
    links: str


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
