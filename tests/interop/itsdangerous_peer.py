"""itsdangerous_peer: the itsdangerous side of signet's itsdangerous interop tests.

Wraps the real itsdangerous (Debian's python3-itsdangerous, run with
/usr/bin/python3) with a fixed clock and explicit options, and provides:

* make_* build tokens exactly as itsdangerous does (Signer, TimestampSigner
  and the four serializers), through itsdangerous itself;
* its_* verify tokens with itsdangerous itself (for signet's tokens);
* reference_* verify tokens with itsdangerous's crypto but signet's stricter
  semantics, and classify every failure into the signet error code the CLI
  and the C++ API must report:
    - the signature must be exactly the base64url text itsdangerous writes
      (itsdangerous decodes it leniently);
    - the timestamp field must be the canonical, minimal encoding;
    - a validly signed value without a timestamp, or a bad timestamp, is
      bad_payload (itsdangerous: BadTimeSignature);
    - age < 0 with max_age is not_yet_valid (itsdangerous: SignatureExpired);
    - URL-safe payloads: canonical base64url only, inflation capped
      (payload_too_large), no trailing data after the zlib stream;
    - JSON: strict UTF-8 and RFC 8259: no NaN/Infinity, no duplicate names, no
      lone surrogates, no float overflowing a double, nesting <= 256.
* random generators (JSON values, text, bytes, keys, salts, separators,
  times) shared by the CLI and library suites, so that one seed reproduces a
  whole run.

`/usr/bin/python3 itsdangerous_peer.py` runs a self-test against the
spec's examples (shared/spec/django-signing.md section 3).
"""

import base64
import contextlib
import hashlib
import json
import math
import os
import random
import sys
import zlib
from unittest import mock

try:
    import itsdangerous
    from itsdangerous.encoding import base64_encode, bytes_to_int, int_to_bytes
except ImportError:  # pragma: no cover - environment problem, not a test failure
    sys.stderr.write("itsdangerous_peer: itsdangerous is not importable by %s "
                     "(apt-get install python3-itsdangerous; use /usr/bin/python3)\n" % sys.executable)
    raise

ITSDANGEROUS_VERSION = getattr(itsdangerous, "__version__", "?")

DIGESTS = ("sha1", "sha224", "sha256", "sha384", "sha512")
DERIVATIONS = ("django-concat", "concat", "hmac", "none")
SIGNER_SALT = b"itsdangerous.Signer"
SERIALIZER_SALT = b"itsdangerous"
DEFAULT_MAX_INFLATE = 1 << 20
MAX_DEPTH = 256
ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_="
NS = 1_000_000_000
DEFAULT_SEED = 20240611

# Token kinds: Signer, TimestampSigner, Serializer, TimedSerializer,
# URLSafeSerializer, URLSafeTimedSerializer.
KINDS = ("sign", "ts", "ser", "tser", "uss", "utss")
TIMED = ("ts", "tser", "utss")
SERIALIZERS = ("ser", "tser", "uss", "utss")
URL_SAFE = ("uss", "utss")

# signet error codes (signet::errc_name).
MALFORMED = "malformed"
BAD_SIGNATURE = "bad_signature"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
PAYLOAD_TOO_LARGE = "payload_too_large"
BAD_PAYLOAD = "bad_payload"


# ----------------------------------------------------------------- clock

@contextlib.contextmanager
def frozen_time(now):
    """Fix time.time() as itsdangerous's TimestampSigner sees it (None: real clock)."""
    if now is None:
        yield
        return
    with mock.patch("itsdangerous.timed.time.time", return_value=float(now)):
        yield


def seconds_from_ns(ns):
    return ns / NS


def trunc_s(ns):
    """int(time.time()) for an integer-nanosecond time: truncation toward zero."""
    q = abs(ns) // NS
    return q if ns >= 0 else -q


def fmt_ns(ns):
    """--now text for an integer-nanosecond time, exact."""
    sign = "-" if ns < 0 else ""
    q, r = divmod(abs(ns), NS)
    return "%s%d" % (sign, q) if r == 0 else "%s%d.%09d" % (sign, q, r)


# ----------------------------------------------------------------- configuration

def b(x):
    return x.encode("utf-8") if isinstance(x, str) else x


def signer_kwargs(sep=b".", digest="sha1", kd="django-concat"):
    return {"sep": b(sep), "digest_method": getattr(hashlib, digest), "key_derivation": kd}


