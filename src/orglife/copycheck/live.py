"""One ``SimilarityIndex`` per process, kept current from the stored rows.

Each web worker (gunicorn runs several) holds its own index, built once from the
``SimilarityDocument`` rows (``DocFingerprints.from_record``: no text read, nothing
rehashed). Before every use it adds the rows with ids above the largest it has seen, so
what another worker filed is caught up in milliseconds; when rows were deleted (a
material withdrawn) the count no longer matches and the index is rebuilt. A query then
never recomputes corpus-wide statistics: boilerplate counts are kept by the index.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from orglife.copycheck.models import SimilarityDocument
from orglife.similarity.fingerprint import DocFingerprints, Params
from orglife.similarity.index import SimilarityIndex

_lock = threading.RLock()  # the index is not thread-safe; gthread workers share it
_state: dict[str, object] = {}

FIELDS = ("pk", "material_id", "reference_id", "params", "hashes", "starts", "ends", "length")


def _doc_id(material_id: int | None, reference_id: int | None) -> str:
    return f"m{material_id}" if material_id else f"r{reference_id}"


def _fresh() -> SimilarityIndex:
    index = SimilarityIndex(Params())
    _state.update(index=index, seen=0, n=0, texts=OrderedDict())
    return index


def _catch_up(index: SimilarityIndex) -> bool:
    """Add the rows above the largest id seen; False when one replaces a text already in
    the index (the index then has to be rebuilt: ids are never reused inside it)."""
    params = index.params.to_dict()
    seen, n = int(_state["seen"]), int(_state["n"])  # type: ignore[call-overload]
    for row in SimilarityDocument.objects.filter(pk__gt=seen).order_by("pk").values_list(*FIELDS):
        pk, material_id, reference_id, row_params, hashes, starts, ends, length = row
        doc_id = _doc_id(material_id, reference_id)
        if doc_id in index:
            return False
        seen, n = max(seen, pk), n + 1
        if row_params != params:
            continue  # fingerprints made with other parameters cannot be compared
        fp = DocFingerprints.from_record(hashes=hashes, starts=starts, ends=ends, length=length)
        index.add_fingerprints(doc_id, fp)
    _state.update(seen=seen, n=n)
    return True


def current() -> SimilarityIndex:
    """The process's index with every stored row of the current parameters added.

    Hold ``lock()`` while using the result when threads share the process.
    """
    with _lock:
        index = _state.get("index")
        if not isinstance(index, SimilarityIndex):
            index = _fresh()
        if SimilarityDocument.objects.count() < int(_state["n"]):  # type: ignore[call-overload]
            index = _fresh()  # rows were deleted (a material withdrawn): rebuild, rarely
        if not _catch_up(index):
            index = _fresh()
            _catch_up(index)
        return index


TEXTS_KEPT = 256  # rendered texts kept for the passages of the next checks


def text_of(doc_id: str, render: Callable[[str], str]) -> str:
    """``render(doc_id)``, remembered while the index holds the same row (hold ``lock()``)."""
    texts: OrderedDict[str, str] = _state.setdefault("texts", OrderedDict())  # type: ignore[assignment]
    if doc_id in texts:
        texts.move_to_end(doc_id)
        return texts[doc_id]
    text = texts[doc_id] = render(doc_id)
    if len(texts) > TEXTS_KEPT:
        texts.popitem(last=False)
    return text


def lock() -> threading.RLock:
    return _lock


def reset() -> None:
    """Forget the index (tests; a new database)."""
    with _lock:
        _state.clear()
