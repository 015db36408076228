"""Filters kept in the address, so a copied link reproduces the view.

Every page uses the same names and values: ``boards`` and ``board`` take a board's local authority
("Northshire"), ``years`` the first and last year ("2016-17"), ``period`` one year, ``theme``,
``figure`` and ``concern`` their labels as shown. Values match case-insensitively (and a board also
by its id); a value that matches nothing is reported in a sentence, never silently dropped. The
widget writes its choice back to the address, in its canonical spelling, and leaves it out when it
is the default.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import streamlit as st

from boardcompare.display import plain


def asked(key: str) -> list[str]:
    """The values the address gives for ``key``, blanks left out."""
    return [v for v in st.query_params.get_all(key) if v.strip()]


def match(value: str, options: Mapping[Hashable, str]) -> Hashable | None:
    """The option whose label or value is ``value``, ignoring case and surrounding spaces."""
    wanted = " ".join(value.split()).casefold()
    for option, label in options.items():
        if wanted in (str(label).casefold(), str(option).casefold()):
            return option
    return None


def unknown(what: str, values: list[str], fallback: str) -> None:
    """Say which values of the address match nothing, as plain text: "No board called “X”; showing
    all boards." (``what`` may hold ``{}`` for the values: "No report for {}".)"""
    if values:
        names = ", ".join(f"“{v}”" for v in values)
        start = what.format(names) if "{}" in what else f"No {what} called {names}"
        st.warning(plain(f"{start}; showing {fallback}."))


def _write(key: str, labels: list[str]) -> None:
    if labels:
        st.query_params[key] = labels
    elif key in st.query_params:
        del st.query_params[key]


def one(label: str, options: Mapping[Hashable, str], key: str, *, what: str, default: Hashable | None = None,
        container=None, placeholder: str | None = None, help: str | None = None,
        widget_key: str | None = None) -> Hashable | None:
    """A select box bound to ``?key=``: ``options`` maps values to the labels shown (and written to the
    address). ``default`` None with a ``placeholder`` means "nothing chosen" is allowed. ``widget_key``
    (default ``key``) names the widget when two widgets of a page could share a name."""
    container = container or st
    values = list(options)
    chosen = default
    wanted = asked(key)
    if wanted:
        hit = match(wanted[0], options)
        if hit is None:
            if default is not None:
                fallback = str(options[default])
            else:
                fallback = placeholder.lower() if placeholder else str(options[values[0]]) if values else "nothing"
            unknown(what, wanted[:1], fallback)
        else:
            chosen = hit
    if chosen is None and placeholder is None and values:
        chosen = values[0]
    index = values.index(chosen) if chosen in options else None
    value = container.selectbox(label, values, index=index, format_func=lambda v: str(options[v]),
                                key=widget_key or key, placeholder=placeholder, help=help)
    _write(key, [str(options[value])] if value is not None and value != default else [])
    return value


def many(label: str, options: Mapping[Hashable, str], key: str, *, what: str, container=None,
         placeholder: str | None = None) -> list[Hashable]:
    """A multiselect bound to ``?key=a&key=b``; nothing chosen means "all"."""
    container = container or st
    hits, missing = [], []
    for value in asked(key):
        hit = match(value, options)
        if hit is None:
            missing.append(value)
        elif hit not in hits:
            hits.append(hit)
    if missing:
        unknown(what, missing, "the others" if hits else (placeholder or "all").lower())
    chosen = container.multiselect(label, list(options), default=hits, format_func=lambda v: str(options[v]),
                                   key=key, placeholder=placeholder)
    _write(key, [str(options[v]) for v in chosen])
    return chosen


def span(label: str, options: list[str], key: str, *, container=None) -> tuple[str, str]:
    """A range slider over ``options`` (years) bound to ``?key=first&key=last``; all by default."""
    container = container or st
    lookup = {o: o for o in options}
    ends = [match(v, lookup) for v in asked(key)[:2]]
    wrong = [v for v, hit in zip(asked(key)[:2], ends, strict=True) if hit is None]
    if wrong:
        unknown("year", wrong, "all years")
    ends = [e for e in ends if e is not None] or [options[0], options[-1]]
    first, last = sorted((ends[0], ends[-1]), key=options.index)
    first, last = container.select_slider(label, options=options, value=(first, last), key=key)
    whole = (first, last) == (options[0], options[-1])
    _write(key, [] if whole else [first, last])
    return first, last
