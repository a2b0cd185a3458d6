#!/usr/bin/python3
"""Step 1 of the library interop suite: Django 3.2 makes the cases, one per line.

Usage: /usr/bin/python3 make_library_cases.py --out CASES.tsv [--cases N] [--seed S]

The file is read by django_library_interop_test (step 2), which checks every case with the
signet::django C++ API and writes its own tokens, verified by verify_library_tokens.py (step 3).

Format: lines starting with '#' are comments. Every other line has these tab-separated fields
(HEX = hex of the UTF-8/raw bytes, '-' = absent):

   0 id           decimal
   1 kind         sign | ts | obj | tsobj | dumps | dumpsbad | sep
                  sign: Signer.sign/unsign; ts: TimestampSigner.sign/unsign;
                  obj: Signer.sign_object/unsign_object; tsobj: TimestampSigner.sign_object/unsign_object;
                  dumps: signing.dumps/loads; sep: only the separator rule (outcome ok / invalid_argument);
                  dumpsbad: `input` is JSON text signet must refuse to sign (dumps and sign_object)
   2 key          HEX main key
   3 fallbacks    '-' or comma-separated HEX fallback keys (verification only)
   4 salt         '-' (the API default) or HEX
   5 sep          HEX separator (':' for dumps)
   6 algorithm    sha1 | sha224 | sha256 | sha384 | sha512
   7 compress     0 | 1
   8 sign_ns      signing time, integer nanoseconds since the epoch (may be negative)
   9 verify_ns    verification time, integer nanoseconds
  10 max_age_ns   '-' or integer nanoseconds
  11 max_inflate  '-' (default 1 MiB) or bytes
  12 input        '-' or HEX: the value (sign/ts) or the JSON text given to sign_object/dumps
  13 token        HEX: the token Django made (possibly damaged for negative cases)
  14 outcome      ok | malformed | bad_signature | expired | payload_too_large | bad_payload | invalid_argument
  15 expect       HEX: for ok, the unsigned value (sign/ts) or the JSON text signet must return,
                  json.dumps(value, separators=(',', ':'), ensure_ascii=False)
  16 check_sign   1 if signet signing `input` (main key, sign_ns) must reproduce `token` byte for byte
  17 note         free text (ASCII, no tabs)
"""

import argparse
import json
import os
import random
import sys
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import django_peer as dp  # noqa: E402

NS = 1_000_000_000
KINDS = ["sign", "ts", "obj", "tsobj", "dumps"]


class Writer:
    def __init__(self, path):
        self.f = open(path, "w", encoding="ascii", newline="\n")
        self.n = 0
        self.by_kind = {}
        self.by_outcome = {}

    def comment(self, text):
        self.f.write("# %s\n" % text)

    def case(self, kind, key, token, outcome, expect=None, fallbacks=(), salt=None, sep=":", algorithm="sha256",
             compress=False, sign_ns=0, verify_ns=None, max_age_ns=None, max_inflate=None, input_=None,
             check_sign=False, note=""):
        if verify_ns is None:
            verify_ns = sign_ns
        fields = [
            str(self.n), kind, dp.hx(key), ",".join(dp.hx(k) for k in fallbacks) or "-",
            "-" if salt is None else dp.hx(salt), dp.hx(sep), algorithm, "1" if compress else "0",
            str(sign_ns), str(verify_ns), "-" if max_age_ns is None else str(max_age_ns),
            "-" if max_inflate is None else str(max_inflate), "-" if input_ is None else dp.hx(input_),
            dp.hx(token), outcome, dp.hx(expect if expect is not None else ""), "1" if check_sign else "0",
            note.replace("\t", " ").encode("ascii", "backslashreplace").decode(),
        ]
        self.f.write("\t".join(fields) + "\n")
        self.n += 1
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        self.by_outcome[outcome] = self.by_outcome.get(outcome, 0) + 1

    def close(self):
        self.f.close()


def secs(ns):
    return dp.seconds_from_ns(ns)


def trunc_s(ns):
    """int(time.time()) for an integer-nanosecond time: truncation toward zero."""
    q = abs(ns) // NS
    return q if ns >= 0 else -q


