#!/usr/bin/python3
"""The key-rotation story through `signet key ring ...` and `--key-ring F`.

Tokens made with a ring are checked in the real peers on this machine:
PyJWT and jwcrypto read the JWKS that `signet key ring jwks` prints, and
Django 3.2 (which has no SECRET_KEY_FALLBACKS: that came in 4.1) verifies
every ring key's tokens with that key, while signet's ring verifies tokens
Django made with an older key.

Usage: /usr/bin/python3 cli_key_ring_test.py SIGNET_BINARY [unittest options]
"""

import base64
import json
import os
import stat
import sys
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_support as cs  # noqa: E402
from cli_support import OLD_SECRET, SECRET, CliTestCase  # noqa: E402

NOW = 1800000000

try:
    import jwt as pyjwt
    from jwcrypto import jwk as jw_jwk, jwt as jw_jwt
except ImportError:  # pragma: no cover - the peers are installed by .ci/run
    pyjwt = None

try:
    import itsdangerous
except ImportError:  # pragma: no cover
    itsdangerous = None

try:
    import django
    from django.conf import settings as django_settings

    if not django_settings.configured:
        django_settings.configure(SECRET_KEY="not-used-by-these-tests")
    from django.core import signing as django_signing
except ImportError:  # pragma: no cover
    django_signing = None


def secrets_in(path):
    """Every secret string of a ring file: private JWK members, Django and PASETO keys."""
    with open(path) as f:
        doc = json.load(f)
    out = []
    for entry in doc["keys"]:
        key = entry["key"]
        if isinstance(key, dict):
            out += [key[m] for m in ("d", "p", "q", "dp", "dq", "qi", "k") if m in key]
        else:
            out.append(key)
            if doc["format"] == "django":
                out.append(base64.urlsafe_b64decode(key + "=" * (-len(key) % 4)).decode("latin-1"))
    return [s.encode() for s in out]


def header_of(token):
    head = token.split(b".")[0]
    return json.loads(base64.urlsafe_b64decode(head + b"=" * (-len(head) % 4)))


class KeyRingCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.ring = os.path.join(self.tmp, "ring.json")

    def ring_cmd(self, verb, *flags, now=NOW):
        return self.ok(["key", "ring", verb, "--ring", self.ring, *flags] + (["--now", str(now)] if verb in ("add", "list", "jwks") else []))

    def assert_private(self):
        mode = stat.S_IMODE(os.stat(self.ring).st_mode)
        self.assertEqual(mode, 0o600, "ring file mode %o" % mode)

    def assert_no_secret(self, result_bytes):
        for secret in secrets_in(self.ring):
            self.assertNotIn(secret, result_bytes)

    def listing(self, now=NOW):
        out = self.ring_cmd("list", now=now)
        self.assert_no_secret(out)
        lines = out.split(b"\n")
        self.assertEqual(lines[0], b"id\tstate\talgorithm\tcreated\tnot_after\tthumbprint")
        return {l.split(b"\t")[0].decode(): l.split(b"\t") for l in lines[1:]}