def make_signer(keys, salt=None, sep=b".", digest="sha1", kd="django-concat", timestamp=False):
    """itsdangerous Signer/TimestampSigner; `keys` oldest to newest; salt None = class default."""
    cls = itsdangerous.TimestampSigner if timestamp else itsdangerous.Signer
    return cls(list(keys), salt=None if salt is None else b(salt), **signer_kwargs(sep, digest, kd))


def make_serializer(kind, keys, salt=None, sep=b".", digest="sha1", kd="django-concat"):
    cls = {"ser": itsdangerous.Serializer, "tser": itsdangerous.TimedSerializer,
           "uss": itsdangerous.URLSafeSerializer, "utss": itsdangerous.URLSafeTimedSerializer}[kind]
    return cls(list(keys), salt=SERIALIZER_SALT if salt is None else b(salt),
               signer_kwargs=signer_kwargs(sep, digest, kd))


# ----------------------------------------------------------------- makers (itsdangerous's own output)

def make_token(kind, value, keys, salt=None, sep=b".", digest="sha1", kd="django-concat", now=None):
    """A token made by itsdangerous, as bytes. `value`: bytes (sign/ts) or a JSON-able object."""
    with frozen_time(now):
        if kind in ("sign", "ts"):
            return make_signer(keys, salt, sep, digest, kd, timestamp=kind == "ts").sign(value)
        return b(make_serializer(kind, keys, salt, sep, digest, kd).dumps(value))


def sign_raw(signed_part, keys, salt, sep=b".", digest="sha1", kd="django-concat"):
    """Signs arbitrary bytes with a plain Signer (to build validly signed odd payloads/timestamps)."""
    return make_signer(keys, salt, sep, digest, kd).sign(b(signed_part))


def serializer_salt(kind, salt):
    if salt is not None:
        return b(salt)
    return SERIALIZER_SALT if kind in SERIALIZERS else SIGNER_SALT


def ts_field(ts):
    return base64_encode(int_to_bytes(ts))


def payload_json(kind, obj):
    """The JSON bytes itsdangerous puts in a payload of this kind."""
    if kind in URL_SAFE:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return json.dumps(obj).encode("utf-8")


def compact_utf8(obj):
    """What signet's loads prints for an itsdangerous payload: compact JSON, raw UTF-8."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# ----------------------------------------------------------------- itsdangerous verification

def its_outcome(kind, token, keys, salt=None, sep=b".", digest="sha1", kd="django-concat", max_age=None, now=None):
    """('ok', value) or ('err', exception class name): what real itsdangerous does with `token`."""
    try:
        with frozen_time(now):
            if kind in ("sign", "ts"):
                s = make_signer(keys, salt, sep, digest, kd, timestamp=kind == "ts")
                v = s.unsign(token, max_age=max_age) if kind == "ts" else s.unsign(token)
                return ("ok", v)
            s = make_serializer(kind, keys, salt, sep, digest, kd)
            v = s.loads(token, max_age=max_age) if kind in TIMED else s.loads(token)
            return ("ok", v)
    except Exception as e:  # itsdangerous errors and the odd ValueError/OverflowError
        return ("err", type(e).__name__)


# ----------------------------------------------------------------- reference (signet semantics)

class Rejected(Exception):
    def __init__(self, code, why=""):
        super().__init__("%s: %s" % (code, why))
        self.code = code


def _signatures(value, keys, salt, sep, digest, kd):
    """The signature text each key writes for `value` (itsdangerous's crypto)."""
    return [make_signer([k], salt, sep, digest, kd).get_signature(value) for k in keys]


def strict_b64decode(text):
    """Canonical unpadded base64url only; raises Rejected(BAD_PAYLOAD) otherwise."""
    if any(c not in ALPHABET[:-1] for c in text) or len(text) % 4 == 1:
        raise Rejected(BAD_PAYLOAD, "not base64url")
    raw = base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))
    if base64_encode(raw) != text:
        raise Rejected(BAD_PAYLOAD, "non-canonical base64url")
    return raw


