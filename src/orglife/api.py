"""REST API v1 (django-ninja): exactly the permissions of the pages.

Errors are always ``{"detail": "…"}``; domain errors (ApplicationError) are mapped to
their status here, once. Objects a caller may not see answer 404.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from orglife.core import audit
from orglife.core.errors import ApplicationError, Forbidden
from orglife.core.uploads import too_big_message
from orglife.orgs import throttle
from orglife.orgs.http import AuthedRequest
from orglife.orgs.models import ApiToken, User
from orglife.orgs.passwords import must_change

log = logging.getLogger("orglife.api")

CHANGE_PASSWORD_FIRST = (
    "请先修改初始密码（或已过期的密码）：请在网页上登录，按提示修改密码后再使用接口"
)


def _password_current(user: User) -> None:
    """The pages send such a person to the change page first; the API refuses them (403)."""
    if must_change(user):
        raise Forbidden(CHANGE_PASSWORD_FIRST, log=f"{user} must change the password first")


class BearerToken(HttpBearer):
    def __init__(self, *, password_current: bool = True) -> None:
        super().__init__()
        self.password_current = password_current

    def authenticate(self, request: HttpRequest, token: str):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
            if self.password_current:
                _password_current(user)
        return user


class SessionAuth(NinjaSessionAuth):
    """Django's session sign-in (with its CSRF check), refused until the password is changed.

    Named as django-ninja's, so the OpenAPI document's security scheme keeps its name."""

    def __init__(self, *, password_current: bool = True) -> None:
        super().__init__()
        self.password_current = password_current

    def authenticate(self, request: HttpRequest, key: str | None):
        user = super().authenticate(request, key)
        if user and self.password_current:
            _password_current(user)
        return user


AUTH = [BearerToken(), SessionAuth()]
# Signing out stays open to someone who must still change the password (as /logout/ does).
AUTH_SIGN_OUT = [BearerToken(password_current=False), SessionAuth(password_current=False)]


def docs_for_signed_in(view):
    """The interactive docs page needs a sign-in; the OpenAPI document stays public (DESIGN)."""
    protected = login_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if request.path.endswith("/openapi.json"):
            return view(request, *args, **kwargs)
        return protected(request, *args, **kwargs)

    return wrapper


api = NinjaAPI(
    title="orglife API",
    version="1",
    description="组织生活会全流程与整改闭环系统 REST API",
    auth=AUTH,
    urls_namespace="api",
    docs_decorator=docs_for_signed_in,
)


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError):
    log.info("api %s %s -> %s: %s", request.method, request.path, exc.status, exc.log)
    return api.create_response(request, {"detail": exc.message, **exc.extra}, status=exc.status)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig):
    log.info("api %s %s -> 413: request body too large", request.method, request.path)
    return api.create_response(request, {"detail": too_big_message(exc)}, status=413)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(request, {"detail": "未登录或令牌无效"}, status=401)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": "不存在或无权查看"}, status=404)


NOT_JSON = "请求内容不是有效的 JSON，请检查格式（如引号、逗号、括号是否成对）"


def _body_not_parsed(exc: HttpError) -> bool:
    """Ninja 1.x answers a body its parser cannot read with an English ``HttpError(400)``
    raised from the parser's error (there is no ``ParseError`` class to handle instead)."""
    return exc.status_code == 400 and isinstance(exc.__cause__, ValueError)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError):
    if _body_not_parsed(exc):
        log.info(
            "api %s %s -> 400: request body is not valid JSON (%s)",
            request.method,
            request.path,
            exc.__cause__,
        )
        return api.create_response(request, {"detail": NOT_JSON}, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


# Field names as people know them, for the one-line Chinese reason of a 422.
FIELD_LABELS = {
    "category": "问题类别",
    "source": "问题来源",
    "kind": "整改类型",
    "status": "状态",
    "action": "操作",
    "deadline": "完成时限",
    "new_deadline": "申请延至",
    "funds": "整改资金",
    "org": "党组织",
    "year": "年度",
    "meeting_year": "会议年度",
    "due_within": "天数",
    "progress_interval_days": "进展报送周期",
    "version": "版本号",
}


def validation_detail(errors: list[dict]) -> str:
    """One Chinese line for the first schema error (the full list stays in ``errors``)."""
    for error in errors:
        loc = [str(p) for p in error.get("loc", ()) if not isinstance(p, int)]
        field = next((p for p in reversed(loc) if p in FIELD_LABELS), None)
        if field is None:
            continue
        label = FIELD_LABELS[field]
        if error.get("type") == "enum":
            return f"{label}“{error.get('input')}”不在可选范围内"
        return f"{label}的格式不正确"
    return "请求数据不符合要求"


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError):
    return api.create_response(
        request, {"detail": validation_detail(exc.errors), "errors": exc.errors}, status=422
    )


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class Detail(Schema):
    detail: str


@api.post(
    "/auth/token",
    auth=None,
    response={200: TokenOut, 401: Detail, 403: Detail, 429: Detail},
    tags=["auth"],
)
def auth_token(request: HttpRequest, payload: TokenIn):
    """Exchange a username and password for a bearer token."""
    # Normalised as the sign-in form does, so both reach (and throttle) the same account.
    username = User.normalize_username(payload.username)
    wait = throttle.wait_seconds(request, username)
    if wait:
        log.warning("api token waiting %ds for %r", wait, username)
        return Status(429, {"detail": throttle.LOCKED_MESSAGE})
    user = authenticate(request, username=username, password=payload.password)
    if user is None or not user.is_active:
        log.info("api token refused for %r", username)
        return Status(401, {"detail": "用户名或密码不正确"})
    if must_change(user):
        # A first or reset password is for the change page only, not for a token.
        log.info("api token refused for %r: password must be changed first", username)
        return Status(403, {"detail": CHANGE_PASSWORD_FIRST})
    key = ApiToken.issue(user)
    # A token is a sign-in: on the audit log like the sign-in page's.
    audit.record(
        audit.LOGIN,
        actor=user,
        target=user.get_username(),
        detail={"via": "api_token"},
        request=request,
    )
    return {"token": key}


@api.delete("/auth/token", auth=AUTH_SIGN_OUT, response={204: None}, tags=["auth"])
def revoke_token(request: AuthedRequest, all: bool = False):
    """Revoke the bearer token of this request, or with ``all=true`` every token of the caller."""
    header = request.headers.get("Authorization", "")
    key = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if all:
        ApiToken.objects.filter(user=request.user).delete()
    elif key:
        ApiToken.revoke(key)
    log.info("api tokens revoked for %s (all=%s)", request.user, all)
    return Status(204, None)


def _register() -> None:
    from orglife.ledger.api import router as ledger_router
    from orglife.materials.api import router as review_router
    from orglife.materials.api_versions import router as materials_router
    from orglife.meetings.api_after import router as meetings_after_router
    from orglife.meetings.api_prep import router as meetings_prep_router
    from orglife.orgs.api import router as orgs_router
    from orglife.safety.api import router as safety_router

    api.add_router("/", orgs_router)
    api.add_router("/review", review_router)
    api.add_router("/ledger", ledger_router)
    api.add_router("/safety", safety_router)
    api.add_router("/materials", materials_router)
    api.add_router("/", meetings_prep_router)
    api.add_router("/", meetings_after_router)


_register()
