#!/usr/bin/python3
"""Step 1 of the itsdangerous library interop suite: real itsdangerous makes the cases.

Usage: /usr/bin/python3 itsdangerous_make_cases.py --out CASES.tsv [--tokens STALE.tsv] [--cases N] [--seed S]

The file is read by itsdangerous_library_interop_test (step 2), which checks every case with
the signet::itsdangerous C++ API and writes its own tokens, which itsdangerous_verify_tokens.py
(step 3) verifies with itsdangerous.

Format: lines starting with '#' are comments. Every other line has these tab-separated fields
(HEX = hex of the bytes, '-' = absent):

   0 id           decimal
   1 kind         sign | ts | ser | tser | uss | utss | sep | dumpsbad
                  sign: Signer; ts: TimestampSigner; ser: Serializer; tser: TimedSerializer;
                  uss: URLSafeSerializer; utss: URLSafeTimedSerializer;
                  sep: only the separator rule (outcome ok / invalid_argument);
                  dumpsbad: `input` is JSON text every serializer's dumps must refuse
   2 keys         comma-separated HEX keys, oldest to newest (the newest signs)
   3 salt         '-' (the class default) or HEX (possibly empty: '')
   4 sep          HEX separator
   5 digest       sha1 | sha224 | sha256 | sha384 | sha512
   6 kd           django-concat | concat | hmac | none
   7 compress     1 | 0: URL-safe dumps compresses as itsdangerous (1) or never (0)
   8 sign_ns      signing time, integer nanoseconds since the epoch
   9 verify_ns    verification time, integer nanoseconds
  10 max_age      '-' or integer seconds
  11 max_inflate  '-' (default 1 MiB) or bytes
  12 input        '-' or HEX: the value (sign/ts) or the JSON text given to dumps
  13 token        HEX: the token itsdangerous made (possibly damaged for negative cases)
  14 outcome      ok | malformed | bad_signature | expired | not_yet_valid | payload_too_large |
                  bad_payload | invalid_argument
  15 expect       HEX: for ok, the value (sign/ts) or the JSON text signet must return,
                  json.dumps(value, separators=(',', ':'), ensure_ascii=False)
  16 check_sign   1 if signet signing `input` (newest key, sign_ns) must reproduce `token` byte for byte
  17 its          what real itsdangerous does with the token: ok | <exception class>
  18 note         free text (ASCII, no tabs)
"""

import argparse
import json
import os
import random
import sys
import time
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import itsdangerous_peer as ip  # noqa: E402

NS = ip.NS
K = b"test-secret-key"
T0 = 1_700_000_000


class Writer:
    def __init__(self, path):
        self.f = open(path, "w", encoding="ascii", newline="\n")
        self.n = 0
        self.by_kind = {}
        self.by_outcome = {}
        self.by_option = {}
        self.stricter = 0  # itsdangerous accepts, signet refuses

    def comment(self, text):
        self.f.write("# %s\n" % text)

    def count(self, key):
        self.by_option[key] = self.by_option.get(key, 0) + 1

    def case(self, kind, keys, token, outcome, expect=None, salt=None, sep=b".", digest="sha1", kd="django-concat",
             compress=True, sign_ns=T0 * NS, verify_ns=None, max_age=None, max_inflate=None, input_=None,
             check_sign=False, note=""):
        if verify_ns is None:
            verify_ns = sign_ns
        for t in (sign_ns, verify_ns):  # itsdangerous's float clock must agree with exact arithmetic
            assert int(ip.seconds_from_ns(t)) == ip.trunc_s(t), (note, t)
        its = "-"
        if kind in ip.KINDS:
            o = ip.its_outcome(kind, token, keys, salt, sep, digest, kd, max_age, ip.seconds_from_ns(verify_ns))
            its = "ok" if o[0] == "ok" else o[1]
            if outcome == "ok":
                # Everything signet accepts, itsdangerous accepts, with the same value.
                assert o[0] == "ok", (note, kind, token, o)
                if kind in ("sign", "ts"):
                    assert o[1] == expect, (note, o[1], expect)
                else:
                    assert ip.same_json_value(o[1], json.loads(expect)), (note, o[1], expect)
            elif o[0] == "ok":
                self.stricter += 1
        fields = [
            str(self.n), kind, ",".join(ip.hx(k) for k in keys) or "-", "-" if salt is None else ip.hx(salt),
            ip.hx(sep), digest, kd, "1" if compress else "0", str(sign_ns), str(verify_ns),
            "-" if max_age is None else str(max_age), "-" if max_inflate is None else str(max_inflate),
            "-" if input_ is None else ip.hx(input_), ip.hx(token), outcome,
            ip.hx(expect if expect is not None else b""), "1" if check_sign else "0", its,
            note.replace("\t", " ").encode("ascii", "backslashreplace").decode(),
        ]
        self.f.write("\t".join(fields) + "\n")
        self.n += 1
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        self.by_outcome[outcome] = self.by_outcome.get(outcome, 0) + 1

    def close(self):
        self.f.close()