class JwtRing(KeyRingCase):
    def sign(self, claims=b'{"sub":"alice"}'):
        return self.ok(["jwt", "sign", "--key-ring", self.ring, "--exp-in", "600", "--now", str(NOW)], claims)

    def verify(self, token):
        return self.run_cli(["jwt", "verify", "--alg", "ES256,EdDSA,RS256,HS256", "--key-ring", self.ring,
                             "--now", str(NOW)], token)

    def test_rotation_story(self):
        self.assertEqual(self.ring_cmd("add", "--format", "jwt", "--alg", "ES256", "--id", "k1"), b"k1")
        self.assert_private()
        t1 = self.sign()
        self.assertEqual(header_of(t1)["kid"], "k1")
        self.assertEqual(header_of(t1)["alg"], "ES256")

        # Pre-publication: k2 is known to verifiers before it signs anything.
        self.ring_cmd("add", "--alg", "EdDSA", "--id", "k2", "--verify-only")
        self.assertEqual(header_of(self.sign())["kid"], "k1")
        jwks = json.loads(self.ring_cmd("jwks"))
        self.assertEqual([k["kid"] for k in jwks["keys"]], ["k1", "k2"])
        self.ring_cmd("activate", "--id", "k2")
        t2 = self.sign()
        self.assertEqual(header_of(t2)["kid"], "k2")
        rows = self.listing()
        self.assertEqual(rows["k1"][1], b"verify")
        self.assertEqual(rows["k2"][1], b"active")
        self.assertEqual(rows["k2"][2], b"EdDSA")

        for token in (t1, t2):
            r = self.verify(token)
            self.assertEqual((r.code, r.err), (0, b""))
            self.assertEqual(json.loads(r.out)["sub"], "alice")

        self.ring_cmd("retire", "--id", "k1")
        self.assert_private()
        self.rejected(["jwt", "verify", "--alg", "ES256,EdDSA", "--key-ring", self.ring, "--now", str(NOW)], t1,
                      b"revoked: the token's key is retired")
        self.assertEqual(self.verify(t2).code, 0)
        self.assertEqual([k["kid"] for k in json.loads(self.ring_cmd("jwks"))["keys"]], ["k2"])
        self.assertEqual(self.listing()["k1"][1], b"retired")

    def test_ring_keys_carry_their_algorithm_and_alg_narrows_them(self):
        self.ring_cmd("add", "--format", "jwt", "--alg", "ES256", "--id", "k1")
        token = self.sign()
        r = self.run_cli(["jwt", "verify", "--key-ring", self.ring, "--now", str(NOW)], token)
        self.assertEqual((r.code, r.err), (0, b""))
        self.assertEqual(json.loads(r.out)["sub"], "alice")
        self.rejected_prefix(["jwt", "verify", "--alg", "EdDSA", "--key-ring", self.ring, "--now", str(NOW)], token,
                             b"key_mismatch: ")

    def test_active_key_cannot_be_retired_and_ids_are_unique(self):
        self.ring_cmd("add", "--format", "jwt", "--alg", "HS256", "--id", "h")
        self.usage_error(["key", "ring", "retire", "--ring", self.ring, "--id", "h"], mentions=b"active key")
        self.usage_error(["key", "ring", "add", "--ring", self.ring, "--alg", "HS256", "--id", "h"],
                         mentions=b"already in the ring")
        # An HMAC-only ring has nothing to publish.
        self.usage_error(["key", "ring", "jwks", "--ring", self.ring], mentions=b"no public key")

    def test_not_after(self):
        self.ring_cmd("add", "--format", "jwt", "--alg", "ES256", "--id", "k1", "--not-after", str(NOW + 100))
        token = self.sign()
        ok = self.run_cli(["jwt", "verify", "--alg", "ES256", "--key-ring", self.ring, "--now", str(NOW + 100)], token)
        self.assertEqual(ok.code, 0)
        self.rejected(["jwt", "verify", "--alg", "ES256", "--key-ring", self.ring, "--now", str(NOW + 101)], token,
                      b"revoked: the token's key is past its not-after date")
        self.usage_error(["jwt", "sign", "--key-ring", self.ring, "--now", str(NOW + 101)], b"{}",
                         mentions=b"not-after")
        self.assertTrue(self.listing(now=NOW + 101)["k1"][4].endswith(b"(passed)"))

    def test_import_key_file_and_public_verify_only(self):
        priv = self.key_file(self.ok(["key", "generate", "--alg", "ES384", "--kid", "imported"]))
        pub = self.key_file(self.ok(["key", "public", "--key-file", os.path.join(self.tmp, priv)]))
        self.assertEqual(self.ring_cmd("add", "--format", "jwt", "--alg", "ES384", "--key-file", priv), b"imported")
        self.usage_error(["key", "ring", "add", "--ring", self.ring, "--alg", "ES384", "--id", "p", "--key-file", pub])
        self.ring_cmd("add", "--alg", "ES384", "--id", "p", "--verify-only", "--key-file", pub)
        self.assertEqual(self.listing()["p"][1], b"verify")

    @unittest.skipIf(pyjwt is None, "PyJWT / jwcrypto not installed")
    def test_peers_read_the_jwks(self):
        self.ring_cmd("add", "--format", "jwt", "--alg", "RS256", "--id", "old")
        t_old = self.sign()
        self.ring_cmd("add", "--alg", "ES256", "--id", "mid")
        t_mid = self.sign()
        self.ring_cmd("add", "--alg", "HS256", "--id", "secret")  # never published
        self.ring_cmd("add", "--alg", "EdDSA", "--id", "new")
        t_new = self.sign()
        text = self.ring_cmd("jwks")
        self.assert_no_secret(text)
        doc = json.loads(text)
        for key in doc["keys"]:
            for member in ("d", "p", "q", "dp", "dq", "qi", "k", "oth"):
                self.assertNotIn(member, key)
        self.assertEqual([k["kid"] for k in doc["keys"]], ["old", "mid", "new"])

        # PyJWT: pick the key by kid from the JWKS.
        keyset = pyjwt.PyJWKSet.from_dict(doc)
        for token in (t_old, t_mid, t_new):
            kid = pyjwt.get_unverified_header(token)["kid"]
            key = next(k for k in keyset.keys if k.key_id == kid)
            alg = next(k["alg"] for k in doc["keys"] if k["kid"] == kid)
            claims = pyjwt.decode(token, key.key, algorithms=[alg], options={"verify_exp": False})
            self.assertEqual(claims["sub"], "alice")
        # jwcrypto: hands the whole set to the token.
        jw_set = jw_jwk.JWKSet.from_json(text)
        for token in (t_old, t_mid, t_new):
            parsed = jw_jwt.JWT(jwt=token.decode(), key=jw_set, check_claims=False)
            self.assertEqual(json.loads(parsed.claims)["sub"], "alice")
        for key in jw_set["keys"]:
            self.assertFalse(key.has_private)

        # Retiring "old" removes it from the JWKS: the peers refuse its tokens.
        self.ring_cmd("retire", "--id", "old")
        doc = json.loads(self.ring_cmd("jwks"))
        self.assertNotIn("old", [k["kid"] for k in doc["keys"]])
        with self.assertRaises(Exception):
            jw_jwt.JWT(jwt=t_old.decode(), key=jw_jwk.JWKSet.from_json(json.dumps(doc)), check_claims=False)


