"""The copy check on the Django side: fingerprints in the database, comparison in numpy.

Each filed material and reference text is fingerprinted once (``document_register``);
a check reads back only the rows of the documents a person may see and hands them to
``orglife.similarity.SimilarityIndex`` without rehashing anything. Nobody is ever shown
or compared against a material they may not see.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from orglife.copycheck.models import Fingerprint, ReferenceText, SimilarityDocument
from orglife.core.inputs import MAX_ID, query_int_or
from orglife.materials.models import InspectionMaterial
from orglife.materials.selectors import materials_visible_to
from orglife.orgs.models import User
from orglife.similarity.boilerplate import DocumentFrequency
from orglife.similarity.fingerprint import DocFingerprints, Params, fingerprint
from orglife.similarity.index import PairResult, SimilarityIndex, compare

log = logging.getLogger(__name__)


def material_text(record: InspectionMaterial) -> str:
    """The text fingerprints and passages refer to: the material as written out, with its
    numbering, so a side-by-side view reads like the original."""
    from orglife.documents.render import render_text

    return render_text(record.material())


@transaction.atomic
def document_register(
    *, material: InspectionMaterial | None = None, reference: ReferenceText | None = None
) -> SimilarityDocument:
    """Fingerprint a material or reference text once and store the rows."""
    if material is not None:
        text = material_text(material)
    elif reference is not None:
        text = reference.text
    else:
        raise TypeError("document_register needs a material or a reference text")
    params = Params()
    fp = fingerprint(text, params)
    doc = SimilarityDocument.objects.create(
        material=material,
        reference=reference,
        params=params.to_dict(),
        length=fp.length,
    )
    Fingerprint.objects.bulk_create(
        [Fingerprint(document=doc, hash=h, start=s, end=e) for h, s, e in fp.rows()],
        batch_size=2000,
    )
    return doc


def _ensure_registered(materials: QuerySet[InspectionMaterial]) -> None:
    # Materials filed before the copy check existed get their fingerprints on first use.
    for record in materials.filter(similarity__isnull=True):
        document_register(material=record)


def _load(docs: list[SimilarityDocument]) -> dict[str, DocFingerprints]:
    rows: dict[int, list[tuple[int, int, int]]] = {d.pk: [] for d in docs}
    for doc_pk, h, s, e in (
        Fingerprint.objects.filter(document__in=docs)
        .values_list("document_id", "hash", "start", "end")
        .order_by("document_id", "start")
    ):
        rows[doc_pk].append((h, s, e))
    out = {}
    for d in docs:
        arr = np.array(rows[d.pk], dtype=np.int64).reshape(-1, 3)
        out[d.doc_id] = DocFingerprints(
            hashes=arr[:, 0],
            starts=arr[:, 1].astype(np.int32),
            ends=arr[:, 2].astype(np.int32),
            # Not stored: pairs are found from the fingerprint rows alone.
            signature=np.zeros(0, dtype=np.uint32),
            length=d.length,
        )
    return out


def corpus_counts(docs: list[SimilarityDocument]) -> tuple[DocumentFrequency, int]:
    """Document frequencies over the whole stored corpus for the fingerprints of ``docs``.

    Boilerplate is what most materials share across every branch and year, not only the
    few a reviewer compares: one query, counts only, so nothing of an invisible text is
    revealed.
    """
    hashes = Fingerprint.objects.filter(document__in=docs).values("hash")
    rows = (
        Fingerprint.objects.filter(hash__in=hashes)
        .values("hash")
        .annotate(df=Count("document", distinct=True))
        .order_by("hash")
        .values_list("hash", "df")
    )
    arr = np.array(list(rows), dtype=np.int64).reshape(-1, 2)
    return DocumentFrequency(arr[:, 0].copy(), arr[:, 1].copy()), SimilarityDocument.objects.count()


@dataclass
class SuspectPair:
    a: SimilarityDocument
    b: SimilarityDocument
    result: PairResult
    kind: str  # same_meeting | earlier_year | reference

    @property
    def kind_label(self) -> str:
        if self.kind == "same_meeting":
            a, b = self.a.material, self.b.material
            same_org = a is not None and b is not None and a.org_id == b.org_id
            return "本支部同年度材料之间" if same_org else "不同支部同年度材料之间"
        return {"earlier_year": "与往年材料", "reference": "与参考范文"}[self.kind]

    def listed_for_passage(self, threshold: float) -> bool:
        """Under the similarity threshold, listed only because a passage is copied."""
        return self.result.similarity < threshold and bool(self.result.passages)


def comparison_scope(
    user: User, materials: QuerySet[InspectionMaterial]
) -> QuerySet[InspectionMaterial]:
    """What the given materials are compared with: visible materials of the same branches
    or authors from earlier years."""
    years = materials.values_list("year", flat=True)
    if not materials.exists():
        return InspectionMaterial.objects.none()
    first_year = min(years)
    orgs = materials.values_list("org", flat=True)
    authors = materials.exclude(author=None).values_list("author", flat=True)
    return materials_visible_to(user).filter(
        Q(org__in=orgs) | Q(author__in=authors), year__lt=first_year
    )


def suspect_pairs(
    *, user: User, materials: QuerySet[InspectionMaterial], threshold: float = 0.5
) -> list[SuspectPair]:
    """Suspicious pairs among ``materials`` and against earlier years and references,
    strongest first. ``materials`` must already be restricted to what ``user`` may see."""
    visible = materials_visible_to(user)
    current = materials.filter(pk__in=visible)
    earlier = comparison_scope(user, current).filter(pk__in=visible)
    _ensure_registered(current)
    _ensure_registered(earlier)
    for ref in ReferenceText.objects.filter(similarity__isnull=True):
        document_register(reference=ref)
    docs = list(
        SimilarityDocument.objects.filter(
            Q(material__in=current) | Q(material__in=earlier) | Q(reference__isnull=False)
        ).select_related("material", "reference")
    )
    params = Params()
    docs = [d for d in docs if d.params == params.to_dict()]
    index = SimilarityIndex(params)
    for doc_id, fp in _load(docs).items():
        index.add_fingerprints(doc_id, fp)
    index.use_corpus_counts(*corpus_counts(docs))
    by_id = {d.doc_id: d for d in docs}
    current_ids = {f"m{pk}" for pk in current.values_list("pk", flat=True)}

    pairs = []
    for r in index.pairs(threshold, texts=lambda doc_id: document_text(by_id[doc_id])):
        if r.a not in current_ids and r.b not in current_ids:
            continue  # two old or reference texts: not this check's business
        if r.a not in current_ids:  # keep the current material on the left
            r = PairResult(
                r.b, r.a, r.similarity, r.containment, r.shared, [p.swapped() for p in r.passages]
            )
        other = by_id[r.b]
        kind = (
            "reference"
            if other.reference_id
            else ("same_meeting" if r.b in current_ids else "earlier_year")
        )
        pairs.append(SuspectPair(by_id[r.a], other, r, kind))
    return pairs


def document_text(doc: SimilarityDocument) -> str:
    """The text a stored document's fingerprints and offsets refer to."""
    if doc.material is not None:
        return material_text(doc.material)
    # similarity_document_one_source: a document without a material has a reference.
    assert doc.reference is not None
    return doc.reference.text


