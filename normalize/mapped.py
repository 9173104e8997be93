"""Text that remembers, character by character, where in a raw page it came from.

Repair and layout cut, join and replace text; doing that on `Mapped` values keeps the offset map
right without bookkeeping in every rule. `spans` compresses the map into `types.Span` runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

from .types import Span


@dataclass(frozen=True, slots=True)
class Mapped:
    """`text` with, for each character, its raw offset and the replaced word it belongs to.

    `word[i]` is -1 for a character copied from the raw text; characters of one replaced word
    share a number, so the whole word maps to the raw word it replaced.
    """

    text: str
    raw: tuple[int, ...]
    word: tuple[int, ...]

    @classmethod
    def copied(cls, text: str, raw_start: int) -> Mapped:
        """Raw text taken as it is, starting at `raw_start`."""
        return cls(text, tuple(range(raw_start, raw_start + len(text))), (-1,) * len(text))

    @classmethod
    def replaced(cls, text: str, raw_start: int, raw_end: int, word: int) -> Mapped:
        """`text` standing for `raw[raw_start:raw_end]` as a whole."""
        n = len(text)
        width = raw_end - raw_start
        raw = tuple(raw_start + (i * width) // max(n, 1) for i in range(n))
        return cls(text, raw, (word,) * n)

    @classmethod
    def inserted(cls, text: str, raw_at: int) -> Mapped:
        """`text` with no raw counterpart, cited at `raw_at` (a joining space, a bullet)."""
        return cls(text, (raw_at,) * len(text), (-2,) * len(text))

    def __len__(self) -> int:
        return len(self.text)

    def __getitem__(self, key: slice) -> Mapped:
        return Mapped(self.text[key], self.raw[key], self.word[key])

    def __add__(self, other: Mapped) -> Mapped:
        return Mapped(self.text + other.text, self.raw + other.raw, self.word + other.word)

    def strip_start(self) -> Mapped:
        return self[len(self.text) - len(self.text.lstrip()):]

    def strip_end(self) -> Mapped:
        return self[:len(self.text.rstrip())]

    @staticmethod
    def join(parts: list[Mapped]) -> Mapped:
        return Mapped("".join(p.text for p in parts), tuple(chain.from_iterable(p.raw for p in parts)),
                      tuple(chain.from_iterable(p.word for p in parts)))

    def spans(self, page: int, offset: int) -> list[Span]:
        """Runs of this text (placed at `offset` of the document) mapped to `page`'s raw text."""
        out: list[Span] = []
        n = len(self.text)
        i = 0
        while i < n:
            j = i + 1
            if self.word[i] == -1:
                while j < n and self.word[j] == -1 and self.raw[j] == self.raw[j - 1] + 1:
                    j += 1
                raw_end = self.raw[j - 1] + 1
            else:
                while j < n and self.word[j] == self.word[i]:
                    j += 1
                raw_end = max(self.raw[j - 1] + 1, self.raw[i] + 1)
                if self.word[i] >= 0:
                    # A replaced word covers the raw word up to the next copied character.
                    nxt = next((self.raw[k] for k in range(j, n) if self.word[k] == -1), raw_end)
                    raw_end = max(raw_end, nxt)
            out.append(Span(offset + i, offset + j, page, self.raw[i], raw_end))
            i = j
        return out
