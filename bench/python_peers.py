#!/usr/bin/python3
"""bench/python_peers.py: time Django's signing and PyJWT on signet's workload.

Run with Debian's /usr/bin/python3 (python3-django 3.2, python3-jwt 2.6):

    /usr/bin/python3 bench/python_peers.py [--min-time 0.2] [--repeats 5]
        [--clock cpu|real] [--check-tokens BENCH.json] [--filter REGEX] > python.json

timeit-style: each case is calibrated (timeit's autorange) until one batch
takes at least --min-time seconds, then the batch is timed --repeats times;
ns/op is the median batch time divided by the batch size. --clock cpu (the
default) times with time.process_time, real with time.perf_counter; use the
same clock as the C++ rows (bench/run.sh does). Prints one JSON document.

Workload (identical to bench/workload.h): HS256 secret, 5-claim payload,
{"user_id":123456} with max_age=3600, the PEM keys in bench/keys. Every verify
case first checks that the good token passes and a tampered one fails.
With --check-tokens, the tokens signet made (the "context" of signet_bench's
JSON output) are verified here too, which proves both sides ran the same
workload: PyJWT must accept signet's tokens and Django signet's dumps.
"""

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.environ.get("SIGNET_BENCH_KEYS_DIR", os.path.join(HERE, "keys"))

SECRET = "signet-bench-hs256-secret-32byte"
assert len(SECRET) == 32
CLAIMS = {"sub": "1234567890", "name": "John Doe", "admin": True, "iat": 1700000000, "exp": 4102444800}
DJANGO_VALUE = {"user_id": 123456}
DJANGO_MAX_AGE = 3600


def tamper(token):
    """Change one base64url character in the middle of the last segment."""
    cut = max(token.rfind("."), token.rfind(":")) + 1
    at = cut + (len(token) - cut) // 2
    return token[:at] + ("B" if token[at] == "A" else "A") + token[at + 1:]


