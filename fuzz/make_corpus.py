#!/usr/bin/python3
"""Writes the seed inputs of the fuzz corpora (fuzz/corpus/<target>/seed-*).

Run with Debian's python3 (python3-django, python3-jwt):
    /usr/bin/python3 fuzz/make_corpus.py
Seeds are real inputs: Django tokens made by Django itself, JWTs made by
PyJWT, both with the fixed keys of fuzz/fuzz_keys.h (read from that file, so
the two cannot drift apart) at the fixed time kNow; JSON documents taken
from tests/unit/json_test.cc; JWKs from the RFC 7517/7638 examples and the
JOSE cookbook in ../shared/vectors. Existing seed-* files are replaced;
inputs found by fuzzing (other names) are left alone.
"""
import base64
import warnings
import hashlib
import json
import os
import re
import sys
import time

warnings.simplefilter("ignore", DeprecationWarning)
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VECTORS = os.path.join(ROOT, "..", "shared", "vectors")
KEYS_H = open(os.path.join(HERE, "fuzz_keys.h")).read()


def const(name):
    m = re.search(r'k%s = "([^"]*)"' % name, KEYS_H) or re.search(r"k%s = (\d+);" % name, KEYS_H)
    return m.group(1)


def pem(name):
    return re.search(r'k%s = R"\((.*?)\)";' % name, KEYS_H, re.S).group(1)


NOW = int(const("Now"))


def write(target, items):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith("seed-"):
            os.remove(os.path.join(d, f))
    seen = set()
    for item in items:
        data = item.encode() if isinstance(item, str) else bytes(item)
        if data in seen:
            continue
        seen.add(data)
        name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
    print("%-18s %d seeds" % (target, len(seen)))


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# ------------------------------------------------------------------ Django
def django_tokens():
    from django.conf import settings

    settings.configure(SECRET_KEY="unused")
    from django.core import signing

    key, old = const("DjangoKey"), const("DjangoFallbackKey")
    values = ["hello", "", "a:b:c", "caf\u00e9 \u2603 \U0001F600", "x" * 300, "/", "-", "1bZ8Kd"]
    objects = [
        {"user_id": 123456, "roles": ["admin", "staff"]},
        {"big": 123456789012345678901234567890, "f": 1.5, "e": 1e300, "n": None, "t": True},
        {"text": "caf\u00e9 \u2603 \U0001F600 \u2028", "ctl": "\x00\x1f\x7f"},
        ["list", 1, [2, [3, {}]]],
        "just a string",
        {"repeat": "abc" * 200},
    ]
    out = []
    real_time = time.time
    try:
        for offset in (0, 100, 3599, 3601, 7200, -30, -3600, NOW):
            time.time = lambda t=NOW - offset: float(t)
            ts = signing.TimestampSigner(key)
            for v in values:
                out.append(ts.sign(v))
            out.append(signing.TimestampSigner(old).sign("fallback"))
            for obj in objects:
                for compress in (False, True):
                    out.append(signing.dumps(obj, key=key, compress=compress))
                    out.append(ts.sign_object(obj, compress=compress))
            out.append(signing.dumps({"old": True}, key=old))
    finally:
        time.time = real_time
    s = signing.Signer(key)
    for v in values:
        out.append(s.sign(v))
        out.append(signing.Signer(old).sign(v))
        out.append(signing.Signer(key, sep="/", salt="signet-fuzz", algorithm="sha512").sign(v))
    for obj in objects:
        for compress in (False, True):
            out.append(s.sign_object(obj, compress=compress))
    # Payload-shaped values (the target also signs each input as a value).
    out += ["eyJhIjoxfQ", ".eJyrVkosSa1QslIqzsgvylbSUUpMKVayqkYKZEjJrEVKRgA7WAuk", "IlwiXHUwMGU5XCIi", "gA"]
    return out


# --------------------------------------------------------------------- JWT
JWT_KEYS = {
    "HS256": ("hs256", const("Hs256Secret")),
    "HS384": ("hs384", const("Hs384Secret")),
    "HS512": ("hs512", const("Hs512Secret")),
    "RS256": ("rs256", pem("RsaPrivatePem")),
    "RS384": ("rs384", pem("RsaPrivatePem")),
    "RS512": ("rs512", pem("RsaPrivatePem")),
    "PS256": ("ps256", pem("RsaPrivatePem")),
    "PS384": ("ps384", pem("RsaPrivatePem")),
    "PS512": ("ps512", pem("RsaPrivatePem")),
    "ES256": ("es256", pem("P256PrivatePem")),
    "ES384": ("es384", pem("P384PrivatePem")),
    "ES512": ("es512", pem("P521PrivatePem")),
    "ES256K": ("es256k", pem("Secp256k1PrivatePem")),
    "EdDSA": ("eddsa", pem("Ed25519PrivatePem")),
}


def jwt_tokens():
    import jwt

    payloads = [
        {"sub": "user-1", "exp": NOW + 3600, "iat": NOW - 10},
        {"iss": "signet-fuzz", "aud": "fuzz-aud", "sub": "user-2", "exp": NOW + 600, "iat": NOW - 60, "nbf": NOW - 60,
         "jti": "id-1"},
        {"iss": "signet-fuzz", "aud": ["fuzz-aud", "other"], "sub": "s", "exp": NOW + 60, "iat": NOW, "x": [1, {"y": None}]},
        {"exp": NOW - 100},
        {"nbf": NOW + 100, "exp": NOW + 200},
        {"custom": "caf\u00e9 \U0001F600", "n": 123456789012345678901234567890, "f": 1.5e300},
        {},
    ]
    out = []
    for alg, (kid, key) in JWT_KEYS.items():
        for i, p in enumerate(payloads):
            headers = [None, {"kid": kid}, {"kid": kid, "typ": "at+jwt"}, {"typ": "JWT", "crit": ["exp"]}]
            h = headers[i % len(headers)] if i < 4 else headers[1]
            out.append(jwt.encode(p, key, algorithm=alg, headers=h))
        out.append(jwt.encode({"sub": "k"}, key, algorithm=alg, headers={"kid": "unknown-kid"}))
    return out


