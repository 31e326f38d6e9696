"""A person's own data: their profile, the "Your data" page, the download, erasure
requests, and the administrators' page that confirms them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import access, services
from .forms import ProfileForm
from .models import ErasureRequest, User
from .once import guard_form, once
from .personal_data import personal_data_archive


@login_required
@require_http_methods(["GET", "POST"])
@once
def profile(request):
    # A copy: a form with errors must not leave its values on request.user, which the
    # page's header shows.
    person = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=person)
    guard_form(request, form)
    if request.method == "POST" and form.is_valid():
        changed = services.profile_update(user=request.user, form=form)
        language = person.preferred_language
        if "preferred_language" in changed and language:
            # The interface follows at once: the message below, the address's language
            # prefix and the cookie that LocaleMiddleware reads on the next visit.
            translation.activate(language)
        if changed:
            messages.success(request, _("Your profile is saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        response = redirect(translate_url(reverse("personal:profile"), language)
                            if "preferred_language" in changed and language
                            else reverse("personal:profile"))
        if "preferred_language" in changed and language:
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language,
                                max_age=settings.LANGUAGE_COOKIE_AGE,
                                path=settings.LANGUAGE_COOKIE_PATH,
                                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                                secure=settings.LANGUAGE_COOKIE_SECURE,
                                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                                samesite=settings.LANGUAGE_COOKIE_SAMESITE)
        return response
    return render(request, "lms/profile.html", {"form": form})


@login_required
@require_GET
def your_data(request):
    pending = ErasureRequest.objects.filter(
        user=request.user, status=ErasureRequest.Status.PENDING).first()
    waiting = None
    if request.user.is_superuser:
        waiting = ErasureRequest.objects.filter(status=ErasureRequest.Status.PENDING).count()
    return render(request, "lms/your_data.html",
                  {"pending_erasure": pending, "erasure_requests_waiting": waiting})


@login_required
@require_GET
def download(request):
    archive = personal_data_archive(request.user)
    response = HttpResponse(archive, content_type="application/zip")
    filename = f"sanad-data-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Personal data: never kept by a shared cache or the browser's history.
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
@require_POST
def request_erasure(request):
    if request.POST.get("understood") != "yes":
        messages.error(request, _("Tick the box to confirm that you understand what "
                                  "erasure does; nothing was requested."))
        return redirect("personal:your_data")
    services.erasure_request_create(user=request.user)
    messages.success(request, _("Your request is recorded. An administrator will confirm "
                                "it; until then you can still use Sanad and download your "
                                "data."))
    return redirect("personal:your_data")


@login_required
@require_GET
def erasure_requests(request):
    # "erasure.confirm" has no grants: administrators only, everyone else a 404.
    if access.registry.condition(request.user, "erasure.confirm") == access.NOTHING:
        raise Http404
    requests = access.queryset(request.user, "erasure.confirm")
    pending = (requests.filter(status=ErasureRequest.Status.PENDING)
               .select_related("user").order_by("requested_at", "pk"))
    done = (requests.filter(status=ErasureRequest.Status.DONE)
            .select_related("user", "confirmed_by").order_by("-confirmed_at", "-pk")[:20])
    return render(request, "lms/erasure_requests.html", {"pending": pending, "done": done})


@login_required
@require_http_methods(["POST"])
def confirm_erasure(request, pk: int):
    erasure_request = access.get_or_404(request.user, "erasure.confirm", pk)
    try:
        services.erasure_confirm(erasure_request=erasure_request, actor=request.user)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The person's data was erased. Their certificates still "
                                "verify, without their name."))
    return redirect("personal:erasure_requests")
