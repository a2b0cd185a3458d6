#!/usr/bin/python3
"""Behaviour of `signet itsdangerous dumps|loads|sign|unsign`, run as a subprocess.

Usage: /usr/bin/python3 cli_itsdangerous_test.py SIGNET_BINARY [unittest options]

Stdlib only: the expected tokens come from a transcription of itsdangerous 2.x
(below), itself checked against values produced by the real itsdangerous 2.1.2
in ReferenceVectors. The interop suite (tests/interop/itsdangerous_*) runs the
real library.
"""

import base64
import hashlib
import hmac
import json
import os
import sys
import time
import zlib

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_support as cs  # noqa: E402
from cli_support import OLD_SECRET, OLDER_SECRET, REF_KEY, SECRET, CliTestCase  # noqa: E402

T0 = 1700000000
DIGESTS = ("sha1", "sha224", "sha256", "sha384", "sha512")
DERIVATIONS = ("django-concat", "concat", "hmac", "none")
SIGNER_SALT = b"itsdangerous.Signer"
SERIALIZER_SALT = b"itsdangerous"
BAD_SIG = b"bad_signature: signature does not match"
MALFORMED = b"malformed: no separator found in the token"

# --------------------------------------------------------------------------- itsdangerous transcription


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def derive(key, salt, digest, kd):
    if kd == "django-concat":
        return hashlib.new(digest, salt + b"signer" + key).digest()
    if kd == "concat":
        return hashlib.new(digest, salt + key).digest()
    if kd == "hmac":
        return hmac.new(key, salt, digest).digest()
    return key


def ref_sign(key, value, salt=SIGNER_SALT, sep=b".", digest="sha1", kd="django-concat"):
    return value + sep + b64(hmac.new(derive(key, salt, digest, kd), value, digest).digest())


def ts_field(ts):
    return b64(ts.to_bytes(8, "big").lstrip(b"\x00"))


def ref_timestamp_sign(key, value, ts, salt=SIGNER_SALT, sep=b".", digest="sha1", kd="django-concat"):
    return ref_sign(key, value + sep + ts_field(ts), salt, sep, digest, kd)


def ref_payload(obj, url_safe=True, compress=True):
    if not url_safe:
        return json.dumps(obj).encode("utf-8")
    data = json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    packed = zlib.compress(data)
    if compress and len(packed) < len(data) - 1:
        return b"." + b64(packed)
    return b64(data)


def ref_dumps(key, obj, ts=None, salt=SERIALIZER_SALT, url_safe=True, compress=True, sep=b".", digest="sha1",
              kd="django-concat"):
    payload = ref_payload(obj, url_safe, compress)
    if ts is None:
        return ref_sign(key, payload, salt, sep, digest, kd)
    return ref_timestamp_sign(key, payload, ts, salt, sep, digest, kd)


# --------------------------------------------------------------------------- helpers


class ItsCase(CliTestCase):
    """Helpers: the key is SECRET in a file unless told otherwise."""

    def key(self):
        return ["--key-file", self.secret_file]

    def its(self, verb, *flags, key=None):
        return ["itsdangerous", verb, *(self.key() if key is None else key), *flags]

    def sign(self, value, *flags):
        return self.ok(self.its("sign", *flags), value)

    def dumps(self, json_text, *flags, now=T0):
        return self.ok(self.its("dumps", "--now", str(now), *flags), json_text)


# --------------------------------------------------------------------------- reference values


