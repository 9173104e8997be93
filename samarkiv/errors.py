"""The one exception hierarchy of samarkiv.

Every error a user can meet names the file and a reason a person can act on; the CLI prints
`str(error)` as one line and goes on with the next file.
"""

from __future__ import annotations

from pathlib import Path


class SamarkivError(Exception):
    """Base class: something about one input or one archive that stops its processing."""

    def __init__(self, reason: str, path: str | Path | None = None) -> None:
        self.reason = reason
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {reason}" if self.path else reason)

    def with_path(self, path: str | Path) -> SamarkivError:
        """Returns the same error naming `path`, for errors raised below the file level."""
        if self.path is None:
            self.path = str(path)
            self.args = (f"{self.path}: {self.reason}",)
        return self


class UnsupportedInput(SamarkivError):
    """The file is of a type samarkiv does not read (a spreadsheet, random bytes)."""


class EmptyInput(SamarkivError):
    """The file holds no bytes, or no text could be found in it."""


class CorruptInput(SamarkivError):
    """The file claims a type it does not hold up to: a truncated PDF, a broken image."""


class EncryptedInput(SamarkivError):
    """The PDF or office document is encrypted with a password samarkiv does not have."""


class TooLarge(SamarkivError):
    """The input exceeds a safety limit (pages, pixels, bytes)."""


class OcrUnavailable(SamarkivError):
    """Tesseract, or its language data, is not installed."""


class ConverterUnavailable(SamarkivError):
    """The program that converts a file's format (LibreOffice) is not installed."""


class ArchiveError(SamarkivError):
    """The archive database cannot be opened or is in an unexpected state."""
