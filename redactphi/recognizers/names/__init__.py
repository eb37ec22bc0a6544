"""Person names: patients, providers, relatives. One rule a module, strongest evidence first:

- ``headers``: header fields (``Surgeon: Lena Okafor, MD``), which also give the role;
- ``titles``: ``Dr``, ``Mrs``, ``NP`` before a name, in any letter case;
- ``credentials``: ``MD``, ``RN``, ``PA-C`` after one;
- ``kin``: kinship words (``son bill``, ``daughter Maria``);
- ``contacts``: verbs of contact (``spoke with``, ``NAME aware``);
- ``census``: name-table pairs (first + surname, initial + surname, first + rare word);
- ``last_first``, ``signatures``, ``family``, ``phone_owner``, ``by_name``, ``patient_age``:
  layouts and phrases that hold a name;
- ``spacy_persons``: spaCy's PERSON entities, checked against everyday words;
- ``propagation``: a name found once is redacted wherever else it occurs in the note.

Shared pieces: ``_tokens`` (token patterns, cue vocabularies), ``_words`` (word tests),
``_context`` (the note a rule reads, the hit it returns, name runs).
"""

from __future__ import annotations

from redactphi.recognizers.names.recognizer import NameRecognizer

__all__ = ["NameRecognizer"]
