import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from orglife.core.errors import Conflict, Forbidden, Invalid, NotFound, TooLarge
from orglife.core.middleware import DomainErrorMiddleware
from orglife.core.pages import flash_back, form_refused, on_refusal

pytestmark = pytest.mark.django_db


def _request(path="/ledger/1/"):
    request = RequestFactory().post(path)
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _middleware():
    return DomainErrorMiddleware(lambda request: HttpResponse("ok"))


@pytest.mark.parametrize("error", [Invalid, Forbidden, NotFound, Conflict, TooLarge])
def test_it_renders_the_error_page_with_the_errors_status_and_message(error):
    response = _middleware().process_exception(_request(), error("不能这样做", log="refused"))
    assert response is not None
    assert response.status_code == error.status
    assert "不能这样做" in response.content.decode()


def test_it_leaves_api_errors_to_the_api():
    assert _middleware().process_exception(_request("/api/ledger/items/1"), Conflict("x")) is None


def test_it_leaves_other_exceptions_alone():
    assert _middleware().process_exception(_request(), ValueError("x")) is None


def test_it_answers_a_refusal_with_the_views_own_answer():
    def answer(request, exc, pk):
        return HttpResponse(f"{pk}:{exc.message}", status=exc.status)

    @on_refusal(answer)
    def view(request, pk):
        raise Conflict("已销号")

    response = view(_request(), pk=7)
    assert (response.status_code, response.content.decode()) == (409, "7:已销号")


def test_it_lets_not_found_through_to_the_404_page():
    @on_refusal(lambda request, exc: HttpResponse("form"))
    def view(request):
        raise NotFound("不存在")

    with pytest.raises(NotFound):
        view(_request())
    # and the middleware then renders it as the 404 page
    assert _middleware().process_exception(_request(), NotFound("不存在")).status_code == 404


def test_it_flashes_the_message_and_goes_back_to_the_form():
    request = _request()

    @on_refusal(flash_back("materials:material", pk="pk"))
    def view(request, pk):
        raise Invalid("请填写忽略的理由")

    response = view(request, pk=3)
    assert response.status_code == 302
    assert response.url == "/review/materials/3/"
    assert [m.message for m in request._messages] == ["请填写忽略的理由"]


def test_it_puts_the_message_on_the_form():
    from django import forms

    form = forms.Form(data={})
    form.is_valid()
    assert form_refused(_request(), form, Conflict("版本已变")) == 409
    assert form.non_field_errors() == ["版本已变"]


def test_it_keeps_http404_from_a_refusal_answer():
    def answer(request, exc):
        raise Http404

    @on_refusal(answer)
    def view(request):
        raise Forbidden("x")

    with pytest.raises(Http404):
        view(_request())
