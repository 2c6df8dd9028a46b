"""The permission matrix: every URL pattern and every API operation, called as every persona
on objects of branch A, against a declared table. A pattern or operation with no row fails,
and the failure prints the rows to paste (with the statuses seen, to be checked by a person).

Columns (statuses): anonymous, the three administrator seats (system, security, audit), the
committee's reviewer, branch A's secretary, committee member and member, branch B's
secretary and member. Arguments name objects of branch A: ``pk=item`` fills a path
parameter, ``?org=org`` a query parameter; anything not an object name is taken literally.
Each call runs in a transaction rolled back afterwards, so calls do not disturb each other.
Signing out runs last (it ends the clients' sessions).

The rule of the table: every write sends a valid body (``BODIES`` for the API, ``FORMS`` for
pages; ``Obj("org")`` names an object, ``Upload("x.png")`` makes a file and the body
multipart), on an object in a state where the move is allowed (``held`` is a meeting as held,
``other`` an item with no pending extension). So a status is about the caller only: 200, 201
or 302 for whoever may make the move, 403 for someone who sees the object but may not, 404
for someone who may not see it (branch B and the administrator seats, on every object of
branch A) and 401/302 for the anonymous. Never 422 nor 409: a row answering that shows a body
or a state, not who is refused. A 302 is a move made: a page that sends a refusal back to its
form as a flash message fails the test (a refused move keeps its status).

Refused before the body is read: the personas who may not see branch A are also sent an
empty body and one that is not JSON on every API write to an object of branch A, and must be
answered as the table says (401/403/404), never 400/422 — so a body's shape reveals nothing
about an object out of sight (the handlers take the id as ``orgs.http.seen_first``).
"""

from __future__ import annotations

import inspect
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import openpyxl
import pytest
from django.contrib.messages import ERROR, get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver

from orglife.api import api
from orglife.documents.parse import parse_text
from orglife.documents.render import render_docx
from orglife.ledger import services as ledger
from orglife.materials.models import InspectionMaterial
from orglife.materials.services import material_check, material_file_version, material_parse
from orglife.meetings import services_prep as meetings
from orglife.meetings.models import LifeMeeting
from orglife.meetings.services_plan import plan_save
from orglife.meetings.services_record import record_save
from orglife.orgs.models import ApiToken, User
from tests.factories import PASSWORD
from tests.ledger.factories import make_item, png_bytes, upload
from tests.meetings.factories import LifeMeetingFactory
from tests.safety.factories import COMPLETE_PLAN, make_hazard, make_inspection, make_risk

PERSONAS = ("anon", "sys", "sec", "aud", "rev", "secA", "comA", "memA", "secB", "memB")

# Patterns not in the table: the Django admin (its own permission system, tested in
# tests/orgs/test_seats.py) and the catch-all that answers JSON 404 under /api/.
SKIPPED_PREFIXES = ("/admin/",)
SKIPPED = {"/^api/"}

