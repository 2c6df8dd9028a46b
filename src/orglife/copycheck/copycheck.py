"""The copy check on the Django side: fingerprints in the database, comparison in numpy.

Each filed material and reference text is fingerprinted once (``document_register``:
one row, ``DocFingerprints.to_record()``); each process keeps one index built from those
rows (``copycheck.live``) and a check queries it with ``include=`` the documents the
person may see. Nobody is ever shown or compared against a material they may not see.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from orglife.copycheck import live
from orglife.copycheck.models import ReferenceText, SimilarityDocument
from orglife.core.inputs import MAX_ID, query_int_or
from orglife.materials.models import InspectionMaterial
from orglife.materials.selectors import materials_visible_to
from orglife.orgs.models import User
from orglife.similarity.fingerprint import DocFingerprints, Params, fingerprint
from orglife.similarity.index import PairResult, compare

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
    record = fingerprint(text, params, sketch=False).to_record()
    return SimilarityDocument.objects.create(
        material=material,
        reference=reference,
        params=params.to_dict(),
        hashes=record["hashes"],
        starts=record["starts"],
        ends=record["ends"],
        length=int(record["length"]),
    )


def _ensure_registered(materials: QuerySet[InspectionMaterial]) -> None:
    # Materials filed before the copy check existed get their fingerprints on first use.
    for record in materials.filter(similarity__isnull=True):
        document_register(material=record)


def _record(doc: SimilarityDocument) -> DocFingerprints:
    return DocFingerprints.from_record(
        hashes=bytes(doc.hashes), starts=bytes(doc.starts), ends=bytes(doc.ends), length=doc.length
    )


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
    strongest first. ``materials`` must already be restricted to what ``user`` may see.

    Each material is one query of the process's live index (``copycheck.live``),
    restricted with ``include=`` to what this person may see; passages are located from
    the fingerprints (the side-by-side page computes the exact ones), so no text is read.
    """
    visible = materials_visible_to(user)
    current = materials.filter(pk__in=visible)
    earlier = comparison_scope(user, current).filter(pk__in=visible)
    _ensure_registered(current)
    _ensure_registered(earlier)
    for ref in ReferenceText.objects.filter(similarity__isnull=True):
        document_register(reference=ref)
    current_ids = [f"m{pk}" for pk in current.order_by("pk").values_list("pk", flat=True)]
    allowed = set(current_ids)
    allowed |= {f"m{pk}" for pk in earlier.values_list("pk", flat=True)}
    allowed |= {f"r{pk}" for pk in ReferenceText.objects.values_list("pk", flat=True)}
    results: list[PairResult] = []
    done: set[str] = set()
    with live.lock():
        index = live.current()
        for doc_id in current_ids:
            if doc_id not in index:
                continue
            done.add(doc_id)
            fp = index.fingerprints(doc_id)
            ask = {"query_id": doc_id, "exclude": done, "include": allowed}
            # Candidates from the fingerprints alone (no text read); only a material that
            # has some is asked again with the texts, for the exact shared passages.
            found = index.query_fingerprints(fp, "", threshold, **ask)  # type: ignore[arg-type]
            if found:
                found = index.query_fingerprints(
                    fp,
                    _text(doc_id),
                    threshold,
                    texts=_text,
                    **ask,  # type: ignore[arg-type]
                )
            results += found
    by_id = _documents({i for r in results for i in (r.a, r.b)})
    current_set = set(current_ids)
    pairs = []
    for r in sorted(results, key=lambda r: -r.score):
        if r.a not in by_id or r.b not in by_id:
            continue
        other = by_id[r.b]
        kind = (
            "reference"
            if other.reference_id
            else ("same_meeting" if r.b in current_set else "earlier_year")
        )
        pairs.append(SuspectPair(by_id[r.a], other, r, kind))
    return pairs


def _text(doc_id: str) -> str:
    """A stored document's text, rendered once per process while the index holds its row."""
    with live.lock():
        return live.text_of(doc_id, _render)


def _render(doc_id: str) -> str:
    kind, pk = doc_id[:1], int(doc_id[1:])
    doc = SimilarityDocument.objects.select_related("material", "reference").get(
        **({"material_id": pk} if kind == "m" else {"reference_id": pk})
    )
    return document_text(doc)


def _documents(doc_ids: set[str]) -> dict[str, SimilarityDocument]:
    """The stored documents of these ids, with what the pair list shows, in one query."""
    materials = [int(d[1:]) for d in doc_ids if d.startswith("m")]
    references = [int(d[1:]) for d in doc_ids if d.startswith("r")]
    docs = (
        SimilarityDocument.objects.filter(Q(material__in=materials) | Q(reference__in=references))
        .select_related("material__org", "material__author", "reference")
        .defer("hashes", "starts", "ends", "material__structure", "material__source_lines")
    )
    return {d.doc_id: d for d in docs}


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
    """One pair with exact shared passages (threshold 0: show whatever is shared);
    boilerplate judged by the live index's counts over everything stored."""
    with live.lock():
        index = live.current()
        corpus = (index.df, len(index))
    return compare(
        _record(a), _record(b), text_a=text_a, text_b=text_b, threshold=0.0, corpus=corpus
    )


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


def on_material_page(sender: object, *, material: InspectionMaterial, user: User, **kw) -> str:
    """Receiver of ``materials.services.material_page_sections``: the copy check's result for
    this material, shown to those who review it (secretary, reviewer above)."""
    from django.template.loader import render_to_string

    from orglife.orgs.permissions import may_manage

    if not may_manage(user, material.org):
        return ""
    same = materials_visible_to(user).filter(org=material.org, year=material.year)
    me = f"m{material.pk}"
    pairs = [p for p in suspect_pairs(user=user, materials=same) if me in (p.a.doc_id, p.b.doc_id)]
    return render_to_string("copycheck/_material_pairs.html", {"pairs": pairs, "me": me})
