#!/usr/bin/python3
"""Writes django_password_reset_vectors.json: password-reset tokens made and checked by real Django.

Regenerate (deterministic, seed fixed below):

    /usr/bin/python3 tests/data/make_django_password_reset_vectors.py > tests/data/django_password_reset_vectors.json

Read by tests/unit/django_password_reset_test.cc. Every token and every
"valid" verdict is Django's own (django.contrib.auth.tokens, through
tests/interop/password_reset_peer.py, which only fixes _now()).

Format: {"django_version", "generator", "vectors": [V...], "ambiguity": {...}}
V = {
  "id", "secret", "algorithm", "timeout" (PASSWORD_RESET_TIMEOUT, s),
  "utc_offset" (s), "use_tz" (bool), "key_salt" (null = Django's default),
  "user": {"pk", "password", "email", "last_login_us" (int us since the Unix epoch or null),
           "last_login_text" (what Django mixes in: str(last_login without microseconds/tz))},
  "now_us" (make time, us since the Unix epoch), "ts" (Django's _num_seconds), "token",
  "checks": [{"what", "now_us", "user" (null: the same user) , "token" (null: the same), "valid"}]
}
"""

import json
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "interop"))
import password_reset_peer as pr  # noqa: E402

SEED = 20261129
US = 10 ** 6


def login_text(u, off, use_tz):
    return pr.login_text(pr.last_login_value(u["last_login_us"], off, use_tz))


def vector(rng, idx, secret, algorithm, timeout, off, use_tz, user, now_us, key_salt=None):
    django_user = pr.make_user(user, off, use_tz)
    token = pr.make_token(secret, algorithm, django_user, now_us, off, key_salt)
    ts = pr.num_seconds(now_us, off)
    checks = []

    def check(what, at_us, changed=None, token_override=None):
        u = dict(user, **(changed or {}))
        valid = pr.check_token(secret, algorithm, pr.make_user(u, off, use_tz), token_override or token, at_us, off,
                               timeout, key_salt)
        checks.append({"what": what, "now_us": at_us, "user": None if changed is None else dict(u, last_login_text=login_text(u, off, use_tz)),
                       "token": token_override, "valid": valid})

    # Boundaries: Django's rule is now_seconds - ts > timeout, in local whole seconds.
    check("same instant", now_us)
    check("end of timeout", now_us + timeout * US)
    check("one second past timeout", now_us + (timeout + 1) * US + US)
    check("exactly timeout+1 s after the token second", (ts + pr.DJANGO_EPOCH_UNIX - off + timeout + 1) * US)
    check("last microsecond of the valid window", (ts + pr.DJANGO_EPOCH_UNIX - off + timeout + 1) * US - 1)
    check("a year before (future token)", now_us - 365 * 86400 * US)
    check("password changed", now_us, {"password": user["password"] + "x"})
    check("email changed", now_us, {"email": user["email"] + "a"})
    check("pk changed", now_us, {"pk": user["pk"] + "0"})
    new_login = (user["last_login_us"] or now_us - 10 * US) + US
    check("logged in since", now_us, {"last_login_us": new_login})
    check("last_login cleared", now_us, {"last_login_us": None} if user["last_login_us"] is not None else {"last_login_us": now_us})
    tampered = token[:-1] + ("0" if token[-1] != "0" else "1")
    check("last MAC digit changed", now_us, None, tampered)
    return {"id": idx, "secret": secret, "algorithm": algorithm, "timeout": timeout, "utc_offset": off,
            "use_tz": use_tz, "key_salt": key_salt,
            "user": dict(user, last_login_text=login_text(user, off, use_tz)),
            "now_us": now_us, "ts": ts, "token": token, "checks": checks}


def main():
    rng = random.Random(SEED)
    vectors = []
    fixed_now = 1_700_000_000 * US
    base_user = {"pk": "42", "password": "pbkdf2_sha256$260000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2g=",
                 "email": "alice@example.com", "last_login_us": 1_699_990_000 * US + 123456}
    # Hand-picked: each algorithm at a fixed time, the default timeout, UTC.
    for algorithm in pr.ALGORITHMS:
        vectors.append(vector(rng, len(vectors), "django-insecure-fixed-secret", algorithm, 259200, 0, True,
                              base_user, fixed_now))
    # Never logged in, no email, Django's default algorithm; a UUID pk.
    vectors.append(vector(rng, len(vectors), "s3cret", "sha256", 259200, 0, True,
                          {"pk": "8b1f8c8e-6a3d-4f7e-9a9c-0d3f6f1f2a11", "password": "!unusable", "email": "",
                           "last_login_us": None}, fixed_now + 1))
    # Local time zones (Django's datetime.now() is local): east and west, USE_TZ on and off.
    for off, use_tz in ((3600, True), (-5 * 3600, True), (19800, False), (-36000, False)):
        vectors.append(vector(rng, len(vectors), "zone-secret", "sha256", 3600, off, use_tz, base_user,
                              fixed_now + 999_999))
    # Short timeouts (0 and 1 s) and a custom key_salt (a subclass for another purpose).
    vectors.append(vector(rng, len(vectors), "k", "sha256", 0, 0, True, base_user, fixed_now))
    vectors.append(vector(rng, len(vectors), "k", "sha1", 1, 0, True, base_user, fixed_now + 500_000))
    vectors.append(vector(rng, len(vectors), "k", "sha256", 60, 0, True, base_user, fixed_now,
                          key_salt="myapp.tokens.EmailConfirmationTokenGenerator"))
    # Random ones.
    while len(vectors) < 60:
        now_us = pr.random_time_us(rng)
        off = rng.choice([0, 0, 0, 3600, -7200, 19800, -34200, 50400])
        use_tz = rng.random() < 0.7
        vectors.append(vector(rng, len(vectors), pr.random_secret(rng), rng.choice(pr.ALGORITHMS),
                              rng.choice([0, 1, 60, 3600, 259200, 7 * 86400]), off, use_tz,
                              pr.random_user(rng, now_us), now_us))
    # Django's unsafe concatenation: two different users, one token.
    t = fixed_now
    a = pr.make_token("ambiguity", "sha256", pr.User("1", "2x", None, ""), t, 0)
    b = pr.make_token("ambiguity", "sha256", pr.User("12", "x", None, ""), t, 0)
    ambiguity = {"secret": "ambiguity", "algorithm": "sha256", "now_us": t,
                 "user_a": {"pk": "1", "password": "2x"}, "user_b": {"pk": "12", "password": "x"},
                 "token_a": a, "token_b": b,
                 "b_accepts_a": pr.check_token("ambiguity", "sha256", pr.User("12", "x", None, ""), a, t, 0, 259200)}
    out = {"django_version": pr.DJANGO_VERSION,
           "generator": "tests/data/make_django_password_reset_vectors.py (seed %d)" % SEED,
           "vectors": vectors, "ambiguity": ambiguity}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
