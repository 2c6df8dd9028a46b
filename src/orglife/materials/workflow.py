"""The review of a material: draft → submitted → returned (with comments) or approved.

The secretary reviews individual materials; a reviewer above reviews the branch material.
Nobody approves their own material.
"""

from __future__ import annotations

from orglife.core.workflow import Move, Workflow
from orglife.materials.models import InspectionMaterial
from orglife.materials.permissions import MaterialSeat

St = InspectionMaterial.Status
A = MaterialSeat


def _flow(name: str, reviewers: frozenset[str], refused: frozenset[str]) -> Workflow:
    return Workflow(
        name=name,
        status_labels=dict(St.choices),
        moves=(
            Move(
                action="submit",
                label="报送审核",
                source=frozenset({St.DRAFT, St.RETURNED}),
                target=St.SUBMITTED,
                allowed=frozenset({A.AUTHOR}),
            ),
            Move(
                action="approve",
                label="审核通过",
                source=frozenset({St.SUBMITTED}),
                target=St.APPROVED,
                allowed=reviewers,
                refused=refused,
                button="success",
            ),
            Move(
                action="return",
                label="退回修改",
                source=frozenset({St.SUBMITTED}),
                target=St.RETURNED,
                allowed=reviewers,
                refused=refused,
                needs_note=True,
                note_label="退回意见",
                button="outline-danger",
            ),
        ),
    )


# The secretary reviews a member's material; the secretary's own goes to the reviewer above.
INDIVIDUAL_FLOW = _flow(
    "material-individual", frozenset({A.SECRETARY, A.REVIEWER}), refused=frozenset({A.AUTHOR})
)
BRANCH_FLOW = _flow("material-branch", frozenset({A.REVIEWER}), refused=frozenset())


def flow_for(record: InspectionMaterial) -> Workflow:
    return BRANCH_FLOW if record.kind == InspectionMaterial.Kind.BRANCH else INDIVIDUAL_FLOW