class ReferenceVectors(ItsCase):
    # Produced by itsdangerous 2.1.2 with key b"test-secret-key" and time.time() patched to T0.
    SIGN = b"hello.lYl6R2mXZaqvOUcYoA9sT4P85pc"
    TS_SIGN = b"hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE"
    SER = b'{"user": 42, "role": "admin"}.FrckEMbMDYQCacciHPFIr4GNV00'
    TSER = b'{"user": 42}.ZVPxAA.III7XTUmDDmg5MGxw8HbZBLgSzA'
    USS = b"eyJ1c2VyIjo0MiwibmFtZSI6Ilpvw6sifQ.CbWgMNjle25AQNxCVxh2ECG2-wY"
    UTSS = b"eyJ1c2VyIjo0Mn0.ZVPxAA.C-BQw9zfaDWJNqJSKKcu77cfHxo"
    UTSS_R20 = b".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml.ZVPxAA.aBU8ds0Ydpw-j9EAKVMtB_1fmoc"
    MATRIX = {  # Signer(key, salt=b"s", key_derivation=kd, digest_method=digest).sign(b"v")
        ("django-concat", "sha256"): b"v.U-Qv9qqxYHLEWpaP0Qq6NW8v1i-ZsB9CmC58zh7dCRM",
        ("concat", "sha1"): b"v.47U1Nv3-8UviySoLZ3pD-RrcnLo",
        ("hmac", "sha512"): b"v.GaDs_NoiV7CMnFRtcpYxofKdTBqtCbaTcJyaCgSvflaPRewi8qswsfhkesthftgOWOETK78t7-pmd2yvXK70fQ",
        ("none", "sha224"): b"v.mbavo7tRoNPgSTj1idchrX89yf1we5FHtwXnNw",
        ("hmac", "sha384"): b"v.4BNdJSmWPdVcIjHo4HbAfMuXe5sH-mLwki52rtp3TZKZ5AlsILUIhZCWymeUtHhn",
    }

    def test_transcription_matches_itsdangerous(self):
        self.assertEqual(ref_sign(REF_KEY, b"hello"), self.SIGN)
        self.assertEqual(ref_timestamp_sign(REF_KEY, b"hello", T0), self.TS_SIGN)
        self.assertEqual(ref_dumps(REF_KEY, {"user": 42, "role": "admin"}, url_safe=False), self.SER)
        self.assertEqual(ref_dumps(REF_KEY, {"user": 42}, T0, url_safe=False), self.TSER)
        self.assertEqual(ref_dumps(REF_KEY, {"user": 42, "name": "Zo\u00eb"}), self.USS)
        self.assertEqual(ref_dumps(REF_KEY, {"user": 42}, T0), self.UTSS)
        self.assertEqual(ref_dumps(REF_KEY, list(range(1, 20)), T0), self.UTSS_R20)
        for (kd, digest), token in self.MATRIX.items():
            self.assertEqual(ref_sign(REF_KEY, b"v", b"s", b".", digest, kd), token)

    def test_cli_reproduces_itsdangerous(self):
        ref = ["--key-file", self.ref_file]
        self.assert_out(self.its("sign", key=ref), b"hello\n", self.SIGN)
        self.assert_out(self.its("sign", "--timestamp", "--now", str(T0), key=ref), b"hello\n", self.TS_SIGN)
        self.assert_out(self.its("dumps", "--plain", key=ref), b'{"user":42,"role":"admin"}', self.SER)
        self.assert_out(self.its("dumps", "--plain", "--timestamp", "--now", str(T0), key=ref), b'{"user":42}', self.TSER)
        self.assert_out(self.its("dumps", key=ref), b'{"user":42,"name":"Zo\\u00eb"}', self.USS)
        self.assert_out(self.its("dumps", "--url-safe", "--timestamp", "--now", str(T0), key=ref), b'{"user": 42}',
                        self.UTSS)
        self.assert_out(self.its("dumps", "--timestamp", "--now", str(T0), key=ref), json.dumps(list(range(1, 20))),
                        self.UTSS_R20)
        for (kd, digest), token in self.MATRIX.items():
            self.assert_out(self.its("sign", "--salt", "s", "--digest", digest, "--key-derivation", kd, key=ref),
                            b"v", token)

    def test_cli_reads_itsdangerous(self):
        ref = ["--key-file", self.ref_file]
        self.assert_out(self.its("unsign", key=ref), self.SIGN, b"hello")
        self.assert_out(self.its("unsign", "--timestamp", key=ref), self.TS_SIGN, b"hello")
        self.assert_out(self.its("loads", "--plain", key=ref), self.SER, b'{"user":42,"role":"admin"}')
        self.assert_out(self.its("loads", "--plain", "--timestamp", key=ref), self.TSER, b'{"user":42}')
        self.assert_out(self.its("loads", key=ref), self.USS, '{"user":42,"name":"Zo\u00eb"}'.encode())
        self.assert_out(self.its("loads", "--timestamp", "--max-age", "0", "--now", str(T0), key=ref), self.UTSS,
                        b'{"user":42}')
        self.assert_out(self.its("loads", "--timestamp", key=ref), self.UTSS_R20, json.dumps(list(range(1, 20)),
                        separators=(",", ":")).encode())

    def test_django_compatible_configuration(self):
        # itsdangerous.Signer(key, salt="django.core.signing.Signer", sep=":", digest_method=sha256) == Django's Signer.
        self.assert_out(self.its("sign", "--salt", "django.core.signing.Signer", "--sep", ":", "--digest", "sha256",
                                 key=["--key-file", self.ref_file]), b"hello",
                        b"hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA")