def reference_unsign(kind, token, keys, salt=None, sep=b".", digest="sha1", kd="django-concat", max_age=None,
                     now=None):
    """The signed part (bytes) and timestamp (or None), or Rejected."""
    token, sep = b(token), b(sep)
    salt = serializer_salt(kind, salt)
    if sep not in token:
        raise Rejected(MALFORMED, "no separator")
    value, sig = token.rsplit(sep, 1)
    if sig not in _signatures(value, keys, salt, sep, digest, kd):
        raise Rejected(BAD_SIGNATURE, "signature")
    if kind not in TIMED:
        return value, None
    if sep not in value:
        raise Rejected(BAD_PAYLOAD, "timestamp missing")
    value, field = value.rsplit(sep, 1)
    try:
        raw = strict_b64decode(field)
    except Rejected:
        raise Rejected(BAD_PAYLOAD, "timestamp encoding")
    if len(raw) > 8 or (raw and raw[0] == 0):
        raise Rejected(BAD_PAYLOAD, "timestamp not minimal / too long")
    ts = bytes_to_int(raw)
    if max_age is not None:
        age = int(now) - ts
        if age > max_age:
            raise Rejected(EXPIRED, "age %d > %d" % (age, max_age))
        if age < 0:
            raise Rejected(NOT_YET_VALID, "age %d < 0" % age)
    return value, ts


def _reject_constant(name):
    raise ValueError("non-JSON constant " + name)


def _no_duplicates(pairs):
    seen = set()
    for k, _ in pairs:
        if k in seen:
            raise ValueError("duplicate member name")
        seen.add(k)
    return dict(pairs)


def _finite_float(text):
    f = float(text)
    if math.isinf(f):
        raise ValueError("float overflows a double")
    return f


def _check_value(v, depth=0):
    """Lone surrogates anywhere and nesting beyond MAX_DEPTH are refused by signet."""
    stack = [(v, 0)]
    while stack:
        x, d = stack.pop()
        if isinstance(x, str):
            x.encode("utf-8")  # raises on a lone surrogate
        elif isinstance(x, list):
            if d + 1 > MAX_DEPTH:
                raise ValueError("too deep")
            stack.extend((e, d + 1) for e in x)
        elif isinstance(x, dict):
            if d + 1 > MAX_DEPTH:
                raise ValueError("too deep")
            for k, e in x.items():
                k.encode("utf-8")
                stack.append((e, d + 1))


def strict_json_loads(data):
    """json.loads as itsdangerous runs it (UTF-8 text), plus signet's extra rules; Rejected otherwise."""
    try:
        text = data.decode("utf-8")
        v = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates,
                       parse_float=_finite_float)
        _check_value(v)
        return v
    except (ValueError, UnicodeError, RecursionError) as e:
        raise Rejected(BAD_PAYLOAD, "json: %s" % e)


def inflate_capped(data, cap):
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, cap + 1)
    except zlib.error as e:
        raise Rejected(BAD_PAYLOAD, "zlib: %s" % e)
    if len(out) > cap:
        raise Rejected(PAYLOAD_TOO_LARGE, "inflates beyond %d" % cap)
    if not d.eof or d.unused_data or d.unconsumed_tail:
        raise Rejected(BAD_PAYLOAD, "zlib stream truncated or followed by data")
    return out


def reference_payload(kind, payload, max_inflate=DEFAULT_MAX_INFLATE):
    """The JSON value of an authenticated payload, or Rejected."""
    if kind in URL_SAFE:
        compressed = payload.startswith(b".")
        if compressed:
            payload = payload[1:]
        data = strict_b64decode(payload)
        if compressed:
            data = inflate_capped(data, max_inflate)
        return strict_json_loads(data)
    return strict_json_loads(payload)


def reference(kind, token, keys, salt=None, sep=b".", digest="sha1", kd="django-concat", max_age=None, now=None,
              max_inflate=None):
    """('ok', value) / ('err', signet code) under signet's semantics. value: bytes (sign/ts) or JSON value."""
    try:
        value, _ = reference_unsign(kind, token, keys, salt, sep, digest, kd, max_age, now)
        if kind in ("sign", "ts"):
            return ("ok", value)
        return ("ok", reference_payload(kind, value, DEFAULT_MAX_INFLATE if max_inflate is None else max_inflate))
    except Rejected as e:
        return ("err", e.code)


# ----------------------------------------------------------------- comparisons

def tagged(v):
    """A structure where equal means the same JSON value: types, -0.0, member order."""
    if isinstance(v, bool) or v is None:
        return ("lit", v)
    if isinstance(v, int):
        return ("int", v)
    if isinstance(v, float):
        return ("float", repr(v))
    if isinstance(v, str):
        return ("str", v)
    if isinstance(v, list):
        return ("list", [tagged(e) for e in v])
    if isinstance(v, dict):
        return ("dict", [(k, tagged(e)) for k, e in v.items()])
    return ("other", repr(v))


def same_json_value(a, b):
    return tagged(a) == tagged(b)