class DjangoRing(KeyRingCase):
    def test_rotation_story_with_django(self):
        self.ring_cmd("add", "--format", "django", "--id", "2025", "--key-file", self.old_file)
        self.assert_private()
        t_old = self.ok(["django", "dumps", "--key-ring", self.ring, "--now", str(NOW)], b'{"user":1}')
        self.ring_cmd("add", "--id", "2026", "--key-file", self.secret_file)
        t_new = self.ok(["django", "dumps", "--key-ring", self.ring, "--now", str(NOW)], b'{"user":2}')
        self.assertEqual(t_old, cs.ref_dumps(OLD_SECRET, {"user": 1}, NOW))
        self.assertEqual(t_new, cs.ref_dumps(SECRET, {"user": 2}, NOW))
        for token, user in ((t_old, 1), (t_new, 2)):
            self.assertEqual(self.ok(["django", "loads", "--key-ring", self.ring], token), b'{"user":%d}' % user)
        signed = self.ok(["django", "sign", "--key-ring", self.ring], b"hello")
        self.assertEqual(signed, cs.ref_sign(SECRET, b"hello"))
        self.assertEqual(self.ok(["django", "unsign", "--key-ring", self.ring], cs.ref_sign(OLD_SECRET, b"hi")), b"hi")
        rows = self.listing()
        self.assertEqual(rows["2025"][1:3], [b"verify", b"secret"])
        self.assertEqual(rows["2025"][5], b"-")

        if django_signing is not None:
            # Django 3.2 has one key per call: each ring key's tokens verify there with that key.
            self.assertEqual(django_signing.loads(t_old.decode(), key=OLD_SECRET.decode()), {"user": 1})
            self.assertEqual(django_signing.loads(t_new.decode(), key=SECRET.decode()), {"user": 2})
            with self.assertRaises(django_signing.BadSignature):
                django_signing.loads(t_old.decode(), key=SECRET.decode())
            # A token Django made with the older key verifies through the ring.
            from_django = django_signing.dumps({"from": "django"}, key=OLD_SECRET.decode()).encode()
            self.assertEqual(self.ok(["django", "loads", "--key-ring", self.ring], from_django), b'{"from":"django"}')

        self.ring_cmd("retire", "--id", "2025")
        self.rejected(["django", "loads", "--key-ring", self.ring], t_old, b"bad_signature: signature does not match")
        self.assertEqual(self.ok(["django", "loads", "--key-ring", self.ring], t_new), b'{"user":2}')

    def test_generated_key_works_in_django(self):
        self.ring_cmd("add", "--format", "django", "--id", "gen")
        with open(self.ring) as f:
            key = base64.urlsafe_b64decode(json.load(f)["keys"][0]["key"] + "==")
        self.assertEqual(len(key), 50)
        token = self.ok(["django", "dumps", "--key-ring", self.ring, "--now", str(NOW)], b'{"a":1}')
        self.assertEqual(token, cs.ref_dumps(key, {"a": 1}, NOW))
        if django_signing is not None:
            self.assertEqual(django_signing.loads(token.decode(), key=key.decode()), {"a": 1})

    def test_key_flags_and_ring_are_exclusive(self):
        self.ring_cmd("add", "--format", "django", "--id", "a")
        self.usage_error(["django", "loads", "--key-ring", self.ring, "--key-file", self.secret_file], b"x")
        self.usage_error(["jwt", "sign", "--key-ring", self.ring], b"{}", mentions=b"another token format")