# --------------------------------------------------------------------------- sign / unsign


class SignUnsign(ItsCase):
    VALUES = [b"hello", b"", b"a.b.c", b"with space", b"multi\nline", "h\u00e9llo \u2603".encode(), b"\xff\xfe\x00bin",
              b"x" * 5000]

    def test_sign_and_unsign(self):
        for value in self.VALUES:
            with self.subTest(value=value[:20]):
                token = ref_sign(SECRET, value)
                self.assert_out(self.its("sign"), value, token)
                self.assert_out(self.its("unsign"), token, value)

    def test_every_digest_and_key_derivation(self):
        for digest in DIGESTS:
            for kd in DERIVATIONS:
                with self.subTest(digest=digest, kd=kd):
                    flags = ["--digest", digest, "--key-derivation=" + kd]
                    token = ref_sign(SECRET, b"v", digest=digest, kd=kd)
                    self.assert_out(self.its("sign", *flags), b"v", token)
                    self.assert_out(self.its("unsign", *flags), token, b"v")
                    ts_token = ref_timestamp_sign(SECRET, b"v", T0, digest=digest, kd=kd)
                    self.assert_out(self.its("sign", "--timestamp", "--now", str(T0), *flags), b"v", ts_token)
                    self.assert_out(self.its("unsign", "--timestamp", *flags), ts_token, b"v")

    def test_salt_default_empty_and_custom(self):
        self.assert_out(self.its("sign", "--salt", "itsdangerous.Signer"), b"v", ref_sign(SECRET, b"v"))
        # An explicit empty salt is used as given (unlike Django).
        self.assert_out(self.its("sign", "--salt="), b"v", ref_sign(SECRET, b"v", salt=b""))
        self.assertNotEqual(ref_sign(SECRET, b"v", salt=b""), ref_sign(SECRET, b"v"))
        self.assert_out(self.its("sign", "--salt", "my.salt"), b"v", ref_sign(SECRET, b"v", salt=b"my.salt"))
        self.assert_out(self.its("unsign", "--salt=my.salt"), ref_sign(SECRET, b"v", salt=b"my.salt"), b"v")
        # TimestampSigner has the same default salt as Signer.
        self.assert_out(self.its("sign", "--timestamp", "--now", str(T0)), b"v", ref_timestamp_sign(SECRET, b"v", T0))

    def test_separators(self):
        for sep in [b":", b"~", b"!", b"|", b" ", b"::", b"a.", b".a", b"\xc2\xb7", b"[", b"^", b"`", b"\n"]:
            with self.subTest(sep=sep):
                value = b"one" + sep + b"two"
                token = ref_sign(SECRET, value, sep=sep)
                self.assert_out(self.its("sign", "--sep", sep), value, token)
                self.assert_out(self.its("unsign", b"--sep=" + sep), token, value)
                ts_token = ref_timestamp_sign(SECRET, value, T0, sep=sep)
                self.assert_out(self.its("sign", "--timestamp", "--now", str(T0), "--sep", sep), value, ts_token)
                self.assert_out(self.its("unsign", "--timestamp", "--sep", sep), ts_token, value)

    def test_timestamp_encoding(self):
        # int_to_bytes: big-endian, minimal; zero is the empty field.
        for now, stamp in [("0", 0), ("0.7", 0), ("-0.5", 0), ("1", 1), ("255", 255), ("256", 256),
                           ("1700000000.999999999", T0), ("8589934597", 2**33 + 5)]:
            with self.subTest(now=now):
                expected = ref_timestamp_sign(SECRET, b"v", stamp)
                self.assertEqual(self.sign(b"v", "--timestamp", "--now", now), expected)
                self.assert_out(self.its("unsign", "--timestamp"), expected, b"v")
        self.assertEqual(ts_field(0), b"")
        self.assertEqual(ts_field(T0), b"ZVPxAA")

    def test_signing_before_1970_is_refused(self):
        # itsdangerous cannot pack a negative timestamp either (struct.error).
        err = self.usage_error(self.its("sign", "--timestamp", "--now", "-1"), b"v")
        self.assertTrue(err.startswith(b"invalid_argument: "), err)

    def test_timestamp_without_now_uses_the_clock(self):
        before = int(time.time())
        token = self.sign(b"v", "--timestamp")
        after = int(time.time())
        self.assertIn(token, [ref_timestamp_sign(SECRET, b"v", t) for t in range(before, after + 1)])
        self.assert_out(self.its("unsign", "--timestamp", "--max-age", "3600"), token, b"v")

    def test_timestamp_signer_token_through_signer(self):
        token = self.sign(b"payload", "--timestamp", "--now", str(T0))
        self.assert_out(self.its("unsign"), token, b"payload." + ts_field(T0))
        # ... and the reverse: a Signer value ending in ".<ts>" passes as timestamped (same salt, spec 4.5).
        self.assert_out(self.its("unsign", "--timestamp"), ref_sign(SECRET, b"data.AQ"), b"data")
        self.rejected_prefix(self.its("unsign", "--timestamp"), ref_sign(SECRET, b"data"), b"bad_payload: ")