def ref_outcome(kind, token, key, fallbacks, salt, sep, alg, verify_ns, max_age_ns, max_inflate):
    """(outcome, expect_text) for `token` under signet semantics, from Django's crypto."""
    max_age = None if max_age_ns is None else max_age_ns / NS
    now = secs(verify_ns)
    mi = max_inflate or dp.DEFAULT_MAX_INFLATE
    if kind in ("sign", "ts"):
        o = dp.outcome(dp.reference_unsign, token, key, fallbacks, salt=salt, sep=sep, algorithm=alg,
                       timestamp=(kind == "ts"), max_age=max_age, now=now)
        return (o[1], None) if o[0] == "err" else ("ok", o[1])
    if kind == "dumps":
        o = dp.outcome(dp.reference_loads, token, key, fallbacks, salt=salt or dp.DUMPS_SALT, algorithm=alg,
                       max_age=max_age, now=now, max_inflate=mi)
    else:
        o = dp.outcome(dp.reference_unsign_object, token, key, fallbacks, salt=salt, sep=sep, algorithm=alg,
                       timestamp=(kind == "tsobj"), max_age=max_age, now=now, max_inflate=mi)
    return (o[1], None) if o[0] == "err" else ("ok", dp.compact_utf8_json(o[1]))


def make_token(kind, value, key, salt, sep, alg, compress, sign_ns):
    now = secs(sign_ns)
    assert int(now) == trunc_s(sign_ns), "float clock ambiguity at %d ns" % sign_ns
    if kind == "sign":
        return dp.make_sign(value, key, salt=salt, sep=sep, algorithm=alg)
    if kind == "ts":
        return dp.make_sign(value, key, salt=salt, sep=sep, algorithm=alg, timestamp=True, now=now)
    if kind == "obj":
        return dp.make_sign_object(value, key, salt=salt, sep=sep, algorithm=alg, compress=compress)
    if kind == "tsobj":
        return dp.make_sign_object(value, key, salt=salt, sep=sep, algorithm=alg, timestamp=True, compress=compress,
                                   now=now)
    return dp.make_dumps(value, key, salt=salt or dp.DUMPS_SALT, algorithm=alg, compress=compress, now=now)


def exact_expired(ts, verify_ns, max_age_ns):
    return max_age_ns is not None and verify_ns - ts * NS > max_age_ns


def rand_sign_ns(rng):
    base = rng.choice([1_700_000_000, rng.randrange(0, 2**31), rng.randrange(2**31, 2**33)])
    return base * NS + rng.choice([0, 0, 1_000_000, 250_000_000, 500_000_000, 999_000_000])


def rand_max_age_and_verify(rng, ts, sign_ns):
    if rng.random() < 0.2:
        return None, sign_ns + rng.choice([0, NS, 10**6 * NS])
    max_age_ns = rng.choice([0, 1, 60, 3600, 86400, rng.randrange(0, 10**7)]) * NS
    if rng.random() < 0.2:
        max_age_ns += NS // 2  # x.5 seconds: exact in binary floating point
    r = rng.random()
    if r < 0.3:
        verify = ts * NS + max_age_ns                                 # boundary: valid
    elif r < 0.55:
        verify = ts * NS + max_age_ns + 1_000_000                     # 1 ms past: expired
    elif r < 0.7:
        verify = ts * NS + max_age_ns + rng.randrange(1, 10**6) * NS
    elif r < 0.85:
        verify = ts * NS + rng.randrange(0, max_age_ns // NS + 1) * NS
    else:
        verify = ts * NS - rng.randrange(1, 10**5) * NS               # from the future: accepted
    return max_age_ns, verify


def json_input_text(rng, obj):
    """The JSON text handed to signet's sign_object/dumps: mostly Django's own, sometimes reformatted."""
    r = rng.random()
    if r < 0.8:
        return dp.django_json(obj), "django-json"
    if r < 0.9:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False), "raw-utf8"
    return json.dumps(obj, indent=rng.choice([None, 1, "\t"]), ensure_ascii=rng.random() < 0.5), "whitespace"


