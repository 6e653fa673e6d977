"""Languages: interface text through gettext catalogs, dates and numbers through Babel, one language per run.

The catalogs are `locales/<lang>/LC_MESSAGES/messages.po` (English is the source language and needs none). They are
compiled in memory on first use, so a clinic adds a language by adding files: a catalog here, and text overlays in
`data/i18n/<lang>/` for the data (dashboard/overlays.py). The language of a run is a context variable: Streamlit
runs each session's script on a thread of its own, so sessions in different languages never mix.

Text in modules is written in English and wrapped: `_("Call the clinic today")` where it is shown, `N_(...)` where
it is only defined (a constant), and placeholders with `.format()` so the catalog has the whole sentence.
"""

from __future__ import annotations

import functools
import gettext
import io
import os
from collections.abc import Iterable
from contextvars import ContextVar
from datetime import date
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"

LANGUAGE_PARAM = "lang"  # the link parameter that names the language: read by the frame, carried by every link

_current: ContextVar[str] = ContextVar("language", default=SOURCE_LANGUAGE)
_in_links: ContextVar[bool] = ContextVar("language_in_links", default=False)
_PASS_THROUGH = gettext.NullTranslations()
_catalog: ContextVar[gettext.NullTranslations | None] = ContextVar("catalog", default=None)


def locales_dir() -> Path:
    """The catalogs the app reads: RECOVERY_LOCALES_DIR if set, else the bundled `locales/`."""
    configured = os.environ.get("RECOVERY_LOCALES_DIR", "").strip()
    return Path(configured).expanduser() if configured else LOCALES_DIR


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark a constant for the catalog; it is translated where it is shown, with _()."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:  # noqa: N802 - as N_, for a message with a context
    """Mark a constant with its context for the catalog; it is translated where it is shown, with pgettext()."""
    return context, message


def available_languages(folder: Path | None = None) -> tuple[str, ...]:
    """English, then every language with a catalog, as language codes ('en', 'es', ...)."""
    return _available(folder or locales_dir())


@functools.cache
def _available(folder: Path) -> tuple[str, ...]:
    found = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE))


def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (compiled once, in memory); English and unknown languages pass through."""
    return _translations(language, locales_dir())


@functools.cache
def _translations(language: str, folder: Path) -> gettext.NullTranslations:
    po = folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE_LANGUAGE or not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def set_language(language: str, in_links: bool | None = None) -> None:
    """Make `language` the language of this run (this thread's context). `in_links`: whether the links the app
    makes carry it (by default, when it is not English: a link opened on another phone then reads the same)."""
    _current.set(language)
    _catalog.set(translations(language))
    _in_links.set(language != SOURCE_LANGUAGE if in_links is None else in_links)


def link_params() -> dict[str, str]:
    """The `lang` parameter every link the app makes carries, when it carries one."""
    return {LANGUAGE_PARAM: _current.get()} if _in_links.get() else {}


def links_key() -> str:
    """What the links made in this run carry, as a short key ('' or 'lang=es'): part of the key of anything cached
    that holds links, since a person who chose English gets links that say so."""
    return "&".join(f"{k}={v}" for k, v in link_params().items())


def current_language() -> str:
    """The language of this run."""
    return _current.get()


def _(message: str) -> str:
    """The message in the language of this run."""
    return (_catalog.get() or _PASS_THROUGH).gettext(message)


def pgettext(context: str, message: str) -> str:
    """The message in the language of this run, for one meaning of a word that has several ('none' as a level, as
    no next session, as no value before): the context tells the translator which."""
    return (_catalog.get() or _PASS_THROUGH).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for n, in the language of this run."""
    return (_catalog.get() or _PASS_THROUGH).ngettext(singular, plural, n)


def pick_language(requested: str | None, browser: str | None, languages: Iterable[str]) -> str:
    """The link's language if the app has it, else the browser's (its first part: 'es-MX' -> 'es'), else English."""
    languages = tuple(languages)
    if requested in languages:
        return requested
    base = (browser or "").replace("_", "-").split("-", 1)[0].lower()
    return base if base in languages else SOURCE_LANGUAGE


@functools.lru_cache(maxsize=64)  # Babel parses the locale on each call; every page's switch asks on every run
def language_name(language: str) -> str:
    """A language's name in itself, as a language switch shows it: 'English', 'Español'."""
    try:
        name = Locale.parse(language).get_display_name(language) or language
    except (ValueError, UnknownLocaleError):
        return language
    return name[:1].upper() + name[1:]


# English dates and numbers are written as the clinic writes them, the day first ('27 November 2026'); Babel's
# plain "en" is the US form ('November 27, 2026').
_FORMAT_LOCALES = {SOURCE_LANGUAGE: "en_GB"}


def _format_locale() -> str:
    language = _current.get()
    return _FORMAT_LOCALES.get(language, language)


def format_long_date(d: date) -> str:
    """A date written out in the language of this run: '27 November 2026', '27 de noviembre de 2026'."""
    return babel_format_date(d, format="long", locale=_format_locale())


def format_day_date(d: date, year: bool = True) -> str:
    """A date with its weekday, short: 'Fri 27 Nov 2026' ('vie 27 nov 2026'), without the year for dates soon."""
    pattern = "EEE d MMM y" if year else "EEE d MMM"
    return babel_format_date(d, format=pattern, locale=_format_locale())


def format_full_date(d: date) -> str:
    """A date in words with its weekday, in the language of this run: 'Tuesday, 1 December 2026' ('martes, 1 de
    diciembre de 2026')."""
    return babel_format_date(d, format="full", locale=_format_locale())


def calendar_names() -> dict[str, list[str]]:
    """The month and weekday names of the language of this run, wide and abbreviated, weekdays from Sunday (the
    order a chart's date axis takes them in)."""
    locale = Locale.parse(_format_locale())
    months, days = locale.months["format"], locale.days["format"]
    sunday_first = (6, 0, 1, 2, 3, 4, 5)  # CLDR counts weekdays from Monday (0)
    return {
        "months": [months["wide"][m] for m in range(1, 13)],
        "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
        "days": [days["wide"][d] for d in sunday_first],
        "shortDays": [days["abbreviated"][d] for d in sunday_first],
    }


def format_number(x: float, digits: int = 2) -> str:
    """A number written the way the language writes it, up to `digits` decimals: '1.5' in English, '1,5' in
    Spanish; whole numbers without decimals."""
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(x, format=pattern, locale=_format_locale())


def format_share(x: float) -> str:
    """A share (0.25) as a percentage the way the language writes it: '25%' in English, '25 %' in Spanish."""
    return format_percent(x, locale=_format_locale())
