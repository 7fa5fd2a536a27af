"""Ids derived from content, so that they mean the same thing from run to run.

A pickup point's id comes from where it is and who boards there; a bus's id
from the route it drives.  Sort order never enters, so the same roster in
another row order gives the same ids, and a re-plan can tell which buses and
points are still the same.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def digest(parts: Iterable[object]) -> str:
    """A hex digest of ``parts`` in order (SHA-1: a name, not a secret)."""
    text = "\x1f".join(str(part) for part in parts)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def short_ids(digests: Mapping[K, tuple[str, str]], *, length: int) -> dict[K, str]:
    """Short ids from ``(prefix, full hex digest)`` pairs, unique among them.

    Each id is its prefix and the first ``length`` hex digits of its digest.
    Where two differ only further on, both get longer digests, so the result
    depends on the set of contents and never on their order.
    """
    by_short: dict[str, list[K]] = defaultdict(list)
    for key, (prefix, full) in digests.items():
        by_short[prefix + full[:length]].append(key)
    ids: dict[K, str] = {}
    for short, keys in by_short.items():
        distinct = {digests[k][1] for k in keys}
        if len(distinct) == 1:
            ids.update(dict.fromkeys(keys, short))
        else:
            ids.update(short_ids({k: digests[k] for k in keys}, length=length + 4))
    return ids
