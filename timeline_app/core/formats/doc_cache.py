"""Articles read on demand by id, the most recently used kept (streamed exports and reports cite a few articles
again and again: read once, never all at once)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Document
    from ..store.workspace import Workspace

#: articles kept by default
DOCUMENTS_KEPT = 256


class DocumentCache:
    """Articles by id, read on demand (without their mentions, or as ``load`` reads them) and the ``size`` most
    recently used kept."""

    def __init__(self, ws: Workspace, size: int = DOCUMENTS_KEPT,
                 load: Callable[[str], Document | None] | None = None):
        self.ws, self.size = ws, size
        self._load = load if load is not None else (lambda i: ws.document(i, with_mentions=False))
        self._docs: OrderedDict[str, Document | None] = OrderedDict()

    def fetch(self, ids: Iterable[str]) -> dict[str, Document]:
        """The documents of ``ids`` that exist."""
        out: dict[str, Document] = {}
        for i in dict.fromkeys(ids):
            if i in self._docs:
                self._docs.move_to_end(i)
                d = self._docs[i]
            else:
                d = self._docs[i] = self._load(i)
                if len(self._docs) > self.size:
                    self._docs.popitem(last=False)
            if d is not None:
                out[i] = d
        return out