# method path                                  args                  anon sys sec aud rev secA comA memA secB memB
MATRIX = """
GET    /                                       -                     302 200 200 200 200 200 200 200 200 200
GET    /healthz                                -                     200 200 200 200 200 200 200 200 200 200
GET    /login/                                 -                     200 200 200 200 200 200 200 200 200 200
POST   /logout/                                -                     302 302 302 302 302 302 302 302 302 302
GET    /password/                              -                     302 200 200 200 200 200 200 200 200 200
GET    /orgs/                                  -                     302 200 200 200 200 200 200 200 200 200
GET    /orgs/<int:pk>/                         pk=org                302 200 404 404 200 200 200 200 404 404
GET    /orgs/<int:pk>/import/                  pk=org                302 200 404 404 200 200 404 404 404 404
GET    /orgs/roster-template.xlsx              -                     302 200 200 200 200 200 200 200 200 200
GET    /audit/                                 -                     302 403 403 200 403 403 403 403 403 403
GET    /audit/export.xlsx                      -                     302 403 403 200 403 403 403 403 403 403
GET    /security/                              -                     302 403 200 403 403 403 403 403 403 403
POST   /security/<int:pk>/reset/               pk=user               302 403 302 403 403 403 403 403 403 403
POST   /security/<int:pk>/lock/                pk=user               302 403 302 403 403 403 403 403 403 403
POST   /security/<int:pk>/seat/                pk=user               302 403 302 403 403 403 403 403 403 403
GET    /ledger/                                -                     302 200 200 200 200 200 200 200 200 200
GET    /ledger/new/                            -                     302 404 404 404 200 200 200 404 200 404
GET    /ledger/<int:pk>/                       pk=item               302 404 404 404 200 200 200 200 404 404
GET    /ledger/<int:pk>/edit/                  pk=item               302 404 404 404 200 200 200 403 404 404
POST   /ledger/<int:pk>/transition/            pk=item               302 404 404 404 302 302 302 302 404 404
POST   /ledger/<int:pk>/evidence/              pk=item               302 404 404 404 302 302 302 302 404 404
POST   /ledger/<int:pk>/progress/              pk=item               302 404 404 404 302 302 302 302 404 404
POST   /ledger/<int:pk>/extension/             pk=other              302 404 404 404 302 302 302 302 404 404
POST   /ledger/extension/<int:pk>/decide/      pk=ext                302 404 404 404 302 302 403 403 404 404
GET    /ledger/evidence/<int:pk>/              pk=evid               302 404 404 404 200 200 200 200 404 404
GET    /ledger/lists/<str:kind>/               kind=problems         302 404 404 404 200 200 200 200 200 200
GET    /ledger/export.xlsx                     ?org=org              302 404 404 404 200 200 200 200 404 404
GET    /ledger/summary/                        -                     302 404 404 404 200 200 200 200 200 200
GET    /ledger/reminders/                      -                     302 200 200 200 200 200 200 200 200 200
GET    /ledger/carry-forward/                  -                     302 404 404 404 200 200 200 200 200 200
GET    /review/similar/                        -                     302 404 404 404 200 200 404 404 200 404
GET    /review/similar/compare/<str:a>/<str:b>/ a=doc&b=doc           302 404 404 404 200 200 404 404 404 404
GET    /review/similar/references/             -                     302 404 404 404 200 200 404 404 200 404
GET    /review/                                -                     302 200 200 200 200 200 200 200 200 200
POST   /review/save/                           -                     302 404 404 404 302 302 302 302 404 404
GET    /review/materials/                      -                     302 200 200 200 200 200 200 200 200 200
GET    /review/materials/<int:pk>/             pk=mat                302 404 404 404 200 200 200 200 404 404
POST   /review/materials/<int:pk>/dismiss/     pk=mat                302 404 404 404 302 302 404 404 404 404
GET    /review/materials/<int:pk>/official.docx pk=mat               302 404 404 404 200 200 200 200 404 404
POST   /review/materials/<int:pk>/ledger/      pk=case               302 404 404 404 302 302 302 404 404 404
POST   /api/auth/token                         -                     200 200 200 200 200 200 200 200 200 200
DELETE /api/auth/token                         -                     401 204 204 204 204 204 204 204 204 204
GET    /api/me                                 -                     401 200 200 200 200 200 200 200 200 200
GET    /api/orgs                               -                     401 200 200 200 200 200 200 200 200 200
POST   /api/review/check                       -                     401 200 200 200 200 200 200 200 200 200
GET    /api/ledger/items                       -                     401 200 200 200 200 200 200 200 200 200
POST   /api/ledger/items                       -                     401 404 404 404 201 201 201 403 404 404
GET    /api/ledger/items/{item_id}             item_id=item          401 404 404 404 200 200 200 200 404 404
PATCH  /api/ledger/items/{item_id}             item_id=item          401 404 404 404 200 200 200 403 404 404
POST   /api/ledger/items/{item_id}/transitions item_id=item          401 404 404 404 200 200 200 200 404 404
GET    /api/ledger/items/{item_id}/history     item_id=item          401 404 404 404 200 200 200 200 404 404
GET    /api/ledger/items/{item_id}/evidence    item_id=item          401 404 404 404 200 200 200 200 404 404
POST   /api/ledger/items/{item_id}/evidence    item_id=item          401 404 404 404 201 201 201 201 404 404
POST   /api/ledger/items/{item_id}/progress    item_id=item          401 404 404 404 201 201 201 201 404 404
POST   /api/ledger/items/{item_id}/extensions  item_id=other         401 404 404 404 201 201 201 201 404 404
POST   /api/ledger/extensions/{request_id}/decision request_id=ext        401 404 404 404 200 200 403 403 404 404
GET    /api/ledger/export                      ?org=org&list=problems 401 404 404 404 200 200 200 200 404 404
# meetings (added at the merge of 2026-12-01; writes after the meeting are on ``held``, a
# meeting as held with its branch material, so that each is allowed to someone)
GET    /meetings/board/                        -                     302 403 403 403 200 403 403 403 403 403
GET    /meetings/<int:pk>/after/               pk=meeting            302 404 404 404 200 200 200 200 404 404
GET    /meetings/<int:pk>/record/              pk=meeting            302 404 404 404 403 200 200 403 404 404
GET    /meetings/<int:pk>/criticisms/          pk=meeting            302 404 404 404 200 200 200 200 404 404
POST   /meetings/<int:pk>/criticisms/add/      pk=held               302 404 404 404 403 302 302 302 404 404
GET    /meetings/<int:pk>/evaluation/          pk=meeting            302 404 404 404 200 200 200 200 404 404
POST   /meetings/<int:pk>/evaluation/self/     pk=held               302 404 404 404 403 302 302 302 404 404
POST   /meetings/<int:pk>/evaluation/ballot/   pk=held               302 404 404 404 403 302 302 302 404 404
POST   /meetings/<int:pk>/evaluation/close/    pk=held               302 404 404 404 403 302 403 403 404 404
POST   /meetings/<int:pk>/evaluation/results/  pk=held               302 404 404 404 403 302 403 403 404 404
POST   /meetings/<int:pk>/ledger/              pk=held               302 404 404 404 302 302 302 403 404 404
GET    /meetings/<int:pk>/report/              pk=meeting            302 404 404 404 200 200 200 200 404 404
POST   /meetings/<int:pk>/report/move/         pk=held               302 404 404 404 403 302 403 403 404 404
PUT    /api/meetings/{meeting_id}/record       meeting_id=held       401 404 404 404 403 200 200 403 404 404
GET    /api/meetings/{meeting_id}/record       meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings/{meeting_id}/record.docx  meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
POST   /api/meetings/{meeting_id}/criticisms   meeting_id=held       401 404 404 404 403 201 201 201 404 404
GET    /api/meetings/{meeting_id}/criticisms   meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
PUT    /api/meetings/{meeting_id}/evaluation/self meeting_id=held       401 404 404 404 403 200 200 200 404 404
POST   /api/meetings/{meeting_id}/evaluation/ballots meeting_id=held       401 404 404 404 403 201 201 201 404 404
POST   /api/meetings/{meeting_id}/evaluation/close meeting_id=held       401 404 404 404 403 200 403 403 404 404
GET    /api/meetings/{meeting_id}/evaluation/tally meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
PUT    /api/meetings/{meeting_id}/evaluation/results meeting_id=held       401 404 404 404 403 200 403 403 404 404
GET    /api/meetings/{meeting_id}/evaluation/results meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings/{meeting_id}/evaluation.xlsx meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings/{meeting_id}/evaluation.docx meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
POST   /api/meetings/{meeting_id}/ledger       meeting_id=held       401 404 404 404 200 200 200 403 404 404
GET    /api/meetings/{meeting_id}/report       meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
POST   /api/meetings/{meeting_id}/report/transitions meeting_id=held       401 404 404 404 403 200 403 403 404 404
GET    /api/meetings/{meeting_id}/report.docx  meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings/{meeting_id}/pack         meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings/{meeting_id}/carry-forward meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings-board                     -                     401 403 403 403 200 403 403 403 403 403
GET    /api/meetings-board.xlsx                -                     401 403 403 403 200 403 403 403 403 403
# meeting preparation (rows added 2026-12-01 from observed answers, each checked against
# the rules: outsiders 404 on A's objects, anonymous 302/401, member A no secretary moves)
GET    /meetings/                              -                     302 200 200 200 200 200 200 200 200 200
GET    /meetings/<int:pk>/                     pk=meeting            302 404 404 404 200 200 200 200 404 404
GET    /meetings/<int:pk>/plan/                pk=meeting            302 404 404 404 200 200 200 200 404 404
GET    /meetings/<int:pk>/plan.docx            pk=meeting            302 404 404 404 200 200 200 200 404 404
GET    /meetings/<int:pk>/studies/             pk=meeting            302 404 404 404 200 200 200 200 404 404
GET    /meetings/<int:pk>/talks/               pk=meeting            302 404 404 404 200 200 200 200 404 404
GET    /meetings/<int:pk>/opinions/            pk=meeting            302 404 404 404 200 200 200 200 404 404
GET    /meetings/<int:pk>/materials/           pk=meeting            302 404 404 404 200 200 200 200 404 404
GET    /meetings/<int:pk>/drafting/            pk=meeting            302 404 404 404 403 200 403 403 404 404
POST   /review/materials/<int:pk>/move/        pk=mat                302 404 404 404 404 302 404 404 404 404
POST   /review/materials/<int:pk>/recheck/     pk=mat                302 404 404 404 302 302 404 404 404 404
GET    /review/materials/<int:pk>/diff/        pk=mat                302 404 404 404 200 200 200 200 404 404
GET    /api/orgs/{org_id}/people               org_id=org            401 404 404 404 200 200 200 200 404 404
GET    /api/meetings                           -                     401 200 200 200 200 200 200 200 200 200
POST   /api/meetings                           -                     401 404 404 404 403 201 403 403 404 404
GET    /api/meetings/{meeting_id}              meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings/{meeting_id}/plan         meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
PUT    /api/meetings/{meeting_id}/plan         meeting_id=meeting    401 404 404 404 403 200 403 403 404 404
POST   /api/meetings/{meeting_id}/plan/transitions meeting_id=meeting    401 404 404 404 403 200 403 403 404 404
GET    /api/meetings/{meeting_id}/plan.docx    meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings/{meeting_id}/studies      meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
POST   /api/meetings/{meeting_id}/studies      meeting_id=meeting    401 404 404 404 403 201 201 403 404 404
GET    /api/meetings/{meeting_id}/opinions     meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
POST   /api/meetings/{meeting_id}/opinions     meeting_id=meeting    401 404 404 404 403 201 201 403 404 404
POST   /api/meetings/{meeting_id}/opinions/import meeting_id=meeting    401 404 404 404 403 201 201 403 404 404
PATCH  /api/meetings/{meeting_id}/opinions/{opinion_id} meeting_id=meeting&opinion_id=opinion 401 404 404 404 403 200 200 403 404 404
GET    /api/meetings/{meeting_id}/talks        meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
POST   /api/meetings/{meeting_id}/talks        meeting_id=meeting    401 404 404 404 403 201 201 201 404 404
GET    /api/meetings/{meeting_id}/talks/coverage meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
GET    /api/meetings/{meeting_id}/materials    meeting_id=meeting    401 404 404 404 200 200 200 200 404 404
POST   /api/meetings/{meeting_id}/materials    meeting_id=meeting    401 404 404 404 201 201 201 201 404 404
GET    /api/materials/{material_id}            material_id=mat       401 404 404 404 200 200 200 200 404 404
POST   /api/materials/{material_id}/transitions material_id=mat       401 404 404 404 403 200 403 403 404 404
POST   /api/materials/{material_id}/recheck    material_id=mat       401 404 404 404 200 200 403 403 404 404
GET    /api/materials/{material_id}/diff       material_id=mat       401 404 404 404 200 200 200 200 404 404
# safety (rows added 2026-12-01, checked the same way)
GET    /safety/                                -                     302 200 200 200 200 200 200 200 200 200
GET    /safety/risks/new/                      -                     302 200 200 200 200 200 200 200 200 200
GET    /safety/risks/<int:pk>/                 pk=risk               302 404 404 404 200 200 200 200 404 404
GET    /safety/hazards/                        -                     302 200 200 200 200 200 200 200 200 200
GET    /safety/hazards/new/                    -                     302 200 200 200 200 200 200 200 200 200
GET    /safety/hazards/<int:pk>/               pk=hazard             302 404 404 404 200 200 200 200 404 404
POST   /safety/hazards/<int:pk>/plan/          pk=hazard             302 404 404 404 302 302 302 302 404 404
POST   /safety/hazards/<int:pk>/transition/    pk=hazard             302 404 404 404 302 302 302 302 404 404
POST   /safety/hazards/<int:pk>/photo/         pk=hazard             302 404 404 404 302 302 302 302 404 404
GET    /safety/inspections/                    -                     302 200 200 200 200 200 200 200 200 200
GET    /safety/inspections/new/                -                     302 200 200 200 200 200 200 200 200 200
GET    /safety/inspections/checklist/          -                     302 200 200 200 200 200 200 200 200 200
GET    /safety/inspections/<int:pk>/           pk=insp               302 404 404 404 200 200 200 200 404 404
POST   /safety/inspections/<int:pk>/findings/<int:finding>/hazard/ pk=insp&finding=finding 302 404 404 404 302 302 302 403 404 404
GET    /safety/stats/                          ?org=org              302 404 404 404 200 200 200 200 404 404
POST   /safety/stats/report/                   -                     302 404 404 404 302 302 302 403 404 404
GET    /safety/cases/<int:pk>/                 pk=mat                302 404 404 404 200 200 200 200 404 404
GET    /api/safety/risks                       -                     401 200 200 200 200 200 200 200 200 200
POST   /api/safety/risks                       -                     401 404 404 404 201 201 201 403 404 404
GET    /api/safety/risks/{risk_id}             risk_id=risk          401 404 404 404 200 200 200 200 404 404
PATCH  /api/safety/risks/{risk_id}             risk_id=risk          401 404 404 404 200 200 200 403 404 404
GET    /api/safety/risks/{risk_id}/history     risk_id=risk          401 404 404 404 200 200 200 200 404 404
GET    /api/safety/hazards                     -                     401 200 200 200 200 200 200 200 200 200
POST   /api/safety/hazards                     -                     401 404 404 404 201 201 201 403 404 404
GET    /api/safety/hazards/{hazard_id}         hazard_id=hazard      401 404 404 404 200 200 200 200 404 404
PUT    /api/safety/hazards/{hazard_id}/plan    hazard_id=hazard      401 404 404 404 200 200 200 200 404 404
POST   /api/safety/hazards/{hazard_id}/photos  hazard_id=hazard      401 404 404 404 201 201 201 201 404 404
GET    /api/safety/inspections                 -                     401 200 200 200 200 200 200 200 200 200
POST   /api/safety/inspections                 -                     401 404 404 404 201 201 201 403 404 404
GET    /api/safety/inspections/{inspection_id} inspection_id=insp    401 404 404 404 200 200 200 200 404 404
POST   /api/safety/inspections/{inspection_id}/findings/{finding_id}/hazard inspection_id=insp&finding_id=finding 401 404 404 404 201 201 201 403 404 404
GET    /api/safety/checklists                  -                     401 200 200 200 200 200 200 200 200 200
GET    /api/safety/stats                       ?org=org&?year=2024  401 404 404 404 200 200 200 200 404 404
POST   /api/safety/reports                     -                     401 404 404 404 201 201 201 403 404 404
GET    /api/safety/cases/{material_id}         material_id=mat       401 404 404 404 200 200 200 200 404 404
POST   /api/safety/cases/{material_id}         material_id=case      401 404 404 404 201 201 201 403 404 404
# the form pages' writes (a page taking GET and POST has its GET row above, and its POST here)
POST   /ledger/new/                            -                     302 404 404 404 302 302 302 403 404 404
POST   /ledger/<int:pk>/edit/                  pk=item               302 404 404 404 302 302 302 403 404 404
POST   /orgs/<int:pk>/import/                  pk=org                302 302 404 404 302 302 404 404 404 404
POST   /review/                                -                     302 404 404 404 302 302 302 302 404 404
# (only a superuser adds a reference text: none of the personas may)
POST   /review/similar/references/             -                     302 404 404 404 404 404 404 404 404 404
POST   /meetings/                              -                     302 404 404 404 403 302 403 403 404 404
POST   /meetings/<int:pk>/                     pk=meeting            302 404 404 404 403 302 403 403 404 404
POST   /meetings/<int:pk>/plan/                pk=meeting            302 404 404 404 403 302 403 403 404 404
POST   /meetings/<int:pk>/studies/             pk=meeting            302 404 404 404 403 302 302 403 404 404
POST   /meetings/<int:pk>/talks/               pk=meeting            302 404 404 404 403 302 302 302 404 404
POST   /meetings/<int:pk>/opinions/            pk=meeting            302 404 404 404 403 302 302 403 404 404
POST   /meetings/<int:pk>/materials/           pk=meeting            302 404 404 404 302 302 302 302 404 404
POST   /meetings/<int:pk>/drafting/            pk=meeting            302 404 404 404 403 200 403 403 404 404
POST   /meetings/<int:pk>/record/              pk=meeting            302 404 404 404 403 302 302 403 404 404
POST   /safety/risks/new/                      -                     302 404 404 404 302 302 302 403 404 404
POST   /safety/risks/<int:pk>/                 pk=risk               302 404 404 404 302 302 302 403 404 404
POST   /safety/hazards/new/                    -                     302 404 404 404 302 302 302 403 404 404
POST   /safety/inspections/new/                -                     302 404 404 404 302 302 302 403 404 404
POST   /safety/cases/<int:pk>/                 pk=case               302 404 404 404 302 302 302 403 404 404
"""


