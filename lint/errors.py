"""Errors that reach the user as one line, never as a traceback."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read or holds no cards. The message names what is wrong."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message

    def __reduce__(self):  # picklable (it travels back from worker processes)
        return (self.__class__, (self.path, self.message))

    def detach(self) -> InputError:
        """This error without its traceback and chained exceptions, for keeping until the report:
        their frames hold the file's bytes (up to `max-file-mb`) or what a refused bomb inflated."""
        self.__traceback__ = None
        self.__context__ = None
        self.__cause__ = None
        return self


class NotACardDocument(InputError):
    """A readable file that never mentions 绩效: inside a walked folder it is skipped with a note
    (a README next to the submissions), named on the command line it is an error."""
