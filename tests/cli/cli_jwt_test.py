"""CLI tests for `signet jwt sign|verify|inspect` and `signet key generate|public|thumbprint`.

Run: /usr/bin/python3 cli_jwt_test.py <build>/tools/signet/signet
"""

import base64
import hashlib
import hmac
import json
import os
import unittest

import cli_support
from cli_support import CliTestCase, SECRET

ASYMMETRIC = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "ES256K", "EdDSA")
HMAC = ("HS256", "HS384", "HS512")
NOW = "1700000000"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def forge_hs256(header, payload, secret):
    signing_input = b64(json.dumps(header).encode()) + b"." + b64(json.dumps(payload).encode())
    return signing_input + b"." + b64(hmac.new(secret, signing_input, hashlib.sha256).digest())


class JwtCliTest(CliTestCase):
    def setUp(self):
        super().setUp()
        # HS256 needs 32 bytes; SECRET is the distinctive leak-checked key.
        self.hs_file = self.key_file(SECRET * 2 + b"\n")
        self.hs_secret = SECRET * 2

    def generate(self, alg, fmt="jwk", kid=None):
        path = os.path.join(self.tmp, "%s-%s.key" % (alg, fmt))
        args = ["key", "generate", "--alg", alg, "--format", fmt, "--out", path]
        if kid:
            args += ["--kid", kid]
        r = self.run_cli(args)
        self.assertEqual((r.code, r.out, r.err), (0, b"", b""), args)
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        return path

    def public(self, key_path, fmt="jwk", alg=None):
        args = ["key", "public", "--key-file", key_path, "--format", fmt] + (["--alg", alg] if alg else [])
        return self.key_file(self.ok(args) + b"\n")

    def sign(self, alg, key, claims=b'{"sub":"user-1"}', extra=()):
        return self.ok(["jwt", "sign", "--alg", alg, "--key-file", key, "--now", NOW, "--exp-in", "600"] + list(extra),
                       claims)

    # --- round trips --------------------------------------------------------
    def test_every_algorithm_round_trips_with_jwk_and_pem(self):
        for alg in ASYMMETRIC:
            for fmt in ("jwk", "pem"):
                with self.subTest(alg=alg, fmt=fmt):
                    key = self.generate(alg, fmt)
                    pub = self.public(key, fmt, alg if fmt == "pem" else None)
                    token = self.sign(alg, key)
                    claims = self.ok(["jwt", "verify", "--alg", alg, "--key-file", pub, "--now", NOW], token)
                    self.assertEqual(claims, b'{"sub":"user-1","exp":1700000600}')
        for alg in HMAC:
            with self.subTest(alg=alg):
                key = self.generate(alg)
                token = self.sign(alg, key)
                self.assertEqual(self.ok(["jwt", "verify", "--alg", alg, "--key-file", key, "--now", NOW], token),
                                 b'{"sub":"user-1","exp":1700000600}')

    def test_raw_hmac_secret_and_key_env(self):
        token = self.sign("HS256", self.hs_file)
        # The signature is HMAC-SHA256 over the two first segments with the raw file bytes (newline removed).
        signing_input = token.rsplit(b".", 1)[0]
        self.assertEqual(token.rsplit(b".", 1)[1], b64(hmac.new(self.hs_secret, signing_input, hashlib.sha256).digest()))
        header = json.loads(base64.urlsafe_b64decode(token.split(b".")[0] + b"=="))
        self.assertEqual(header, {"alg": "HS256", "typ": "JWT"})
        out = self.ok(["jwt", "verify", "--alg", "HS256", "--key-env", "HSKEY", "--now", NOW], token,
                      env={"HSKEY": self.hs_secret})
        self.assertEqual(out, b'{"sub":"user-1","exp":1700000600}')

    def test_binary_secret_starting_with_a_brace_is_raw_not_a_jwk(self):
        # 1 in 256 random secrets starts with '{': it must stay a raw secret.
        secret = b"{" + bytes(range(0x80, 0x9f))
        key = self.key_file(secret)
        token = self.sign("HS256", key)
        signing_input = token.rsplit(b".", 1)[0]
        self.assertEqual(token.rsplit(b".", 1)[1], b64(hmac.new(secret, signing_input, hashlib.sha256).digest()))
        self.assertEqual(self.ok(["jwt", "verify", "--alg", "HS256", "--key-file", key, "--now", NOW], token),
                         b'{"sub":"user-1","exp":1700000600}')

    def test_broken_key_files_are_configuration_errors(self):
        token = self.sign("HS256", self.hs_file)
        for text in (b'{"kty":"oct"', b'{"kty":"EC"}', b'{"kty":"oct","k":"!!"}'):
            with self.subTest(text=text):
                key = self.key_file(text)
                for alg in ("HS256", "ES256"):
                    self.usage_error(["jwt", "verify", "--alg", alg, "--key-file", key, "--now", NOW], token)
                    self.usage_error(["jwt", "sign", "--alg", alg, "--key-file", key], b'{"a":1}')
                self.usage_error(["jwt", "verify", "--alg", "ES256", "--jwks-file", key, "--now", NOW], token)

    def test_verifies_a_token_made_outside_signet(self):
        token = forge_hs256({"alg": "HS256"}, {"sub": "x", "exp": 1700000600, "n": [1, {"a": None}]}, self.hs_secret)
        self.assertEqual(self.ok(["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--now", NOW], token),
                         b'{"sub":"x","exp":1700000600,"n":[1,{"a":null}]}')

    def test_headers_kid_typ_and_iat(self):
        token = self.sign("HS256", self.hs_file, extra=["--kid", "k-1", "--typ", "at+jwt", "--iat"])
        r = self.run_cli(["jwt", "inspect"], token)
        self.assertEqual(r.code, 0)
        self.assertTrue(r.err.startswith(b"UNVERIFIED"))
        self.assertEqual(json.loads(r.out), {"header": {"alg": "HS256", "typ": "at+jwt", "kid": "k-1"},
                                             "payload": {"sub": "user-1", "iat": 1700000000, "exp": 1700000600}})

    # --- policy -------------------------------------------------------------
    def verify_args(self, *extra):
        return ["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--now", NOW] + list(extra)

    def test_expiry_and_leeway(self):
        token = self.sign("HS256", self.hs_file)
        self.ok(self.verify_args()[:-1] + ["1700000599"], token)
        self.rejected_prefix(self.verify_args()[:-1] + ["1700000600"], token, b"expired: ")
        self.ok(self.verify_args("--leeway", "30")[:-3] + ["1700000629", "--leeway", "30"], token)
        self.usage_error(self.verify_args("--leeway", "601"), token)

    def test_exp_required_unless_allowed(self):
        token = self.ok(["jwt", "sign", "--alg", "HS256", "--key-file", self.hs_file], b'{"sub":"s"}')
        self.rejected_prefix(self.verify_args(), token, b"claim_mismatch: ")
        self.assertEqual(self.ok(self.verify_args("--allow-missing-exp"), token), b'{"sub":"s"}')

    def test_issuer_audience_subject_type_required(self):
        claims = b'{"iss":"https://id.example","aud":["api","web"],"sub":"u","jti":"1"}'
        token = self.sign("HS256", self.hs_file, claims)
        self.rejected_prefix(self.verify_args(), token, b"claim_mismatch: ")  # aud present, none expected
        self.ok(self.verify_args("--aud", "api"), token)
        self.ok(self.verify_args("--aud", "mobile", "--aud", "web"), token)
        self.rejected_prefix(self.verify_args("--aud", "ap"), token, b"claim_mismatch: ")
        self.ok(self.verify_args("--aud", "api", "--iss", "https://id.example", "--sub", "u", "--typ", "JWT",
                                 "--require", "jti"), token)
        self.rejected_prefix(self.verify_args("--aud", "api", "--iss", "https://evil.example"), token, b"claim_mismatch: ")
        self.rejected_prefix(self.verify_args("--aud", "api", "--sub", "v"), token, b"claim_mismatch: ")
        self.rejected_prefix(self.verify_args("--aud", "api", "--typ", "at+jwt"), token, b"claim_mismatch: ")
        self.rejected_prefix(self.verify_args("--aud", "api", "--require", "nonce"), token, b"claim_mismatch: ")

    def test_max_age(self):
        token = self.sign("HS256", self.hs_file, extra=["--iat"])
        self.ok(self.verify_args("--max-age", "60")[:-3] + ["1700000060", "--max-age", "60"], token)
        self.rejected_prefix(["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--now", "1700000061",
                              "--max-age", "60"], token, b"expired: ")

    # --- rejections ---------------------------------------------------------
    def test_rejections_have_one_line_and_no_stdout(self):
        token = self.sign("HS256", self.hs_file)
        tampered = token[:-2] + (b"AA" if not token.endswith(b"AA") else b"BB")
        self.rejected_prefix(self.verify_args(), tampered, b"bad_signature: ")
        self.rejected_prefix(self.verify_args(), b"not-a-token", b"malformed: ")
        self.rejected_prefix(self.verify_args(), token + b".x", b"malformed: ")
        none = b64(b'{"alg":"none"}') + b"." + b64(b'{"exp":1700000600}') + b"."
        self.rejected_prefix(self.verify_args(), none, b"key_mismatch: ")
        self.rejected_prefix(["jwt", "verify", "--alg", "HS384", "--key-file", self.key_file(SECRET * 3), "--now", NOW],
                             token, b"key_mismatch: ")
        crit = forge_hs256({"alg": "HS256", "crit": ["x"], "x": 1}, {"exp": 1700000600}, self.hs_secret)
        self.rejected_prefix(self.verify_args(), crit, b"unsupported: ")

    def test_algorithm_confusion_with_a_public_key_file(self):
        key = self.generate("RS256", "pem")
        pub = self.public(key, "pem", "RS256")
        with open(pub, "rb") as f:
            pem = f.read()
        forged = forge_hs256({"alg": "HS256"}, {"exp": 1700000600}, pem)
        self.rejected_prefix(["jwt", "verify", "--alg", "RS256", "--key-file", pub, "--now", NOW], forged,
                             b"key_mismatch: ")
        # A PEM is never an HMAC secret.
        self.usage_error(["jwt", "verify", "--alg", "HS256", "--key-file", pub, "--now", NOW], forged)

    def test_alg_list(self):
        rs_key = self.generate("RS256", "pem")
        pub = self.public(rs_key, "pem", "RS256")
        token = self.sign("PS256", rs_key)
        self.rejected_prefix(["jwt", "verify", "--alg", "RS256", "--key-file", pub, "--now", NOW], token,
                             b"key_mismatch: ")
        self.ok(["jwt", "verify", "--alg", "RS256,PS256", "--key-file", pub, "--now", NOW], token)

    def test_jwks_file(self):
        a = self.generate("ES256", kid="a")
        b = self.generate("EdDSA", kid="b")
        keys = [json.loads(self.ok(["key", "public", "--key-file", path])) for path in (a, b)]
        jwks = self.key_file(json.dumps({"keys": keys}).encode())
        for alg, path in (("ES256", a), ("EdDSA", b)):
            token = self.sign(alg, path)
            self.ok(["jwt", "verify", "--alg", alg, "--jwks-file", jwks, "--now", NOW], token)
        token = self.sign("ES256", a)
        self.rejected_prefix(["jwt", "verify", "--alg", "EdDSA", "--jwks-file", jwks, "--now", NOW], token,
                             b"key_mismatch: ")

    def test_inspect(self):
        token = self.sign("HS256", self.hs_file)
        r = self.run_cli(["jwt", "inspect"], token + b"\n")
        self.assertEqual(r.code, 0)
        self.assertEqual(r.err, b"UNVERIFIED: the signature was not checked; do not trust this content\n")
        self.assertEqual(r.out, b'{"header":{"alg":"HS256","typ":"JWT"},"payload":{"sub":"user-1","exp":1700000600}}\n')
        self.rejected_prefix(["jwt", "inspect"], b"a.b", b"malformed: ")
        self.rejected_prefix(["jwt", "inspect"], token + b"=", b"malformed: ")

    # --- keys ---------------------------------------------------------------
    def test_key_generate_public_thumbprint(self):
        key = self.generate("ES256", kid="2026")
        with open(key) as f:
            private = json.load(f)
        self.assertEqual(private["kty"], "EC")
        self.assertIn("d", private)
        public = json.loads(self.ok(["key", "public", "--key-file", key]))
        self.assertNotIn("d", public)
        self.assertEqual((public["alg"], public["kid"], public["crv"]), ("ES256", "2026", "P-256"))
        thumb = self.ok(["key", "thumbprint", "--key-file", key])
        canonical = json.dumps({"crv": public["crv"], "kty": "EC", "x": public["x"], "y": public["y"]},
                               separators=(",", ":"), sort_keys=True).encode()
        self.assertEqual(thumb, b64(hashlib.sha256(canonical).digest()))
        self.assertEqual(self.ok(["key", "thumbprint", "--key-file", self.public(key)]), thumb)

    def test_rfc7638_example_thumbprint(self):
        jwk = {"kty": "RSA",
               "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
               "e": "AQAB", "alg": "RS256", "kid": "2011-04-29"}
        path = self.key_file(json.dumps(jwk).encode())
        self.assertEqual(self.ok(["key", "thumbprint", "--key-file", path]), b"NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")

    def test_configuration_errors(self):
        short = self.key_file(b"too-short")
        self.usage_error(["jwt", "sign", "--alg", "HS256", "--key-file", short], b'{"a":1}')
        self.usage_error(["jwt", "sign", "--alg", "none", "--key-file", self.hs_file], b'{"a":1}')
        self.usage_error(["jwt", "sign", "--alg", "HS256,HS384", "--key-file", self.hs_file], b'{"a":1}')
        self.usage_error(["jwt", "sign", "--key-file", self.hs_file], b'{"a":1}')
        self.usage_error(["jwt", "sign", "--alg", "HS256", "--key-file", self.hs_file], b'[1]')
        self.usage_error(["jwt", "sign", "--alg", "HS256", "--key-file", self.hs_file], b'{"exp":"soon"}')
        ec = self.generate("ES256", "pem")
        self.usage_error(["jwt", "sign", "--alg", "RS256", "--key-file", ec], b'{"a":1}')
        pub = self.public(ec, "pem")
        self.usage_error(["jwt", "sign", "--alg", "ES256", "--key-file", pub], b'{"a":1}')
        self.usage_error(["key", "generate", "--alg", "HS256", "--format", "pem"])
        self.usage_error(["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--jwks-file", ec], b"x.y.z")

    def test_help(self):
        for args in (["jwt", "--help"], ["jwt", "sign", "--help"], ["jwt", "verify", "--help"],
                     ["jwt", "inspect", "--help"], ["key", "--help"], ["key", "generate", "--help"]):
            r = self.run_cli(args)
            self.assertEqual(r.code, 0, args)
            self.assertIn(b"usage:", r.out)


if __name__ == "__main__":
    cli_support.take_binary_from_argv()
    unittest.main()
