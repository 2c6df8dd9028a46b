"""Pure-Python review engine: what a 机关党委 reviewer sends a material back for. No Django.

Entry points: ``check_material`` / ``check_text`` / ``check_bytes`` (engine), ``Finding``
(finding), ``list_rules`` and ``list_profiles``. Rules live in ``review/rules/``, one module
per family; their word lists, formulations and theme profiles in ``review/data/*.toml``.
"""

from orglife.review.engine import (
    check_bytes,
    check_material,
    check_text,
    list_profiles,
    list_rules,
    review_material,
    source_lines,
)
from orglife.review.finding import Finding
from orglife.review.kinds import DocumentKind, detect_kind

__all__ = [
    "DocumentKind",
    "Finding",
    "check_bytes",
    "check_material",
    "check_text",
    "detect_kind",
    "list_profiles",
    "list_rules",
    "review_material",
    "source_lines",
]
