#!/usr/bin/env python3
"""Shared code of signet's JWT interop suite: keys, random claims, the peers.

Peers (each one a JWT implementation that is not signet):
  pyjwt         Debian python3-jwt (PyJWT 2.6), in this process
  jwcrypto      Debian python3-jwcrypto (1.1), in this process
  jose          npm jose (pinned in package.json), in a Node.js helper
  jsonwebtoken  npm jsonwebtoken (pinned), in the same Node.js helper

Every peer has the same interface (Peer below): sign, verify, generate a key
and export it as JWK, and (where the library offers one) an RFC 7638
thumbprint. The Node.js peers live in ONE long-running process
(node_peer.js) that takes JSON-lines requests, so thousands of tokens cost no
process start-ups.

A peer that lacks an algorithm says so with a reason (support() returns the
reason string), found by probing the library, never by silently skipping.

Run directly for a self-test of the peers against each other (no signet):
    /usr/bin/python3 jwt_peers.py [--node-dir BUILD/tests/interop/jwt/node]
"""
import base64
import hashlib
import hmac
import json
import math
import os
import random
import shutil
import string
import subprocess
import sys
import time

ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "ES512", "ES256K", "EdDSA"]
PEER_NAMES = ["pyjwt", "jwcrypto", "jose", "jsonwebtoken"]
SKIP = 77
DEFAULT_SEED = 20240611
HASH_BYTES = {"256": 32, "384": 48, "512": 64}
CURVES = {"ES256": ("P-256", 32), "ES384": ("P-384", 48), "ES512": ("P-521", 66), "ES256K": ("secp256k1", 32)}
REGISTERED = ("iss", "sub", "aud", "exp", "nbf", "iat", "jti")
# Names a random custom claim never takes: the registered ones, and "typ",
# which jwcrypto type-checks as a claim.
AVOID_NAMES = set(REGISTERED) | {"typ"}
JS_SAFE = 2 ** 53 - 1
INT64 = 2 ** 63


def family(alg):
    if alg.startswith("HS"):
        return "hmac"
    if alg.startswith(("RS", "PS")):
        return "rsa"
    if alg == "EdDSA":
        return "okp"
    return "ec"


def hash_len(alg):
    return HASH_BYTES.get(alg[-3:], 32)


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text):
    if isinstance(text, str):
        text = text.encode("ascii")
    return base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))