SEED_TEXT = "\n".join(
    [
        "2023年主题教育专题组织生活会党支部对照检查材料",
        "一、存在的问题",
        "（一）理论学习方面。学习不够深入，结合实际不够。",
        "二、整改措施",
        "（一）加强理论学习，每月开展一次专题研讨。",
    ]
)


@dataclass(frozen=True)
class Obj:
    """A value in a body naming an object of branch A, as the args column does: its id."""

    name: str


@dataclass(frozen=True)
class Upload:
    """A file field: a body holding one is sent as multipart/form-data. Made afresh for each
    call (a file is read once), from its suffix: .png, .txt, .docx or .xlsx."""

    name: str

    def file(self) -> SimpleUploadedFile:
        made = UPLOAD_BYTES.get(self.name) or UPLOAD_BYTES[self.name.rsplit(".", 1)[-1]]
        return SimpleUploadedFile(self.name, made())


def _xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


UPLOAD_BYTES = {
    "png": png_bytes,
    "txt": lambda: SEED_TEXT.encode(),
    "docx": lambda: render_docx(parse_text(SEED_TEXT)),
    "xlsx": lambda: _xlsx([["来源", "意见内容"], ["群众", "办事指南更新不及时"]]),
    # A file whose content is particular to one form goes by its whole name.
    "名册.xlsx": lambda: _xlsx([["姓名", "职务"], ["矩阵新党员", "党员"]]),
}

