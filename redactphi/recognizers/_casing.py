"""Letter case of each line of a note, so rules can tell ``Dr. Lee`` from ``dr lee`` notes."""

from __future__ import annotations

import bisect
import functools


class LineStyles:
    """Letter case of each line: ``upper``, ``lower`` or ``mixed``.

    A line too short to judge takes the note's style.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.doc_style = self._style(text)
        self._starts: list[int] = [0]
        self._styles: list[str] = []
        pos = 0
        for line in text.split("\n"):
            letters = sum(map(str.isalpha, line))
            self._styles.append(self._style(line) if letters >= 25 else self.doc_style)
            pos += len(line) + 1
            self._starts.append(pos)

    @staticmethod
    def _style(s: str) -> str:
        upper = sum(map(str.isupper, s))
        lower = sum(map(str.islower, s))
        if upper + lower == 0:
            return "mixed"
        share = upper / (upper + lower)
        if share > 0.75:
            return "upper"
        if share < 0.08:
            return "lower"
        return "mixed"

    def has(self, style: str) -> bool:
        """True when some line of the note is in ``style``."""
        return style in self._styles

    def at(self, offset: int) -> str:
        i = bisect.bisect_right(self._starts, offset) - 1
        return self._styles[min(i, len(self._styles) - 1)]


@functools.lru_cache(maxsize=4)
def line_styles(text: str) -> LineStyles:
    """One LineStyles per note, shared by the recognizers that analyse it."""
    return LineStyles(text)