class PasetoRing(KeyRingCase):
    def test_local_rotation(self):
        k1 = self.ring_cmd("add", "--format", "paseto", "--purpose", "v4.local")
        self.assertTrue(k1.startswith(b"k4.lid."))
        t1 = self.ok(["paseto", "encrypt", "--key-ring", self.ring, "--exp-in", "600", "--now", str(NOW)], b'{"n":1}')
        footer = base64.urlsafe_b64decode(t1.split(b".")[3] + b"==")
        self.assertEqual(json.loads(footer), {"kid": k1.decode()})
        k2 = self.ring_cmd("add")
        t2 = self.ok(["paseto", "encrypt", "--key-ring", self.ring, "--exp-in", "600", "--now", str(NOW)], b'{"n":2}')
        self.assertEqual(json.loads(base64.urlsafe_b64decode(t2.split(b".")[3] + b"=="))["kid"], k2.decode())
        decrypt = ["paseto", "decrypt", "--key-ring", self.ring, "--now", str(NOW)]
        self.assertEqual(json.loads(self.ok(decrypt, t1))["n"], 1)
        self.assertEqual(json.loads(self.ok(decrypt, t2))["n"], 2)
        self.ring_cmd("retire", "--id", k1.decode())
        self.rejected(decrypt, t1, b"revoked: the token's key is retired")
        # The wrong verb for the ring's purpose is a configuration error.
        self.usage_error(["paseto", "verify", "--key-ring", self.ring], t2, mentions=b"use decrypt")
        self.assert_no_secret(self.ring_cmd("list"))

    def test_public_ring_and_imported_keys(self):
        secret = self.key_file(self.ok(["key", "generate", "--paseto", "v4.public"]))
        self.ring_cmd("add", "--format", "paseto", "--key-file", secret)
        token = self.ok(["paseto", "sign", "--key-ring", self.ring, "--exp-in", "60", "--now", str(NOW)], b'{"x":1}')
        public = self.key_file(self.ok(["key", "public", "--key-file", secret]))
        # A relying party's ring holds only the public key, verify-only.
        relying = os.path.join(self.tmp, "relying.json")
        self.ok(["key", "ring", "add", "--ring", relying, "--format", "paseto", "--verify-only", "--key-file", public])
        claims = json.loads(self.ok(["paseto", "verify", "--key-ring", relying, "--now", str(NOW)], token))
        self.assertEqual(claims["x"], 1)
        # ...and it can also be checked with the plain public key.
        claims = json.loads(self.ok(["paseto", "verify", "--key-file", public, "--now", str(NOW)], token))
        self.assertEqual(claims["x"], 1)