# Branch A's voting members: a ballot grades every one of them but the voter.
VOTERS_A = ("secretary_a", "committee_a", "member_a")


def ballot(caller: str, field: str = "{}") -> dict[str, str]:
    return {field.format(u): "qualified" for u in VOTERS_A if u != caller}


Body = dict[str, Any] | Callable[[str], dict[str, Any]]

# A valid body for every write: the answer is about the caller (and the object's state,
# chosen so that the move is allowed), never about the body. A callable gets the caller's
# username, for the one body that differs by caller (a ballot grades everyone but the voter).
BODIES: dict[tuple[str, str], Body] = {
    ("POST", "/api/auth/token"): {"username": "member_a", "password": PASSWORD},
    ("POST", "/api/review/check"): {"file": Upload("对照检查材料.docx")},
    ("POST", "/api/ledger/items"): {"org": Obj("org"), "title": "矩阵检查登记的事项"},
    ("PATCH", "/api/ledger/items/{item_id}"): {"version": 1, "note": "矩阵检查"},
    ("POST", "/api/ledger/items/{item_id}/transitions"): {"action": "start", "note": ""},
    ("POST", "/api/ledger/items/{item_id}/evidence"): {
        "file": Upload("照片.png"),
        "note": "现场照片",
    },
    ("POST", "/api/ledger/items/{item_id}/progress"): {"text": "已开展一次专题研讨"},
    ("POST", "/api/ledger/items/{item_id}/extensions"): {
        "new_deadline": "2099-02-01",
        "reason": "需要补充材料",
    },
    ("POST", "/api/ledger/extensions/{request_id}/decision"): {"approve": False, "note": "不予"},
    ("PUT", "/api/meetings/{meeting_id}/record"): {
        "held_on": "2024-01-12",
        "place": "第一会议室",
        "attendees": list(VOTERS_A),
        "minutes": "会议按议程进行。",
    },
    ("POST", "/api/meetings/{meeting_id}/criticisms"): {
        "to": "member_a",
        "by": "member_a",
        "text": "学习不够深入，今后每月精读一篇原文。",
    },
    ("PUT", "/api/meetings/{meeting_id}/evaluation/self"): {"text": "一年来认真履行党员义务。"},
    ("POST", "/api/meetings/{meeting_id}/evaluation/ballots"): lambda caller: {
        "grades": ballot(caller)
    },
    ("PUT", "/api/meetings/{meeting_id}/evaluation/results"): {
        "grades": dict.fromkeys(VOTERS_A, "qualified")
    },
    ("POST", "/api/meetings/{meeting_id}/report/transitions"): {"action": "submit", "note": ""},
    ("POST", "/api/meetings"): {"org": Obj("org"), "year": 2027, "title": "2027年度组织生活会"},
    ("PUT", "/api/meetings/{meeting_id}/plan"): {
        "planned_on": "2024-01-10",
        "place": "第一会议室",
        "participants": list(VOTERS_A),
        "agenda": "一、通报整改情况；二、开展批评和自我批评。",
    },
    ("POST", "/api/meetings/{meeting_id}/plan/transitions"): {"action": "submit", "note": ""},
    ("POST", "/api/meetings/{meeting_id}/studies"): {
        "held_on": "2024-01-06",
        "topic": "集中学习党章",
        "attendees": list(VOTERS_A),
    },
    ("POST", "/api/meetings/{meeting_id}/opinions"): {"source": "public", "text": "窗口排队久"},
    ("POST", "/api/meetings/{meeting_id}/opinions/import"): {"file": Upload("意见.xlsx")},
    ("PATCH", "/api/meetings/{meeting_id}/opinions/{opinion_id}"): {"item": None},
    ("POST", "/api/meetings/{meeting_id}/talks"): {
        "a": "secretary_a",
        "b": "member_a",
        "held_on": "2024-01-07",
        "topics": "学习和工作情况",
    },
    ("POST", "/api/meetings/{meeting_id}/materials"): {
        "kind": "individual",
        "file": Upload("个人对照检查材料.txt"),
    },
    ("POST", "/api/materials/{material_id}/transitions"): {"action": "submit", "note": ""},
    ("POST", "/api/safety/risks"): {
        "org": Obj("org"),
        "place": "锅炉房",
        "area": "fire",
        "hazard": "燃气泄漏可能引发火灾",
        "method": "lec",
        "l": 1,
        "e": 6,
        "c": 15,
    },
    ("PATCH", "/api/safety/risks/{risk_id}"): {"version": 1, "measures": "每周巡检"},
    ("POST", "/api/safety/hazards"): {
        "org": Obj("org"),
        "title": "消防通道堆放杂物",
        "area": "fire",
    },
    ("PUT", "/api/safety/hazards/{hazard_id}/plan"): dict(COMPLETE_PLAN),
    ("POST", "/api/safety/hazards/{hazard_id}/photos"): {"file": Upload("隐患.png")},
    ("POST", "/api/safety/inspections"): {
        "org": Obj("org"),
        "held_on": "2024-01-09",
        "place": "车库",
        "area": "fire",
        "inspectors": ["committee_a"],
    },
    ("POST", "/api/safety/inspections/{inspection_id}/findings/{finding_id}/hazard"): {
        "grade": "general"
    },
    ("POST", "/api/safety/reports"): {"org": Obj("org"), "year": 2024, "quarter": 1},
    ("POST", "/api/safety/cases/{material_id}"): {"measures": [1]},
}

