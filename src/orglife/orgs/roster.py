"""Roster import: a branch's people from .xlsx or .csv, all rows or none.

Columns are found by their Chinese header (姓名, 性别, 出生日期, 入党日期, 联系电话, 职务,
and optionally 用户名), in any order. Every row is validated first; if any row is wrong
the import stops with the list of row errors and nothing is written.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from pypinyin import lazy_pinyin

from orglife.core.errors import Forbidden, Invalid
from orglife.orgs.models import Membership, Organization, User
from orglife.orgs.permissions import may_import_roster
from orglife.orgs.zipcheck import check_xlsx_zip

log = logging.getLogger(__name__)

HEADERS = {
    "name": ("姓名", "名字"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月"),
    "join_date": ("入党日期", "入党时间"),
    "phone": ("联系电话", "电话", "手机", "手机号"),
    "role": ("职务", "党内职务", "角色"),
    "username": ("用户名", "账号"),
    # Reminders go by email: without it an imported person never hears of a due item.
    "email": ("电子邮箱", "邮箱", "email", "Email", "E-mail"),
}
ROLE_NAMES = {label: value for value, label in Membership.Role.choices}
ROLE_NAMES.update(
    {
        "支部书记": "secretary",
        "支部副书记": "deputy_secretary",
        "": "member",
        "正式党员": "member",
        "预备党员": "member",
    }
)
GENDERS = {"男": "male", "女": "female", "": ""}
MAX_ROWS = 5000
NAME_MAX = User._meta.get_field("name").max_length or 50
USERNAME_MAX = User._meta.get_field("username").max_length or 150


def _valid_username(username: str) -> bool:
    if len(username) > USERNAME_MAX:
        return False
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        return False
    return True


@dataclass
class RosterRow:
    line: int
    name: str
    gender: str
    birth_date: date | None
    join_date: date | None
    phone: str
    role: str
    username: str
    email: str = ""


@dataclass
class RosterResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _read_rows(filename: str, data: bytes) -> list[list[str]]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        import openpyxl

        check_xlsx_zip(data)
        try:
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise Invalid(
                "无法读取该 Excel 文件，请确认是 .xlsx 格式", log=f"bad xlsx: {exc}"
            ) from exc
        ws = wb.worksheets[0]
        rows = []
        for row in ws.iter_rows(values_only=True):
            rows.append(["" if v is None else _cell_text(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
        wb.close()
        return rows
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise Invalid("CSV 文件编码无法识别，请另存为 UTF-8", log="csv: unknown encoding")
        return [row for row in csv.reader(io.StringIO(text))]
    raise Invalid("只支持 .xlsx 或 .csv 文件", log=f"roster: unsupported file {filename!r}")


def _cell_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?$")


def _parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    m = DATE_RE.match(text)
    if not m:
        raise ValueError(text)
    return date(int(m[1]), int(m[2]), int(m[3] or 1))


def parse_roster(filename: str, data: bytes) -> tuple[list[RosterRow], list[str]]:
    """Rows and row errors (Chinese, with the row number as in the spreadsheet)."""
    rows = [r for r in _read_rows(filename, data)]
    while rows and not any(c.strip() for c in rows[0]):
        rows.pop(0)
    if not rows:
        return [], ["文件是空的"]
    header = [c.strip() for c in rows[0]]
    col: dict[str, int] = {}
    for key, names in HEADERS.items():
        for i, h in enumerate(header):
            if h in names:
                col[key] = i
                break
    if "name" not in col:
        return [], [
            "第1行缺少“姓名”列（表头应包括：姓名、性别、出生日期、入党日期、联系电话、职务）"
        ]
    if len(rows) > MAX_ROWS + 1:
        return [], [f"一次最多导入 {MAX_ROWS} 人"]

    out: list[RosterRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for n, raw in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in raw):
            continue

        def get(key: str, raw: list[str] = raw) -> str:
            i = col.get(key)
            return raw[i].strip() if i is not None and i < len(raw) else ""

        problems = []
        name = re.sub(r"\s+", "", get("name"))
        if not name:
            problems.append("姓名为空")
        elif len(name) > NAME_MAX:
            problems.append(f"姓名过长（最多 {NAME_MAX} 个字）")
        username = get("username")
        if username and not _valid_username(username):
            problems.append(
                f"用户名“{username[:30]}”无效（最多 {USERNAME_MAX} 个字母、数字或 @.+-_）"
            )
        gender = get("gender")
        if gender not in GENDERS:
            problems.append(f"性别“{gender}”应为“男”或“女”")
        dates = {}
        for key, label in (("birth_date", "出生日期"), ("join_date", "入党日期")):
            try:
                dates[key] = _parse_date(get(key))
            except ValueError:
                problems.append(f"{label}“{get(key)}”无法识别（例如 1980-05-01）")
                dates[key] = None
        role_text = get("role")
        if role_text not in ROLE_NAMES:
            problems.append(
                f"职务“{role_text}”无法识别（可填：{'、'.join(label for _, label in Membership.Role.choices)}）"
            )
        phone = get("phone")
        if phone and not re.fullmatch(r"[\d\-+ ]{5,20}", phone):
            problems.append(f"联系电话“{phone}”格式不对")
        email = get("email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(f"电子邮箱“{email}”格式不对")
        key = get("username") or phone or name
        if key in seen:
            problems.append(f"与第{seen[key]}行重复")
        seen.setdefault(key, n)
        if problems:
            errors.append(f"第{n}行：" + "；".join(problems))
            continue
        out.append(
            RosterRow(
                line=n,
                name=name,
                gender=GENDERS[gender],
                birth_date=dates["birth_date"],
                join_date=dates["join_date"],
                phone=phone,
                role=ROLE_NAMES[role_text],
                username=username,
                email=email,
            )
        )
    if not out and not errors:
        errors.append("文件中没有人员数据")
    return out, errors


# Surnames whose reading differs from the character's most common one (曾 is zeng as a
# surname, not ceng): read as a surname when the name starts with them.
SURNAME_READINGS = {
    "曾": "zeng", "单": "shan", "解": "xie", "仇": "qiu", "区": "ou", "朴": "piao",
    "乐": "yue", "覃": "qin", "查": "zha", "盖": "ge", "缪": "miao", "种": "chong",
    "秘": "bi", "尉": "yu", "召": "shao", "员": "yun", "长": "chang", "繁": "po",
}  # fmt: skip


def readable_username(name: str) -> str:
    """A sign-in name a person can read: the pinyin of the name, lowercase ASCII letters,
    numbered when taken (zhengkai, zhengkai2). Built from the name only — never from the
    birth date or any other personal datum; characters without a reading are left out.
    """
    name = unicodedata.normalize("NFKC", name).strip()
    syllables = lazy_pinyin(name)
    if name[:1] in SURNAME_READINGS and syllables:
        syllables[0] = SURNAME_READINGS[name[0]]
    base = re.sub(r"[^a-z]", "", "".join(syllables).lower())[:40] or "member"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


class _RowRefused(Exception):
    """A row that cannot be written after all (found while writing): nothing is kept."""


def _in_branch(org: Organization):
    # People seated in this organization or any organization below it (its groups).
    return User.objects.filter(memberships__organization__path__startswith=org.path).distinct()


def _match(org: Organization, row: RosterRow, new: set[int]) -> User | None:
    """The person a row names, looked up only among people already seated in ``org``.

    By name only as a last resort, and never a person this import created (``new``) nor
    one with another phone number: two people of the same name stay two people.
    """
    seated = _in_branch(org)
    if row.username:
        return seated.filter(username=row.username).first()
    if row.phone:
        user = seated.filter(phone=row.phone).first()
        if user is not None:
            return user
    namesakes = seated.filter(name=row.name).exclude(pk__in=new)
    if row.phone:
        namesakes = namesakes.filter(phone="")
    return namesakes.order_by("pk").first()


def _create(row: RosterRow) -> User:
    """A new person; a sign-in name taken meanwhile (a concurrent import) is retried."""
    for _ in range(5):
        user = User(username=row.username or readable_username(row.name))
        user.set_unusable_password()
        _fill(user, row)
        try:
            with transaction.atomic():  # a savepoint: the import goes on after a collision
                user.save()
        except IntegrityError:
            if row.username:
                raise _RowRefused(
                    f"第{row.line}行：用户名“{row.username}”已被其他组织的人员使用，"
                    "请留空由系统生成或改用其他用户名"
                ) from None
            continue
        return user
    raise _RowRefused(f"第{row.line}行：无法为“{row.name}”生成用户名，请填写用户名列")


def _fill(user: User, row: RosterRow) -> None:
    user.name = row.name
    user.gender = row.gender or user.gender
    user.birth_date = row.birth_date or user.birth_date
    user.join_date = row.join_date or user.join_date
    user.phone = row.phone or user.phone
    user.email = row.email or user.email


def roster_import(*, org: Organization, actor: User, filename: str, data: bytes) -> RosterResult:
    """Import a roster into ``org``; nothing is written unless every row is valid.

    Rows are matched only among people already seated in ``org`` (or its groups): an import
    never renames, reseats or overwrites anyone outside it. A 用户名 taken by someone
    outside is a refused row; a row without one becomes a new person with a pinyin name.
    """
    if not may_import_roster(actor, org):
        raise Forbidden("只有本组织的书记或上级审核人可以导入名册", log=f"{actor} roster {org.pk}")
    rows, errors = parse_roster(filename, data)
    result = RosterResult(errors=errors)
    if errors:
        log.info("roster import into org %s refused: %d row errors", org.pk, len(errors))
        return result
    outside = set(
        User.objects.filter(username__in=[r.username for r in rows if r.username])
        .exclude(pk__in=_in_branch(org).values("pk"))
        .values_list("username", flat=True)
    )
    result.errors = [
        f"第{r.line}行：用户名“{r.username}”已被其他组织的人员使用，请留空由系统生成或改用其他用户名"
        for r in rows
        if r.username in outside
    ]
    if result.errors:
        return result
    try:
        with transaction.atomic():
            # Imports into one organization wait for each other: the second sees the
            # people the first created and updates them instead of creating them twice.
            Organization.objects.select_for_update().filter(pk=org.pk).first()
            new: set[int] = set()
            for row in rows:
                user = _match(org, row, new)
                if user is None:
                    user = _create(row)
                    new.add(user.pk)
                    result.created += 1
                else:
                    _fill(user, row)
                    user.full_clean(exclude=["password"])
                    user.save()
                    result.updated += 1
                Membership.objects.get_or_create(user=user, organization=org, role=row.role)
    except _RowRefused as exc:
        return RosterResult(errors=[str(exc)])
    log.info(
        "roster import into org %s by %s: %d created, %d updated",
        org.pk,
        actor.username,
        result.created,
        result.updated,
    )
    return result