# ----------------------------------------------------------------- random generators

def seed_from_env(default=DEFAULT_SEED):
    s = os.environ.get("SIGNET_INTEROP_SEED", "")
    if not s:
        return default
    if s == "random":
        return random.SystemRandom().randrange(2**63)
    return int(s, 0)


def rand_char(rng, controls=True, nul=True):
    r = rng.random()
    if r < 0.55:
        return chr(rng.randrange(0x20, 0x7F))
    if r < 0.62 and controls:
        c = rng.randrange(0 if nul else 1, 0x20)
        return chr(c)
    if r < 0.67:
        return rng.choice("\x7f\u2028\u2029\ufeff\u00e9\"\\/.")
    if r < 0.85:
        c = rng.randrange(0x80, 0x10000)
        return chr(c) if not 0xD800 <= c < 0xE000 else "\u00fc"
    return chr(rng.randrange(0x10000, 0x110000))


def rand_text(rng, max_len=40, controls=True, nul=True):
    return "".join(rand_char(rng, controls, nul) for _ in range(rng.randrange(0, max_len + 1)))


def rand_bytes_value(rng, max_len=60):
    """A value for Signer/TimestampSigner: text (UTF-8) or arbitrary bytes."""
    r = rng.random()
    if r < 0.6:
        return rand_text(rng, max_len).encode("utf-8")
    if r < 0.85:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, max_len + 1)))
    # separator-rich values
    return b"".join(rng.choice([b".", b":", b"~", b"a", b"==", b"\n"]) for _ in range(rng.randrange(0, 12)))


def rand_float(rng):
    r = rng.random()
    if r < 0.3:
        return rng.choice([0.0, -0.0, 0.1, 1.5, -2.25, 1e16, 1e-05, 5e-324, 1.7976931348623157e308, 123456789.125,
                           1e22, 2.0 ** 53, -1e-7, 3.0])
    if r < 0.6:
        return rng.uniform(-1e6, 1e6)
    return rng.random() * 10.0 ** rng.randrange(-320, 300)


def rand_int(rng):
    r = rng.random()
    if r < 0.5:
        return rng.randrange(-1000, 1000)
    if r < 0.8:
        return rng.randrange(-2**63, 2**64)
    return rng.randrange(-10**40, 10**40)


def rand_json(rng, depth=0, max_depth=5):
    r = rng.random()
    if depth >= max_depth or r < 0.45:
        s = rng.random()
        if s < 0.35:
            return rand_text(rng, 20)
        if s < 0.55:
            return rand_int(rng)
        if s < 0.75:
            return rand_float(rng)
        return rng.choice([True, False, None])
    if r < 0.72:
        return [rand_json(rng, depth + 1, max_depth) for _ in range(rng.randrange(0, 6))]
    return {rand_text(rng, 10): rand_json(rng, depth + 1, max_depth) for _ in range(rng.randrange(0, 6))}


def rand_compressible(rng):
    unit = rand_text(rng, 8, controls=False) or "a"
    return {"k": unit * rng.randrange(20, 400), "n": [rng.randrange(10)] * rng.randrange(10, 200)}


def rand_top_value(rng):
    r = rng.random()
    if r < 0.15:
        return rand_compressible(rng)
    if r < 0.25:
        return rand_text(rng, 40)
    if r < 0.3:
        return rand_json(rng, 4)  # scalar or shallow
    return rand_json(rng)


def rand_key(rng, textual=False):
    """A non-empty key (bytes). textual: no NUL (it may go through an environment variable)."""
    r = rng.random()
    if r < 0.5 or textual:
        k = rand_text(rng, 40, controls=not textual, nul=False).encode("utf-8")
    else:
        k = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))
    if textual:
        k = k.replace(b"\x00", b"")
    return k or b"k"


def rand_keys(rng, textual=False):
    return [rand_key(rng, textual) for _ in range(rng.choice([1, 1, 1, 2, 3, 4]))]


def rand_salt(rng, argv=False):
    """None (the default), empty, text or bytes. argv: must survive as a command-line argument."""
    r = rng.random()
    if r < 0.3:
        return None
    if r < 0.4:
        return b""
    if r < 0.8 or argv:
        return rand_text(rng, 30, controls=not argv, nul=False).replace("\x00", "").encode("utf-8")
    return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 40)))


def sep_is_safe(sep):
    """signet's rule: not empty and at least one byte outside the base64 alphabet."""
    return bool(sep) and any(c not in ALPHABET for c in sep)