def uint_b64(n, size=None):
    """Base64urlUInt (RFC 7518 §2): minimal big-endian, or `size` bytes."""
    if size is None:
        size = max(1, (n.bit_length() + 7) // 8)
    return b64u(n.to_bytes(size, "big"))


# ----------------------------------------------------------------- seeds and counts

def seed_from_env(default=DEFAULT_SEED):
    """SIGNET_INTEROP_SEED: decimal, 0x-hex or 'random'. Printed by callers."""
    text = os.environ.get("SIGNET_INTEROP_SEED", "").strip()
    if not text:
        return default
    if text == "random":
        return random.SystemRandom().getrandbits(48)
    return int(text, 0)


def int_from_env(name, default):
    text = os.environ.get(name, "").strip()
    return int(text, 0) if text else default


# ----------------------------------------------------------------- JSON helpers

def ordered(text):
    """Parses JSON keeping member order: objects become lists of pairs."""
    return json.loads(text, object_pairs_hook=lambda pairs: ("{}", [(k, v) for k, v in pairs]))


def payload_text(token):
    return b64u_decode(token.split(".")[1]).decode("utf-8")


def header_of(token):
    return json.loads(b64u_decode(token.split(".")[0]))


def same_json(a, b):
    """Equality of parsed JSON where numbers compare by value (1 == 1.0) but
    bool is never a number."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) or isinstance(b, float):
            # JavaScript writes 4.95e+19 as 49547968602860945000: compare as doubles.
            return float(a) == float(b)
        return a == b
    if isinstance(a, tuple) and isinstance(b, tuple):  # ordered objects
        return len(a[1]) == len(b[1]) and all(ka == kb and same_json(va, vb)
                                              for (ka, va), (kb, vb) in zip(a[1], b[1]))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def short(text, n=300):
    text = str(text)
    return text if len(text) <= n else text[:n] + f"...({len(text)} chars)"


# ----------------------------------------------------------------- keys (reference)

def have_cryptography():
    try:
        import cryptography
        return bool(cryptography.__version__)
    except ImportError:
        return False


class Key:
    """A key of one algorithm in every form the suite hands out.

    secret (HS only), private_pem (PKCS#8), public_pem (SPKI), private_jwk
    and public_jwk (dicts, without "alg"/"kid" unless a caller adds them).
    """

    def __init__(self, alg, kid=None, secret=None, private_pem=None, public_pem=None, private_jwk=None,
                 public_jwk=None, origin="python"):
        self.alg = alg
        self.kid = kid
        self.secret = secret
        self.private_pem = private_pem
        self.public_pem = public_pem
        self.private_jwk = private_jwk
        self.public_jwk = public_jwk
        self.origin = origin

    def spec(self, form, private):
        """A key as peers take it: {"secret": bytes} | {"pem": str} | {"jwk": dict}."""
        if family(self.alg) == "hmac":
            return {"jwk": dict(self.private_jwk)} if form == "jwk" else {"secret": self.secret}
        if form == "jwk":
            return {"jwk": dict(self.private_jwk if private else self.public_jwk)}
        return {"pem": self.private_pem if private else self.public_pem}

    def jwk_with(self, private, alg=True, kid=True):
        jwk = dict(self.private_jwk if (private or family(self.alg) == "hmac") else self.public_jwk)
        if alg:
            jwk["alg"] = self.alg
        if kid and self.kid:
            jwk["kid"] = self.kid
        return jwk


def random_secret(rng, alg):
    """An HMAC secret that every input path carries unchanged: no NUL (so it
    fits an environment variable), not starting with whitespace or '{' (a key
    file would read as a JWK) and not ending with a newline (one is removed)."""
    n = hash_len(alg) + rng.choice([0, 0, 1, 7, 32])
    out = bytearray(rng.randrange(1, 256) for _ in range(n))
    while out[0] in b" \t\r\n{":
        out[0] = rng.randrange(1, 256)
    if out[-1] == 0x0A:
        out[-1] = 0x0B
    return bytes(out)


def reference_jwk(private_key):
    """JWKs of a `cryptography` key, written to the letter of RFC 7518/8037
    (EC coordinates at full field size): (private_jwk, public_jwk)."""
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    if isinstance(private_key, rsa.RSAPrivateKey):
        priv = private_key.private_numbers()
        pub = priv.public_numbers
        public = {"kty": "RSA", "n": uint_b64(pub.n), "e": uint_b64(pub.e)}
        private = dict(public, d=uint_b64(priv.d), p=uint_b64(priv.p), q=uint_b64(priv.q),
                       dp=uint_b64(priv.dmp1), dq=uint_b64(priv.dmq1), qi=uint_b64(priv.iqmp))
        return private, public
    if isinstance(private_key, ec.EllipticCurvePrivateKey):
        names = {"secp256r1": ("P-256", 32), "secp384r1": ("P-384", 48), "secp521r1": ("P-521", 66),
                 "secp256k1": ("secp256k1", 32)}
        crv, size = names[private_key.curve.name]
        priv = private_key.private_numbers()
        public = {"kty": "EC", "crv": crv, "x": uint_b64(priv.public_numbers.x, size),
                  "y": uint_b64(priv.public_numbers.y, size)}
        return dict(public, d=uint_b64(priv.private_value, size)), public
    if isinstance(private_key, ed25519.Ed25519PrivateKey):
        from cryptography.hazmat.primitives import serialization as s
        d = private_key.private_bytes(s.Encoding.Raw, s.PrivateFormat.Raw, s.NoEncryption())
        x = private_key.public_key().public_bytes(s.Encoding.Raw, s.PublicFormat.Raw)
        public = {"kty": "OKP", "crv": "Ed25519", "x": b64u(x)}
        return dict(public, d=b64u(d)), public
    raise ValueError("unsupported key type")


def crypto_private_key(alg):
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    fam = family(alg)
    if fam == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if fam == "ec":
        curve = {"ES256": ec.SECP256R1, "ES384": ec.SECP384R1, "ES512": ec.SECP521R1, "ES256K": ec.SECP256K1}[alg]
        return ec.generate_private_key(curve())
    return ed25519.Ed25519PrivateKey.generate()


def pems(private_key):
    from cryptography.hazmat.primitives import serialization as s
    priv = private_key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption()).decode()
    pub = private_key.public_key().public_bytes(s.Encoding.PEM, s.PublicFormat.SubjectPublicKeyInfo).decode()
    return priv, pub


def make_key(alg, rng, kid=None):
    """The suite's own key for `alg` (python `cryptography`, RSA 2048)."""
    if family(alg) == "hmac":
        secret = random_secret(rng, alg)
        jwk = {"kty": "oct", "k": b64u(secret)}
        return Key(alg, kid, secret=secret, private_jwk=jwk, public_jwk=jwk)
    k = crypto_private_key(alg)
    priv_pem, pub_pem = pems(k)
    priv_jwk, pub_jwk = reference_jwk(k)
    return Key(alg, kid, private_pem=priv_pem, public_pem=pub_pem, private_jwk=priv_jwk, public_jwk=pub_jwk)


def jwk_deviation(jwk):
    """Why an EC/OKP JWK breaks RFC 7518 §6.2.1/§6.2.2 or RFC 8037 (fixed-size
    members), or None. PyJWT 2.6's to_jwk writes EC x, y and d as minimal
    integers, so a leading zero octet is lost (1/128 of P-256 keys, half of
    P-521 keys); a strict importer must refuse those."""
    if jwk.get("kty") == "EC":
        size = {"P-256": 32, "P-384": 48, "P-521": 66, "secp256k1": 32}[jwk["crv"]]
        for m in ("x", "y", "d"):
            if m in jwk and len(b64u_decode(jwk[m])) != size:
                return f"EC member {m} is {len(b64u_decode(jwk[m]))} bytes, the field size is {size}"
    return None


def repair_jwk(jwk):
    """The same key with EC members padded to the field size."""
    if jwk.get("kty") != "EC":
        return jwk
    size = {"P-256": 32, "P-384": 48, "P-521": 66, "secp256k1": 32}[jwk["crv"]]
    out = dict(jwk)
    for m in ("x", "y", "d"):
        if m in out:
            out[m] = b64u(b64u_decode(out[m]).rjust(size, b"\0"))
    return out


def reference_thumbprint(jwk):
    """RFC 7638 SHA-256 thumbprint, computed here from the required members."""
    members = {"RSA": ("e", "kty", "n"), "EC": ("crv", "kty", "x", "y"), "OKP": ("crv", "kty", "x"),
               "oct": ("k", "kty")}[jwk["kty"]]
    canon = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return b64u(hashlib.sha256(canon.encode("utf-8")).digest())


def der_to_raw(der, size):
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
    r, s = decode_dss_signature(der)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def sign_raw(alg, key, signing_input):
    """Signs bytes with the suite's reference code (hand-made tokens)."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    h = {"256": hashes.SHA256, "384": hashes.SHA384, "512": hashes.SHA512}[alg[-3:] if alg != "ES256K" else "256"]
    fam = family(alg)
    if fam == "hmac":
        return hmac.new(key.secret, signing_input, getattr(hashlib, "sha" + alg[-3:])).digest()
    pk = serialization.load_pem_private_key(key.private_pem.encode(), None)
    if fam == "rsa":
        if alg.startswith("RS"):
            return pk.sign(signing_input, padding.PKCS1v15(), h())
        return pk.sign(signing_input, padding.PSS(mgf=padding.MGF1(h()), salt_length=h().digest_size), h())
    if fam == "ec":
        return der_to_raw(pk.sign(signing_input, ec.ECDSA(h())), CURVES[alg][1])
    return pk.sign(signing_input)


def make_token(alg, key, header, payload, signature=None):
    """A compact JWS built by hand: header/payload are dicts or JSON text."""
    h = header if isinstance(header, str) else json.dumps(header, separators=(",", ":"))
    p = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    signing_input = (b64u(h.encode()) + "." + b64u(p.encode())).encode()
    sig = signature if signature is not None else sign_raw(alg, key, signing_input)
    return signing_input.decode() + "." + b64u(sig)


# ----------------------------------------------------------------- random claims

_POOLS = [
    string.ascii_letters + string.digits + " -_.:/+=~@",
    string.punctuation,
    '"\\/\b\f\n\r\t',
    "".join(chr(c) for c in range(0x01, 0x20)) + "\x7f",
    "".join(chr(c) for c in range(0xA0, 0x100)),
    "\u0100\u03a9\u0416\u05d0\u0627\u0939\u0e01\u1100\u2028\u2029\u20ac\u2603\u3042\u4e2d\u6587\uac00\ufeff\uffef\ufffd",
    "\U0001F600\U0001F680\U0001D11E\U00010348\U0002A6D6\U0010FFFD\U0001F3F3\U0001F9D1",
]


def rand_string(rng, max_len=20, nul=True):
    n = rng.choice([0, 1, 2, 5, rng.randint(0, max_len)])
    out = []
    for _ in range(n):
        pool = rng.choice(_POOLS) if rng.random() < 0.5 else _POOLS[0]
        out.append(rng.choice(pool))
    if nul and rng.random() < 0.03:
        out.insert(rng.randint(0, len(out)), "\x00")
    if rng.random() < 0.05:  # arbitrary BMP / astral scalar values
        c = rng.choice([rng.randint(0x80, 0xD7FF), rng.randint(0xE000, 0xFFFD), rng.randint(0x10000, 0x10FFFF)])
        out.append(chr(c))
    return "".join(out)


def arg_string(rng, max_len=16):
    """A string that can travel as a command-line argument (no NUL)."""
    while True:
        s = rand_string(rng, max_len, nul=False)
        if s and "\x00" not in s:
            return s


def rand_float(rng):
    kind = rng.randrange(6)
    if kind == 0:
        v = rng.uniform(-1e6, 1e6)
    elif kind == 1:
        v = rng.random()
    elif kind == 2:
        v = rng.choice([0.1, 0.5, 1.5, -2.25, 3.14159, 1e-7, 123456.789, 2.5e-308, 1.7976931348623157e308])
    elif kind == 3:
        v = rng.random() * 10.0 ** rng.randint(-300, 300)
    elif kind == 4:
        v = float(rng.randint(-10 ** 6, 10 ** 6)) + 0.5
    else:
        v = rng.uniform(-1, 1) * 10.0 ** rng.randint(-20, 20)
    if not math.isfinite(v) or v == 0.0:
        v = 0.25
    return v


def rand_int(rng, js_safe):
    limit = JS_SAFE if js_safe else INT64 - 1
    kind = rng.randrange(5)
    if kind == 0:
        return rng.randint(-10, 10)
    if kind == 1:
        return rng.randint(-100000, 100000)
    if kind == 2:
        return rng.choice([limit, -limit, 2 ** 31, -(2 ** 31), 2 ** 32, 10 ** 15, 0])
    if not js_safe and kind == 3:
        return rng.choice([INT64 - 1, -INT64, rng.randint(-INT64, INT64 - 1)])
    return rng.randint(-limit, limit)


def rand_value(rng, depth, js_safe):
    kinds = ["str", "str", "int", "float", "bool", "null"]
    if depth < 3:
        kinds += ["arr", "obj"]
    kind = rng.choice(kinds)
    if kind == "str":
        return rand_string(rng)
    if kind == "int":
        return rand_int(rng, js_safe)
    if kind == "float":
        return rand_float(rng)
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "null":
        return None
    if kind == "arr":
        return [rand_value(rng, depth + 1, js_safe) for _ in range(rng.randint(0, 4))]
    obj = {}
    for _ in range(rng.randint(0, 4)):
        obj[rand_string(rng, 10)] = rand_value(rng, depth + 1, js_safe)
    return obj


def random_claims(rng, now, js_safe=True, exp_required=True, max_bytes=2500):
    """A random claims set (dict in random member order) valid at `now` for a
    long while (exp at least an hour ahead), or without exp when not
    exp_required (10%). Registered string claims avoid NUL (they travel as
    command-line arguments)."""
    while True:
        items = []
        if not exp_required and rng.random() < 0.1:
            pass
        else:
            items.append(("exp", now + rng.randint(3600, 10 ** 8)))
        if rng.random() < 0.6:
            items.append(("iss", arg_string(rng)))
        if rng.random() < 0.5:
            items.append(("sub", arg_string(rng)))
        if rng.random() < 0.5:
            if rng.random() < 0.5:
                items.append(("aud", arg_string(rng)))
            else:
                items.append(("aud", [arg_string(rng) for _ in range(rng.randint(1, 3))]))
        if rng.random() < 0.5:
            items.append(("iat", now - rng.randint(0, 10 ** 6)))
        if rng.random() < 0.4:
            items.append(("nbf", now - rng.randint(0, 10 ** 6)))
        if rng.random() < 0.4:
            items.append(("jti", arg_string(rng, 30)))
        names = {n for n, _ in items}
        for _ in range(rng.randint(0, 7)):
            name = rand_string(rng, 12)
            if name in names or name in AVOID_NAMES:
                continue
            names.add(name)
            items.append((name, rand_value(rng, 0, js_safe)))
        rng.shuffle(items)
        claims = dict(items)
        if len(json.dumps(claims).encode()) <= max_bytes:
            return claims


def claims_text(rng, claims, pretty=False):
    """JSON text of `claims` with escapes chosen at random (ASCII-only or raw
    UTF-8) and, when pretty, random indentation."""
    indent = rng.choice([None, 1, 2, "\t"]) if pretty else None
    seps = (",", ":") if indent is None and rng.random() < 0.8 else (", ", ": ")
    return json.dumps(claims, ensure_ascii=rng.random() < 0.5, indent=indent, separators=seps)


# ----------------------------------------------------------------- peers

_PROBE_KEYS = {}


def probe_key(alg):
    if alg not in _PROBE_KEYS:
        _PROBE_KEYS[alg] = make_key(alg, random.Random(alg))
    return _PROBE_KEYS[alg]


class PeerReject(Exception):
    """The peer refused a token or a key (the reason is the library's message)."""


class Peer:
    name = "?"
    version = "?"
    js_safe = False  # integers limited to +-(2**53 - 1) (JavaScript numbers)
    has_thumbprint = False  # the library computes RFC 7638 thumbprints

    def __init__(self):
        self.unavailable = None  # reason string when the whole peer is missing
        self._support = {}

    def support(self, alg):
        """None when `alg` works in this peer, else the reason it is n/a."""
        if self.unavailable:
            return self.unavailable
        if alg not in self._support:
            self._support[alg] = self._probe(alg)
        return self._support[alg]

    def _probe(self, alg):
        try:
            key = probe_key(alg)
            tok = self.sign(alg, key.spec("pem", True), '{"probe":true}')
            got = json.loads(self.verify(alg, key.spec("jwk", False), tok, {"now": int(time.time())}))
            if got != {"probe": True}:
                return f"{self.name} round trip returned {got!r}"
            return None
        except Exception as e:  # noqa: BLE001  (the reason is the point)
            return f"{self.name} {self.version}: {type(e).__name__}: {short(e, 160)}"

    def thumbprint(self, jwk):
        """RFC 7638 thumbprint, or None when the library offers none."""
        return None

    def close(self):
        pass


def cached(peer, k, make):
    """Parsed keys per peer: loading an RSA private key costs ~50 ms (key check)."""
    cache = peer.__dict__.setdefault("_key_cache", {})
    if k not in cache:
        cache[k] = make()
    return cache[k]


class PyJWTPeer(Peer):
    name = "pyjwt"

    def __init__(self):
        super().__init__()
        try:
            import jwt
            import jwt.algorithms
            self.jwt = jwt
            self.version = jwt.__version__
            self.has_crypto = bool(getattr(jwt.algorithms, "has_crypto", False))
        except Exception as e:  # noqa: BLE001
            self.unavailable = f"python3-jwt not importable ({e}); apt-get install python3-jwt"

    def _probe(self, alg):
        if family(alg) != "hmac" and not self.has_crypto:
            return "PyJWT without python3-cryptography supports only HS*"
        if alg not in self.jwt.algorithms.get_default_algorithms():
            return f"PyJWT {self.version} has no {alg}"
        return super()._probe(alg)

    def _key(self, alg, key, private):
        if "secret" in key:
            return key["secret"]
        if "pem" in key:
            return key["pem"]
        return cached(self, (alg, json.dumps(key["jwk"], sort_keys=True)),
                      lambda: self.jwt.PyJWK(key["jwk"], algorithm=alg).key)

    def sign(self, alg, key, claims_json, kid=None, typ="JWT", header=None):
        headers = {}
        if kid:
            headers["kid"] = kid
        if header:
            headers.update(header)
        if typ is None:
            headers["typ"] = None
        elif typ != "JWT":
            headers["typ"] = typ
        tok = self.jwt.encode(json.loads(claims_json), self._key(alg, key, True), algorithm=alg,
                              headers=headers or None)
        return tok

    def verify(self, alg, key, token, policy):
        try:
            options = {"require": ["exp"] if policy.get("require_exp") else []}
            claims = self.jwt.decode(token, self._key(alg, key, False), algorithms=[alg], options=options,
                                     audience=policy.get("audience"), issuer=policy.get("issuer"),
                                     leeway=policy.get("leeway", 0))
        except self.jwt.PyJWTError as e:
            raise PeerReject(f"{type(e).__name__}: {e}") from None
        return json.dumps(claims, ensure_ascii=False)

    def generate(self, alg, kid=None):
        """PyJWT cannot make keys: `cryptography` makes one, PyJWT exports it
        (Algorithm.to_jwk, which is what PyJWT users call)."""
        algo = self.jwt.algorithms.get_default_algorithms()[alg]
        if family(alg) == "hmac":
            secret = os.urandom(hash_len(alg))
            jwk = json.loads(algo.to_jwk(secret))
            return {"secret": secret, "private_jwk": jwk, "public_jwk": jwk}
        k = crypto_private_key(alg)
        priv_pem, pub_pem = pems(k)
        return {"private_jwk": json.loads(algo.to_jwk(k)), "public_jwk": json.loads(algo.to_jwk(k.public_key())),
                "private_pem": priv_pem, "public_pem": pub_pem}


class JwcryptoPeer(Peer):
    name = "jwcrypto"
    has_thumbprint = True

    def __init__(self):
        super().__init__()
        try:
            import jwcrypto
            from jwcrypto import jwk as jwk_mod
            from jwcrypto import jwt as jwt_mod
            self.jwk_mod = jwk_mod
            self.jwt_mod = jwt_mod
            self.version = getattr(jwcrypto, "__version__", None) or self._dist_version()
        except Exception as e:  # noqa: BLE001
            self.unavailable = f"python3-jwcrypto not importable ({e}); apt-get install python3-jwcrypto"

    @staticmethod
    def _dist_version():
        try:
            from importlib.metadata import version
            return version("jwcrypto")
        except Exception:  # noqa: BLE001
            return "?"

    def _key(self, alg, key):
        J = self.jwk_mod.JWK
        if "secret" in key:
            return J(kty="oct", k=b64u(key["secret"]))
        if "pem" in key:
            return cached(self, (alg, key["pem"]), lambda: J.from_pem(key["pem"].encode()))
        return cached(self, (alg, json.dumps(key["jwk"], sort_keys=True)), lambda: J(**key["jwk"]))

    def sign(self, alg, key, claims_json, kid=None, typ="JWT", header=None):
        h = {"alg": alg}
        if typ:
            h["typ"] = typ
        if kid:
            h["kid"] = kid
        if header:
            h.update(header)
        t = self.jwt_mod.JWT(header=json.dumps(h), claims=claims_json)
        t.make_signed_token(self._key(alg, key))
        return t.serialize()

    def verify(self, alg, key, token, policy):
        check = {}
        if policy.get("require_exp"):
            check["exp"] = None
        if policy.get("audience") is not None:
            check["aud"] = policy["audience"]
        if policy.get("issuer") is not None:
            check["iss"] = policy["issuer"]
        try:
            t = self.jwt_mod.JWT(algs=[alg], check_claims=check or None)
            if "leeway" in policy:
                t.leeway = policy["leeway"]
            t.deserialize(token, self._key(alg, key))
            claims = t.claims
        except Exception as e:  # noqa: BLE001  (jwcrypto raises many types)
            raise PeerReject(f"{type(e).__name__}: {e}") from None
        return claims

    def generate(self, alg, kid=None):
        J = self.jwk_mod.JWK
        fam = family(alg)
        args = {"kid": kid} if kid else {}
        if fam == "hmac":
            k = J.generate(kty="oct", size=8 * hash_len(alg), **args)
        elif fam == "rsa":
            k = J.generate(kty="RSA", size=2048, **args)
        elif fam == "ec":
            k = J.generate(kty="EC", crv=CURVES[alg][0], **args)
        else:
            k = J.generate(kty="OKP", crv="Ed25519", **args)
        if fam == "hmac":
            jwk = json.loads(k.export_symmetric())
            return {"secret": b64u_decode(jwk["k"]), "private_jwk": jwk, "public_jwk": jwk}
        out = {"private_jwk": json.loads(k.export_private()), "public_jwk": json.loads(k.export_public())}
        if True:
            out["private_pem"] = k.export_to_pem(private_key=True, password=None).decode()
            out["public_pem"] = k.export_to_pem().decode()
        return out

    def thumbprint(self, jwk):
        return self.jwk_mod.JWK(**jwk).thumbprint()


class NodeProcess:
    """The one node_peer.js process shared by the jose and jsonwebtoken peers."""

    def __init__(self, node_dir, node="node"):
        self.proc = None
        self.versions = {}
        self.unavailable = None
        self.requests = 0
        here = os.path.dirname(os.path.abspath(__file__))
        node_bin = shutil.which(os.environ.get("SIGNET_INTEROP_NODE", node))
        if not node_bin:
            self.unavailable = "node not found on PATH"
            return
        if not node_dir or not os.path.isdir(os.path.join(node_dir, "node_modules", "jose")):
            self.unavailable = (f"npm packages not installed in {node_dir} (the interop_jwt_npm_setup test "
                                "installs them; it skips when npm or the registry is unavailable)")
            return
        self.proc = subprocess.Popen([node_bin, os.path.join(here, "node_peer.js"), node_dir],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                     bufsize=1)
        hello = self.call({"op": "hello"})
        self.versions = hello["versions"]

    def call(self, req):
        self.requests += 1
        req = dict(req, id=self.requests)
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"node_peer.js died (exit {self.proc.poll()}) on {short(json.dumps(req))}")
        answer = json.loads(line)
        if answer.get("id") != req["id"]:
            raise RuntimeError(f"node_peer.js answered out of order: {short(line)}")
        return answer

    def close(self):
        if self.proc:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
            self.proc = None


def node_key(key):
    if "secret" in key:
        return {"secret_b64": b64u(key["secret"])}
    return dict(key)


class NodePeer(Peer):
    js_safe = True

    def __init__(self, name, process):
        super().__init__()
        self.name = name
        self.has_thumbprint = name == "jose"
        self.node = process
        if process.unavailable:
            self.unavailable = process.unavailable
        else:
            self.version = process.versions.get(name, "?")

    def _probe(self, alg):
        why = super()._probe(alg)
        if why and self.name == "jsonwebtoken" and alg in ("ES256K", "EdDSA"):
            why = (f"jsonwebtoken {self.version} (jws/jwa underneath) implements only HS/RS/PS/ES 256/384/512; "
                   f"sign() answers: {why.split(': ', 2)[-1]}")
        return why

    def _call(self, req):
        answer = self.node.call(dict(req, lib=self.name))
        if not answer["ok"]:
            raise PeerReject(answer["error"])
        return answer

    def sign(self, alg, key, claims_json, kid=None, typ="JWT", header=None):
        return self._call({"op": "sign", "alg": alg, "key": node_key(key), "claims_json": claims_json, "kid": kid,
                           "typ": typ, "header": header})["token"]

    def verify(self, alg, key, token, policy):
        req = {"op": "verify", "alg": alg, "key": node_key(key), "token": token, "now": policy["now"],
               "audience": policy.get("audience"), "issuer": policy.get("issuer"),
               "leeway": policy.get("leeway", 0), "require_exp": bool(policy.get("require_exp"))}
        return self._call(req)["claims_json"]

    def generate(self, alg, kid=None):
        a = self._call({"op": "generate", "alg": alg})
        if "secret_b64" in a:
            return {"secret": b64u_decode(a["secret_b64"]), "private_jwk": a["jwk"], "public_jwk": a["jwk"]}
        return {k: a[k] for k in ("private_jwk", "public_jwk", "private_pem", "public_pem")}

    def thumbprint(self, jwk):
        if self.name != "jose":
            return None
        return self._call({"op": "thumbprint", "jwk": jwk})["thumbprint"]


def make_peers(node_dir):
    """All four peers; unavailable ones carry their reason."""
    node = NodeProcess(node_dir)
    peers = [PyJWTPeer(), JwcryptoPeer(), NodePeer("jose", node), NodePeer("jsonwebtoken", node)]
    return peers, node


def describe_peers(peers):
    for p in peers:
        if p.unavailable:
            print(f"  {p.name:13} n/a: {p.unavailable}")
        else:
            na = {a: p.support(a) for a in ALGS if p.support(a)}
            print(f"  {p.name:13} {p.version:8} {len(ALGS) - len(na)} algorithms"
                  + "".join(f"\n  {'':13} {a} n/a: {why}" for a, why in na.items()))


# ----------------------------------------------------------------- self-test

def self_test(node_dir):
    """Peer <-> peer for every algorithm, plus JWK exchange between peers:
    proves the harness before signet is involved."""
    seed = seed_from_env()
    rng = random.Random(seed)
    now = int(time.time())
    print(f"jwt_peers self-test: seed {seed}, now {now}")
    peers, node = make_peers(node_dir)
    describe_peers(peers)
    failures = []
    count = 0
    live = [p for p in peers if not p.unavailable]
    for alg in ALGS:
        key = make_key(alg, rng, kid=f"ref-{alg}")
        signers = [p for p in live if not p.support(alg)]
        for s in signers:
            for v in signers:
                for _ in range(2):
                    claims = random_claims(rng, now, js_safe=True)
                    text = claims_text(rng, claims)
                    form_s, form_v = rng.choice(["pem", "jwk"]), rng.choice(["pem", "jwk"])
                    try:
                        tok = s.sign(alg, key.spec(form_s, True), text, kid=key.kid if rng.random() < 0.5 else None)
                        aud = claims.get("aud")
                        policy = {"now": now, "require_exp": True,
                                  "audience": (aud[0] if isinstance(aud, list) else aud)}
                        got = json.loads(v.verify(alg, key.spec(form_v, False), tok, policy))
                        if not same_json(got, claims):
                            failures.append(f"{s.name}->{v.name} {alg}: claims differ\n  want {short(claims)}\n"
                                            f"  got  {short(got)}")
                        count += 1
                    except Exception as e:  # noqa: BLE001
                        failures.append(f"{s.name}->{v.name} {alg} ({form_s}/{form_v}): {type(e).__name__}: {e}")
            # JWK exchange: s's own key, exported as JWK, imported by v.
            try:
                own = s.generate(alg)
                if jwk_deviation(own["public_jwk"]) or jwk_deviation(own["private_jwk"]):
                    print(f"  note: {s.name} exported a non-RFC {alg} JWK: {jwk_deviation(own['private_jwk'])}")
                    own = {k: repair_jwk(v) if k.endswith("jwk") else v for k, v in own.items()}
                tok = s.sign(alg, {"jwk": own["private_jwk"]}, '{"x":1}')
                for v in signers:
                    got = json.loads(v.verify(alg, {"jwk": own["public_jwk"]}, tok, {"now": now}))
                    if got != {"x": 1}:
                        failures.append(f"{s.name} JWK -> {v.name} {alg}: got {got}")
                    tp = v.thumbprint(own["public_jwk"])
                    if tp is not None and tp != reference_thumbprint(own["public_jwk"]):
                        failures.append(f"{v.name} thumbprint of {s.name}'s {alg} JWK differs from RFC 7638")
            except Exception as e:  # noqa: BLE001
                failures.append(f"{s.name} JWK exchange {alg}: {type(e).__name__}: {e}")
    node.close()
    for f in failures[:40]:
        print("FAIL", f)
    print(f"self-test: {count} peer-to-peer tokens, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--node-dir", default=os.environ.get("SIGNET_INTEROP_NODE_DIR", ""))
    sys.exit(self_test(ap.parse_args().node_dir))