def measure(fn, min_time, repeats, clock):
    timer = timeit.Timer(fn, timer=clock)
    number = 1
    while True:  # timeit's autorange, with our minimum
        if timer.timeit(number) >= min_time:
            break
        number *= 2 if number < 10 else 10
    times = timer.repeat(repeat=repeats, number=number)
    per_op = sorted(t / number * 1e9 for t in times)
    return {
        "ns_per_op": statistics.median(per_op),
        "min_ns": per_op[0],
        "max_ns": per_op[-1],
        "repeats": repeats,
        "number": number,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-time", type=float, default=0.2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--clock", choices=("cpu", "real"), default="cpu")
    ap.add_argument("--check-tokens", metavar="BENCH_JSON")
    ap.add_argument("--filter", default=".*", help="regex on case names")
    args = ap.parse_args()
    clock = time.process_time if args.clock == "cpu" else time.perf_counter

    import django
    from django.conf import settings

    settings.configure(SECRET_KEY=SECRET, USE_TZ=True)
    django.setup()
    from django.core import signing

    import jwt as pyjwt
    from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key

    def pem(name):
        with open(os.path.join(KEYS, name), "rb") as f:
            return f.read()

    cases = []  # (name, callable)
    checks = {}

    # ---------------------------------------------------------- Django
    dtoken = signing.dumps(DJANGO_VALUE)
    dbad = tamper(dtoken)
    assert signing.loads(dtoken, max_age=DJANGO_MAX_AGE) == DJANGO_VALUE
    try:
        signing.loads(dbad, max_age=DJANGO_MAX_AGE)
        raise SystemExit("Django accepts a tampered token")
    except signing.BadSignature:
        pass

    def django_loads_rejected():
        try:
            signing.loads(dbad, max_age=DJANGO_MAX_AGE)
        except signing.BadSignature:
            return None

    cases += [
        ("django_loads/django", lambda: signing.loads(dtoken, max_age=DJANGO_MAX_AGE)),
        ("django_dumps/django", lambda: signing.dumps(DJANGO_VALUE)),
        ("django_loads_rejected/django", django_loads_rejected),
    ]

    # ---------------------------------------------------------- PyJWT
    # Keys are parsed once (key objects), as a service would; HS256 takes the
    # secret as text. decode() checks the signature, exp and iat.
    def jwt_cases(op, alg, sign_key, verify_key):
        token = pyjwt.encode(CLAIMS, sign_key, algorithm=alg)
        bad = tamper(token)
        opts = {"require": ["exp", "iat"]}
        assert pyjwt.decode(token, verify_key, algorithms=[alg], options=opts) == CLAIMS
        try:
            pyjwt.decode(bad, verify_key, algorithms=[alg], options=opts)
            raise SystemExit("PyJWT accepts a tampered %s token" % alg)
        except pyjwt.InvalidSignatureError:
            pass

        def rejected():
            try:
                pyjwt.decode(bad, verify_key, algorithms=[alg], options=opts)
            except pyjwt.InvalidSignatureError:
                return None

        out = [
            ("%s_verify/pyjwt" % op, lambda: pyjwt.decode(token, verify_key, algorithms=[alg], options=opts)),
            ("%s_sign/pyjwt" % op, lambda: pyjwt.encode(CLAIMS, sign_key, algorithm=alg)),
        ]
        if op in ("hs256", "es256"):
            out.append(("%s_verify_rejected/pyjwt" % op, rejected))
        return out, token

    cases_hs, hs_token = jwt_cases("hs256", "HS256", SECRET, SECRET)
    cases += cases_hs
    checks["pyjwt_hs256_token"] = hs_token
    for op, alg, base in (("es256", "ES256", "es256"), ("eddsa", "EdDSA", "ed25519"),
                          ("rs256", "RS256", "rsa2048"), ("ps256", "PS256", "rsa2048")):
        priv = load_pem_private_key(pem(base + ".pem"), password=None)
        pub = load_pem_public_key(pem(base + ".pub.pem"))
        c, _ = jwt_cases(op, alg, priv, pub)
        cases += c

    # ------------------------------------------- cross-check signet's tokens
    cross = {}
    if args.check_tokens:
        with open(args.check_tokens) as f:
            ctx = json.load(f).get("context", {})
        cross["hs256_token_identical_to_pyjwt"] = ctx.get("hs256_token") == hs_token
        for op, alg, base in (("hs256", "HS256", None), ("es256", "ES256", "es256"), ("eddsa", "EdDSA", "ed25519"),
                              ("rs256", "RS256", "rsa2048"), ("ps256", "PS256", "rsa2048")):
            tok = ctx.get(op + "_token")
            if tok is None:
                continue
            key = SECRET if base is None else load_pem_public_key(pem(base + ".pub.pem"))
            try:
                cross["pyjwt_accepts_signet_" + op] = pyjwt.decode(tok, key, algorithms=[alg]) == CLAIMS
            except pyjwt.PyJWTError as e:
                cross["pyjwt_accepts_signet_" + op] = "rejected: %s" % e
        if "django_token" in ctx:
            try:
                # No max_age: the signet run may be more than an hour old.
                cross["django_accepts_signet_dumps"] = signing.loads(ctx["django_token"]) == DJANGO_VALUE
            except signing.BadSignature as e:
                cross["django_accepts_signet_dumps"] = "rejected: %s" % e

    # ---------------------------------------------------------- run
    pattern = re.compile(args.filter)
    results = []
    for name, fn in cases:
        if not pattern.search(name):
            continue
        r = measure(fn, args.min_time, args.repeats, clock)
        r["name"] = name
        results.append(r)
        print("python_peers: %-34s %12.1f ns/op" % (name, r["ns_per_op"]), file=sys.stderr)

    import cryptography

    doc = {
        "context": {
            "python": platform.python_version(),
            "python_executable": sys.executable,
            "django": django.get_version(),
            "pyjwt": pyjwt.__version__,
            "cryptography": cryptography.__version__,
            "clock": args.clock,
            "min_time_s": args.min_time,
            "repeats": args.repeats,
            "django_token": dtoken,
            **checks,
        },
        "cross_checks": cross,
        "benchmarks": results,
    }
    json.dump(doc, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
