#!/usr/bin/python3
"""CLI tests of `signet django reset-token make|check` and `signet state sign|verify|fingerprint`.

    /usr/bin/python3 cli_password_reset_test.py /path/to/signet [unittest options]

The expected password-reset tokens are real Django's: they come from
tests/data/django_password_reset_vectors.json (made by
tests/data/make_django_password_reset_vectors.py with Django 3.2), so this
file needs only the standard library.
"""

import json
import os
import unittest

import cli_support as cs
from cli_support import CliTestCase

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "django_password_reset_vectors.json")
US = 10 ** 6
# A distinctive password hash: it must never appear on stdout or stderr.
HASH = "pbkdf2_sha256$260000$SENSITIVE-SALT-9931$SENSITIVE-HASH-5524="


def load_vectors():
    with open(VECTORS, encoding="utf-8") as f:
        return json.load(f)


def now_arg(us):
    """--now for a microsecond time, exactly (the CLI parses decimal seconds)."""
    sign = "-" if us < 0 else ""
    us = abs(us)
    return "%s%d.%06d" % (sign, us // US, us % US)


def user_json(user, **extra):
    """The CLI's stdin for a vector user; last_login as Django's text (keeps microsecond-free exactness)."""
    d = {"pk": user["pk"], "password": user["password"], "email": user["email"],
         "last_login": None if user["last_login_us"] is None else user["last_login_text"]}
    d.update(extra)
    return d


class ResetTokenTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.vectors = load_vectors()

    def flags(self, v):
        f = ["--algorithm", v["algorithm"], "--utc-offset", str(v["utc_offset"])]
        if not v["use_tz"]:
            f.append("--no-use-tz")
        if v["key_salt"] is not None:
            f += ["--key-salt", v["key_salt"]]
        return f

    def vector_key(self, v):
        return self.key_file(v["secret"].encode("utf-8"))

    def run_secret_free(self, args, stdin):
        r = self.run_cli(args, stdin)
        self.assertNotIn(b"SENSITIVE", r.out + r.err)
        return r

    def test_make_matches_django(self):
        for v in self.vectors["vectors"]:
            with self.subTest(vector=v["id"]):
                stdin = json.dumps(user_json(v["user"]), ensure_ascii=False)
                out = self.ok(["django", "reset-token", "make", "--key-file", self.vector_key(v),
                               "--now", now_arg(v["now_us"])] + self.flags(v), stdin)
                self.assertEqual(out.decode(), v["token"])

    def test_check_matches_django(self):
        checked = 0
        for v in self.vectors["vectors"][:20]:
            key = self.vector_key(v)
            for c in v["checks"]:
                with self.subTest(vector=v["id"], check=c["what"]):
                    user = c["user"] or v["user"]
                    stdin = json.dumps(user_json(user, token=c["token"] or v["token"]), ensure_ascii=False)
                    r = self.run_cli(["django", "reset-token", "check", "--key-file", key, "--timeout", str(v["timeout"]),
                                      "--now", now_arg(c["now_us"])] + self.flags(v), stdin)
                    if c["valid"]:
                        self.assertEqual((r.code, r.out, r.err), (0, b"valid\n", b""))
                    else:
                        self.assertEqual((r.code, r.out), (1, b""), r.err)
                        self.assertRegex(r.err, rb"^(bad_signature|expired|malformed): [^\n]*\n$")
                    checked += 1
        self.assertGreaterEqual(checked, 200)

    def make(self, user, now="1700000000", extra=()):
        return self.ok(["django", "reset-token", "make", "--key-file", self.secret_file, "--now", now] + list(extra),
                       json.dumps(user)).decode()

    def check(self, user, token, now="1700000000", extra=()):
        return self.run_secret_free(["django", "reset-token", "check", "--key-file", self.secret_file, "--now", now]
                                    + list(extra), json.dumps(dict(user, token=token)))

    def test_changed_password_exits_1(self):
        user = {"pk": 42, "password": HASH, "last_login": 1699990000, "email": "a@example.com"}
        token = self.make(user)
        self.assertEqual(self.check(user, token).code, 0)
        r = self.check(dict(user, password=HASH.replace("5524", "5525")), token)
        self.assertEqual((r.code, r.out), (1, b""))
        self.assertEqual(r.err, b"bad_signature: the token does not match the user's current state\n")
        for field, value in (("pk", 43), ("email", "b@example.com"), ("last_login", 1699990001), ("last_login", None)):
            with self.subTest(changed=field):
                self.assertEqual(self.check(dict(user, **{field: value}), token).code, 1)

    def test_integer_last_login_and_pk(self):
        # last_login as integer epoch seconds is formatted as Django's str(datetime) in UTC
        # (or local time with --no-use-tz): the same token as the text form.
        base = {"pk": 7, "password": HASH, "email": ""}
        as_int = self.make(dict(base, last_login=1699990000))
        self.assertEqual(as_int, self.make(dict(base, last_login="2023-11-14 19:26:40")))
        self.assertEqual(self.make(dict(base, pk="7", last_login=1699990000)), as_int)
        local = self.make(dict(base, last_login=1699990000), extra=["--no-use-tz", "--utc-offset", "3600"])
        self.assertEqual(local, self.make(dict(base, last_login="2023-11-14 20:26:40"), extra=["--utc-offset", "3600"]))

    def test_timeout_boundary_and_future(self):
        user = {"pk": 1, "password": HASH}
        token = self.make(user)
        self.assertEqual(self.check(user, token, now="1700000100.999", extra=["--timeout", "100"]).code, 0)
        r = self.check(user, token, now="1700000101", extra=["--timeout", "100"])
        self.assertEqual((r.code, r.err), (1, b"expired: the token is older than the timeout\n"))
        self.assertEqual(self.check(user, token, now="1699990000").code, 0)  # Django accepts the future
        r = self.check(user, token, now="1699990000", extra=["--max-future", "60"])
        self.assertEqual(r.code, 1)
        self.assertTrue(r.err.startswith(b"not_yet_valid: "))

    def test_fallback_keys(self):
        user = {"pk": 1, "password": HASH}
        old = self.ok(["django", "reset-token", "make", "--key-file", self.old_file, "--now", "1700000000"],
                      json.dumps(user)).decode()
        self.assertEqual(self.check(user, old).code, 1)
        r = self.check(user, old, extra=["--fallback-key-file", self.older_file, "--fallback-key-file", self.old_file])
        self.assertEqual((r.code, r.out), (0, b"valid\n"))

    def test_malformed_and_usage(self):
        user = {"pk": 1, "password": HASH}
        for bad in ("", "abc", "a-b-c", "ZZ-00", "x" * 100):
            with self.subTest(token=bad):
                r = self.check(user, bad)
                self.assertEqual((r.code, r.out), (1, b""))
                self.assertTrue(r.err.startswith(b"malformed: "), r.err)
        base = ["django", "reset-token", "make", "--key-file", self.secret_file]
        self.usage_error(base, json.dumps({"password": HASH}), mentions=b"pk")
        self.usage_error(base, json.dumps({"pk": 1}), mentions=b"password")
        self.usage_error(base, json.dumps({"pk": 1, "password": HASH, "pasword": "x"}), mentions=b"pasword")
        self.usage_error(base, '{"pk": 1, "pk": 2, "password": "x"}', mentions=b"twice")
        self.usage_error(base, '{"pk": 1.5, "password": "x"}')
        self.usage_error(base, '[1]')
        self.usage_error(base, "not json " + HASH)
        self.usage_error(base + ["--algorithm", "md5"], json.dumps(user))
        self.usage_error(base + ["--utc-offset", "1.5"], json.dumps(user))
        self.usage_error(["django", "reset-token", "check", "--key-file", self.secret_file], json.dumps(user),
                         mentions=b"token")
        self.usage_error(["django", "reset-token", "check", "--key-file", self.secret_file, "--timeout", "-1"],
                         json.dumps(dict(user, token="x-y")))
        self.usage_error(["django", "reset-token", "frobnicate"])
        # The hash is never echoed, whatever goes wrong.
        for args, stdin in ((base, json.dumps({"pk": 1, "password": HASH, "x": 1})),
                            (base, "{" + HASH)):
            r = self.run_cli(args, stdin)
            self.assertNotIn(b"SENSITIVE", r.out + r.err)

    def test_help(self):
        out = self.ok(["django", "reset-token", "--help"])
        self.assertIn(b"PasswordResetTokenGenerator", out)
        self.assertIn(b"--timeout", self.ok(["django", "reset-token", "check", "--help"]))
        self.assertIn(b"reset-token", self.ok(["django", "--help"]) + self.ok(["--help"]))


class StateTokenTest(CliTestCase):
    def setUp(self):
        super().setUp()
        self.key = self.key_file(b"K" * 16 + cs.SECRET + b"-32-bytes-at-least\n")

    def sign(self, body, purpose="password-reset", now="1700000000"):
        return self.ok(["state", "sign", "--key-file", self.key, "--purpose", purpose, "--now", now],
                       json.dumps(body)).decode()

    def verify(self, body, purpose="password-reset", now="1700000100", max_age="3600", extra=()):
        r = self.run_cli(["state", "verify", "--key-file", self.key, "--purpose", purpose, "--max-age", max_age,
                          "--now", now] + list(extra), json.dumps(body))
        self.assertNotIn(b"SENSITIVE", r.out + r.err)
        return r

    def test_round_trip_and_state_change(self):
        state = [HASH, "2023-11-14 19:26:40", 3]
        token = self.sign({"subject": "42", "state": state, "payload": "next=/home"})
        self.assertRegex(token, r"^[A-Za-z0-9_-]*\.[0-9A-Za-z]+\.[A-Za-z0-9_-]{43}$")
        r = self.verify({"token": token, "subject": "42", "state": [HASH, "2023-11-14 19:26:40", "3"]})
        self.assertEqual((r.code, r.out, r.err), (0, b"next=/home\n", b""))
        for changed in ([HASH + "x", "2023-11-14 19:26:40", 3], [HASH, "2023-11-14 19:26:41", 3], [HASH, "2023-11-14 19:26:40", 4],
                        [HASH, "2023-11-14 19:26:40"]):
            with self.subTest(state=changed[1:]):
                r = self.verify({"token": token, "subject": "42", "state": changed})
                self.assertEqual((r.code, r.out), (1, b""))
                self.assertTrue(r.err.startswith(b"bad_signature: "), r.err)
        r = self.verify({"token": token, "subject": "42", "state": state}, purpose="email-confirm")
        self.assertEqual(r.code, 1)

    def test_ambiguity_free(self):
        token = self.sign({"subject": "1", "state": ["2x"]})
        self.assertEqual(self.verify({"token": token, "subject": "1", "state": ["2x"]}).code, 0)
        self.assertEqual(self.verify({"token": token, "subject": "12", "state": ["x"]}).code, 1)

    def test_age(self):
        token = self.sign({"subject": "1", "state": []})
        self.assertEqual(self.verify({"token": token, "subject": "1", "state": []}, now="1700000100.5", max_age="100").code, 0)
        r = self.verify({"token": token, "subject": "1", "state": []}, now="1700000101", max_age="100")
        self.assertEqual((r.code, r.err), (1, b"expired: the token is older than max_age\n"))
        r = self.verify({"token": token, "subject": "1", "state": []}, now="1699999000")
        self.assertTrue(r.err.startswith(b"not_yet_valid: "))

    def test_fingerprint(self):
        fp = self.ok(["state", "fingerprint", "--key-file", self.key, "--purpose", "jwt"],
                     json.dumps({"state": ["42", HASH]})).decode()
        self.assertEqual(len(fp), 22)
        self.assert_out(["state", "fingerprint", "--key-file", self.key, "--purpose", "jwt"],
                        json.dumps({"state": ["42", HASH], "fingerprint": fp}), b"valid")
        r = self.run_cli(["state", "fingerprint", "--key-file", self.key, "--purpose", "jwt"],
                         json.dumps({"state": ["42", HASH + "!"], "fingerprint": fp}))
        self.assertEqual((r.code, r.out), (1, b""))
        self.assertTrue(r.err.startswith(b"revoked: "))

    def test_usage(self):
        short = self.key_file(b"short")
        self.usage_error(["state", "sign", "--key-file", short, "--purpose", "p"], '{"subject":"1"}', mentions=b"32")
        self.usage_error(["state", "sign", "--key-file", self.key], '{"subject":"1"}', mentions=b"purpose")
        self.usage_error(["state", "verify", "--key-file", self.key, "--purpose", "p"], '{"token":"a.b.c","subject":"1"}',
                         mentions=b"max-age")
        self.usage_error(["state", "sign", "--key-file", self.key, "--purpose", "p"], '{"subject":"1","state":"x"}')
        self.usage_error(["state", "sign", "--key-file", self.key, "--purpose", "p"], '{"subject":"1","state":[{}]}')


if __name__ == "__main__":
    cs.take_binary_from_argv()
    unittest.main()