# --------------------------------------------------------------------------- dumps / loads

JSON_CASES = [
    b'{"a":1,"b":[1,2,3],"c":null}',
    b' { "z" : 1 ,\n "a" : [ true , false , null ] , "m" : { "y" : 1 , "b" : { } } } ',
    b"[]", b"{}", b"0", b"-12", b"123456789012345678901234567890", b"1.5", b"-0.0", b'"plain"', b"true", b"null",
    b'"caf\\u00e9 \\ud83d\\ude00 \\u2028"',
    '{"caf\u00e9":"\u00fc\u00df \u2603 \U0001F600"}'.encode("utf-8"),
    b'"quote \\" backslash \\\\ slash \\/ tab \\t nl \\n ctl \\u0001 del \\u007f"',
    b'{"nested":[{"a":[]},{"b":{}},[null,1,"x"]],"n":-1,"blob":"' + b"z" * 500 + b'"}',
]
KINDS = [  # (flags, url_safe, timed)
    ([], True, False), (["--url-safe"], True, False), (["--timestamp"], True, True), (["--plain"], False, False),
    (["--plain", "--timestamp"], False, True),
]


class DumpsLoads(ItsCase):
    def test_dumps_and_loads_every_kind(self):
        for text in JSON_CASES:
            obj = cs.parse_ordered(text)
            for flags, url_safe, timed in KINDS:
                with self.subTest(json=text[:40], flags=flags):
                    token = ref_dumps(SECRET, obj, T0 if timed else None, url_safe=url_safe)
                    self.assertEqual(self.dumps(text, *flags), token)
                    self.assert_out(self.its("loads", *flags), token, cs.compact(obj))

    def test_url_safe_payload_is_raw_utf8_and_plain_is_ascii(self):
        text = '{"k":"\u00e9\U0001F600"}'.encode("utf-8")
        url = self.dumps(text)
        self.assertEqual(base64.urlsafe_b64decode(url.split(b".")[0] + b"=="), '{"k":"\u00e9\U0001F600"}'.encode())
        plain = self.dumps(text, "--plain")
        self.assertTrue(plain.startswith(b'{"k": "\\u00e9\\ud83d\\ude00"}.'), plain)

    def test_number_forms_are_written_as_python_does(self):
        for text, python in [(b"1.0", b"1.0"), (b"1e5", b"100000.0"), (b"1E+2", b"100.0"), (b"2.5e-3", b"0.0025"),
                             (b"1.5e300", b"1.5e+300"), (b"-0", b"0"), (b"[1e16, 1e-5]", b"[1e+16,1e-05]")]:
            with self.subTest(json=text):
                self.assertEqual(self.dumps(text), ref_sign(SECRET, b64(python), SERIALIZER_SALT))
                self.assert_out(self.its("loads"), self.dumps(text), python)

    def test_compression_is_always_attempted(self):
        obj = {"data": "x" * 2000, "list": list(range(50))}
        text = cs.compact(obj)
        token = self.dumps(text)
        self.assertTrue(token.startswith(b"."), token[:20])
        self.assertEqual(token, ref_dumps(SECRET, obj))
        self.assertEqual(self.dumps(text, "--compress"), token)
        plain = self.dumps(text, "--no-compress")
        self.assertEqual(plain, ref_dumps(SECRET, obj, compress=False))
        for t in (token, plain):
            self.assert_out(self.its("loads"), t, text)
        # No gain, no dot (len(z) < len(j) - 1).
        self.assertEqual(self.dumps(b"[1]"), ref_sign(SECRET, b64(b"[1]"), SERIALIZER_SALT))

    def test_salt_digest_and_key_derivation(self):
        for digest in DIGESTS:
            for kd in DERIVATIONS:
                with self.subTest(digest=digest, kd=kd):
                    flags = ["--salt", "my.app", "--digest", digest, "--key-derivation", kd, "--timestamp"]
                    token = self.dumps(b'{"u":1}', *flags)
                    self.assertEqual(token, ref_dumps(SECRET, {"u": 1}, T0, salt=b"my.app", digest=digest, kd=kd))
                    self.assert_out(self.its("loads", *flags), token, b'{"u":1}')
                    self.rejected(self.its("loads", "--timestamp"), token, BAD_SIG)

    def test_serializer_salt_is_not_the_signer_salt(self):
        token = self.dumps(b"[1]")
        self.assert_out(self.its("unsign", "--salt", "itsdangerous"), token, b64(b"[1]"))
        self.rejected(self.its("unsign"), token, BAD_SIG)
        # itsdangerous's salt=None (the signer's default) is spelled out.
        self.assertEqual(self.dumps(b"[1]", "--salt", "itsdangerous.Signer"), ref_sign(SECRET, b64(b"[1]")))

    def test_dumps_refuses_invalid_json(self):
        for text in [b"", b"{", b"[1,]", b"1 2", b"{'a':1}", b"NaN", b"[Infinity]", b'{"a":1,"a":2}', b'"\\ud800"',
                     b"1e400", b"\xff"]:
            for flags, _, _ in KINDS:
                with self.subTest(json=text, flags=flags):
                    err = self.usage_error(self.its("dumps", "--now", str(T0), *flags), text)
                    self.assertTrue(err.startswith(b"invalid_argument: the value is not valid JSON"), err)


