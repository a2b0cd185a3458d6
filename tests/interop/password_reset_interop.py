#!/usr/bin/python3
"""Password-reset tokens: real Django 3.2 against signet's C++ API, both directions.

Usage: /usr/bin/python3 password_reset_interop.py --driver BIN [--cases N] [--seed S] [--workdir DIR]

1. Django (password_reset_peer: the real PasswordResetTokenGenerator, _now() fixed)
   makes a token for a random user at a random time, and records its verdicts
   (check_token) at boundary and random times, for changed users, tampered
   tokens and tokens of a foreign key.
2. The C++ driver (password_reset_interop_driver) must reproduce every Django
   token byte for byte and give Django's verdict on every check, then writes
   its own token for each case at another time ("signet_make_us").
3. Django checks signet's tokens: equal to Django's own make_token at that
   time, valid then and at the end of the timeout, invalid one second past it
   and for a changed password.

Random: pk (ints, UUIDs, unicode text), password hashes, emails, last_login
(None, aware UTC or naive local, with microseconds), times 2001..2100, UTC
offsets, USE_TZ, sha1..sha512, secrets, PASSWORD_RESET_TIMEOUT, a custom
key_salt, and key rotation (Django 3.2 has no SECRET_KEY_FALLBACKS: its
token is made with an old key that signet gets as a fallback).

Case line format (JSON): id, secret (signet's main key), django_secret (the
key Django used), fallbacks, algorithm, timeout, utc_offset, use_tz, key_salt,
user {pk, password, email, last_login_us}, make_us, django_token,
checks [{what, now_us, user|null, token, valid}], signet_make_us.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import password_reset_peer as pr  # noqa: E402

US = 10 ** 6


def local_second_start_us(ts, off):
    """The Unix time (us) at which Django's local clock reads 2001-01-01 + ts seconds."""
    return (ts + pr.DJANGO_EPOCH_UNIX - off) * US


def make_case(rng, idx):
    now_us = pr.random_time_us(rng)
    off = rng.choice([0, 0, 0, 3600, -3600, 7200, -18000, 19800, 20700, -34200, 46800, 50400])
    use_tz = rng.random() < 0.7
    algorithm = rng.choice(pr.ALGORITHMS)
    timeout = rng.choice([0, 1, 2, 59, 3600, 86400, 259200, 7 * 86400, rng.randint(0, 10 ** 7)])
    key_salt = rng.choice([None] * 4 + ["myapp.tokens.EmailConfirmationTokenGenerator", pr.random_text(rng, 30) or "s"])
    secret = pr.random_secret(rng)
    django_secret, fallbacks = secret, []
    if rng.random() < 0.2:  # rotation: Django's token was made with an old key
        django_secret = pr.random_secret(rng)
        while django_secret == secret:
            django_secret = pr.random_secret(rng)
        fallbacks = [pr.random_secret(rng), django_secret]
        rng.shuffle(fallbacks)
    user = pr.random_user(rng, now_us)
    du = pr.make_user(user, off, use_tz)
    token = pr.make_token(django_secret, algorithm, du, now_us, off, key_salt)
    ts = pr.num_seconds(now_us, off)
    checks = []

    def check(what, at_us, changed=None, tok=None):
        u = dict(user, **changed) if changed else user
        tok = tok or token
        valid = pr.check_token(django_secret, algorithm, pr.make_user(u, off, use_tz), tok, at_us, off, timeout, key_salt)
        checks.append({"what": what, "now_us": at_us, "user": u if changed else None, "token": tok, "valid": valid})

    edge = local_second_start_us(ts + timeout + 1, off)
    check("at make time", now_us)
    check("last microsecond before expiry", edge - 1)
    check("first microsecond of expiry", edge)
    check("random time", now_us + rng.randint(-2 * timeout - 10, 2 * timeout + 10) * US + rng.randint(0, US - 1))
    check("a year earlier", now_us - 365 * 86400 * US)
    field = rng.choice(["pk", "password", "email", "last_login_us"])
    if field == "last_login_us":
        changed = {field: None if user[field] is not None else now_us - 5 * US}
        if rng.random() < 0.5 and user[field] is not None:
            changed = {field: user[field] + US}
    else:
        changed = {field: user[field] + rng.choice(["x", "0", "é"])}
    check("changed " + field, now_us, changed)
    pos = rng.randrange(len(token))
    tampered = token[:pos] + rng.choice("0123456789abcdefXZ-_ ") + token[pos + 1:]
    if tampered != token:
        check("tampered", now_us, None, tampered)
    foreign = pr.make_token(secret + "-foreign", algorithm, du, now_us, off, key_salt)
    check("foreign key", now_us, None, foreign)
    return {"id": idx, "secret": secret, "django_secret": django_secret, "fallbacks": fallbacks,
            "algorithm": algorithm, "timeout": timeout, "utc_offset": off, "use_tz": use_tz, "key_salt": key_salt,
            "user": user, "make_us": now_us, "django_token": token, "checks": checks,
            "signet_make_us": pr.random_time_us(rng)}


