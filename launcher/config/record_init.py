"""One ``__init__`` for the large read-only records of a configuration (``Settings``,
``KioskOptions``): they are frozen dataclasses with ``init=False``.

One job. ``dataclasses`` writes and compiles an ``__init__`` of its own for every class when
the class is defined: for ``Settings`` (124 fields) and ``KioskOptions`` (48) that is ~3 ms
of the exam's start, before its first request, for classes built once per exam. This one
sets the fields from keywords, with the class's defaults, and refuses missing or unknown
names as a generated one does.
"""

from __future__ import annotations

import dataclasses
from typing import Any


def init_from_fields(record: object, values: dict[str, Any]) -> None:
    """Set every dataclass field of ``record`` from ``values`` or its default."""
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        if f.name in values:
            value = values.pop(f.name)
        elif f.default is not dataclasses.MISSING:
            value = f.default
        elif f.default_factory is not dataclasses.MISSING:
            value = f.default_factory()
        else:
            raise TypeError(f"{type(record).__name__}() missing the field {f.name!r}")
        object.__setattr__(record, f.name, value)
    if values:
        raise TypeError(f"{type(record).__name__}() got unknown fields: {', '.join(sorted(values))}")