# --------------------------------------------------------------------------- keys and rotation


class KeysAndRotation(ItsCase):
    def test_file_and_env_agree(self):
        token = ref_sign(SECRET, b"v")
        self.assert_out(self.its("sign", key=["--key-env", "SIGNET_TEST_ITS_KEY"]), b"v", token,
                        {"SIGNET_TEST_ITS_KEY": SECRET})
        self.assert_out(self.its("sign", key=["--key-file=" + self.secret_file]), b"v", token)

    def test_newest_key_signs_in_command_line_order(self):
        env = {"SIGNET_TEST_ITS_OLD": OLD_SECRET}
        # oldest (file) ... newest (env): the env key signs.
        keys = ["--key-file", self.older_file, "--key-env", "SIGNET_TEST_ITS_OLD"]
        self.assert_out(self.its("sign", key=keys), b"v", ref_sign(OLD_SECRET, b"v"), env)
        # Reversed: the file key signs.
        keys = ["--key-env", "SIGNET_TEST_ITS_OLD", "--key-file", self.older_file]
        self.assert_out(self.its("sign", key=keys), b"v", ref_sign(OLDER_SECRET, b"v"), env)
        keys = ["--key-file", self.older_file, "--key-file", self.old_file, "--key-file", self.secret_file]
        self.assert_out(self.its("dumps", "--timestamp", "--now", str(T0), key=keys), b"[1]",
                        ref_dumps(SECRET, [1], T0))

    def test_every_key_verifies(self):
        keys = ["--key-file", self.older_file, "--key-file", self.old_file, "--key-file", self.secret_file]
        for secret in (OLDER_SECRET, OLD_SECRET, SECRET):
            with self.subTest(secret=secret):
                self.assert_out(self.its("unsign", key=keys), ref_sign(secret, b"v"), b"v")
                self.assert_out(self.its("loads", "--timestamp", key=keys), ref_dumps(secret, {"a": 1}, T0), b'{"a":1}')
        self.rejected(self.its("unsign", key=keys), ref_sign(b"unrelated", b"v"), BAD_SIG)
        self.rejected(self.its("unsign", key=["--key-file", self.secret_file]), ref_sign(OLD_SECRET, b"v"), BAD_SIG)

    def test_max_age_applies_to_old_keys(self):
        keys = ["--key-file", self.old_file, "--key-file", self.secret_file]
        token = ref_timestamp_sign(OLD_SECRET, b"v", T0)
        self.rejected(self.its("unsign", "--timestamp", "--max-age", "10", "--now", str(T0 + 11), key=keys), token,
                      b"expired: signature age 11 > 10 seconds")

    def test_key_required_and_not_empty(self):
        self.usage_error(["itsdangerous", "sign"], b"v", mentions=b"a key is required")
        self.usage_error(self.its("sign", key=["--key-file", self.key_file(b"")]), b"v")
        self.usage_error(self.its("sign", key=["--key-file", self.key_file(b"\n")]), b"v")
        self.usage_error(self.its("sign", key=["--key-env", "SIGNET_TEST_UNSET_VAR"]), b"v")
        self.usage_error(self.its("sign", key=["--key-file", self.secret_file, "--key-env", "SIGNET_TEST_EMPTY"]), b"v",
                         env={"SIGNET_TEST_EMPTY": b""})


