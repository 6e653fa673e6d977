"""The app as serve.py serves it, plus one route that looks into the server process, for
tests/test_browser_diary.py: does anything of a patient's diary stay in the server after their session?

Run by the test only (`streamlit run tests/probe_server.py`), never in production. GET /_probe/scan?needle=<text
reversed>&plant=0|1 answers, as JSON, where the text is found: in the sessions' state (those connected, and those
kept for a while for reconnecting), in the app's memos (dashboard/ui/memo.py), in Streamlit's caches, and in any
object the process still holds (every object the garbage collector tracks, and the text, bytes and protobuf
messages they refer to). The text comes reversed so that the request itself does not hold it; `plant=1` first puts
the text in a module-level list, to show the scan finds what is there.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_PLANTED: list[Any] = []


def _is_message(value: Any) -> bool:
    """A protobuf message (Streamlit's messages hold their text in C, where the collector does not look), told by its
    class's bases: asking an object for an attribute could run its code."""
    return any(c.__name__ == "Message" and c.__module__.startswith("google.protobuf") for c in type(value).__mro__)


def _holds(value: Any, needle: str, depth: int = 0, seen: set[int] | None = None) -> bool:
    """Whether a value holds the text, looking through containers, objects' attributes and protobuf messages."""
    seen = set() if seen is None else seen
    if id(value) in seen or depth > 12:
        return False
    seen.add(id(value))
    if isinstance(value, str):
        return needle in value
    if isinstance(value, bytes | bytearray | memoryview):
        return needle.encode() in bytes(value)
    if _is_message(value):
        return needle.encode() in value.SerializeToString()
    if isinstance(value, dict):
        return any(_holds(k, needle, depth + 1, seen) or _holds(v, needle, depth + 1, seen) for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return any(_holds(v, needle, depth + 1, seen) for v in value)
    attributes = dict(getattr(value, "__dict__", None) or {})
    for cls in type(value).__mro__:  # slotted classes (Streamlit's SessionState is one) keep no __dict__
        for name in getattr(cls, "__slots__", ()):
            if isinstance(name, str) and name not in ("__dict__", "__weakref__") and hasattr(value, name):
                attributes[name] = getattr(value, name)
    return _holds(attributes, needle, depth + 1, seen) if attributes else False


def _sessions(needle: str) -> dict[str, Any]:
    from streamlit.runtime import Runtime

    manager = Runtime.instance()._session_mgr
    sessions = manager.list_sessions()
    return {
        "sessions": len(sessions),
        "active": manager.num_active_sessions(),
        "in_session_state": sum(_holds(info.session.session_state, needle) for info in sessions),
        "in_client_state": sum(_holds(info.session._client_state, needle) for info in sessions),
    }


def _memos_and_caches(needle: str) -> dict[str, bool]:
    from streamlit.runtime.caching import cache_data_api, cache_resource_api

    from dashboard.ui import memo

    return {
        "in_memos": any(_holds(dict(m.values), needle) for m in memo._memos) or _holds(memo._stamped, needle),
        "in_cache_data": _holds(cache_data_api._data_caches, needle),
        "in_cache_resource": _holds(cache_resource_api._resource_caches, needle),
    }


def _objects(needle: str) -> list[str]:
    """The types of the tracked objects that refer to a text, bytes or message holding the needle."""
    gc.unfreeze()  # the frame froze what lived after the first run (dashboard/ui/frame.settle_heap): look there too
    gc.collect()
    raw = needle.encode()
    holders: list[str] = []
    for obj in gc.get_objects():
        stack = list(gc.get_referents(obj))
        steps = 0
        while stack and steps < 10_000:
            steps += 1
            ref = stack.pop()
            if isinstance(ref, str):
                found = ref is not needle and needle in ref
            elif isinstance(ref, bytes | bytearray):
                found = ref is not raw and raw in ref
            elif _is_message(ref):
                found = raw in ref.SerializeToString()
            else:
                if not gc.is_tracked(ref) and isinstance(ref, tuple | frozenset | dict):
                    stack.extend(gc.get_referents(ref))  # containers the collector does not track
                continue
            if found:
                holders.append(type(obj).__name__)
                break
    return holders


def _scan(reversed_needle: str, plant: bool) -> dict[str, Any]:
    needle = reversed_needle[::-1]
    if plant:
        _PLANTED.append({"held": [f"<{needle}>"]})
    try:
        return {**_sessions(needle), **_memos_and_caches(needle), "objects": _objects(needle)}
    finally:
        _PLANTED.clear()


async def scan(request: Request) -> JSONResponse:
    reversed_needle = request.query_params.get("needle", "")
    if len(reversed_needle) < 16:
        return JSONResponse({"error": "a needle of 16 characters or more"}, status_code=400)
    plant = request.query_params.get("plant") == "1"
    return JSONResponse(await run_in_threadpool(_scan, reversed_needle, plant))


app = st.App(str(ROOT / "streamlit_app.py"), routes=[Route("/_probe/scan", scan)])
