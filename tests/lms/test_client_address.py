"""The client address every rate limit counts (lms/client.py), behind 0, 1 or 2 proxies."""

import pytest
from allauth.account.adapter import get_adapter
from allauth.core.internal.ratelimit import get_ip
from django.test import Client, RequestFactory
from django.urls import reverse

from lms.client import client_address, over_limit, rate_limit_source
from tests.factories import TEST_PASSWORD, TraineeFactory

PROXY = "10.0.0.5"  # the reverse proxy every request arrives from
LOCKED = "Too many failed login attempts"


def request_from(forwarded=None, remote=PROXY):
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    # No proxy trusted: the header is the client's to write and changes nothing.
    (0, None, PROXY),
    (0, "203.0.113.9", PROXY),
    # One proxy (nginx) appends the address it was talked to from.
    (1, "198.51.100.7", "198.51.100.7"),
    (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # forged entry on the left
    (1, " 198.51.100.7 ", "198.51.100.7"),
    (1, "198.51.100.7:51234", "198.51.100.7"),  # some proxies add the port
    (1, "[2001:db8::7]:443", "2001:db8::7"),
    (1, "2001:DB8:0:0::7", "2001:db8::7"),
    # Two proxies (load balancer, then nginx): the second address from the right.
    (2, "203.0.113.9, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
    # A request that did not come through every proxy, or a header that holds no
    # address where the client should be: REMOTE_ADDR, never an error.
    (1, None, PROXY),
    (1, "", PROXY),
    (2, "198.51.100.7", PROXY),
    (1, "unknown", PROXY),
    (1, "198.51.100.7, <script>", PROXY),
    (1, "198.51.100.7,", PROXY),
    (1, "999.1.1.1", PROXY),
])
def test_client_address(settings, proxies, forwarded, expected):
    settings.SANAD_TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_from(forwarded)) == expected


def test_no_address_at_all(settings):
    settings.SANAD_TRUSTED_PROXY_COUNT = 0
    request = request_from(remote="")
    assert client_address(request) is None
    assert rate_limit_source(request) == "unknown"


def test_ipv6_clients_are_counted_by_their_network(settings):
    settings.SANAD_TRUSTED_PROXY_COUNT = 1
    one = request_from("2001:db8:1:2::7")
    same_network = request_from("2001:db8:1:2:ffff::1")
    other_network = request_from("2001:db8:1:3::7")
    assert rate_limit_source(one) == rate_limit_source(same_network) == "2001:db8:1:2::"
    assert rate_limit_source(other_network) != rate_limit_source(one)
    assert rate_limit_source(request_from("198.51.100.7")) == "198.51.100.7"


@pytest.mark.parametrize("proxies", [0, 1, 2])
@pytest.mark.parametrize("forwarded", [None, "198.51.100.7", "203.0.113.9, 198.51.100.7",
                                       "not-an-address", "2001:db8:1:2::7"])
def test_allauth_counts_the_same_address(settings, proxies, forwarded):
    """allauth's limits ask the account adapter; it must agree with ours, and must not
    fail where allauth's own rule would (a header shorter than the proxy count)."""
    settings.SANAD_TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    request = request_from(forwarded)
    assert get_adapter().get_client_ip(request) == client_address(request)
    assert get_ip(request) == rate_limit_source(request)


def test_over_limit_counts_per_client_and_scope(settings):
    settings.SANAD_TRUSTED_PROXY_COUNT = 1
    one, other = request_from("198.51.100.7"), request_from("198.51.100.8")
    assert [over_limit(one, "test", 2) for _ in range(3)] == [False, False, True]
    assert not over_limit(other, "test", 2)
    assert not over_limit(one, "another-scope", 2)


# --- Log-in, through the whole stack ---------------------------------------------------


def log_in(email, password, forwarded):
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return response, "_auth_user_id" in client.session


def fail_until_the_address_is_locked(forwarded_for_attempt):
    """Fail to log in with ever new e-mail addresses (so the per-address limit, not the
    per-account one, is what bites) until the log-in form says so."""
    for attempt in range(40):
        response, _ = log_in(f"nobody{attempt}@example.org", "wrong-password",
                             forwarded_for_attempt(attempt))
        if LOCKED in response.content.decode():
            return attempt
    raise AssertionError("the per-address log-in limit never bit")


@pytest.mark.django_db
def test_behind_one_proxy_one_client_does_not_lock_out_another(settings):
    settings.SANAD_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    layla = TraineeFactory(email="layla@example.org")
    fail_until_the_address_is_locked(lambda attempt: "198.51.100.66")
    # The attacker is locked out, whatever they write on the left of the header...
    response, logged_in = log_in(layla.email, TEST_PASSWORD, "198.51.100.1, 198.51.100.66")
    assert LOCKED in response.content.decode() and not logged_in
    # ...while Layla, behind the same proxy, logs in.
    _, logged_in = log_in(layla.email, TEST_PASSWORD, "198.51.100.7")
    assert logged_in


@pytest.mark.django_db
def test_without_proxies_a_forged_header_does_not_escape_the_limit(settings):
    settings.SANAD_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    layla = TraineeFactory(email="layla@example.org")
    # A new forged address on every attempt: still counted on REMOTE_ADDR.
    attempts = fail_until_the_address_is_locked(lambda attempt: f"198.51.100.{attempt + 1}")
    assert attempts == 30  # the per-address limit: 30 failures in 5 minutes
    response, logged_in = log_in(layla.email, TEST_PASSWORD, "198.51.100.200")
    assert LOCKED in response.content.decode() and not logged_in


@pytest.mark.django_db
def test_a_training_room_behind_one_address_can_log_in(settings):
    """Twenty-five trainees behind one NAT, each mistyping a password once."""
    settings.SANAD_TRUSTED_PROXY_COUNT = 0
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    trainees = [TraineeFactory(email=f"trainee{n}@example.org") for n in range(25)]
    for trainee in trainees:
        log_in(trainee.email, "wrong-password", None)
        _, logged_in = log_in(trainee.email, TEST_PASSWORD, None)
        assert logged_in, trainee.email


@pytest.mark.django_db
def test_guessing_one_persons_password_stays_slow(settings):
    """The per-account limit stays strict: five failures lock the account's log-in,
    from any address."""
    settings.SANAD_TRUSTED_PROXY_COUNT = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    layla = TraineeFactory(email="layla@example.org")
    for attempt in range(5):
        response, _ = log_in(layla.email, "wrong-password", f"198.51.100.{attempt + 1}")
        assert LOCKED not in response.content.decode()
    response, logged_in = log_in(layla.email, TEST_PASSWORD, "198.51.100.99")
    assert LOCKED in response.content.decode() and not logged_in