def verify_signet_tokens(cases, tokens):
    """Step 3: Django checks every signet token. Returns (checked, failures)."""
    failures = []
    checked = 0
    for c in cases:
        t = tokens.get(c["id"])
        if t is None:
            failures.append("case %d: no signet token" % c["id"])
            continue
        off, use_tz, alg, salt = c["utc_offset"], c["use_tz"], c["algorithm"], c["key_salt"]
        du = pr.make_user(c["user"], off, use_tz)
        at = c["signet_make_us"]
        own = pr.make_token(c["secret"], alg, du, at, off, salt)
        if own != t:
            failures.append("case %d: signet %s, Django %s" % (c["id"], t, own))
        ts = pr.num_seconds(at, off)
        edge = local_second_start_us(ts + c["timeout"] + 1, off)
        expectations = [("at make time", at, du, True), ("end of timeout", edge - 1, du, True),
                        ("one second past timeout", edge, du, False),
                        ("password changed", at, pr.make_user(dict(c["user"], password=c["user"]["password"] + "!"), off, use_tz), False)]
        for what, when, user, want in expectations:
            got = pr.check_token(c["secret"], alg, user, t, when, off, c["timeout"], salt)
            checked += 1
            if got != want:
                failures.append("case %d: Django check '%s' gave %s, want %s" % (c["id"], what, got, want))
    return checked, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--driver", required=True)
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--workdir", default=None)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 32)
    print("password-reset interop: Django %s, seed %d (rerun with --seed %d), %d cases"
          % (pr.DJANGO_VERSION, seed, seed, args.cases))
    rng = random.Random(seed)
    cases = [make_case(rng, i) for i in range(args.cases)]
    n_checks = sum(len(c["checks"]) for c in cases)
    verdicts = sum(ch["valid"] for c in cases for ch in c["checks"])
    print("step 1: Django made %d tokens and %d verdicts (%d valid, %d invalid); %d cases with rotated keys"
          % (len(cases), n_checks, verdicts, n_checks - verdicts, sum(1 for c in cases if c["fallbacks"])))
    workdir = args.workdir or tempfile.mkdtemp(prefix="signet-pr-interop-")
    cases_path = os.path.join(workdir, "password_reset_cases.jsonl")
    out_path = os.path.join(workdir, "password_reset_signet_tokens.jsonl")
    with open(cases_path, "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    r = subprocess.run([args.driver, cases_path, out_path])
    print("step 2: driver exit %d" % r.returncode)
    if r.returncode != 0:
        return 1
    tokens = {}
    with open(out_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            tokens[d["id"]] = d["token"]
    checked, failures = verify_signet_tokens(cases, tokens)
    for msg in failures[:50]:
        print("FAIL " + msg)
    print("step 3: Django checked %d signet tokens (%d verdicts): %d failures" % (len(tokens), checked, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
