"""password_reset_peer: real Django's PasswordResetTokenGenerator with a fixed clock.

Run with /usr/bin/python3 (Debian's Django 3.2). Used by the interop test
(password_reset_interop.py) and by the unit-test vector generator
(tests/data/make_django_password_reset_vectors.py).

Every token and every verdict here comes from Django's own code:
django.contrib.auth.tokens.PasswordResetTokenGenerator. Only _now() is
overridden (Django's documented hook "used for mocking in tests"), so that
Django and signet see the same instant, and PASSWORD_RESET_TIMEOUT is set in
the settings per call.

Times are exchanged as integer microseconds since the Unix epoch plus a UTC
offset in seconds: Django's datetime.now() is the naive local time, which is
UTC + offset.

Known Django 3.2 behaviours that signet (modern Django semantics) does not
share, which the callers therefore avoid:
* timestamps shorter than 4 base36 digits (before 2001-01-01T12:57:36) are
  read as days ("legacy" tokens);
* a token MACed with SHA-1 is accepted whatever the configured algorithm.
"""

import random
import string
import sys
import uuid
from datetime import datetime, timedelta, timezone

try:
    import django
    from django.conf import settings
except ImportError:  # pragma: no cover
    sys.stderr.write("password_reset_peer: Django is not importable by %s\n" % sys.executable)
    raise

if not settings.configured:
    settings.configure(SECRET_KEY="x-interop-not-used", DEFAULT_HASHING_ALGORITHM="sha256")

from django.contrib.auth.tokens import PasswordResetTokenGenerator  # noqa: E402

DJANGO_VERSION = django.get_version()
ALGORITHMS = ("sha1", "sha224", "sha256", "sha384", "sha512")
EPOCH = datetime(1970, 1, 1)
# The first timestamp Django 3.2 does not treat as a legacy (days) token: 36**3.
MIN_MODERN_TS = 36 ** 3
DJANGO_EPOCH_UNIX = 978307200


class User:
    """The attributes Django's _make_hash_value reads."""

    def __init__(self, pk, password, last_login, email, email_field="email"):
        self.pk = pk
        self.password = password
        self.last_login = last_login
        self._email_field = email_field
        setattr(self, email_field, email)

    def get_email_field_name(self):
        return self._email_field


class FixedGenerator(PasswordResetTokenGenerator):
    """Django's generator with an explicit secret, algorithm, key_salt and clock."""

    def __init__(self, secret, algorithm, now, key_salt=None):
        self.secret = secret
        self.algorithm = algorithm
        if key_salt is not None:
            self.key_salt = key_salt
        super().__init__()
        self.fixed_now = now

    def _now(self):
        return self.fixed_now


def local_naive(unix_us, utc_offset):
    """datetime.now() as Django sees it: naive local time at UTC + utc_offset."""
    return EPOCH + timedelta(microseconds=unix_us) + timedelta(seconds=utc_offset)


def last_login_value(unix_us, utc_offset, use_tz):
    """user.last_login: aware UTC with USE_TZ, else naive local time (None when unix_us is None)."""
    if unix_us is None:
        return None
    if use_tz:
        return (EPOCH + timedelta(microseconds=unix_us)).replace(tzinfo=timezone.utc)
    return local_naive(unix_us, utc_offset)


def login_text(last_login):
    """What _make_hash_value mixes in for last_login."""
    return "" if last_login is None else str(last_login.replace(microsecond=0, tzinfo=None))


def make_user(u, utc_offset, use_tz):
    """u: dict with pk (str), password, email, last_login_us (int or None)."""
    return User(u["pk"], u["password"], last_login_value(u["last_login_us"], utc_offset, use_tz), u["email"])


def make_token(secret, algorithm, user, now_us, utc_offset, key_salt=None):
    return FixedGenerator(secret, algorithm, local_naive(now_us, utc_offset), key_salt).make_token(user)


def check_token(secret, algorithm, user, token, now_us, utc_offset, timeout, key_salt=None):
    settings.PASSWORD_RESET_TIMEOUT = timeout
    return bool(FixedGenerator(secret, algorithm, local_naive(now_us, utc_offset), key_salt).check_token(user, token))


def num_seconds(now_us, utc_offset):
    gen = FixedGenerator("x", "sha256", local_naive(now_us, utc_offset))
    return gen._num_seconds(gen._now())


# ----------------------------------------------------------------- random inputs

def random_text(rng, max_len, alphabet=None):
    n = rng.randint(0, max_len)
    if alphabet is None:
        pools = [string.ascii_letters + string.digits, string.punctuation + " ", "éßøΩЖ中文😀\u00a0"]
        alphabet = "".join(rng.choice(pools) for _ in range(3))
    return "".join(rng.choice(alphabet) for _ in range(n))


def random_pk(rng):
    kind = rng.randrange(4)
    if kind == 0:
        return str(rng.randint(1, 10 ** rng.randint(1, 12)))
    if kind == 1:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    if kind == 2:
        return random_text(rng, 20)
    return str(rng.randint(0, 99))


def random_password(rng):
    kind = rng.randrange(4)
    if kind == 0:
        salt = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(22))
        digest = "".join(rng.choice(string.ascii_letters + string.digits + "+/") for _ in range(43)) + "="
        return "pbkdf2_sha256$260000$%s$%s" % (salt, digest)
    if kind == 1:
        return "!" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(40))  # unusable
    if kind == 2:
        return ""
    return random_text(rng, 80)


def random_email(rng):
    kind = rng.randrange(4)
    if kind == 0:
        return ""
    if kind == 1:
        return "%s@example.com" % random_text(rng, 12, string.ascii_lowercase + string.digits + "._+")
    if kind == 2:
        return "%s@bücher.de" % random_text(rng, 8, "abcdéö")
    return random_text(rng, 30)


def random_time_us(rng, lo_unix=DJANGO_EPOCH_UNIX + 86400, hi_unix=4102444800):
    """A time between 2001-01-02 and 2100, in microseconds (sometimes whole seconds)."""
    us = rng.randint(lo_unix * 10 ** 6, hi_unix * 10 ** 6)
    if rng.random() < 0.3:
        us -= us % 10 ** 6
    return us


def random_secret(rng):
    kind = rng.randrange(3)
    if kind == 0:
        return "django-insecure-" + "".join(rng.choice(string.ascii_lowercase + string.digits + "!@#$%^&*(-_=+)") for _ in range(50))
    if kind == 1:
        return random_text(rng, 64) or "k"
    return "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice([1, 2, 16, 64, 200])))


def random_user(rng, now_us):
    last = None
    if rng.random() < 0.75:
        last = rng.randint(DJANGO_EPOCH_UNIX * 10 ** 6 - 10 ** 15, now_us)
    return {"pk": random_pk(rng), "password": random_password(rng), "email": random_email(rng), "last_login_us": last}


if __name__ == "__main__":
    # Self-test: the documented ambiguity, straight from Django.
    t = 1_700_000_000 * 10 ** 6
    a = make_token("s", "sha256", User("1", "2x", None, ""), t, 0)
    b = make_token("s", "sha256", User("12", "x", None, ""), t, 0)
    assert a == b, (a, b)
    print("Django", DJANGO_VERSION, "ok; pk='1',password='2x' and pk='12',password='x' share", a)