# --------------------------------------------------------------------------- expiry


class Expiry(ItsCase):
    def token(self, flags=()):
        return self.sign(b"v", "--timestamp", "--now", str(T0), *flags)

    def test_boundary_is_inclusive_on_whole_seconds(self):
        token = self.token()
        self.assert_out(self.its("unsign", "--timestamp", "--max-age", "100", "--now", str(T0 + 100)), token, b"v")
        self.assert_out(self.its("unsign", "--timestamp", "--max-age", "100", "--now", "%d.999" % (T0 + 100)), token, b"v")
        self.rejected(self.its("unsign", "--timestamp", "--max-age", "100", "--now", str(T0 + 101)), token,
                      b"expired: signature age 101 > 100 seconds")

    def test_fractional_max_age_is_floored(self):
        token = self.token()
        self.assert_out(self.its("unsign", "--timestamp", "--max-age", "100.9", "--now", str(T0 + 100)), token, b"v")
        self.rejected(self.its("unsign", "--timestamp", "--max-age", "100.9", "--now", str(T0 + 101)), token,
                      b"expired: signature age 101 > 100 seconds")

    def test_future_is_refused_only_with_max_age(self):
        token = self.token()
        self.rejected(self.its("unsign", "--timestamp", "--max-age", "100", "--now", str(T0 - 1)), token,
                      b"not_yet_valid: signature age -1 < 0 seconds")
        self.rejected(self.its("loads", "--timestamp", "--max-age", "100", "--now", str(T0 - 5)),
                      ref_dumps(SECRET, [1], T0), b"not_yet_valid: signature age -5 < 0 seconds")
        self.assert_out(self.its("unsign", "--timestamp", "--now", str(T0 - 10**6)), token, b"v")

    def test_zero_and_negative_max_age(self):
        token = self.token()
        self.assert_out(self.its("unsign", "--timestamp", "--max-age", "0", "--now", str(T0)), token, b"v")
        self.rejected(self.its("unsign", "--timestamp", "--max-age", "0", "--now", str(T0 + 1)), token,
                      b"expired: signature age 1 > 0 seconds")
        self.rejected(self.its("unsign", "--timestamp", "--max-age", "-1", "--now", str(T0)), token,
                      b"expired: signature age 0 > -1 seconds")

    def test_max_age_needs_timestamp(self):
        self.usage_error(self.its("unsign", "--max-age", "10"), b"v.x")
        self.usage_error(self.its("loads", "--max-age", "10"), b"v.x")
        self.usage_error(self.its("loads", "--timestamp", "--max-age", "soon"), b"v.x")

    def test_signature_is_checked_before_age(self):
        token = self.token()
        self.rejected(self.its("unsign", "--timestamp", "--max-age", "1", "--now", str(T0 + 10**6)), token[:-1] + b"A"
                      if not token.endswith(b"A") else token[:-1] + b"B", BAD_SIG)


