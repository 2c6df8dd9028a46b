"""REST API v1 (django-ninja): exactly the permissions of the pages.

Errors are always ``{"detail": "…"}``; domain errors (ApplicationError) are mapped to
their status here, once. Objects a caller may not see answer 404.
"""

from __future__ import annotations

import logging

from django.contrib.auth import authenticate
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, django_auth

from orglife.core.errors import ApplicationError
from orglife.orgs import throttle
from orglife.orgs.models import ApiToken

log = logging.getLogger("orglife.api")


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = ApiToken.user_for(token)
        if user is not None:
            request.user = user
        return user


AUTH = [BearerToken(), django_auth]

api = NinjaAPI(
    title="orglife API",
    version="1",
    description="组织生活会全流程与整改闭环系统 REST API",
    auth=AUTH,
    urls_namespace="api",
)


@api.exception_handler(ApplicationError)
def on_application_error(request: HttpRequest, exc: ApplicationError):
    log.info("api %s %s -> %s: %s", request.method, request.path, exc.status, exc.log)
    return api.create_response(request, {"detail": exc.message, **exc.extra}, status=exc.status)


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig):
    log.info("api %s %s -> 413: request body too large", request.method, request.path)
    return api.create_response(request, {"detail": "提交的内容过大"}, status=413)


@api.exception_handler(AuthenticationError)
def on_auth_error(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(request, {"detail": "未登录或令牌无效"}, status=401)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"detail": "不存在或无权查看"}, status=404)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError):
    return api.create_response(
        request, {"detail": "请求数据不符合要求", "errors": exc.errors}, status=422
    )


class TokenIn(Schema):
    username: str
    password: str


class TokenOut(Schema):
    token: str


class Detail(Schema):
    detail: str


@api.post(
    "/auth/token", auth=None, response={200: TokenOut, 401: Detail, 429: Detail}, tags=["auth"]
)
def auth_token(request: HttpRequest, payload: TokenIn):
    """Exchange a username and password for a bearer token."""
    if throttle.is_locked(request, payload.username):
        log.warning("api token locked for %r", payload.username)
        return Status(429, {"detail": throttle.LOCKED_MESSAGE})
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        throttle.record_failure(request, payload.username)
        log.info("api token refused for %r", payload.username)
        return Status(401, {"detail": "用户名或密码不正确"})
    throttle.clear(request, payload.username)
    return {"token": ApiToken.issue(user)}


def _register() -> None:
    from orglife.ledger.api import router as ledger_router
    from orglife.materials.api import router as review_router
    from orglife.meetings.api_after import router as meetings_after_router
    from orglife.orgs.api import router as orgs_router

    api.add_router("/", orgs_router)
    api.add_router("/review", review_router)
    api.add_router("/ledger", ledger_router)
    api.add_router("/", meetings_after_router)


_register()
