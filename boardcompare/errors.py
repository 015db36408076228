"""The project's own errors: one base class with a plain-English reason and an exit code.

The library raises; the command line (:func:`boardcompare.cli.main`) and the pages
(:func:`boardcompare.ui.common.show_error`) turn an error into words in one place each, both
through :func:`describe`, so the same failure reads the same on the terminal and on screen.
"""

from __future__ import annotations


class BoardcompareError(Exception):
    """An error the user can act on: ``reason`` says what went wrong, ``subject`` names the input.

    ``code`` is the exit status the command line returns for it: 1 when an input or the database
    could not be used, 2 when what was asked for is not allowed or not known (bad arguments).

    >>> str(BoardcompareError("the file is empty", subject="minutes.txt"))
    'minutes.txt: the file is empty'
    >>> BoardcompareError("no such board", code=2).code
    2
    """

    code = 1

    def __init__(self, reason: str, *, subject: str | None = None, code: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.subject = subject
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.subject}: {self.reason}" if self.subject else self.reason

    def __reduce__(self):  # picklable whatever a subclass's __init__ takes (worker processes)
        return _rebuild, (type(self), dict(self.__dict__))


def _rebuild(cls: type[BoardcompareError], state: dict) -> BoardcompareError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    return err


OUT_OF_MEMORY = ("this machine ran out of memory doing it; nothing already stored was changed. "
                 "Close other programs or try fewer or smaller files")


def describe(err: BaseException) -> str:
    """The one wording of an error for a person, whether it is ours or the system's.

    >>> describe(BoardcompareError("the database has not been built yet"))
    'the database has not been built yet'
    >>> describe(MemoryError())[:36]
    'this machine ran out of memory doing'
    >>> describe(FileNotFoundError(2, "No such file or directory", "x.txt"))
    'x.txt: No such file or directory'
    """
    if isinstance(err, BoardcompareError):
        return str(err)
    if isinstance(err, MemoryError):
        return OUT_OF_MEMORY
    if isinstance(err, OSError) and err.strerror:
        return f"{err.filename}: {err.strerror}" if err.filename else err.strerror
    return str(err) or type(err).__name__


def reason(err: BaseException) -> str:
    """An error's words without the input's name, for a line that already starts with it.

    >>> reason(BoardcompareError("the file is empty", subject="minutes.txt"))
    'the file is empty'
    >>> reason(PermissionError(13, "Permission denied", "minutes.txt"))
    'Permission denied'
    """
    if isinstance(err, BoardcompareError):
        return err.reason
    if isinstance(err, OSError) and err.strerror:
        return err.strerror
    return describe(err)


def exit_code(err: BaseException) -> int:
    """The exit status for an error :func:`describe` words: the error's own code, else 1."""
    return err.code if isinstance(err, BoardcompareError) else 1


# What the command line and the pages turn into a message rather than a traceback.
EXPECTED = (BoardcompareError, MemoryError, OSError)
