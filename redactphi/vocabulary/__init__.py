"""One vocabulary for detection and policies: roles, titles, credentials, months.

The facts live in ``data/*.toml``, each spelled once; where the recognizers and the policies need
different subsets, a flag on the entry says so and a function here gives the view. Files are read
once per process.
"""

from redactphi.vocabulary.roles import Role

__all__ = ["Role"]