def random_cases(w, rng, n):
    made = 0
    while made < n:
        kind = rng.choices(KINDS, weights=[2, 2, 1, 1, 2])[0]
        main = dp.rand_key(rng)
        fallbacks = [dp.rand_key(rng) for _ in range(rng.randrange(1, 4))] if rng.random() < 0.25 else []
        sk = rng.choice(fallbacks) if fallbacks and rng.random() < 0.7 else main
        alg = rng.choice(dp.ALGORITHMS)
        salt = None if rng.random() < 0.3 else dp.rand_salt(rng)
        sep = ":" if kind == "dumps" else dp.rand_sep(rng)
        compress = kind in ("obj", "tsobj", "dumps") and rng.random() < 0.4
        sign_ns = rand_sign_ns(rng)
        ts = trunc_s(sign_ns)
        if kind in ("sign", "ts"):
            value = dp.rand_text(rng, 80)
            input_text, style = value, "text"
        else:
            value = dp.rand_compressible(rng, 0.1) if compress and rng.random() < 0.25 else dp.rand_top_value(rng)
            input_text, style = json_input_text(rng, value)
        token = make_token(kind, value, sk, salt, sep, alg, compress, sign_ns)
        max_age_ns, verify_ns = (None, sign_ns)
        if kind in ("ts", "tsobj", "dumps"):
            max_age_ns, verify_ns = rand_max_age_and_verify(rng, ts, sign_ns)
        max_inflate = None
        if token.startswith(".") and rng.random() < 0.3:
            nj = len(dp.django_json(value))
            max_inflate = rng.choice([nj, nj - 1, nj // 2, nj + 1])
        common = dict(fallbacks=fallbacks, salt=salt, sep=sep, algorithm=alg, compress=compress, sign_ns=sign_ns,
                      verify_ns=verify_ns, max_age_ns=max_age_ns, max_inflate=max_inflate, input_=input_text)
        outcome, expect = ref_outcome(kind, token, main, fallbacks, salt, sep, alg, verify_ns, max_age_ns, max_inflate)
        if kind in ("ts", "tsobj", "dumps"):  # the float clock of Django agrees with exact arithmetic
            assert (outcome == "expired") == exact_expired(ts, verify_ns, max_age_ns), (sign_ns, verify_ns, max_age_ns)
        w.case(kind, main, token, outcome, expect, check_sign=(sk == main), note="random " + style, **common)
        made += 1
        r = rng.random()
        if r < 0.25:  # a damaged copy
            bad = mutate(token, rng, sep)
            o, e = ref_outcome(kind, bad, main, fallbacks, salt, sep, alg, verify_ns, max_age_ns, max_inflate)
            w.case(kind, main, bad, o, e, note="mutated", **common)
        elif r < 0.35:  # wrong key / salt / algorithm
            which = rng.randrange(3)
            c2 = dict(common)
            key2 = main
            if which == 0:
                key2, c2["fallbacks"] = main + b"!", []
            elif which == 1:
                c2["salt"] = (salt or "x") + "!"
            else:
                c2["algorithm"] = rng.choice([a for a in dp.ALGORITHMS if a != alg])
            if which != 0 or sk == main:
                w.case(kind, key2, token, "bad_signature", note="wrong " + ["key", "salt", "algorithm"][which], **c2)


def mutate(token, rng, sep):
    r = rng.random()
    if r < 0.5 and token:
        i = rng.randrange(len(token))
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        return token[:i] + rng.choice([c for c in alphabet if c != token[i]]) + token[i + 1:]
    if r < 0.75:
        return token[:rng.randrange(len(token))]
    if r < 0.85:
        return token + rng.choice(["=", "A", sep, " "])
    i = rng.randrange(len(token) + 1)
    return token[:i] + dp.rand_char(rng, controls=False) + token[i:]


def fixed_cases(w):
    K = b"test-secret-key"
    T0 = 1_700_000_000 * NS
    obj = {"a": 1, "b": [1, 2, 3], "c": None}
    spec = "eyJhIjoxLCJiIjpbMSwyLDNdLCJjIjpudWxsfQ:1r31eq:Hpczh0erTdPSkdaR_9PnhuEdUFpy5iqoWVh1hA6OUyU"
    w.case("sign", K, "hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA", "ok", "hello", input_="hello",
           check_sign=True, note="spec dj-sign-basic")
    w.case("sign", K, "héllo ☃ 😀:I0W8ay-s3bsUk0-rlq9_Si25O4vWifXitPSqcfPajAg", "ok", "héllo ☃ 😀",
           input_="héllo ☃ 😀", check_sign=True, note="spec dj-sign-unicode-value")
    w.case("dumps", K, spec, "ok", dp.compact_utf8_json(obj), sign_ns=T0, input_=dp.django_json(obj),
           check_sign=True, note="spec dj-dumps-dict")
    w.case("dumps", K, spec, "ok", dp.compact_utf8_json(obj), sign_ns=T0 + 999_000_000, verify_ns=T0 + 100 * NS,
           max_age_ns=100 * NS, input_=dp.django_json(obj), check_sign=True, note="truncated clock, boundary")
    r20 = list(range(1, 20))
    tok = dp.make_dumps(r20, K, compress=True, now=secs(T0))
    assert tok.startswith(".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml:")
    w.case("dumps", K, tok, "ok", dp.compact_utf8_json(r20), compress=True, sign_ns=T0, input_=dp.django_json(r20),
           check_sign=True, note="spec dj-dumps-range-compress")
    small = dp.make_dumps([1], K, compress=True, now=secs(T0))
    assert not small.startswith(".")
    w.case("dumps", K, small, "ok", "[1]", compress=True, sign_ns=T0, input_="[1]", check_sign=True,
           note="compression not worth it: no dot")

    # Times before the epoch, at zero, far ahead; truncation toward zero.
    for sign_ns, verify_ns, max_age_ns in [(-100 * NS - NS // 2, -50 * NS, 50 * NS), (-100 * NS - NS // 2, -50 * NS + 1_000_000, 50 * NS),
                                           (0, 0, 0), (NS // 2, NS // 2, 0), (2**33 * NS, 2**33 * NS, None),
                                           (T0, T0 + 10 * NS, 0), (T0, T0 - NS, -NS), (T0, T0, -NS)]:
        tok = make_token("ts", "v", K, None, ":", "sha256", False, sign_ns)
        o, e = ref_outcome("ts", tok, K, [], None, ":", "sha256", verify_ns, max_age_ns, None)
        w.case("ts", K, tok, o, e, sign_ns=sign_ns, verify_ns=verify_ns, max_age_ns=max_age_ns, input_="v",
               check_sign=True, note="clock edge ts=%s" % tok.split(":")[1])

    # Rotation: Django 3.2 has no fallback keys; sign with the old key, verify with it as a fallback.
    old, new = b"old-key", b"new-key"
    for kind in ["sign", "ts", "obj", "tsobj", "dumps"]:
        value = "rot" if kind in ("sign", "ts") else {"rot": [1, 2]}
        inp = value if kind in ("sign", "ts") else dp.django_json(value)
        tok = make_token(kind, value, old, None, ":", "sha256", False, T0)
        exp = value if kind in ("sign", "ts") else dp.compact_utf8_json(value)
        w.case(kind, new, tok, "ok", exp, fallbacks=[b"unrelated", old], sign_ns=T0, input_=inp, note="rotation")
        w.case(kind, new, tok, "bad_signature", sign_ns=T0, input_=inp, note="rotation without fallback")
        w.case(kind, old, tok, "ok", exp, fallbacks=[new], sign_ns=T0, input_=inp, check_sign=True,
               note="old key still main")
        if kind in ("ts", "tsobj", "dumps"):
            w.case(kind, new, tok, "expired", fallbacks=[old], sign_ns=T0, verify_ns=T0 + 11 * NS,
                   max_age_ns=10 * NS, input_=inp, note="rotation: max_age applies to fallback matches")

    # Legacy SHA-1: accepted by Django 3.2 whatever the algorithm, refused by signet.
    for kind in ["sign", "ts", "obj", "tsobj", "dumps"]:
        value = "legacy" if kind in ("sign", "ts") else {"legacy": True}
        inp = value if kind in ("sign", "ts") else dp.django_json(value)
        tok = make_token(kind, value, K, None, ":", "sha1", False, T0)
        for alg in ["sha256", "sha512"]:
            w.case(kind, K, tok, "bad_signature", algorithm=alg, sign_ns=T0, input_=inp, note="legacy sha1 refused")
        assert dp.django_unsign(tok, K, salt=dp.DUMPS_SALT if kind == "dumps" else None,
                                timestamp=kind in ("ts", "tsobj", "dumps"))

    # Decompression bomb: 1.5 MB of 'a' compressed by Django (the CLI suite uses 5 MB).
    bomb_obj = "a" * 1_500_000
    bomb = dp.make_dumps(bomb_obj, K, compress=True, now=secs(T0))
    nj = len(dp.django_json(bomb_obj))
    w.case("dumps", K, bomb, "payload_too_large", sign_ns=T0, note="bomb, default cap")
    w.case("dumps", K, bomb, "payload_too_large", sign_ns=T0, max_inflate=nj - 1, note="bomb, cap len-1")
    w.case("dumps", K, bomb, "ok", dp.compact_utf8_json(bomb_obj), sign_ns=T0, max_inflate=nj, note="bomb, cap len")

    # Validly signed payloads signet must refuse or read like Django (Latin-1).
    payloads = {
        "not-base64": "a", "not-zlib": "." + dp.b64_encode(b"not zlib at all"),
        "truncated-zlib": "." + dp.b64_encode(zlib.compress(b"[1,2,3,4,5,6,7,8,9,10]")[:-3]),
        "not-json": dp.b64_encode(b"{not json"), "empty-json": "", "trailing-garbage": dp.b64_encode(b"[1] [2]"),
        "nan": dp.b64_encode(b"NaN"), "infinity": dp.b64_encode(b"[Infinity]"),
        "minus-infinity": dp.b64_encode(b'{"a":-Infinity}'), "duplicates": dp.b64_encode(b'{"a":1,"a":2}'),
        "duplicates-nested": dp.b64_encode(b'[{"x":{"k":1,"k":1}}]'),
        "raw-control": dp.b64_encode(b'"a\x01b"'), "latin1-utf8": dp.b64_encode('"Zoë"'.encode()),
        "latin1-high": dp.b64_encode(b'"\xff\x80"'), "latin1-key": dp.b64_encode('{"é":"ü"}'.encode()),
        "escaped-surrogate-pair": dp.b64_encode(b'"\\ud83d\\ude00"'),
        "big-number": dp.b64_encode(b"[123456789012345678901234567890,-0.0,1e+16,5e-324]"),
    }
    for kind in ["obj", "tsobj", "dumps"]:
        for name, p in payloads.items():
            if kind == "obj":
                tok = dp.make_sign(p, K)
            else:
                tok = dp.make_sign(p, K, salt=dp.DUMPS_SALT if kind == "dumps" else None, timestamp=True,
                                   now=secs(T0))
            o, e = ref_outcome(kind, tok, K, [], None, ":", "sha256", T0, None, None)
            w.case(kind, K, tok, o, e, sign_ns=T0, note="payload " + name)

    # Lone surrogates: Django 3.2 writes and reads them; signet documents them as bad_payload.
    for o in ["\ud800", ["a\udfffb"], {"\ud83d": 1}]:
        for kind in ["obj", "tsobj", "dumps"]:
            tok = make_token(kind, o, K, None, ":", "sha256", False, T0)
            w.case(kind, K, tok, "bad_payload", sign_ns=T0, note="lone surrogate")
    # JSON text signet refuses to sign (invalid_argument), whatever Django would make of the value.
    for bad in ["{not json", "", "[1,]", "NaN", "[Infinity]", "-Infinity", '{"a":1,"a":2}', '"\\ud800"',
                '["\\udc00"]', "1e400", "{'a':1}", '"a\x01b"', "[1] [2]", "01", "[.5]", "tru", "\x00"]:
        w.case("dumpsbad", K, "", "invalid_argument", sign_ns=T0, input_=bad, note="invalid JSON to sign")

    # Bad timestamp field under a valid signature; Signer/TimestampSigner confusion.
    for name, signed in [("ts-empty", "payload:"), ("ts-not-base62", "payload:1r3!eq"), ("ts-missing", "payload"),
                         ("ts-confuse-accepted", "data:1"), ("ts-00", "v:00"), ("ts--0", "v:-0"), ("ts--", "v:-"),
                         ("ts-leading-zeros", "v:001r31eq"), ("ts-negative", "v:-1c"), ("ts-int64-min", "v:-AzL8n0Y58m8"),
                         ("ts-int64-max", "v:AzL8n0Y58m7"), ("ts-2^63", "v:AzL8n0Y58m8"), ("ts-huge", "v:zzzzzzzzzzzz")]:
        tok = dp.make_sign(signed, K, salt=dp.TIMESTAMP_SIGNER_SALT)
        for max_age_ns in [None, 10 * NS]:
            o, e = ref_outcome("ts", tok, K, [], None, ":", "sha256", T0, max_age_ns, None)
            w.case("ts", K, tok, o, e, sign_ns=T0, max_age_ns=max_age_ns, note=name)
    s_tok = dp.make_sign("hello", K)
    ts_tok = dp.make_sign("hello", K, timestamp=True, now=secs(T0))
    w.case("ts", K, s_tok, "bad_signature", sign_ns=T0, input_="hello", note="Signer token to TimestampSigner")
    w.case("sign", K, ts_tok, "bad_signature", sign_ns=T0, input_="hello", note="TimestampSigner token to Signer")
    w.case("sign", K, ts_tok, "ok", "hello:" + dp.b62(T0 // NS), salt=dp.TIMESTAMP_SIGNER_SALT, sign_ns=T0,
           note="TimestampSigner token to Signer, same salt")
    # Shape errors.
    for t, o in [("", "malformed"), ("hello", "malformed"), (s_tok[:-1], "bad_signature"), (s_tok + "=", "bad_signature"),
                 (s_tok.replace("hello", "hellp"), "bad_signature")]:
        w.case("sign", K, t, o, sign_ns=T0, note="shape")
        w.case("dumps", K, t, o, sign_ns=T0, note="shape")

    # Deep nesting, big numbers, awkward strings, every algorithm.
    deep = []
    cur = deep
    for _ in range(255):  # depth 256: signet's nesting cap (src/django/object_codec.cc)
        cur.append([])
        cur = cur[0]
    for i, o in enumerate([deep, {"n": 2**200, "m": -2**64, "f": [0.1, -0.0, 1e16, 1e-05, 5e-324, 1.7976931348623157e308]},
                           "\U0001f600 \u2028 \x7f \x00 \x1f \\ \"", {"": "", "😀": {"\x00": []}}, [], {}, "", 0, None]):
        for alg in dp.ALGORITHMS:
            tok = dp.make_dumps(o, K, algorithm=alg, now=secs(T0))
            w.case("dumps", K, tok, "ok", dp.compact_utf8_json(o), algorithm=alg, sign_ns=T0, input_=dp.django_json(o),
                   check_sign=True, note="fixed value %d" % i)


def separator_cases(w, rng, n):
    pool = "ABZ[\\]^_`az09-=\n:/.·\t!😀 "
    seen = set()
    fixed = dp.SAFE_SEPS + dp.UNSAFE_SEPS + ["\n\n", ":\n", "\n:", "a\n", "A-z", "@", "{", "~\n"]
    cands = fixed + ["".join(rng.choice(pool) for _ in range(rng.randrange(0, 4))) for _ in range(n)]
    for sep in cands:
        if sep in seen:
            continue
        seen.add(sep)
        ok = dp.ensure_safe_sep_with_django(sep)
        w.case("sep", b"k", "", "ok" if ok else "invalid_argument", sep=sep, note="separator rule")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tokens", help="stale signet token file to delete (written by step 2)")
    ap.add_argument("--cases", type=int, default=int(os.environ.get("SIGNET_INTEROP_CASES", "1200")))
    ap.add_argument("--seed", type=lambda s: int(s, 0), default=None)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else dp.seed_from_env()
    start = time.time()
    if args.tokens and os.path.exists(args.tokens):
        os.remove(args.tokens)
    rng = random.Random(seed)
    tmp = args.out + ".tmp"
    w = Writer(tmp)
    w.comment("signet library interop cases made by Django %s, seed %d (SIGNET_INTEROP_SEED=%d)"
              % (dp.DJANGO_VERSION, seed, seed))
    w.comment("fields: id kind key fallbacks salt sep algorithm compress sign_ns verify_ns max_age_ns max_inflate "
              "input token outcome expect check_sign note (see make_library_cases.py)")
    fixed_cases(w)
    nfixed = w.n
    random_cases(w, rng, args.cases)
    nrandom = w.n - nfixed
    separator_cases(w, rng, 300)
    w.close()
    os.replace(tmp, args.out)
    print("make_library_cases: Django %s, seed=%d (replay: SIGNET_INTEROP_SEED=%d)" % (dp.DJANGO_VERSION, seed, seed))
    print("  %d cases: %d fixed, %d randomized (incl. damaged/wrong variants), %d separator-rule"
          % (w.n, nfixed, nrandom, w.n - nfixed - nrandom))
    print("  by kind: %s" % dict(sorted(w.by_kind.items())))
    print("  by outcome: %s" % dict(sorted(w.by_outcome.items())))
    print("  wrote %s (%.1f MB) in %.1fs" % (args.out, os.path.getsize(args.out) / 1e6, time.time() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