# --------------------------------------------------------------------------- rejections


class Rejections(ItsCase):
    def test_malformed_and_tampered(self):
        token = ref_sign(SECRET, b"hello")
        self.rejected(self.its("unsign"), b"hello", MALFORMED)
        self.rejected(self.its("unsign"), b"", MALFORMED)
        self.rejected(self.its("unsign", "--sep", ":"), token, MALFORMED)
        self.rejected(self.its("unsign"), b"hellO" + token[5:], BAD_SIG)
        self.rejected(self.its("unsign"), token[:-1], BAD_SIG)
        self.rejected(self.its("loads"), b"garbage", MALFORMED)

    def test_malleable_spellings_are_refused(self):
        # itsdangerous accepts every one of these (it decodes the signature leniently).
        token = ref_sign(SECRET, b"x42")
        value, sig = token.rsplit(b".", 1)
        alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        flipped = sig[:-1] + bytes([alphabet[alphabet.index(sig[-1]) ^ 1]])
        for bad in [token + b"=", token + b"==", token + b"!!", value + b"." + sig[:3] + "\u00e9".encode() + sig[3:],
                    value + b"." + flipped, value + b"." + sig.replace(b"-", b"+").replace(b"_", b"/") + b"+"]:
            with self.subTest(bad=bad):
                self.rejected(self.its("unsign"), bad, BAD_SIG)

    def test_payload_too_large(self):
        obj = "a" * 200000
        token = ref_dumps(SECRET, obj)
        self.assertLess(len(token), 1000)
        size = len(json.dumps(obj))
        self.rejected(self.its("loads", "--max-inflate", str(size - 1)), token,
                      b"payload_too_large: the compressed payload inflates beyond the cap")
        self.assert_out(self.its("loads", "--max-inflate", str(size)), token, json.dumps(obj).encode())
        big = ref_dumps(SECRET, "b" * (1 << 20), T0)
        self.rejected(self.its("loads", "--timestamp"), big, b"payload_too_large: the compressed payload inflates beyond the cap")
        self.usage_error(self.its("loads", "--plain", "--max-inflate", "10"), token)

    def test_bad_payload(self):
        for payload in [b"a", b"", b".", b"." + b64(b"not zlib"), b64(b"{x"), b64(b"[NaN]"), b64(b'{"a":1,"a":2}'),
                        b64(b'"\xff"'), b64(b"[12]") + b"==", b"." + b64(zlib.compress(b"[1,2,3,4,5,6,7,8]") + b"x")]:
            with self.subTest(payload=payload):
                self.rejected_prefix(self.its("loads"), ref_sign(SECRET, payload, SERIALIZER_SALT), b"bad_payload: ")
        for payload in [b"{x", b"", b"NaN", b'"\xff"']:
            with self.subTest(payload=payload):
                self.rejected_prefix(self.its("loads", "--plain"), ref_sign(SECRET, payload, SERIALIZER_SALT),
                                     b"bad_payload: ")
        for field in [b"AAAAAAAAAAAB", b"AGVT8QA", b"ZVPxAA==", b"ZVPxAB", b"Z!"]:
            with self.subTest(field=field):
                self.rejected(self.its("unsign", "--timestamp"), ref_sign(SECRET, b"v." + field),
                              b"bad_payload: the timestamp is not a canonical 64-bit itsdangerous timestamp")
        self.rejected(self.its("unsign", "--timestamp"), ref_sign(SECRET, b"v"),
                      b"bad_payload: the signed value has no timestamp")

    def test_kinds_do_not_mix(self):
        plain = ref_dumps(SECRET, [1, 2], url_safe=False)
        url = ref_dumps(SECRET, [1, 2])
        self.rejected_prefix(self.its("loads"), plain, b"bad_payload: ")
        self.rejected_prefix(self.its("loads", "--plain"), url, b"bad_payload: ")
        self.rejected_prefix(self.its("loads", "--timestamp"), url, b"bad_payload: ")