# The form a page POST sends (multipart when it holds an Upload), valid as BODIES are.
FORMS: dict[tuple[str, str], Body] = {
    ("POST", "/security/<int:pk>/lock/"): {"locked": "1"},
    ("POST", "/security/<int:pk>/seat/"): {"seat": "audit_admin"},
    ("POST", "/ledger/<int:pk>/transition/"): {"action": "start"},
    ("POST", "/ledger/<int:pk>/evidence/"): {"file": Upload("照片.png"), "note": "现场照片"},
    ("POST", "/ledger/<int:pk>/progress/"): {"text": "已开展一次专题研讨"},
    ("POST", "/ledger/<int:pk>/extension/"): {
        "new_deadline": "2099-02-01",
        "reason": "需要补充材料",
    },
    ("POST", "/ledger/extension/<int:pk>/decide/"): {"decision": "refuse", "note": "不予"},
    ("POST", "/review/save/"): {"org": Obj("org"), "kind": "individual"},
    ("POST", "/review/materials/<int:pk>/dismiss/"): {
        "key": Obj("finding_key"),
        "reason": "本支部的固定表述",
    },
    ("POST", "/meetings/<int:pk>/criticisms/add/"): {
        "to": "member_a",
        "by": "member_a",
        "text": "学习不够深入，今后每月精读一篇原文。",
    },
    ("POST", "/meetings/<int:pk>/evaluation/self/"): {"text": "一年来认真履行党员义务。"},
    ("POST", "/meetings/<int:pk>/evaluation/ballot/"): lambda caller: ballot(caller, "g_{}"),
    ("POST", "/meetings/<int:pk>/evaluation/results/"): {f"r_{u}": "qualified" for u in VOTERS_A},
    ("POST", "/meetings/<int:pk>/report/move/"): {"action": "submit"},
    ("POST", "/review/materials/<int:pk>/move/"): {"action": "submit"},
    ("POST", "/safety/hazards/<int:pk>/plan/"): {f"plan_{k}": v for k, v in COMPLETE_PLAN.items()},
    ("POST", "/safety/hazards/<int:pk>/transition/"): {"action": "start"},
    ("POST", "/safety/hazards/<int:pk>/photo/"): {"photo": Upload("隐患.png")},
    ("POST", "/safety/inspections/<int:pk>/findings/<int:finding>/hazard/"): {"grade": "general"},
    ("POST", "/safety/stats/report/"): {"org": Obj("org"), "year": "2024", "quarter": "1"},
    ("POST", "/ledger/new/"): {
        "org": Obj("org"),
        "title": "矩阵检查登记的事项",
        "category": "theory_study",
        "source": "meeting",
        "description": "学习不够深入",
        "kind": "deadline",
        "deadline": "2099-01-31",
    },
    ("POST", "/ledger/<int:pk>/edit/"): {
        "title": "矩阵检查修改的事项",
        "category": "theory_study",
        "source": "meeting",
        "description": "学习不够深入",
        "kind": "deadline",
        "deadline": "2099-01-31",
        "version": "1",
    },
    ("POST", "/orgs/<int:pk>/import/"): {"file": Upload("名册.xlsx")},
    ("POST", "/review/"): {
        "text": SEED_TEXT,
        "save": "1",
        "org": Obj("org"),
        "kind": "individual",
    },
    ("POST", "/review/similar/references/"): {"title": "参考文本", "file": Upload("参考.txt")},
    ("POST", "/meetings/"): {"org": Obj("org"), "year": "2027", "title": "2027年度组织生活会"},
    ("POST", "/meetings/<int:pk>/"): {"drafter": "committee_a"},
    ("POST", "/meetings/<int:pk>/plan/"): {
        "planned_on": "2024-01-10",
        "place": "第一会议室",
        "format": "branch_congress",
        "participants": list(VOTERS_A),
        "agenda": "一、通报整改情况；二、开展批评和自我批评。",
    },
    ("POST", "/meetings/<int:pk>/studies/"): {
        "held_on": "2024-01-06",
        "topic": "集中学习党章",
        "attendees": list(VOTERS_A),
    },
    ("POST", "/meetings/<int:pk>/talks/"): {
        "a": "secretary_a",
        "b": "member_a",
        "held_on": "2024-01-07",
        "topics": "学习和工作情况",
    },
    ("POST", "/meetings/<int:pk>/opinions/"): {"source": "public", "text": "窗口排队久"},
    ("POST", "/meetings/<int:pk>/materials/"): {
        "kind": "individual",
        "file": Upload("个人对照检查材料.txt"),
    },
    ("POST", "/meetings/<int:pk>/drafting/"): {"text": SEED_TEXT},
    ("POST", "/meetings/<int:pk>/record/"): {
        "held_on": "2024-01-12",
        "place": "第一会议室",
        "minutes": "会议按议程进行。",
    },
    ("POST", "/safety/risks/new/"): {
        "org": Obj("org"),
        "place": "锅炉房",
        "area": "fire",
        "hazard": "燃气泄漏可能引发火灾",
        "method": "lec",
        "l": "1",
        "e": "6",
        "c": "15",
    },
    ("POST", "/safety/risks/<int:pk>/"): {
        "version": "1",
        "measures": "每周巡检",
        "method": "lec",
        "l": "1",
        "e": "6",
        "c": "15",
    },
    ("POST", "/safety/hazards/new/"): {
        "org": Obj("org"),
        "title": "消防通道堆放杂物",
        "area": "fire",
        "grade": "general",
    },
    ("POST", "/safety/inspections/new/"): {
        "org": Obj("org"),
        "held_on": "2024-01-09",
        "place": "车库",
        "area": "fire",
        "inspectors": ["committee_a"],
    },
    ("POST", "/safety/cases/<int:pk>/"): {"target": "hazards", "measures": "1"},
}

