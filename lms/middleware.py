"""Rules every staff session obeys, whatever page it asks for.

Staff (supervisors, trainers, lead trainers, programme managers, coordinators and
administrators) read other people's records, so a password alone must not open their
account: ``StaffMfaRequiredMiddleware`` sends a staff member without a second factor to
set one up before anything else opens, and signs out a staff session left idle too long.
Trainees may add a second factor; they are never forced to, and keep Django's session age.
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .access import has_role
from .roles import Role

STAFF_ROLES = (Role.SUPERVISOR, Role.TRAINER, Role.LEAD_TRAINER, Role.PROGRAMME_MANAGER,
               Role.COORDINATOR)

# Session keys, in seconds since the epoch. Set at log-in, then written at most every
# five minutes, so a busy staff session does not write its session row on every request
# (the idle limit is hours; five minutes either way does not matter).
LAST_SEEN = "sanad_staff_seen"
MFA_FOUND = "sanad_staff_mfa_found"
# The page a staff member was sent away from to set up a second factor; the recovery
# codes page offers to go on to it.
MFA_NEXT = "sanad_mfa_next"
WRITE_EVERY = 5 * 60

# Views a staff member without a second factor may still open: setting one up (and the
# re-entry of the password allauth asks for first), signing out, verifying an e-mail
# address (allauth only adds a second factor to verified accounts), switching language,
# the app's manifest and service worker, and the public pages.
OPEN_VIEWS = frozenset({
    "account_logout",
    "account_login",
    "account_reauthenticate",
    "account_email",
    "account_confirm_email",
    "account_email_verification_sent",
    "set_language",
    "service_worker",
    "lms:manifest",
    "javascript-catalog",
    "content:catalogue",
    "certificates:verify",
    "certificates:verify_code",
    "certificates:verify_json",
    "certificates:issuer",
    "certificates:jwks",
    "certificates:status_list",
})
MFA_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def is_staff_member(user) -> bool:
    """True for the people whose accounts must have a second factor."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_staff or has_role(user, *STAFF_ROLES)


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=MFA_TYPES).exists()


def start_staff_session(sender, request, user, **kwargs):
    """On log-in (``user_logged_in``): a staff session starts active, and with its second
    factor found, so its first requests cost no query and no session write."""
    session = getattr(request, "session", None)
    if session is None:
        return
    # Asked of the database, not through has_role: that caches the roles on this user
    # object, which may be a caller's (tests log in their own objects).
    if not (user.is_staff or user.is_superuser or user.groups.filter(
            name__in=[role.value for role in STAFF_ROLES]).exists()):
        return
    now = int(timezone.now().timestamp())
    session[LAST_SEEN] = now
    if has_second_factor(user):
        session[MFA_FOUND] = now


class StaffMfaRequiredMiddleware:
    """Idle staff sessions end; staff without a second factor may only set one up.

    Goes after the authentication, message and allauth middleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if is_staff_member(user) and self._idle_too_long(request):
            logout(request)
            messages.info(request, _("You were signed out because your staff session was "
                                     "not used for a while. Please log in again."))
        return self.get_response(request)

    def _idle_too_long(self, request) -> bool:
        now = int(timezone.now().timestamp())
        last_seen = request.session.get(LAST_SEEN)
        if last_seen is not None and now - last_seen > settings.SANAD_STAFF_SESSION_IDLE_MINUTES * 60:
            return True
        if last_seen is None or now - last_seen >= WRITE_EVERY:
            request.session[LAST_SEEN] = now
        return False

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.SANAD_STAFF_MFA_REQUIRED:
            return None
        user = getattr(request, "user", None)
        if not is_staff_member(user):
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if view_name in OPEN_VIEWS or view_name.startswith("mfa_"):
            # The set-up page, and the password check allauth puts before it, say why.
            if view_name == "mfa_activate_totp" or (
                    view_name == "account_reauthenticate" and not has_second_factor(user)):
                request.sanad_staff_must_add_mfa = True
            return None
        if request.session.get(MFA_NEXT) == request.get_full_path():
            request.session.pop(MFA_NEXT)
        # Checked again every few minutes rather than once per session, so removing the
        # last authenticator (here or by an administrator) closes the account again soon.
        now = int(timezone.now().timestamp())
        if now - request.session.get(MFA_FOUND, 0) < WRITE_EVERY:
            return None
        if has_second_factor(user):
            request.session[MFA_FOUND] = now
            return None
        path = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(
                path, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            request.session[MFA_NEXT] = path
        return redirect("mfa_activate_totp")