def pair_texts(a: SimilarityDocument, b: SimilarityDocument) -> tuple[str, str]:
    return document_text(a), document_text(b)


def pair_compare(
    a: SimilarityDocument, b: SimilarityDocument, text_a: str, text_b: str
) -> PairResult | None:
    """One pair with exact shared passages (threshold 0: show whatever is shared)."""
    fps = _load([a, b])
    found = compare(
        fps[a.doc_id],
        fps[b.doc_id],
        text_a=text_a,
        text_b=text_b,
        threshold=0.0,
        corpus=corpus_counts([a, b]),
    )
    return found


def visible_document(user: User, doc_id: str) -> SimilarityDocument | None:
    """A fingerprinted document by id, or None if the person may not see it."""
    kind, raw = doc_id[:1], doc_id[1:]
    # "m²".isdigit() is True but int("²") fails: ids are ASCII digits within range.
    pk = query_int_or(raw, None, minimum=1, maximum=MAX_ID)
    if pk is None:
        return None
    if kind == "m":
        record = materials_visible_to(user).filter(pk=pk).first()
        if record is None:
            return None
        _ensure_registered(InspectionMaterial.objects.filter(pk=record.pk))
        return SimilarityDocument.objects.select_related("material").get(material=record)
    if kind == "r":
        ref = ReferenceText.objects.filter(pk=pk).first()
        if ref is None:
            return None
        if not hasattr(ref, "similarity"):
            document_register(reference=ref)
        return SimilarityDocument.objects.select_related("reference").get(reference=ref)
    return None