def its_accepts_sep(sep):
    """itsdangerous's rule: refused iff a substring of its alphabet."""
    return sep not in ALPHABET


def rand_sep(rng, argv=False):
    r = rng.random()
    if r < 0.4:
        return b"."
    pool = [b".", b":", b"~", b"!", b"|", b"/", b"$", b"a", b"Z", b"0", b"-", b"_", b"=", b" ", "\u00b7".encode(),
            "\U0001f600".encode(), b"\t", b"\n", b"[", b"^"]
    while True:
        sep = b"".join(rng.choice(pool) for _ in range(rng.randrange(1, 4)))
        if sep_is_safe(sep) and not (argv and sep.startswith(b"-")):
            return sep


def rand_sign_ns(rng):
    base = rng.choice([1_700_000_000, rng.randrange(0, 2**31), rng.randrange(2**31, 2**33), 0])
    ns = base * NS + rng.choice([0, 0, 1_000_000, 250_000_000, 500_000_000, 999_000_000])
    assert int(seconds_from_ns(ns)) == trunc_s(ns), ns
    return ns


def rand_max_age_and_verify(rng, ts, sign_ns):
    """(max_age or None, verify_ns): around the boundaries of itsdangerous's rule."""
    if rng.random() < 0.2:
        return None, sign_ns + rng.choice([0, NS, 10**6 * NS, -10 * NS])
    max_age = rng.choice([0, 1, 60, 3600, 86400, rng.randrange(0, 10**7)])
    frac = rng.choice([0, 0, 999_000_000, 500_000_000])
    r = rng.random()
    if r < 0.3:
        verify_s = ts + max_age                       # boundary: valid
    elif r < 0.55:
        verify_s = ts + max_age + 1                   # one second past: expired
    elif r < 0.7:
        verify_s = ts + max_age + rng.randrange(1, 10**6)
    elif r < 0.85:
        verify_s = ts + rng.randrange(0, max_age + 1)
    else:
        verify_s = ts - rng.randrange(1, 10**5)       # from the future: not_yet_valid
    verify_ns = verify_s * NS + (frac if verify_s >= 0 else 0)
    assert int(seconds_from_ns(verify_ns)) == trunc_s(verify_ns)
    return max_age, verify_ns


def json_input_text(rng, obj):
    """The JSON text handed to signet's dumps: itsdangerous's own text or a reformatting of it."""
    r = rng.random()
    if r < 0.4:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False), "compact-utf8"
    if r < 0.7:
        return json.dumps(obj), "python-default"
    return json.dumps(obj, indent=rng.choice([None, 1, "\t"]), ensure_ascii=rng.random() < 0.5), "whitespace"


def hx(x):
    return b(x).hex()


def unhx(s):
    return bytes.fromhex(s)


# ----------------------------------------------------------------- self-test

def _selftest():
    K = b"test-secret-key"
    T0 = 1_700_000_000
    assert make_token("sign", b"hello", [K]) == b"hello.lYl6R2mXZaqvOUcYoA9sT4P85pc"
    assert make_token("ts", b"hello", [K], now=T0) == b"hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE"
    assert make_token("ser", {"user": 42, "role": "admin"}, [K]) == \
        b'{"user": 42, "role": "admin"}.FrckEMbMDYQCacciHPFIr4GNV00'
    assert make_token("sign", b"hello", [K], salt="django.core.signing.Signer", sep=":", digest="sha256") == \
        b"hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA"
    tok = make_token("utss", list(range(1, 20)), [K], now=T0)
    assert tok.startswith(b".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml.ZVPxAA."), tok
    assert reference("utss", tok, [K], now=T0, max_age=0) == ("ok", list(range(1, 20)))
    assert reference("utss", tok, [K], now=T0 + 1, max_age=0) == ("err", EXPIRED)
    assert reference("utss", tok, [K], now=T0 - 1, max_age=0) == ("err", NOT_YET_VALID)
    assert reference("utss", tok + b"=", [K]) == ("err", BAD_SIGNATURE)
    assert its_outcome("utss", tok + b"=", [K])[0] == "ok"  # itsdangerous's malleability
    assert its_accepts_sep(b"za") and not sep_is_safe(b"za")
    assert reference("ts", make_token("sign", b"data.AQ", [K]), [K]) == ("ok", b"data")
    print("itsdangerous_peer: self-test ok (itsdangerous %s)" % ITSDANGEROUS_VERSION)


if __name__ == "__main__":
    _selftest()