def expect_of(kind, o):
    if o[0] != "ok":
        return o[1], None
    return "ok", (o[1] if kind in ("sign", "ts") else ip.compact_utf8(o[1]))


def ref(kind, token, keys, salt, sep, digest, kd, verify_ns, max_age, max_inflate):
    return expect_of(kind, ip.reference(kind, token, keys, salt, sep, digest, kd, max_age,
                                        ip.seconds_from_ns(verify_ns), max_inflate))


def mutate(token, rng, sep):
    r = rng.random()
    if r < 0.45 and token:
        i = rng.randrange(len(token))
        alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        c = rng.choice([x for x in alphabet if x != token[i]])
        return token[:i] + bytes([c]) + token[i + 1:]
    if r < 0.65:
        return token[:rng.randrange(len(token))]
    if r < 0.8:
        # itsdangerous's malleable spellings: all still verify there.
        return token + rng.choice([b"=", b"==", b"!!", b"\n"])
    if r < 0.9:
        return token + rng.choice([b"A", sep, b" "])
    i = rng.randrange(len(token) + 1)
    return token[:i] + ip.rand_char(rng, controls=False).encode("utf-8") + token[i:]


def random_cases(w, rng, n):
    made = 0
    while made < n:
        kind = rng.choices(ip.KINDS, weights=[2, 2, 1, 1, 2, 3])[0]
        keys = ip.rand_keys(rng)
        signer_index = len(keys) - 1 if rng.random() < 0.7 else rng.randrange(len(keys))
        digest = rng.choice(ip.DIGESTS) if rng.random() < 0.7 else "sha1"
        kd = rng.choice(ip.DERIVATIONS) if rng.random() < 0.7 else "django-concat"
        salt = ip.rand_salt(rng)
        sep = ip.rand_sep(rng)
        compress = kind not in ip.URL_SAFE or rng.random() < 0.85
        sign_ns = ip.rand_sign_ns(rng)
        ts = ip.trunc_s(sign_ns)
        if kind in ("sign", "ts"):
            value = ip.rand_bytes_value(rng)
            input_text, style = value, "bytes"
        else:
            value = ip.rand_top_value(rng)
            input_text, style = ip.json_input_text(rng, value)
            input_text = input_text.encode("utf-8")
        # itsdangerous signs with the newest key of its list: keys[:signer_index + 1].
        token = ip.make_token(kind, value, keys[:signer_index + 1], salt, sep, digest, kd,
                              now=ip.seconds_from_ns(sign_ns))
        max_age, verify_ns = None, sign_ns
        if kind in ip.TIMED:
            max_age, verify_ns = ip.rand_max_age_and_verify(rng, ts, sign_ns)
        max_inflate = None
        if kind in ip.URL_SAFE and rng.random() < 0.3:
            nj = len(ip.payload_json(kind, value))
            max_inflate = rng.choice([nj, nj - 1, nj // 2, nj + 1, 0])
        check_sign = signer_index == len(keys) - 1
        if kind in ip.URL_SAFE and not compress and token.startswith(b"."):
            check_sign = False
        common = dict(salt=salt, sep=sep, digest=digest, kd=kd, compress=compress, sign_ns=sign_ns,
                      verify_ns=verify_ns, max_age=max_age, max_inflate=max_inflate, input_=input_text)
        outcome, expect = ref(kind, token, keys, salt, sep, digest, kd, verify_ns, max_age, max_inflate)
        w.case(kind, keys, token, outcome, expect, check_sign=check_sign, note="random " + style, **common)
        for opt in ["digest=" + digest, "kd=" + kd, "keys=%d" % len(keys), "salt=" + ("default" if salt is None else
                    "empty" if salt == b"" else "custom"), "sep=" + ("default" if sep == b"." else "custom"),
                    "kind=" + kind]:
            w.count(opt)
        made += 1
        r = rng.random()
        if r < 0.3:
            bad = mutate(token, rng, sep)
            o, e = ref(kind, bad, keys, salt, sep, digest, kd, verify_ns, max_age, max_inflate)
            w.case(kind, keys, bad, o, e, note="mutated", **common)
        elif r < 0.45:
            which = rng.randrange(5)
            c2 = dict(common)
            keys2 = keys
            if which == 0:
                keys2 = [k + b"!" for k in keys]
            elif which == 1:
                c2["salt"] = (salt or b"x") + b"!"
            elif which == 2:
                c2["digest"] = rng.choice([d for d in ip.DIGESTS if d != digest])
            elif which == 3:
                c2["kd"] = rng.choice([d for d in ip.DERIVATIONS if d != kd])
            else:
                c2["sep"] = b"~" if sep != b"~" else b"!"
            o, e = ref(kind, token, keys2, c2["salt"], c2["sep"], c2["digest"], c2["kd"], verify_ns, max_age,
                       max_inflate)
            w.case(kind, keys2, token, o, e, note="wrong " + ["key", "salt", "digest", "kd", "sep"][which], **c2)


def fixed_cases(w):
    T = T0 * NS
    # Spec examples and every option at fixed values.
    for kind, value, want in [
        ("sign", b"hello", b"hello.lYl6R2mXZaqvOUcYoA9sT4P85pc"),
        ("ts", b"hello", b"hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE"),
        ("ser", {"user": 42, "role": "admin"}, b'{"user": 42, "role": "admin"}.FrckEMbMDYQCacciHPFIr4GNV00'),
    ]:
        tok = ip.make_token(kind, value, [K], now=T0)
        assert tok == want, tok
        inp = value if kind in ("sign", "ts") else json.dumps(value).encode()
        o, e = ref(kind, tok, [K], None, b".", "sha1", "django-concat", T, None, None)
        w.case(kind, [K], tok, o, e, input_=inp, check_sign=True, note="spec example")
    r20 = list(range(1, 20))
    for kind in ("uss", "utss"):
        tok = ip.make_token(kind, r20, [K], now=T0)
        assert tok.startswith(b".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml."), tok
        w.case(kind, [K], tok, "ok", ip.compact_utf8(r20), input_=b"[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]",
               check_sign=True, note="spec compressed range")
        w.case(kind, [K], tok, "ok", ip.compact_utf8(r20), compress=False, input_=json.dumps(r20).encode(),
               note="signet --no-compress still verifies in itsdangerous")
    # Django-compatible configuration (spec 3.6).
    tok = ip.make_token("sign", b"hello", [K], salt=b"django.core.signing.Signer", sep=b":", digest="sha256")
    assert tok == b"hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA"
    w.case("sign", [K], tok, "ok", b"hello", salt=b"django.core.signing.Signer", sep=b":", digest="sha256",
           input_=b"hello", check_sign=True, note="django-compatible signer")
    # Every digest x derivation x kind at fixed inputs.
    obj = {"\u00e9": ["\u2603", 1.5, -0.0, 2**70, None, True], "": {"\U0001f600": "\x00\x1f\x7f"}}
    for kind in ip.KINDS:
        for digest in ip.DIGESTS:
            for kd in ip.DERIVATIONS:
                value = b"v.al:ue" if kind in ("sign", "ts") else obj
                inp = value if kind in ("sign", "ts") else json.dumps(obj, ensure_ascii=False).encode()
                tok = ip.make_token(kind, value, [K], salt=b"s", digest=digest, kd=kd, now=T0)
                o, e = ref(kind, tok, [K], b"s", b".", digest, kd, T, None, None)
                assert o == "ok"
                w.case(kind, [K], tok, o, e, salt=b"s", digest=digest, kd=kd, input_=inp, check_sign=True,
                       note="matrix %s %s" % (digest, kd))
    # Salts: default, empty (used as given), explicit default, the other class's default.
    for kind in ip.KINDS:
        value = b"x" if kind in ("sign", "ts") else ["x"]
        inp = value if kind in ("sign", "ts") else b'["x"]'
        for salt in [None, b"", ip.SIGNER_SALT, ip.SERIALIZER_SALT, "s\u00e9l".encode()]:
            tok = ip.make_token(kind, value, [K], salt=salt, now=T0)
            o, e = ref(kind, tok, [K], salt, b".", "sha1", "django-concat", T, None, None)
            w.case(kind, [K], tok, o, e, salt=salt, input_=inp, check_sign=True, note="salt %r" % salt)
            other = b"other" if salt != b"other" else b"x"
            w.case(kind, [K], tok, "bad_signature", salt=other, note="wrong salt")

    # Rotation: sign with the newest, verify with all; an old token with the full list.
    old, mid, new = b"old-key", b"mid-key", b"new-key"
    for kind in ip.KINDS:
        value = b"rot" if kind in ("sign", "ts") else {"rot": [1, 2]}
        inp = value if kind in ("sign", "ts") else b'{"rot":[1,2]}'
        exp = value if kind in ("sign", "ts") else ip.compact_utf8(value)
        for signers in ([old], [old, mid], [old, mid, new]):
            tok = ip.make_token(kind, value, signers, now=T0)
            w.case(kind, [old, mid, new], tok, "ok", exp, input_=inp, check_sign=len(signers) == 3,
                   note="rotation signed by key %d of 3" % len(signers))
            w.case(kind, [new], tok, "ok" if len(signers) == 3 else "bad_signature",
                   exp if len(signers) == 3 else None, note="rotation: newest key only")
        if kind in ip.TIMED:
            tok = ip.make_token(kind, value, [old], now=T0)
            w.case(kind, [old, new], tok, "expired", verify_ns=T + 11 * NS, max_age=10,
                   note="rotation: max_age applies to old-key matches")

    # Time: boundary (inclusive, whole seconds), future (zero skew), no max_age, negative max_age, t=0.
    for kind in ip.TIMED:
        value = b"t" if kind == "ts" else ["t"]
        inp = value if kind == "ts" else b'["t"]'
        for sign_ns, verify_ns, max_age in [
            (T, T + 100 * NS + 999_000_000, 100), (T, T + 101 * NS, 100), (T + 999_000_000, T + 100 * NS, 100),
            (T, T - NS, 100), (T, T - 1_000_000, 100), (T, T - NS, None), (T, T - 11 * 86400 * NS, None), (T, T, 0),
            (T, T + NS, 0), (T, T, -1), (T, T - 10 * NS, -5), (0, 0, 0), (0, 5 * NS, None), (999_000_000, 0, 0),
            (2**33 * NS, 2**33 * NS, 1), (T, 2**33 * NS, None),
        ]:
            tok = ip.make_token(kind, value, [K], now=ip.seconds_from_ns(sign_ns))
            o, e = ref(kind, tok, [K], None, b".", "sha1", "django-concat", verify_ns, max_age, None)
            w.case(kind, [K], tok, o, e, sign_ns=sign_ns, verify_ns=verify_ns, max_age=max_age, input_=inp,
                   check_sign=True, note="time sign=%d verify=%d max_age=%s" % (sign_ns, verify_ns, max_age))

    # Malleable signatures: itsdangerous accepts all of these; signet accepts none.
    base = ip.make_token("sign", b"hello", [K])
    value, sig = base.rsplit(b".", 1)
    std = sig.replace(b"-", b"+").replace(b"_", b"/")
    alphabet = ip.ALPHABET[:-1]
    flipped = sig[:-1] + bytes([alphabet[alphabet.index(sig[-1]) ^ 1]])
    for name, bad in [("padded", base + b"="), ("double-padded", base + b"=="), ("bangs", base + b"!!"),
                      ("non-ascii", value + b"." + sig[:3] + "\u00e9".encode() + sig[3:]), ("spare-bits", value + b"." + flipped),
                      ("standard-alphabet", value + b"." + std), ("space", value + b"." + sig[:5] + b" " + sig[5:])]:
        if bad == base:
            continue
        w.case("sign", [K], bad, "bad_signature", note="malleable " + name)
    for kind in ("ts", "ser", "uss", "utss"):
        tok = ip.make_token(kind, b"x" if kind == "ts" else "x", [K], now=T0)
        w.case(kind, [K], tok + b"==", "bad_signature", note="malleable padded " + kind)

    # Timestamp fields under a valid signature (a plain Signer shares the salt).
    for name, signed in [("missing", b"v"), ("empty=0", b"v."), ("nine-bytes", b"v.AAAAAAAAAAAB"),
                         ("leading-zero", b"v.AGVT8QA"), ("padded", b"v.ZVPxAA=="), ("spare-bits", b"v.ZVPxAB"),
                         ("one-char", b"v.Z"), ("not-b64", b"v.ZV!xAA"), ("std-alphabet", b"v.ZVPx+A"),
                         ("confuse", b"data.AQ"), ("max", b"v.__________8"), ("2^63", b"v.gAAAAAAAAAA"),
                         ("year-9999", b"v." + ip.ts_field(253402300799)), ("year-10000", b"v." + ip.ts_field(253402300800))]:
        tok = ip.sign_raw(signed, [K], ip.SIGNER_SALT)
        for max_age in (None, 10**12):
            o, e = ref("ts", tok, [K], None, b".", "sha1", "django-concat", T, max_age, None)
            w.case("ts", [K], tok, o, e, max_age=max_age, note="ts field " + name)
    # Kinds confused with each other.
    s_tok = ip.make_token("sign", b"hello", [K])
    ts_tok = ip.make_token("ts", b"hello", [K], now=T0)
    w.case("ts", [K], s_tok, "bad_payload", note="Signer token to TimestampSigner (timestamp missing)")
    w.case("sign", [K], ts_tok, "ok", b"hello.ZVPxAA", note="TimestampSigner token to Signer")
    ser_tok = ip.make_token("ser", [1, 2], [K])
    uss_tok = ip.make_token("uss", [1, 2], [K])
    w.case("uss", [K], ser_tok, "bad_payload", note="Serializer token to URLSafeSerializer")
    w.case("ser", [K], uss_tok, "bad_payload", note="URLSafeSerializer token to Serializer")
    w.case("utss", [K], uss_tok, "bad_payload", note="URLSafeSerializer token to URLSafeTimedSerializer")
    w.case("sign", [K], ser_tok, "bad_signature", note="Serializer token to Signer (salt differs)")
    # Shapes.
    for kind in ip.KINDS:
        for t, o in [(b"", "malformed"), (b"hello", "malformed"), (s_tok[:-1], "bad_signature"), (b".", "bad_signature"),
                     (b"..", "bad_signature")]:
            w.case(kind, [K], t, o, note="shape")

    # Validly signed payloads: signet refuses what is not strict JSON or not canonical encoding.
    raw_payloads = {
        "not-base64": b"a", "empty": b"", "dot-only": b".", "not-zlib": b"." + ip.base64_encode(b"not zlib at all"),
        "truncated-zlib": b"." + ip.base64_encode(zlib.compress(b"[1,2,3,4,5,6,7,8,9,10]")[:-3]),
        "zlib-trailing-data": b"." + ip.base64_encode(zlib.compress(b"[1,2,3,4,5,6,7,8,9,10]") + b"xx"),
        "raw-deflate": b"." + ip.base64_encode(zlib.compress(b"[1,2,3,4,5,6,7,8,9,10]")[2:-4]),
        "padded-b64": ip.base64_encode(b"[12]") + b"==", "spare-bits-b64": b"WzEyXR",
        "std-alphabet": ip.base64_encode(b'["\xfb\xff"]').replace(b"-", b"+").replace(b"_", b"/"),
        "not-json": ip.base64_encode(b"{not json"), "nan": ip.base64_encode(b"NaN"),
        "infinity": ip.base64_encode(b"[Infinity]"), "big-float": ip.base64_encode(b"[1e400]"),
        "duplicates": ip.base64_encode(b'{"a":1,"a":2}'), "lone-surrogate": ip.base64_encode(b'"\\ud800"'),
        "bad-utf8": ip.base64_encode(b'"\xff"'), "bom": ip.base64_encode(b"\xef\xbb\xbf[1]"),
        "trailing": ip.base64_encode(b"[1] [2]"), "whitespace": ip.base64_encode(b" [1, 2] \n"),
        "latin1": ip.base64_encode('"Zo\u00eb"'.encode("latin-1")),
        "escaped-astral": ip.base64_encode(b'"\\ud83d\\ude00"'), "control-raw": ip.base64_encode(b'"a\x01b"'),
        "deep-256": ip.base64_encode(b"[" * 256 + b"]" * 256), "deep-257": ip.base64_encode(b"[" * 257 + b"]" * 257),
    }
    for kind in ("uss", "utss"):
        for name, p in raw_payloads.items():
            signed = p if kind == "uss" else p + b"." + ip.ts_field(T0)
            tok = ip.sign_raw(signed, [K], ip.SERIALIZER_SALT)
            o, e = ref(kind, tok, [K], None, b".", "sha1", "django-concat", T, None, None)
            w.case(kind, [K], tok, o, e, note="payload " + name)
    plain_payloads = [b"{not json", b"", b"NaN", b'"\xff"', b'{"a": 1, "a": 2}', b"[1] [2]", b'{"a": "\xc3\xa9"}',
                      b' [1 , 2.50] ', b'"\\ud800"', b"[1e400]", b"\xef\xbb\xbf{}"]
    for kind in ("ser", "tser"):
        for p in plain_payloads:
            signed = p if kind == "ser" else p + b"." + ip.ts_field(T0)
            tok = ip.sign_raw(signed, [K], ip.SERIALIZER_SALT)
            o, e = ref(kind, tok, [K], None, b".", "sha1", "django-concat", T, None, None)
            if o == "ok" and p.strip() == b"[1 , 2.50]":
                e = b"[1,2.50]"  # signet keeps the number as written
            w.case(kind, [K], tok, o, e, note="plain payload %r" % p[:20])

    # Decompression bomb made by itsdangerous: 1.1 MB of JSON in a ~1.5 kB token.
    bomb = "a" * 1_100_000
    nj = len(ip.payload_json("uss", bomb))
    for kind in ("uss", "utss"):
        tok = ip.make_token(kind, bomb, [K], now=T0)
        assert len(tok) < 4000, len(tok)
        w.case(kind, [K], tok, "payload_too_large", note="bomb, default cap")
        w.case(kind, [K], tok, "payload_too_large", max_inflate=nj - 1, note="bomb, cap len-1")
        w.case(kind, [K], tok, "ok", ip.compact_utf8(bomb), max_inflate=nj, note="bomb, cap len")

    # Deep nesting and awkward values, every kind.
    deep = []
    cur = deep
    for _ in range(255):
        cur.append([])
        cur = cur[0]
    for i, o in enumerate([deep, {"n": 2**200, "m": -2**64, "f": [0.1, -0.0, 1e16, 1e-05, 5e-324, 1.7976931348623157e308]},
                           "\U0001f600 \u2028 \x7f \x00 \x1f \\ \" / .", {"": "", "\U0001f600": {"\x00": []}}, [], {}, "",
                           0, None, True, -1.5]):
        for kind in ip.SERIALIZERS:
            tok = ip.make_token(kind, o, [K], now=T0)
            w.case(kind, [K], tok, "ok", ip.compact_utf8(o), input_=json.dumps(o).encode(), check_sign=True,
                   note="fixed value %d" % i)

    # JSON text signet refuses to sign (invalid_argument), whatever itsdangerous would make of it.
    for bad in [b"{not json", b"", b"[1,]", b"NaN", b"[Infinity]", b"-Infinity", b'{"a":1,"a":2}', b'"\\ud800"',
                b'["\\udc00"]', b"1e400", b"{'a':1}", b'"a\x01b"', b"[1] [2]", b"01", b"[.5]", b"tru", b"\x00",
                b'"\xff"', b"[" * 257 + b"]" * 257]:
        w.case("dumpsbad", [K], b"", "invalid_argument", input_=bad, note="invalid JSON to dumps")


def separator_cases(w, rng, n):
    pool = [b"a", b"z", b"A", b"Z", b"0", b"9", b"-", b"_", b"=", b".", b":", b"[", b"\\", b"^", b"`", b"\n", b" ",
            "\u00b7".encode(), b"~"]
    fixed = [b"", b"a", b"ab", b"9-", b"za", b"aa", b"-_=", b"=", b".", b":", b"a.", b".a", b"[", b"`", b"\n", b"x\n",
             b"\xff", "\U0001f600".encode()]
    seen = set()
    for sep in fixed + [b"".join(rng.choice(pool) for _ in range(rng.randrange(0, 4))) for _ in range(n)]:
        if sep in seen:
            continue
        seen.add(sep)
        its = "ok" if ip.its_accepts_sep(sep) else "ValueError"
        w.case("sep", [b"k"], b"", "ok" if ip.sep_is_safe(sep) else "invalid_argument", sep=sep,
               note="separator rule (itsdangerous: %s)" % its)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--tokens", help="stale signet token file to delete (written by step 2)")
    ap.add_argument("--cases", type=int, default=int(os.environ.get("SIGNET_INTEROP_CASES", "1200")))
    ap.add_argument("--seed", type=lambda s: int(s, 0), default=None)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else ip.seed_from_env()
    start = time.time()
    if args.tokens and os.path.exists(args.tokens):
        os.remove(args.tokens)
    rng = random.Random(seed)
    tmp = args.out + ".tmp"
    w = Writer(tmp)
    w.comment("signet itsdangerous library interop cases made by itsdangerous %s, seed %d (SIGNET_INTEROP_SEED=%d)"
              % (ip.ITSDANGEROUS_VERSION, seed, seed))
    w.comment("fields: id kind keys salt sep digest kd compress sign_ns verify_ns max_age max_inflate input token "
              "outcome expect check_sign its note (see itsdangerous_make_cases.py)")
    fixed_cases(w)
    nfixed = w.n
    random_cases(w, rng, args.cases)
    nrandom = w.n - nfixed
    separator_cases(w, rng, 300)
    w.close()
    os.replace(tmp, args.out)
    print("itsdangerous_make_cases: itsdangerous %s, seed=%d (replay: SIGNET_INTEROP_SEED=%d)"
          % (ip.ITSDANGEROUS_VERSION, seed, seed))
    print("  %d cases: %d fixed, %d randomized (%d valid + damaged/wrong variants), %d separator-rule"
          % (w.n, nfixed, nrandom, args.cases, w.n - nfixed - nrandom))
    print("  by kind: %s" % dict(sorted(w.by_kind.items())))
    print("  by outcome: %s" % dict(sorted(w.by_outcome.items())))
    print("  random valid cases by option: %s" % dict(sorted(w.by_option.items())))
    print("  itsdangerous accepts but signet refuses: %d cases" % w.stricter)
    print("  wrote %s (%.1f MB) in %.1fs" % (args.out, os.path.getsize(args.out) / 1e6, time.time() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
