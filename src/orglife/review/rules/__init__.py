"""Rule families, one module each; importing this package registers every rule."""

from orglife.review.rules import (  # noqa: F401
    counts,
    doubles,
    formulations,
    headings,
    numbered,
    punctuation,
    residue,
    structure,
    substance,
    typos,
    wording,
)
