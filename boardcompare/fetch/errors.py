"""The fetch's error: a :class:`~boardcompare.errors.BoardcompareError` naming the site, address or council."""

from __future__ import annotations

from boardcompare.errors import BoardcompareError


class FetchError(BoardcompareError):
    """A site, an address or an answer that cannot be used: ``subject`` names it, ``reason`` says why.

    >>> str(FetchError("the site answered 404 Not Found", subject="https://x.gov.uk/mgAi.aspx?ID=1"))
    'https://x.gov.uk/mgAi.aspx?ID=1: the site answered 404 Not Found'
    """