class ItsdangerousRing(KeyRingCase):
    def test_rotation_with_itsdangerous(self):
        self.ring_cmd("add", "--format", "itsdangerous", "--id", "old", "--key-file", self.old_file)
        t_old = self.ok(["itsdangerous", "dumps", "--key-ring", self.ring], b'{"n":1}')
        self.ring_cmd("add", "--id", "new")  # generated
        t_new = self.ok(["itsdangerous", "dumps", "--key-ring", self.ring], b'{"n":2}')
        loads = ["itsdangerous", "loads", "--key-ring", self.ring]
        self.assertEqual(self.ok(loads, t_old), b'{"n":1}')
        self.assertEqual(self.ok(loads, t_new), b'{"n":2}')
        with open(self.ring) as f:
            new_key = base64.urlsafe_b64decode(json.load(f)["keys"][1]["key"] + "==")
        if itsdangerous is not None:
            # itsdangerous's own rotation list, oldest first, accepts both; the
            # newest key alone accepts only the new token.
            both = itsdangerous.URLSafeSerializer([OLD_SECRET, new_key])
            self.assertEqual(both.loads(t_old), {"n": 1})
            self.assertEqual(both.loads(t_new), {"n": 2})
            self.assertEqual(both.dumps({"n": 2}).encode(), t_new)
            with self.assertRaises(itsdangerous.BadSignature):
                itsdangerous.URLSafeSerializer(new_key).loads(t_old)
        self.ring_cmd("retire", "--id", "old")
        self.rejected(loads, t_old, b"bad_signature: signature does not match")
        self.assert_no_secret(self.ring_cmd("list"))


class RingFiles(KeyRingCase):
    def write(self, text):
        with open(self.ring, "w") as f:
            f.write(text)

    def test_corrupted_files_exit_2(self):
        self.ring_cmd("add", "--format", "jwt", "--alg", "HS256", "--id", "k1")
        with open(self.ring) as f:
            good = f.read()
        cases = {
            "truncated": good[: len(good) // 2],
            "not json": "hello",
            "duplicate id": good.replace(']}', ',' + good[good.index('{"id"'):good.rindex('}', 0, len(good) - 3) + 1]
                                         .replace('"active"', '"verify"') + ']}'),
            "unknown member": good.replace('"created"', '"not-after":1,"created"'),
            "bad state": good.replace('"active"', '"enabled"'),
            "version 2": good.replace('"signet_key_ring":1', '"signet_key_ring":2'),
            "oversized": good[:-3] + " " * (1 << 20) + good[-3:],
        }
        expected = {"truncated": b"malformed: json", "not json": b"malformed: json", "duplicate id": b"same id",
                    "unknown member": b"unknown member", "bad state": b'"state"', "version 2": b"unsupported:",
                    "oversized": b"larger than 1 MiB"}
        for name, text in cases.items():
            with self.subTest(name):
                self.write(text)
                for argv, stdin in ((["key", "ring", "list", "--ring", self.ring], b""),
                                    (["jwt", "verify", "--alg", "HS256", "--key-ring", self.ring], b"a.b.c"),
                                    (["jwt", "sign", "--key-ring", self.ring], b"{}")):
                    err = self.usage_error(argv, stdin)
                    if os.environ.get("SIGNET_RING_TEST_DEBUG"):
                        sys.stderr.write("%s: %r\n" % (name, err))
                    self.assertIn(b"key ring", err)
                    self.assertIn(expected[name], err)
                    for secret in secrets_in_text(good):
                        self.assertNotIn(secret, err)

    def test_missing_ring_and_missing_format(self):
        self.usage_error(["key", "ring", "list", "--ring", self.ring], mentions=b"cannot read the key ring")
        self.usage_error(["key", "ring", "add", "--ring", self.ring, "--alg", "ES256"], mentions=b"--format")
        self.assertFalse(os.path.exists(self.ring))

    def test_concurrent_adds_lose_nothing(self):
        import subprocess
        self.ring_cmd("add", "--format", "django", "--id", "first")
        procs = [subprocess.Popen([cs.BINARY, "key", "ring", "add", "--ring", self.ring, "--id", "k%d" % i,
                                   "--verify-only"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for i in range(10)]
        for p in procs:
            out, err = p.communicate(timeout=60)
            self.assertEqual((p.returncode, err), (0, b""))
        self.assertEqual(set(self.listing()), {"first"} | {"k%d" % i for i in range(10)})
        self.assert_private()

    def test_rewrite_tightens_mode(self):
        self.ring_cmd("add", "--format", "django", "--id", "a")
        os.chmod(self.ring, 0o644)
        self.ring_cmd("add", "--id", "b")
        self.assert_private()
        self.assertFalse(os.path.exists(self.ring + ".tmp"))


def secrets_in_text(text):
    doc = json.loads(text)
    return [k["key"]["k"].encode() for k in doc["keys"] if "k" in k["key"]]


if __name__ == "__main__":
    cs.take_binary_from_argv()
    unittest.main()