# Rows whose input is more than the body: the request each caller makes first.
BEFORE = {
    # Saving files what the review page checked and kept in the session.
    ("POST", "/review/save/"): ("/review/", {"text": SEED_TEXT}),
}


@dataclass(frozen=True)
class Row:
    method: str
    path: str
    args: str
    expected: tuple[int, ...]

    def line(self, statuses: tuple[int | str, ...] | None = None) -> str:
        codes = " ".join(f"{s:>3}" for s in (statuses or self.expected))
        return f"{self.method:<6} {self.path:<39} {self.args:<21} {codes}"


def parse(table: str) -> dict[tuple[str, str], Row]:
    rows = {}
    for raw in table.strip().splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split()
        method, path, args, codes = parts[0], parts[1], parts[2], parts[3:]
        assert len(codes) == len(PERSONAS), f"row needs {len(PERSONAS)} statuses: {raw}"
        assert (method, path) not in rows, f"two rows for {method} {path}"
        rows[(method, path)] = Row(method, path, args, tuple(int(c) for c in codes))
    return rows


ROWS = parse(MATRIX)


def url_patterns() -> list[str]:
    """Every page route, as written in the urlconfs ("/ledger/<int:pk>/")."""
    return list(page_views())


def page_views() -> dict[str, Callable[..., Any]]:
    """Every page route with its view."""
    found: dict[str, Callable[..., Any]] = {}

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                if ("/" + route).startswith("/api/"):
                    continue  # the API is listed from its OpenAPI schema
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                found["/" + route] = p.callback

    walk(get_resolver().url_patterns, "")
    return {
        r: v for r, v in found.items() if r not in SKIPPED and not r.startswith(SKIPPED_PREFIXES)
    }


def form_patterns() -> list[str]:
    """Page routes whose view answers GET with a form and takes its POST itself (it reads
    ``request.method``): besides the GET row, each needs a POST row of its own, so that a
    write through the form is shown refused to whoever may not make it."""
    return [
        route
        for route, view in page_views().items()
        if inspect.isfunction(inspect.unwrap(view))
        and re.search(r"request\.method [!=]= \"POST\"", inspect.getsource(inspect.unwrap(view)))
    ]


def api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [(m.upper(), path) for path, ops in schema["paths"].items() for m in ops]


