"""The process-wide memos (dashboard/ui/memo.py) and the page objects made once (dashboard/ui/nav.py)."""

from __future__ import annotations

import pytest
from apptest import run_page, texts

from dashboard.pages import PAGES
from dashboard.ui import memo, nav
from dashboard.ui.common import signature_key
from dashboard.ui.nav import navigation_pages


def test_a_memo_computes_once_per_arguments_until_cleared():
    calls: list[tuple[str, int]] = []

    @memo.memo(maxsize=4)
    def double(name: str, n: int) -> int:
        calls.append((name, n))
        return 2 * n

    assert [double("a", 1), double("a", 1), double("b", 1), double("a", 2)] == [2, 2, 2, 4]
    assert calls == [("a", 1), ("b", 1), ("a", 2)]
    memo.clear()
    assert double("a", 1) == 2 and calls[-1] == ("a", 1) and len(calls) == 4


def test_a_memo_keeps_at_most_its_size_the_oldest_out_first():
    calls: list[int] = []

    @memo.memo(maxsize=2)
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    assert [square(1), square(2), square(3), square(3), square(2), square(1)] == [1, 4, 9, 9, 4, 1]
    assert calls == [1, 2, 3, 1]  # 1 went out when 3 came in; 2 and 3 were still there


def test_a_failed_computation_is_not_kept_and_leaves_no_lock_behind():
    calls: list[int] = []

    @memo.memo(maxsize=4)
    def fragile(n: int) -> int:
        calls.append(n)
        if len(calls) == 1:
            raise ValueError("first try fails")
        return n

    with pytest.raises(ValueError):
        fragile(7)
    assert fragile(7) == 7 and calls == [7, 7]  # tried again, then kept
    assert fragile(7) == 7 and calls == [7, 7]
    assert fragile.computing == {}


def test_sessions_asking_for_the_same_new_key_at_once_wait_for_one_computation():
    """A crowd after a restart (a campaign link, the clinic's screens reconnecting) must not build the same chart
    once per session: the first computes, the others wait for its result."""
    import threading
    import time

    calls: list[str] = []
    started = threading.Event()

    @memo.memo(maxsize=4)
    def slow(key: str) -> object:
        calls.append(key)
        started.set()
        time.sleep(0.2)
        return object()

    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(slow("chart"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["chart"] and len(results) == 8 and all(r is results[0] for r in results)
    assert started.is_set() and slow("other") is not results[0] and calls == ["chart", "other"]


def test_fresh_for_looks_again_after_its_time_or_a_clear(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    seen = iter(["first", "second", "third"])
    assert memo.fresh_for(2, "files", "data", lambda: next(seen)) == "first"
    now[0] += 1.9
    assert memo.fresh_for(2, "files", "data", lambda: next(seen)) == "first"  # within its time: not looked at
    now[0] += 0.2
    assert memo.fresh_for(2, "files", "data", lambda: next(seen)) == "second"
    memo.clear()
    assert memo.fresh_for(2, "files", "data", lambda: next(seen)) == "third"


def test_signature_key_is_short_and_changes_with_any_file():
    files = (("clinic.yaml", 1.5, 100), ("eco2.yaml", 2.5, 2000))
    key = signature_key(files)
    assert len(key) == 24 and key == signature_key(tuple(files))
    assert key != signature_key((files[0], ("eco2.yaml", 2.6, 2000)))  # a newer file
    assert key != signature_key((files[0], ("eco2.yaml", 2.5, 2001)))  # a changed size
    assert key != signature_key(files[:1])  # a file gone


class _FakePage:
    """Stands in for st.Page, which needs a running app: records what it was made with."""

    made: list[str] = []

    def __init__(self, script: str, **options: object) -> None:
        self.script, self.options = script, options
        _FakePage.made.append(script)


def test_page_objects_are_made_once_and_each_run_gets_its_own_copies(monkeypatch):
    # Making an st.Page looks on disk; st.navigation marks the returned page runnable and Page.run clears the mark,
    # so the objects are made once and every run gets copies that no other session touches.
    monkeypatch.setattr(nav.st, "Page", _FakePage)
    nav._made.cache_clear()
    _FakePage.made = []
    in_menu = {p.key: True for p in PAGES}
    first, second = navigation_pages(in_menu), navigation_pages(in_menu)
    assert _FakePage.made == [p.script for p in PAGES]  # made once, for both runs
    assert all(a is not b and a.__dict__ == b.__dict__ for a, b in zip(first, second, strict=True))
    hidden = navigation_pages({**in_menu, "display": False})
    assert [p.options["visibility"] for p in hidden] == ["hidden" if p.key == "display" else "visible" for p in PAGES]
    assert _FakePage.made[len(PAGES):] == ["pages/display.py"]  # only the changed page is made again
    nav._made.cache_clear()


@pytest.mark.parametrize(("page", "params"), [
    ("pages/overview.py", {}),
    ("pages/recovery.py", {"treatment": "eco2", "day": "4"}),
    ("pages/collagen.py", {"treatment": "eco2"}),
])
def test_text_made_once_still_carries_the_links_of_each_run(page, params):
    # A person who chose English gets links that say lang=en; one who did not, links without it. The texts made
    # once per data version (cards, a chart in words) are shared between sessions: they must not mix the two.
    chose = texts(run_page(page, lang="en", **params))
    plain = texts(run_page(page, **params))
    assert "sources?lang=en#src-" in chose
    assert "sources#src-" in plain and "lang=en" not in plain
