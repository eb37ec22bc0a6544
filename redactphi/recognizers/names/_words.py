"""Questions the name rules ask of one word: everyday English? never a name? a name-ender?"""

from __future__ import annotations

from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._tokens import KIN_WORD, MONTHS, STOP_WORDS, TITLE_WORD


class WordTests:
    """Word tests weighed against the lexicons and the lemmatizer's non-noun words."""

    def __init__(self, ambiguous: frozenset[str] = frozenset()) -> None:
        # Words the lemmatizer knows as verbs, adjectives or adverbs: "bill", "grant", "white".
        self.ambiguous = ambiguous

    def everyday(self, word: str) -> bool:
        w = word.lower().strip("'’")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if "-" in w.strip("-"):
            # "HYDRATION-WILL" is two words; "Mary-Kate" and "Perez-Rivera" are names.
            return any(
                self.everyday(part) and not lx.is_name_word(part) for part in w.split("-") if part
            ) or all(self.everyday(part) for part in w.split("-") if part)
        if w in lx.function_words() or lx.is_clinical(w):
            return True
        if w in lx.first_names():
            # "Bill", "Grant", "Mark" are verbs first; "Carol", "John" are names first.
            return w in self.ambiguous and lx.zipf(w) >= 4.3
        return w in self.ambiguous or lx.zipf(w) >= lx.COMMON_ZIPF

    @staticmethod
    def blocked(word: str) -> bool:
        """Never a name whatever the context: function words, titles, clinical terms."""
        w = word.lower().strip("'’.")
        return (
            w in lx.function_words()
            or w in STOP_WORDS
            or lx.is_clinical(w)
            or bool(TITLE_WORD.fullmatch(w))
            or bool(KIN_WORD.fullmatch(w))
        )

    @staticmethod
    def ends_name(word: str) -> bool:
        """Words that end a name even after a strong cue; months and "Will" can be names."""
        w = word.lower().strip("'’.")
        if len(w) == 1:
            return False  # an initial
        if w in MONTHS or (word.istitle() and w in lx.first_names()):
            return False
        return w in lx.function_words() or w in STOP_WORDS or bool(TITLE_WORD.fullmatch(w))

    def weak_ok(self, word: str) -> bool:
        """A name word no dictionary claims: enough after a weak cue."""
        return lx.is_name_word(word) and not self.everyday(word) and not self.blocked(word)

    def continues(self, word: str, style: str, strong: bool) -> bool:
        """May ``word`` extend a name already begun ("Dr. Lee Ann", not "Dr. Lee harvested")?"""
        if strong and style == "any":
            return True  # a header value: "Patient: TIFFANY HUGHES"
        if style == "lower" and word.istitle():
            return strong or not self.everyday(word)  # a capital stands out in a lower note
        if style == "mixed" and not (word.isupper() and len(word) > 1):
            if not word[:1].isupper():  # "pt michael ray" in a mixed-case note
                return lx.is_name_word(word) and not self.everyday(word)
            return strong or not self.everyday(word)
        return (lx.is_name_word(word) and not self.everyday(word)) or (
            strong and lx.zipf(word) < 2.5 and not self.blocked(word)
        )