GUESSES = {"pk": "?", "item_id": "item", "request_id": "ext", "meeting_id": "meeting"}
PK_GUESSES = {
    "/meetings/": "meeting",
    "/ledger/": "item",
    "/orgs/": "org",
    "/review/materials/": "mat",
}


def proposal(method: str, path: str) -> Row:
    names = re.findall(r"<(?:\w+:)?(\w+)>|\{(\w+)\}", path)
    pk = next((v for prefix, v in PK_GUESSES.items() if path.startswith(prefix)), "?")
    guesses = GUESSES | {"pk": pk}
    args = " ".join(f"{a or b}={guesses.get(a or b, '?')}" for a, b in names) or "-"
    return Row(method, path, args.replace(" ", ""), tuple(0 for _ in PERSONAS))


def missing_lines(rows: dict[tuple[str, str], Row]) -> list[str]:
    """Table lines for the endpoints without a row, statuses left as "?" to fill in."""
    unknown = ("?",) * len(PERSONAS)
    missing = [
        proposal("GET", p).line(unknown)
        for p in url_patterns()
        if not any(path == p for (_m, path) in rows)
    ]
    # A form page's GET row is its row; its POST row is one more.
    missing += [
        proposal("POST", p).line(unknown) for p in form_patterns() if ("POST", p) not in rows
    ]
    missing += [proposal(m, p).line(unknown) for m, p in api_operations() if (m, p) not in rows]
    return missing


def test_it_has_a_row_for_every_url_pattern_and_api_operation():
    missing = missing_lines(ROWS)
    assert not missing, (
        "endpoints without a row in tests/site/test_permission_matrix.py MATRIX; add (and"
        " fill in the statuses):\n" + "\n".join(missing)
    )


def test_it_has_no_row_for_an_endpoint_that_is_gone():
    known = {p for p in url_patterns()} | {p for _m, p in api_operations()}
    assert [r.line() for r in ROWS.values() if r.path not in known] == []


