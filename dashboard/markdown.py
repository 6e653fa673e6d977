"""Text from the data made safe for Streamlit's Markdown, and the small links every page writes: one home each."""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from dashboard.links import local_link

# The characters that Markdown (and Streamlit's :color[...] directives, $ maths and ~ strikes) could read as syntax
# inside a line. Parentheses are safe once square brackets are escaped: no link can form.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#$~|])")


def html_text(text: object) -> str:
    """Any text made safe inside HTML (an element's text or an attribute's value): the one escape of the app."""
    return escape(str(text), quote=True)


def md(text: str) -> str:
    """Data text made safe for st.markdown: Markdown and HTML characters shown as themselves."""
    return _SPECIAL.sub(r"\\\1", text)


def tel_href(phone: str) -> str | None:
    """A tel: link for a phone number as written ('+1 555 0100 (placeholder)' -> 'tel:+15550100')."""
    digits = re.sub(r"[^\d+]", "", phone.split("(", 1)[0])
    digits = digits[:1] + digits[1:].replace("+", "")
    return f"tel:{digits}" if sum(c.isdigit() for c in digits) >= 3 else None


def phone_link(phone: str) -> str:
    """The phone number as a Markdown tel: link where the number allows one, else in bold."""
    href = tel_href(phone)
    return f"[{md(phone)}]({href})" if href else f"**{md(phone)}**"


def source_anchor(key: str) -> str:
    """The anchor of a source on the sources page: links sources#src-s4 land on it."""
    return f"src-{key.lower()}"


def source_links(keys: Iterable[str]) -> str:
    """Markdown links to each source on the sources page, e.g. '[S4](sources#src-s4)' ('sources?lang=es#src-s4'
    where links carry the language).

    Relative links, so they keep working when the app is served under a path prefix.
    """
    return ", ".join(f"[{md(k)}]({local_link('sources', anchor=source_anchor(k))})" for k in dict.fromkeys(keys))


def sourced(text: str, sources: Iterable[str]) -> str:
    """A line of data text followed by its source links, in small type."""
    links = source_links(sources)
    return f"{md(text)} :small[{links}]" if links else md(text)


def fold(summary: str, body: str, style: str = "fold") -> str:
    """A closed fold inside Markdown: `summary` (plain text, escaped here) opens `body` (Markdown whose data text went
    through md(), which escapes HTML too). It is part of the Markdown element around it, where an expander would be
    two elements of its own that every run sends again; its element needs st.markdown(..., unsafe_allow_html=True)
    and takes the style of `details.fold` (or `details.cited`; dashboard/ui/common.TARGET_STYLE). Only /sources
    uses it: Markdown with HTML makes a phone fetch an HTML parser on a first visit (tests/test_html_in_data.py)."""
    return f'<details class="{style}"><summary>{html_text(summary)}</summary>\n\n{body}\n\n</details>'
