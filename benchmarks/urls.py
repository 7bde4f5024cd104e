"""The portal's addresses plus one bare view, for the benchmark only (`DJANGO_ROOT_URLCONF`): the
cheapest answer the same middleware can give, against which every page is measured."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from kupang_portal.urls import urlpatterns as portal


@require_safe
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare, name="bench_bare"), *portal]