@pytest.fixture
def objects(world, seats, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    item = make_item(world)
    ev = ledger.item_evidence_add(item=item, actor=world.member_a, upload=upload())
    ext = ledger.item_extension_request(
        item=item, actor=world.member_a, new_deadline="2099-01-01", reason="材料需要补充"
    )
    world.client(world.secretary_a).post(
        "/review/", {"text": SEED_TEXT, "save": "1", "org": world.branch_a.pk, "kind": "branch"}
    )
    mat = InspectionMaterial.objects.get()
    meeting = LifeMeetingFactory(org=world.branch_a)
    opinion = meetings.opinion_create(
        meeting=meeting, actor=world.secretary_a, source="public", text="服务窗口排队时间长"
    )
    plan_save(
        meeting=meeting,
        actor=world.secretary_a,
        planned_on=date(2024, 1, 10),
        place="第一会议室",
        format="branch_congress",
        participants=list(VOTERS_A),
        agenda="通报整改情况；开展批评和自我批评。",
        requirements="",
    )  # a plan with its day can be sent up
    inspection = make_inspection(world)
    held = held_meeting(world)
    return {
        "opinion": opinion.pk,
        "risk": make_risk(world).pk,
        "hazard": make_hazard(world).pk,
        "insp": inspection.pk,
        "finding": inspection.findings.first().pk,
        "meeting": meeting.pk,
        "held": held.pk,
        "case": InspectionMaterial.objects.get(meeting=held).pk,
        "org": world.branch_a.pk,
        "item": item.pk,
        "other": make_item(world, title="服务群众意识不强").pk,
        "evid": ev.pk,
        "ext": ext.pk,
        "mat": mat.pk,
        "finding_key": material_check(mat).findings[0].key(),
        "doc": f"m{mat.pk}",
        "user": world.member_a.pk,
    }


SEED_FILE = (
    Path(__file__).resolve().parents[2] / "src/orglife/site/data/2023-branch-self-inspection.txt"
)


def held_meeting(world) -> LifeMeeting:
    """A meeting of branch A as held, its branch material (the seed: a safety case) filed."""
    meeting = LifeMeetingFactory(org=world.branch_a, year=2024)
    record_save(
        meeting=meeting,
        actor=world.secretary_a,
        held_on="2024-01-12",
        place="第一会议室",
        attendees=list(VOTERS_A),
        absent=[],
    )
    seed = SEED_FILE.read_bytes()
    material_file_version(
        actor=world.secretary_a,
        meeting=meeting,
        kind="branch",
        author=None,
        upload=material_parse(data=seed, filename="班子对照检查材料.txt"),
    )
    return meeting


def fill(row: Row, objects: dict[str, Any]) -> tuple[str, dict[str, str]]:
    path, query = row.path, {}
    if row.args != "-":
        for token in re.split(r"[\s&]+", row.args):
            is_query = token.startswith("?")
            name, _, value = token.lstrip("?").partition("=")
            value = str(objects.get(value, value))
            if is_query:
                query[name] = value
            else:
                path = re.sub(rf"<(?:\w+:)?{name}>|\{{{name}\}}", value, path)
    return path, query


def body_for(row: Row, objects: dict[str, Any], caller: str) -> tuple[dict[str, Any], bool]:
    """The row's body with objects named and files made, and whether it is multipart."""
    table = BODIES if row.path.startswith("/api/") else FORMS
    body = table.get((row.method, row.path), {})
    if callable(body):
        body = body(caller)

    def value(v: Any) -> Any:
        if isinstance(v, Obj):
            return objects[v.name]
        if isinstance(v, Upload):
            return v.file()
        if isinstance(v, dict):
            return {k: value(x) for k, x in v.items()}
        if isinstance(v, list):
            return [value(x) for x in v]
        return v

    return value(body), any(isinstance(v, Upload) for v in body.values())


def people(world, seats) -> dict[str, User]:
    return {
        "sys": seats.system,
        "sec": seats.security,
        "aud": seats.audit,
        "rev": world.reviewer,
        "secA": world.secretary_a,
        "comA": world.committee_a,
        "memA": world.member_a,
        "secB": world.secretary_b,
        "memB": world.member_b,
    }


def clients(world, seats) -> dict[str, dict[str, Client]]:
    who = people(world, seats)
    pages = {"anon": Client()} | {k: world.client(u) for k, u in who.items()}
    tokens = {"anon": Client()} | {
        k: Client(headers={"Authorization": f"Bearer {ApiToken.issue(u)}"}) for k, u in who.items()
    }
    return {"pages": pages, "api": tokens}


@dataclass(frozen=True)
class Answer:
    status: int
    flashed: str = ""  # an error message a redirect carries back to the form


def call(
    client: Client, row: Row, path: str, query: dict[str, str], body: Any, multipart: bool
) -> Answer:
    method = row.method
    client.cookies.pop("messages", None)  # only this call's flash messages
    with transaction.atomic():
        before = BEFORE.get((method, row.path))
        if before is not None:
            client.post(*before)
        if method == "GET":
            r = client.get(path, query)
        elif multipart or not path.startswith("/api/"):
            r = client.generic(method, path, **_encoded(body, multipart))
        else:
            r = client.generic(method, path, json.dumps(body), content_type="application/json")
        transaction.set_rollback(True)
    errors = [m.message for m in get_messages(r.wsgi_request) if m.level >= ERROR]
    return Answer(r.status_code, "；".join(errors) if r.status_code == 302 else "")


def _encoded(body: dict[str, Any], multipart: bool) -> dict[str, Any]:
    if multipart:
        return {"data": encode_multipart(BOUNDARY, body), "content_type": MULTIPART_CONTENT}
    return {
        "data": urlencode(body, doseq=True),
        "content_type": "application/x-www-form-urlencoded",
    }


def answers(world, seats, objects, rows) -> list[tuple[Row, tuple[Answer, ...]]]:
    by_kind, who = clients(world, seats), people(world, seats)
    out = []
    for row in sorted(rows, key=lambda r: r.path == "/logout/"):
        path, query = fill(row, objects)
        kind = "api" if path.startswith("/api/") else "pages"
        seen = []
        for p in PERSONAS:
            body, multipart = body_for(row, objects, who[p].username if p in who else "")
            seen.append(call(by_kind[kind][p], row, path, query, body, multipart))
        out.append((row, tuple(seen)))
    return out


def test_it_answers_every_persona_as_the_table_says(world, seats, objects):
    wrong, quiet = [], []
    for row, seen in answers(world, seats, objects, ROWS.values()):
        statuses = tuple(a.status for a in seen)
        if statuses != row.expected:
            wrong.append(f"expected {row.line()}\n     got {row.line(statuses)}")
        quiet += [
            f"{row.method} {row.path} as {p}: {a.flashed}"
            for p, a in zip(PERSONAS, seen, strict=True)
            if a.flashed
        ]
    # A 302 in the table is a move made: a refusal sent back to the form would hide its status.
    assert not wrong and not quiet, (
        "statuses differ from the table:\n"
        + "\n".join(wrong)
        + "\nredirected with an error instead of a status:\n"
        + "\n".join(quiet)
    )


# Who may not see branch A's objects at all: refused before anything they send is read.
OUTSIDERS = ("anon", "sys", "sec", "aud", "secB", "memB")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def object_writes() -> list[Row]:
    """API writes to an object of branch A named in the path (a create names its org in the
    body, so an empty body there cannot be refused on the object)."""
    return [
        r
        for r in ROWS.values()
        if r.method in WRITES and r.path.startswith("/api/") and "{" in r.path
    ]


def test_refused_personas_are_refused_before_the_body_is_read(world, seats, objects):
    api_clients = clients(world, seats)["api"]
    wrong = []
    for row in object_writes():
        path, _ = fill(row, objects)
        for p in OUTSIDERS:
            expected = row.expected[PERSONAS.index(p)]
            for body in (b"", b"{"):  # nothing, and not even JSON
                with transaction.atomic():
                    r = api_clients[p].generic(
                        row.method, path, body, content_type="application/json"
                    )
                    transaction.set_rollback(True)
                if r.status_code != expected or expected not in (401, 403, 404):
                    wrong.append(
                        f"{row.method} {row.path} as {p} with {body!r}: {r.status_code}, table {expected}"
                    )
    assert not wrong, "\n".join(wrong)


# Page writes that take no form: the URL says it all.
NO_FORM = {
    ("POST", "/logout/"),
    ("POST", "/security/<int:pk>/reset/"),
    ("POST", "/review/materials/<int:pk>/recheck/"),
    ("POST", "/review/materials/<int:pk>/ledger/"),
    ("POST", "/meetings/<int:pk>/evaluation/close/"),
    ("POST", "/meetings/<int:pk>/ledger/"),
}


def test_every_write_sends_a_valid_body_and_no_row_expects_a_body_error():
    """A new write row comes with its body, so its statuses are about who is refused."""
    takes_body = {
        (m.upper(), path)
        for path, ops in api.get_openapi_schema()["paths"].items()
        for m, op in ops.items()
        if "requestBody" in op
    }
    writes = [r for r in ROWS.values() if r.method in WRITES]
    api_rows = {(r.method, r.path) for r in writes if r.path.startswith("/api/")}
    page_rows = {(r.method, r.path) for r in writes if not r.path.startswith("/api/")}
    assert sorted(api_rows & takes_body - set(BODIES)) == []
    assert sorted(page_rows - set(FORMS) - NO_FORM) == []
    assert sorted(set(BODIES) - api_rows) == [] and sorted(set(FORMS) - page_rows) == []
    assert [r.line() for r in writes if {409, 422} & set(r.expected)] == []


def test_it_prints_the_missing_rows_ready_to_paste():
    rows = dict(ROWS)
    del rows[("GET", "/ledger/<int:pk>/")]
    del rows[("GET", "/api/ledger/items/{item_id}")]
    del rows[("POST", "/ledger/<int:pk>/edit/")]  # a form page with its GET row only
    message = "\n".join(missing_lines(rows))
    assert "POST   /ledger/<int:pk>/edit/                  pk=item" in message
    assert "GET    /ledger/<int:pk>/                       pk=item" in message
    assert "GET    /api/ledger/items/{item_id}             item_id=item" in message
    # A pasted line parses (once its statuses are filled in).
    line = next(m for m in message.splitlines() if "{item_id}" in m).replace("?", "200")
    assert parse(line)
