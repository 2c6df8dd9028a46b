"""The one domain error type for every app, mapped to HTTP in one place each for pages and API.

Services raise these with a Chinese message for users; the English ``log`` line goes to
the log. Nothing else in a service decides an HTTP status.
"""

from __future__ import annotations


class ApplicationError(Exception):
    status = 400

    def __init__(self, message: str, *, log: str = "", extra: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.log = log or message
        self.extra = extra or {}


class Invalid(ApplicationError):
    status = 422


class Forbidden(ApplicationError):
    status = 403


class NotFound(ApplicationError):
    status = 404


class Conflict(ApplicationError):
    status = 409


class TooLarge(ApplicationError):
    status = 413
