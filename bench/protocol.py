"""Build and read the protobuf messages that Streamlit's browser client exchanges with the server.

The browser opens ``/_stcore/stream`` with the subprotocol list ``streamlit, <xsrf>, <session id>`` and
sends a ``BackMsg.rerun_script`` (a ``ClientState``) whenever the page must run: on load, on navigation,
on every widget change. The server answers with a stream of ``ForwardMsg`` ending in ``script_finished``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

STREAM_PATH = "/_stcore/stream"
HEALTH_PATH = "/_stcore/health"
SUBPROTOCOL = "streamlit"
FINISHED_SUCCESSFULLY = ForwardMsg.FINISHED_SUCCESSFULLY
FINISHED_WITH_COMPILE_ERROR = ForwardMsg.FINISHED_WITH_COMPILE_ERROR


@dataclass(frozen=True)
class Widget:
    """A widget seen in the delta stream: kind, id, label, value set by the app (if any), default, fragment."""

    kind: str
    id: str
    label: str
    value: tuple[float, ...] = ()
    default: tuple[float, ...] = ()
    minimum: float = 0.0
    maximum: float = 0.0
    fragment_id: str = ""


@dataclass
class RunDigest:
    """What one script run sent back: status, errors, widgets, bytes and bookkeeping for the next run."""

    finished: bool = False
    fragment: bool = False
    status: int = -1
    exceptions: list[str] = field(default_factory=list)
    page_not_found: bool = False
    widgets: dict[str, Widget] = field(default_factory=dict)
    query_string: str | None = None
    page_script_hash: str = ""
    session_id: str = ""
    messages: int = 0
    bytes: int = 0

    @property
    def errors(self) -> int:
        """Count exceptions, a missing page and a compile error as errors."""
        compile_error = int(self.status == FINISHED_WITH_COMPILE_ERROR)
        return len(self.exceptions) + int(self.page_not_found) + compile_error


def split_url(url_path: str) -> tuple[str, str]:
    """Split ``/recovery?day=3`` into the page name Streamlit expects (``recovery``) and the query string."""
    path, _, query = url_path.partition("?")
    return path.strip("/"), query


def context_info(url: str) -> ContextInfo:
    """Describe the browser like a headless desktop in UTC would (``st.context``)."""
    return ContextInfo(
        timezone="UTC", timezone_offset=0, locale="en-US", url=url, is_embedded=False, color_scheme="light"
    )


def build_rerun(
    query_string: str = "",
    page_name: str = "",
    page_script_hash: str = "",
    widgets: Iterable[WidgetState] = (),
    cached_hashes: Iterable[str] = (),
    url: str = "",
    fragment_id: str = "",
) -> BackMsg:
    """Build the ``rerun_script`` BackMsg the browser sends: a page with query string, widgets, fragment."""
    state = ClientState(
        query_string=query_string,
        page_name=page_name,
        page_script_hash=page_script_hash,
        fragment_id=fragment_id,
        widget_states=WidgetStates(widgets=list(widgets)),
        cached_message_hashes=sorted(cached_hashes),
    )
    state.context_info.CopyFrom(context_info(url))
    return BackMsg(rerun_script=state)


def slider_state(widget_id: str, value: float) -> WidgetState:
    """Build the state a single-value slider reports when moved to ``value``."""
    state = WidgetState(id=widget_id)
    state.double_array_value.data.append(float(value))
    return state


def trigger_state(widget_id: str) -> WidgetState:
    """Build the state a button reports when clicked."""
    return WidgetState(id=widget_id, trigger_value=True)


def parse_forward(data: bytes) -> ForwardMsg:
    """Parse one websocket frame from the server."""
    msg = ForwardMsg()
    msg.ParseFromString(data)
    return msg


def _widget_from_element(element: Element, fragment_id: str) -> Widget | None:
    """Return the slider or button described by a new element, if it is one."""
    kind = element.WhichOneof("type")
    if kind == "slider":
        s = element.slider
        value = tuple(s.value) if s.set_value else ()
        return Widget("slider", s.id, s.label, value, tuple(s.default), s.min, s.max, fragment_id)
    if kind == "button":
        b = element.button
        return Widget("button", b.id, b.label, fragment_id=fragment_id)
    return None


def digest(run: RunDigest, msg: ForwardMsg, size: int) -> None:
    """Fold one ForwardMsg into the digest of the current run."""
    run.messages += 1
    run.bytes += size
    kind = msg.WhichOneof("type")
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        if element.WhichOneof("type") == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}"[:300])
            return
        widget = _widget_from_element(element, msg.delta.fragment_id)
        if widget is not None:
            run.widgets[widget.id] = widget
    elif kind == "new_session":
        run.page_script_hash = msg.new_session.page_script_hash
        if msg.new_session.initialize.session_id:
            run.session_id = msg.new_session.initialize.session_id
    elif kind == "navigation":
        # With st.navigation the page that ran is named here; new_session carries the frame's hash.
        run.page_script_hash = msg.navigation.page_script_hash
    elif kind == "page_info_changed":
        run.query_string = msg.page_info_changed.query_string
    elif kind == "page_not_found":
        run.page_not_found = True
    elif kind == "script_finished":
        run.fragment = msg.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
        run.status = msg.script_finished
        run.finished = msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN


def find_widget(widgets: Iterable[Widget], kind: str, label_words: Iterable[str]) -> Widget | None:
    """Find the first widget of a kind whose label contains one of the words (case-insensitive)."""
    words = [w.lower() for w in label_words]
    for widget in widgets:
        if widget.kind == kind and any(w in widget.label.lower() for w in words):
            return widget
    return None


def with_param(query_string: str, key: str, value: str) -> str:
    """Return the query string with one parameter set, keeping the others in order."""
    from urllib.parse import parse_qsl, urlencode

    pairs = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if k != key]
    pairs.append((key, value))
    return urlencode(pairs, safe=",")
