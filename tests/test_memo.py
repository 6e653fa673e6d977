"""The process-wide memos (dashboard/ui/memo.py) and the page objects made once (dashboard/ui/nav.py)."""

from __future__ import annotations

import pytest
from apptest import run_page, texts

from dashboard.ui import memo
from dashboard.ui.common import signature_key


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


def test_each_run_makes_its_own_page_objects_and_links_use_them():
    """Real st.Page objects, in two sessions one after the other: each run gets its own (Streamlit marks the page it
    returns runnable and clears the mark when it runs it), and both sessions can move between pages."""
    for _session in range(2):
        at = run_page("pages/recovery.py", treatment="eco2", day="4")
        assert not at.exception, [e.value for e in at.exception]
        at.switch_page("pages/compare.py").run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("Compare treatments" in str(m.value) for m in at.markdown)


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("pages/overview.py", {}),
        ("pages/recovery.py", {"treatment": "eco2", "day": "4"}),
        ("pages/collagen.py", {"treatment": "eco2"}),
    ],
)
def test_text_made_once_still_carries_the_links_of_each_run(page, params):
    # A person who chose English gets links that say lang=en; one who did not, links without it. The texts made
    # once per data version (cards, a chart in words) are shared between sessions: they must not mix the two.
    chose = texts(run_page(page, lang="en", **params))
    plain = texts(run_page(page, **params))
    assert "sources?lang=en#src-" in chose
    assert "sources#src-" in plain and "lang=en" not in plain
