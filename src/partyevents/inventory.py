"""Which documents of earlier runs are still in the input folder (``--incremental`` runs).

An earlier run's document is *still there* when this run reads its bytes again (under any path) or reads
something at its path (an edited file: :mod:`partyevents.reposts` replaces a version that was read). The
others are *gone*: the file was deleted, or a record file lost the record. A path that could not be read
this time (a folder that cannot be listed, a record file that broke partway) says nothing about what is
below it, so nothing below it counts as gone.
"""

from __future__ import annotations

from typing import Any

__all__ = ["GONE_MESSAGE", "PRUNED_MESSAGE", "Inventory"]

GONE_MESSAGE = ("the input of this document is no longer in the input folder; its rows are kept "
                "(run with --incremental --prune to drop them)")
PRUNED_MESSAGE = "the input of an earlier run's document is no longer in the input folder; --prune dropped its rows"
_BELOW = ("/", "#", "!/")  # a folder's files, a record file's records, an archive's members


class Inventory:
    """Earlier runs' documents (``doc_id -> source_path``) not yet seen in this run.

    >>> inv = Inventory({"a1": "a.txt", "b2": "b.txt", "c3": "d/c.txt", "e4": "p.jsonl#3"})
    >>> inv.saw("a1", "moved/a.txt"); inv.saw("ff", "b.txt"); inv.unsure("d"); inv.unsure("p.jsonl")
    >>> inv.gone()
    {}
    >>> inv = Inventory({"a1": "a.txt", "b2": "b.txt"}); inv.saw("a1", "a.txt"); inv.gone()
    {'b2': 'b.txt'}
    """

    def __init__(self, known: dict[str, str]) -> None:
        self._missing = dict(known)
        self._by_path = {path: doc_id for doc_id, path in known.items()}
        self._unsure: set[str] = set()
        self.seen: set[str] = set()  # doc_ids this run read (an earlier document that came back is among them)

    def saw(self, doc_id: str, path: str) -> None:
        """This run read ``path`` with bytes of id ``doc_id``."""
        self.seen.add(doc_id)
        self._missing.pop(doc_id, None)
        old = self._by_path.get(path)
        if old is not None:
            self._missing.pop(old, None)

    def unsure(self, path: str) -> None:
        """``path`` could not be read whole this run: what is at or below it is not gone."""
        self._unsure.add(path)

    def gone(self, keep: Any = frozenset()) -> dict[str, str]:
        """``doc_id -> source_path`` of the earlier documents whose input is gone (except the ids in ``keep``)."""
        prefixes = tuple(p + b for p in self._unsure for b in _BELOW)
        return {d: p for d, p in self._missing.items()
                if d not in keep and p not in self._unsure and not p.startswith(prefixes)}
