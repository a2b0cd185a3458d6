#!/usr/bin/python3
"""`signet paseto ...` and the PASERK side of `signet key ...`: every verb and
flag, the official v4 vectors through the CLI, rejections (exit 1 and one
stderr line starting with the error code), configuration errors (exit 2), and
key hygiene (no key ever printed except by `key generate` / `key public`).

Usage: /usr/bin/python3 cli_paseto_test.py SIGNET_BINARY [unittest options]
"""

import base64
import json
import os
import stat
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_support as cs  # noqa: E402
from cli_support import CliTestCase  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "vectors", "paseto", "v4.json")
T0 = 1700000000  # 2023-11-14T22:13:20Z
BEFORE_2022 = 1600000000
AFTER_2022 = 1700000000


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def load_vectors():
    with open(VECTORS, encoding="utf-8") as f:
        return {t["name"]: t for t in json.load(f)["tests"]}


class PasetoCli(CliTestCase):
    @classmethod
    def setUpClass(cls):
        cls.vectors = load_vectors()

    def setUp(self):
        super().setUp()
        self.local = self.ok(["key", "generate", "--paseto", "v4.local"]).decode()
        self.secret = self.ok(["key", "generate", "--paseto", "v4.public"]).decode()
        self.local_file = self.key_file((self.local + "\n").encode())
        self.secret_file = self.key_file(self.secret.encode())
        self.public = self.ok(["key", "public", "--key-file", self.secret_file]).decode()
        self.public_file = self.key_file((self.public + "\n").encode())
        self.keys = [self.local, self.secret]

    def run_cli(self, args, stdin=b"", env=None):
        result = super().run_cli(args, stdin, env)
        # Only key generate / key public may print a key; never a secret one in a message.
        for key in getattr(self, "keys", []):
            self.assertNotIn(key[9:].encode(), result.err, "key leaked on stderr: %r" % (args,))
            if args[:2] != ["key", "generate"]:
                self.assertNotIn(key[10:].encode(), result.out, "key leaked on stdout: %r" % (args,))
        return result

    def vector_key_file(self, t):
        if "key" in t:
            return self.key_file(("k4.local." + b64(bytes.fromhex(t["key"]))).encode())
        return self.key_file(("k4.public." + b64(bytes.fromhex(t["public-key"]))).encode())

    def encrypt(self, claims, *flags):
        return self.ok(["paseto", "encrypt", "--key-file", self.local_file] + list(flags), json.dumps(claims))

    def sign(self, claims, *flags):
        return self.ok(["paseto", "sign", "--key-file", self.secret_file] + list(flags), json.dumps(claims))

    # ------------------------------------------------------------------ keys

    def test_key_generate_gives_paserk(self):
        self.assertRegex(self.local, r"^k4\.local\.[A-Za-z0-9_-]{43}$")
        self.assertRegex(self.secret, r"^k4\.secret\.[A-Za-z0-9_-]{86}$")
        self.assertRegex(self.public, r"^k4\.public\.[A-Za-z0-9_-]{43}$")
        other = self.ok(["key", "generate", "--paseto", "v4.local"]).decode()
        self.assertNotEqual(other, self.local)

    def test_key_generate_out_file_is_private(self):
        path = os.path.join(self.tmp, "new.key")
        r = self.run_cli(["key", "generate", "--paseto", "v4.public", "--out", path])
        self.assertEqual((r.code, r.out, r.err), (0, b"", b""))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        with open(path, encoding="utf-8") as f:
            self.assertRegex(f.read(), r"^k4\.secret\.[A-Za-z0-9_-]{86}\n$")

    def test_key_generate_usage(self):
        self.usage_error(["key", "generate", "--paseto", "v3.local"], mentions=b"v4.local")
        self.usage_error(["key", "generate", "--paseto", "v4.local", "--alg", "HS256"])
        self.usage_error(["key", "generate", "--paseto", "v4.local", "--format", "pem"])

    def test_key_public(self):
        # k4.public is idempotent; k4.local has no public half.
        self.assertEqual(self.ok(["key", "public", "--key-file", self.public_file]).decode(), self.public)
        err = self.usage_error(["key", "public", "--key-file", self.local_file])
        self.assertTrue(err.startswith(b"key_mismatch: "), err)
        self.usage_error(["key", "public", "--key-file", self.secret_file, "--format", "pem"])
        self.usage_error(["key", "public", "--key-file", self.key_file(b"k4.secret.AAAA")])

    def test_key_public_from_vector(self):
        t = self.vectors["4-S-1"]
        sk = self.key_file(("k4.secret." + b64(bytes.fromhex(t["secret-key"]))).encode())
        self.assertEqual(self.ok(["key", "public", "--key-file", sk]).decode(),
                         "k4.public." + b64(bytes.fromhex(t["public-key"])))

    def test_id(self):
        lid = self.ok(["paseto", "id", "--key-file", self.local_file]).decode()
        sid = self.ok(["paseto", "id", "--key-file", self.secret_file]).decode()
        pid = self.ok(["paseto", "id", "--key-file", self.public_file]).decode()
        self.assertRegex(lid, r"^k4\.lid\.[A-Za-z0-9_-]{44}$")
        self.assertRegex(sid, r"^k4\.sid\.[A-Za-z0-9_-]{44}$")
        self.assertRegex(pid, r"^k4\.pid\.[A-Za-z0-9_-]{44}$")
        # The official k4.lid vector 2.
        key = self.key_file(b"k4.local.cHFyc3R1dnd4eXp7fH1-f4CBgoOEhYaHiImKi4yNjo8")
        self.assertEqual(self.ok(["paseto", "id", "--key-file", key]), b"k4.lid.iVtYQDjr5gEijCSjJC3fQaJm7nCeQSeaty0Jixy8dbsk")

    # ------------------------------------------------------------------ round trips

    def test_encrypt_decrypt(self):
        claims = {"sub": "alice", "n": 1, "nested": {"a": [1, "é"]}}
        token = self.encrypt(claims, "--exp-in", "3600", "--now", str(T0))
        self.assertTrue(token.startswith(b"v4.local."))
        self.assertNotIn(b"alice", base64.urlsafe_b64decode(token[9:] + b"=" * (-len(token[9:]) % 4)))
        out = self.ok(["paseto", "decrypt", "--key-file", self.local_file, "--now", str(T0 + 10)], token)
        self.assertEqual(json.loads(out), dict(claims, exp="2023-11-14T23:13:20Z"))
        self.assertEqual(out, cs.compact(dict(claims, exp="2023-11-14T23:13:20Z")))

    def test_sign_verify_with_public_or_secret_key(self):
        token = self.sign({"sub": "bob"}, "--exp-in", "60", "--now", str(T0))
        self.assertTrue(token.startswith(b"v4.public.eyJzdWIiOiJib2IiLCJleHAiOiIyMDIzLTExLTE0VDIyOjE0OjIwWiJ9"))
        want = b'{"sub":"bob","exp":"2023-11-14T22:14:20Z"}'
        for key in (self.public_file, self.secret_file):
            self.assert_out(["paseto", "verify", "--key-file", key, "--now", str(T0)], token, want)

    def test_footer_and_implicit_assertion(self):
        token = self.encrypt({"a": 1}, "--exp-in", "60", "--now", str(T0), "--footer", "kid-7", "--implicit", "ctx")
        self.assertTrue(token.endswith(b"." + b64(b"kid-7").encode()))
        base = ["paseto", "decrypt", "--key-file", self.local_file, "--now", str(T0)]
        self.ok(base + ["--implicit", "ctx"], token)
        self.ok(base + ["--implicit", "ctx", "--footer", "kid-7"], token)
        self.rejected_prefix(base + ["--implicit", "ctx", "--footer", "kid-8"], token, b"claim_mismatch: ")
        self.rejected_prefix(base + ["--implicit", "other"], token, b"bad_signature: ")
        self.rejected_prefix(base, token, b"bad_signature: ")
        signed = self.sign({"a": 1}, "--exp-in", "60", "--now", str(T0), "--footer", '{"kid":"k4.pid.x"}',
                           "--implicit", "ctx")
        vbase = ["paseto", "verify", "--key-file", self.public_file, "--now", str(T0)]
        self.ok(vbase + ["--implicit", "ctx", "--footer", '{"kid":"k4.pid.x"}'], signed)
        self.rejected_prefix(vbase, signed, b"bad_signature: ")

    def test_key_env(self):
        token = self.encrypt({"a": 1}, "--exp-in", "60", "--now", str(T0))
        out = self.ok(["paseto", "decrypt", "--key-env", "PASETO_KEY", "--now", str(T0)], token,
                      env={"PASETO_KEY": self.local})
        self.assertEqual(json.loads(out)["a"], 1)

    # ------------------------------------------------------------------ official vectors

    def test_official_vectors_through_the_cli(self):
        for name, t in sorted(self.vectors.items()):
            with self.subTest(vector=name):
                key = self.vector_key_file(t)
                verb = "decrypt" if "key" in t else "verify"
                args = ["paseto", verb, "--key-file", key, "--now", str(BEFORE_2022)]
                if t["implicit-assertion"]:
                    args += ["--implicit", t["implicit-assertion"]]
                if t["expect-fail"]:
                    r = self.run_cli(args, t["token"])
                    self.assertEqual((r.code, r.out), (1, b""), r.err)
                    self.assertRegex(r.err.decode(), r"^(key_mismatch|malformed|bad_signature): [^\n]*\n$")
                    continue
                if t["footer"]:
                    args += ["--footer", t["footer"]]
                out = self.ok(args, t["token"])
                self.assertEqual(json.loads(out), json.loads(t["payload"]))
                self.rejected_prefix(["paseto", verb, "--key-file", key, "--now", str(AFTER_2022)] + args[6:],
                                     t["token"], b"expired: ")

    def test_vector_failures_name_the_reason(self):
        v = self.vectors
        self.rejected_prefix(["paseto", "verify", "--key-file", self.vector_key_file(v["4-F-1"])], v["4-F-1"]["token"],
                             b"key_mismatch: ")
        self.rejected_prefix(["paseto", "decrypt", "--key-file", self.vector_key_file(v["4-F-2"])], v["4-F-2"]["token"],
                             b"key_mismatch: ")
        self.rejected_prefix(["paseto", "decrypt", "--key-file", self.vector_key_file(v["4-F-3"])], v["4-F-3"]["token"],
                             b"key_mismatch: ")
        self.rejected_prefix(["paseto", "decrypt", "--key-file", self.vector_key_file(v["4-F-4"])], v["4-F-4"]["token"],
                             b"malformed: ")
        self.rejected_prefix(["paseto", "decrypt", "--key-file", self.vector_key_file(v["4-F-5"])], v["4-F-5"]["token"],
                             b"malformed: ")

    # ------------------------------------------------------------------ rejections (exit 1)

    def test_wrong_purpose_and_key(self):
        local_token = self.encrypt({"a": 1}, "--exp-in", "60", "--now", str(T0))
        public_token = self.sign({"a": 1}, "--exp-in", "60", "--now", str(T0))
        self.rejected_prefix(["paseto", "verify", "--key-file", self.public_file], local_token, b"key_mismatch: ")
        self.rejected_prefix(["paseto", "decrypt", "--key-file", self.local_file], public_token, b"key_mismatch: ")
        other = self.key_file(self.ok(["key", "generate", "--paseto", "v4.local"]))
        self.rejected_prefix(["paseto", "decrypt", "--key-file", other, "--now", str(T0)], local_token, b"bad_signature: ")

    def test_claims_policy(self):
        claims = {"iss": "me", "aud": "you", "sub": "alice", "role": "x", "nbf": "2023-11-14T22:13:30Z"}
        token = self.encrypt(claims, "--exp-in", "60", "--now", str(T0))
        base = ["paseto", "decrypt", "--key-file", self.local_file, "--now", str(T0 + 20), "--aud", "you"]
        self.ok(base + ["--iss", "other", "--iss", "me", "--sub", "alice", "--require", "role"], token)
        self.rejected_prefix(base + ["--iss", "other"], token, b"claim_mismatch: ")
        self.rejected_prefix(base + ["--sub", "bob"], token, b"claim_mismatch: ")
        self.rejected_prefix(base + ["--require", "jti"], token, b"claim_mismatch: ")
        self.rejected_prefix(base[:-2], token, b"claim_mismatch: ")  # aud present, none expected
        self.rejected_prefix(base[:4] + ["--now", str(T0), "--aud", "you"], token, b"not_yet_valid: ")
        self.ok(base[:4] + ["--now", str(T0), "--aud", "you", "--leeway", "10"], token)
        self.rejected_prefix(base[:4] + ["--now", str(T0 + 60), "--aud", "you"], token, b"expired: ")
        self.ok(base[:4] + ["--now", str(T0 + 60), "--aud", "you", "--leeway", "600"], token)

    def test_exp_is_required_by_default(self):
        token = self.encrypt({"sub": "alice"})
        self.rejected(["paseto", "decrypt", "--key-file", self.local_file], token,
                      b"claim_mismatch: the token has no exp claim")
        self.ok(["paseto", "decrypt", "--key-file", self.local_file, "--allow-missing-exp"], token)
        signed = self.sign({"sub": "alice"})
        self.rejected_prefix(["paseto", "verify", "--key-file", self.public_file], signed, b"claim_mismatch: ")

    def test_malformed_tokens(self):
        token = self.encrypt({"a": 1}, "--exp-in", "60", "--now", str(T0)).decode()
        base = ["paseto", "decrypt", "--key-file", self.local_file, "--now", str(T0)]
        for bad in ("", "garbage", "v4.local.", "v4.local.AAAA", token + ".", token + "=", token[:-5],
                    token.replace("v4.local.", "v4.local..")):
            with self.subTest(token=bad):
                r = self.run_cli(base, bad)
                self.assertEqual((r.code, r.out), (1, b""), r.err)
                self.assertEqual(r.err.count(b"\n"), 1)
        self.rejected_prefix(base, "v4.local." + "A" * 20000, b"malformed: ")

    # ------------------------------------------------------------------ configuration errors (exit 2)

    def test_wrong_key_type_is_a_configuration_error(self):
        err = self.usage_error(["paseto", "encrypt", "--key-file", self.secret_file], b"{}")
        self.assertTrue(err.startswith(b"key_mismatch: "), err)
        err = self.usage_error(["paseto", "sign", "--key-file", self.local_file], b"{}")
        self.assertTrue(err.startswith(b"key_mismatch: "), err)
        err = self.usage_error(["paseto", "decrypt", "--key-file", self.public_file], b"x")
        self.assertTrue(err.startswith(b"key_mismatch: "), err)
        err = self.usage_error(["paseto", "verify", "--key-file", self.local_file], b"x")
        self.assertTrue(err.startswith(b"key_mismatch: "), err)
        raw = self.key_file(b"0123456789abcdef0123456789abcdef")
        err = self.usage_error(["paseto", "encrypt", "--key-file", raw], b"{}")
        self.assertTrue(err.startswith(b"invalid_key: "), err)
        err = self.usage_error(["paseto", "encrypt", "--key-file", self.key_file(b"k4.local.AAAA")], b"{}")
        self.assertTrue(err.startswith(b"invalid_key: "), err)
        err = self.usage_error(["paseto", "decrypt", "--key-file", self.key_file(b"k3.local.AAAA")], b"x")
        self.assertTrue(err.startswith(b"invalid_key: "), err)

    def test_usage_errors(self):
        self.usage_error(["paseto"])
        self.usage_error(["paseto", "frobnicate"])
        self.usage_error(["paseto", "encrypt"], b"{}", mentions=b"--key-file")
        self.usage_error(["paseto", "encrypt", "--key-file", self.local_file, "--key-env", "X"], b"{}")
        self.usage_error(["paseto", "encrypt", "--key-file", self.local_file, "--exp-in", "soon"], b"{}")
        self.usage_error(["paseto", "encrypt", "--key-file", self.local_file], b"[1]")
        self.usage_error(["paseto", "encrypt", "--key-file", self.local_file], b'{"exp":1700000000}')
        self.usage_error(["paseto", "encrypt", "--key-file", self.local_file, "--footer", '{"kid":'], b"{}")
        self.usage_error(["paseto", "decrypt", "--key-file", self.local_file, "--leeway", "601"], b"x")
        self.usage_error(["paseto", "decrypt", "--key-file", self.local_file, "--exp-in", "5"], b"x")
        self.usage_error(["paseto", "verify", "--key-file", os.path.join(self.tmp, "missing")], b"x")
        self.usage_error(["paseto", "verify", "--key-file", self.tmp], b"x")

    def test_help(self):
        r = self.run_cli(["paseto", "--help"])
        self.assertEqual(r.code, 0)
        self.assertIn(b"v4.local", r.out)
        for verb in ("encrypt", "decrypt", "sign", "verify", "id"):
            r = self.run_cli(["paseto", verb, "--help"])
            self.assertEqual((r.code, r.err), (0, b""))
            self.assertIn(b"usage: signet paseto " + verb.encode(), r.out)
        self.assertIn(b"paseto", self.run_cli(["--help"]).out)


if __name__ == "__main__":
    cs.take_binary_from_argv()
    import unittest
    unittest.main()