def forged_jwt_inputs():
    """jwt_verify's forge mode: 0xFF, a key index, header JSON, NUL, payload."""
    algs = list(JWT_KEYS)
    cases = [
        ('{"alg":"%s","kid":"%s"}', '{"sub":"user-2","iss":"signet-fuzz","aud":["fuzz-aud"],"jti":"j","iat":%d}' % (NOW - 5)),
        ('{"alg":"%s","typ":"JWT"}', '{"exp":%d,"nbf":%d}' % (NOW + 5, NOW - 5)),
        ('{"alg":"%s","b64":false}', '{}'),
        ('{"alg":"%s","crit":["b64"],"b64":false}', '{}'),
        ('{"alg":"%s","kid":"%s","jku":"https://x","x5u":"https://y","jwk":{}}', '{"a":[[[[1]]]]}'),
        ('{"alg":"%s"}', '{"exp":1e3,"iat":-1,"aud":7}'),
        ('{"alg":"%s"}', '[1]'),
        ('{"alg":"%s"}', '{"aud":[],"exp":9999999999999}'),
        ('{"alg":"%s","alg":"%s"}', '{}'),
    ]
    out = []
    for i, alg in enumerate(algs):
        kid = JWT_KEYS[alg][0]
        for j, (h, p) in enumerate(cases):
            if (i + j) % 3:
                continue
            header = h % ((alg, kid) if h.count("%s") == 2 and "kid" in h else (alg,) * h.count("%s"))
            out.append(b"\xff" + bytes([i]) + header.encode() + b"\0" + p.encode())
    return out


# -------------------------------------------------------------------- JSON
def json_documents():
    src = open(os.path.join(ROOT, "tests", "unit", "json_test.cc"), encoding="utf-8").read()
    docs = []
    for m in re.finditer(r'R"\((.*?)\)"', src, re.S):
        docs.append(m.group(1))
    for m in re.finditer(r'(?<![R\w])"((?:[^"\\\n]|\\.)*)"', src):
        try:
            text = m.group(1).encode("latin-1", "backslashreplace").decode("unicode_escape").encode("latin-1")
        except Exception:
            continue
        docs.append(text)
    docs += ["[" * 64 + "]" * 64, "[" * 65 + "]" * 65, '{"a":' * 30 + "0" + "}" * 30, "1e400", "-0", "\ufeff{}"]
    docs += ['{"a":1,"\\u0061":2}', '"\\ud800"', '"\\udc00\\ud800"', "18446744073709551616", "[1.7976931348623157e308]"]
    return [d for d in docs if d]


# --------------------------------------------------------------------- JWK
def jwk_documents():
    out = []
    for sub in ("latchset-jose-rfc-examples", os.path.join("jose-cookbook", "jwk")):
        d = os.path.join(VECTORS, sub)
        for f in sorted(os.listdir(d)):
            if f.endswith((".jwk", ".jwkset", ".json")):
                out.append(open(os.path.join(d, f), "rb").read())
    for name in ("Rsa", "P256", "P384", "P521", "Secp256k1", "Ed25519"):
        out.append(pem(name + "PrivatePem"))
        out.append(pem(name + "PublicPem"))
    # The fixed keys as JWKs (public and private), and as a JWKS.
    from jwt.algorithms import ECAlgorithm, OKPAlgorithm, RSAAlgorithm, HMACAlgorithm
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    public = []
    for alg, (kid, key) in JWT_KEYS.items():
        if alg.startswith("HS"):
            j = json.loads(HMACAlgorithm.to_jwk(key.encode()))
        else:
            k = load_pem_private_key(key.encode(), None)
            cls = RSAAlgorithm if alg[0] in "RP" else (OKPAlgorithm if alg == "EdDSA" else ECAlgorithm)
            j = json.loads(cls.to_jwk(k))
            pub = json.loads(cls.to_jwk(k.public_key()))
            pub.update(alg=alg, kid=kid)
            public.append(pub)
            out.append(json.dumps(pub))
        j.update(alg=alg, kid=kid)
        out.append(json.dumps(j))
    out.append(json.dumps({"keys": public}))
    out.append(json.dumps({"keys": public[:3] + [{"kty": "oct", "k": "AAAA", "alg": "HS256"}]}))
    return out


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    write("django", django_tokens())
    tokens = jwt_tokens()
    write("jwt_verify", tokens + forged_jwt_inputs() + [open(os.path.join(VECTORS, "latchset-jose-rfc-examples", f)).read().strip()
                                  for f in ("rfc7515_A.1.jwsc", "rfc7515_A.2.jwsc", "rfc7515_A.3.jwsc",
                                            "rfc7515_A.4.jwsc", "rfc7515_A.5.jwsc")])
    write("jwt_inspect", tokens[::3])
    docs = json_documents()
    write("json", docs)
    write("json_differential", docs)
    write("jwk", jwk_documents())