# --------------------------------------------------------------------------- configuration


class Configuration(ItsCase):
    def test_unsafe_separators(self):
        # itsdangerous refuses the first group; signet also refuses the second, which itsdangerous
        # accepts although such a separator can occur inside a signature.
        for sep in [b"", b"a", b"ab", b"9-", b"=", b"-_=", b"za", b"aa", b"Az", b"0a"]:
            for verb in ("sign", "unsign", "dumps", "loads"):
                with self.subTest(sep=sep, verb=verb):
                    err = self.usage_error(self.its(verb, b"--sep=" + sep), b"x")
                    self.assertTrue(err.startswith(b"invalid_argument: unsafe separator"), err)

    def test_bad_flags(self):
        for args in [self.its("sign", "--digest", "md5"), self.its("sign", "--key-derivation", "django_concat"),
                     self.its("dumps", "--plain", "--url-safe"), self.its("dumps", "--plain", "--compress"),
                     self.its("dumps", "--compress", "--no-compress"), self.its("sign", "--compress"),
                     self.its("sign", "--now", "yesterday", "--timestamp"), self.its("loads", "--max-inflate", "-1"),
                     self.its("sign", "extra"), self.its("frobnicate")]:
            with self.subTest(args=args):
                self.usage_error(args, b"1")

    def test_help(self):
        for args in (["itsdangerous", "--help"], ["itsdangerous", "dumps", "--help"], ["itsdangerous", "unsign", "-h"]):
            with self.subTest(args=args):
                r = self.run_cli(args)
                self.assertEqual((r.code, r.err), (0, b""))
                self.assertTrue(r.out.startswith(b"usage: signet itsdangerous"), r.out[:60])
        r = self.run_cli(["itsdangerous"])
        self.assertEqual((r.code, r.out), (2, b""))
        r = self.run_cli(["--help"])
        self.assertIn(b"itsdangerous", r.out)

    def test_rejected_token_prints_nothing_on_stdout(self):
        r = self.run_cli(self.its("loads"), b"x.y")
        self.assertEqual((r.code, r.out), (1, b""))


if __name__ == "__main__":
    cs.take_binary_from_argv()
    import unittest
    unittest.main()
