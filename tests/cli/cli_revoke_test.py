"""CLI tests for `signet revoke jti|subject|django|itsdangerous` and `--redis`
on the verify commands, against a real redis-server started on a free loopback port.

Run: /usr/bin/python3 cli_revoke_test.py <build>/tools/signet/signet
Skips (with a message) when redis-server is not installed.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

import cli_support
from cli_support import CliTestCase, SECRET

REDIS_PASSWORD = b"redis-PASSWORD-5521"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(directory, extra=()):
    """Starts redis-server in the foreground of its own session; returns (process, port)."""
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    proc = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--daemonize", "no", "--dir", directory, "--loglevel", "warning"] + list(extra),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("redis-server did not start")


def stop_redis(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class RevokeCliTest(CliTestCase):
    @classmethod
    def setUpClass(cls):
        if not (shutil.which("redis-server") or os.access("/usr/bin/redis-server", os.X_OK)):
            raise unittest.SkipTest("redis-server is not installed: the revocation CLI tests are skipped")
        cls._dir = tempfile.TemporaryDirectory(prefix="signet-redis-")
        cls.proc, cls.port = start_redis(cls._dir.name)
        cls.url = "redis://127.0.0.1:%d/0" % cls.port
        cls.auth_proc, cls.auth_port = start_redis(cls._dir.name, ["--requirepass", REDIS_PASSWORD.decode()])

    @classmethod
    def tearDownClass(cls):
        stop_redis(cls.proc)
        stop_redis(cls.auth_proc)
        cls._dir.cleanup()

    def setUp(self):
        super().setUp()
        self.hs_file = self.key_file(SECRET * 2 + b"\n")
        self.now = int(time.time())
        # Unique ids per test: the server is shared by the whole class.
        self.tag = "%s-%d" % (self.id().rsplit(".", 1)[-1], time.monotonic_ns())

    def jwt(self, claims, now=None):
        args = ["jwt", "sign", "--alg", "HS256", "--key-file", self.hs_file, "--iat", "--exp-in", "600"]
        if now is not None:
            args += ["--now", str(now)]
        return self.ok(args, json.dumps(claims))

    def verify(self, token, *extra):
        return self.run_cli(["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file] + list(extra), token)

    def test_revoke_jti_then_verify_refuses_it(self):
        revoked = self.jwt({"iss": "https://a", "jti": self.tag + "-1", "sub": "alice"})
        kept = self.jwt({"iss": "https://a", "jti": self.tag + "-2", "sub": "alice"})
        other_issuer = self.jwt({"iss": "https://b", "jti": self.tag + "-1", "sub": "alice"})
        self.assertEqual(self.verify(revoked, "--redis", self.url).code, 0)
        r = self.run_cli(["revoke", "jti", self.tag + "-1", "--iss", "https://a", "--until", str(self.now + 600),
                          "--redis", self.url])
        self.assertEqual((r.code, r.out, r.err), (0, b"", b""))
        self.rejected_prefix(["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--redis", self.url],
                             revoked, b"revoked: ")
        self.assertEqual(self.verify(kept, "--redis", self.url).code, 0)
        self.assertEqual(self.verify(other_issuer, "--redis", self.url).code, 0)
        # Without --redis the list is not consulted.
        self.assertEqual(self.verify(revoked).code, 0)

    def test_subject_cutoff(self):
        sub = self.tag + "-alice"
        before = self.jwt({"iss": "https://a", "jti": self.tag + "-1", "sub": sub})
        bob = self.jwt({"iss": "https://a", "jti": self.tag + "-2", "sub": self.tag + "-bob"})
        # The cutoff is a few seconds ahead, so the tokens just signed (iat = now,
        # or the next second) are surely before it.
        r = self.run_cli(["revoke", "subject", sub, "--iss", "https://a", "--before", str(self.now + 5),
                          "--keep-until", str(self.now + 3600), "--redis", self.url])
        self.assertEqual((r.code, r.err), (0, b""))
        r = self.verify(before, "--redis", self.url)
        self.assertEqual(r.code, 1)
        self.assertTrue(r.err.startswith(b"revoked: "), r.err)
        self.assertEqual(self.verify(bob, "--redis", self.url).code, 0)
        # Issued after the cutoff: accepted.
        after = self.jwt({"iss": "https://a", "jti": self.tag + "-3", "sub": sub}, now=self.now + 10)
        self.assertEqual(self.verify(after, "--redis", self.url, "--now", str(self.now + 20)).code, 0)
        # A token of that subject without iat is refused while the cutoff holds.
        no_iat = self.ok(["jwt", "sign", "--alg", "HS256", "--key-file", self.hs_file, "--exp-in", "600"],
                         json.dumps({"iss": "https://a", "sub": sub}))
        self.assertEqual(self.verify(no_iat, "--redis", self.url).code, 1)
        self.usage_error(["revoke", "subject", sub, "--before", "100", "--keep-until", "50", "--redis", self.url])

    def test_django_tokens(self):
        token = self.ok(["django", "dumps", "--key-file", self.secret_file], json.dumps({"tag": self.tag}))
        loads = ["django", "loads", "--key-file", self.secret_file, "--redis", self.url]
        self.assertEqual(self.run_cli(loads, token).code, 0)
        r = self.run_cli(["revoke", "django", "--max-age", "3600", "--redis", self.url], token)
        self.assertEqual((r.code, r.err), (0, b""))
        self.rejected_prefix(loads, token, b"revoked: ")
        # A fresh token with the same payload (another timestamp or value) is another token.
        other = self.ok(["django", "dumps", "--key-file", self.secret_file, "--now", str(self.now - 5)],
                        json.dumps({"tag": self.tag}))
        self.assertEqual(self.run_cli(loads, other).code, 0)

        # TimestampSigner text, through unsign --timestamp.
        stamped = self.ok(["django", "sign", "--key-file", self.secret_file, "--timestamp"], self.tag)
        unsign_ts = ["django", "unsign", "--key-file", self.secret_file, "--timestamp", "--redis", self.url]
        self.assertEqual(self.run_cli(unsign_ts, stamped).code, 0)
        self.assertEqual(self.run_cli(["revoke", "django", "--max-age", "60", "--redis", self.url], stamped).code, 0)
        self.rejected_prefix(unsign_ts, stamped, b"revoked: ")

        # A plain Signer token has no timestamp: --until is required.
        plain = self.ok(["django", "sign", "--key-file", self.secret_file], self.tag)
        self.usage_error(["revoke", "django", "--max-age", "60", "--redis", self.url], plain, mentions=b"--until")
        unsign = ["django", "unsign", "--key-file", self.secret_file, "--redis", self.url]
        self.assertEqual(self.run_cli(unsign, plain).code, 0)
        self.assertEqual(self.run_cli(["revoke", "django", "--until", str(self.now + 600), "--redis", self.url],
                                      plain).code, 0)
        self.rejected_prefix(unsign, plain, b"revoked: ")
        self.usage_error(["revoke", "django", "--redis", self.url], plain)

        # Timestamps beyond int64 seconds (11 base62 digits) saturate instead
        # of overflowing: the entry lasts as long as a list can keep one.
        for stamp in ("zzzzzzzzzzz", "-zzzzzzzzzzz", "10000000000"):
            r = self.run_cli(["revoke", "django", "--max-age", "60", "--redis", self.url],
                             ("value:%s:%s" % (stamp, self.tag)).encode())
            self.assertEqual(r.code, 0, (stamp, r.err))

    def its(self, verb, *extra, stdin=b""):
        """Runs `signet itsdangerous VERB --key-file SECRET ...`."""
        return self.run_cli(["itsdangerous", verb, "--key-file", self.secret_file] + list(extra), stdin)

    def its_ok(self, verb, stdin, *extra):
        return self.ok(["itsdangerous", verb, "--key-file", self.secret_file] + list(extra), stdin)

    def revoke_its(self, token, *extra, url=None):
        return self.run_cli(["revoke", "itsdangerous"] + list(extra) + ["--redis", url or self.url], token)

    def test_itsdangerous_timed_tokens(self):
        payload = json.dumps({"tag": self.tag})
        for fmt in (["--url-safe"], ["--plain"]):
            token = self.its_ok("dumps", payload, "--timestamp", *fmt)
            loads = ["itsdangerous", "loads", "--key-file", self.secret_file, "--timestamp"] + fmt + [
                "--redis", self.url]
            self.assertEqual(self.run_cli(loads, token).code, 0, fmt)
            r = self.revoke_its(token, "--max-age", "3600")
            self.assertEqual((r.code, r.out, r.err), (0, b"", b""), fmt)
            self.rejected_prefix(loads, token, b"revoked: ")
            self.rejected_prefix(loads + ["--max-age", "3600"], token, b"revoked: ")
            # The same payload at another second is another token.
            other = self.its_ok("dumps", payload, "--timestamp", *fmt, "--now", str(self.now - 5))
            self.assertEqual(self.run_cli(loads, other).code, 0, fmt)
            # Without --redis the list is not consulted.
            self.assertEqual(self.run_cli(loads[:-2], token).code, 0, fmt)

        # TimestampSigner bytes, through unsign --timestamp.
        stamped = self.its_ok("sign", self.tag, "--timestamp")
        unsign_ts = ["itsdangerous", "unsign", "--key-file", self.secret_file, "--timestamp", "--redis", self.url]
        self.assertEqual(self.run_cli(unsign_ts, stamped).code, 0)
        self.assertEqual(self.revoke_its(stamped, "--max-age", "60").code, 0)
        self.rejected_prefix(unsign_ts, stamped, b"revoked: ")

    def test_itsdangerous_max_age_counts_from_the_token_timestamp(self):
        # Signed 10000 s ago: timestamp + 1 s (+ 600 s grace) has long passed,
        # so the revocation is a no-op and the token is still accepted. Had the
        # timestamp been misread (or "now" been used) it would be refused.
        old = self.its_ok("sign", self.tag, "--timestamp", "--now", str(self.now - 10000))
        unsign_ts = ["itsdangerous", "unsign", "--key-file", self.secret_file, "--timestamp", "--redis", self.url]
        r = self.revoke_its(old, "--max-age", "1")
        self.assertEqual(r.code, 0)
        # Nothing is stored, and the CLI says why (an untimed token that only
        # looks stamped would otherwise stay valid without a word).
        self.assertIn(b"already past", r.err)
        self.assertIn(b"--until", r.err)
        self.assertEqual(self.run_cli(unsign_ts, old).code, 0)
        self.assertEqual(self.revoke_its(old, "--max-age", "10000").code, 0)
        self.rejected_prefix(unsign_ts, old, b"revoked: ")

    def test_itsdangerous_untimed_tokens(self):
        # A Signer or untimed serializer token has no timestamp: --until is required.
        plain = self.its_ok("sign", self.tag)
        self.usage_error(["revoke", "itsdangerous", "--max-age", "60", "--redis", self.url], plain, mentions=b"--until")
        unsign = ["itsdangerous", "unsign", "--key-file", self.secret_file, "--redis", self.url]
        self.assertEqual(self.run_cli(unsign, plain).code, 0)
        self.assertEqual(self.revoke_its(plain, "--until", str(self.now + 600)).code, 0)
        self.rejected_prefix(unsign, plain, b"revoked: ")
        self.usage_error(["revoke", "itsdangerous", "--redis", self.url], plain)
        self.usage_error(["revoke", "itsdangerous", "--until", "5", "--max-age", "5", "--redis", self.url], plain)
        for fmt in (["--url-safe"], ["--plain"]):
            token = self.its_ok("dumps", json.dumps({"tag": self.tag, "fmt": fmt[0]}), *fmt)
            loads = ["itsdangerous", "loads", "--key-file", self.secret_file] + fmt + ["--redis", self.url]
            self.assertEqual(self.run_cli(loads, token).code, 0, fmt)
            self.usage_error(["revoke", "itsdangerous", "--max-age", "60", "--redis", self.url], token,
                             mentions=b"--until")
            self.assertEqual(self.revoke_its(token, "--until", str(self.now + 600)).code, 0)
            self.rejected_prefix(loads, token, b"revoked: ")

    def test_itsdangerous_separator_and_namespace(self):
        token = self.its_ok("sign", self.tag + "~x", "--timestamp", "--sep", "~")
        unsign = ["itsdangerous", "unsign", "--key-file", self.secret_file, "--timestamp", "--sep", "~",
                  "--redis", self.url]
        self.assertEqual(self.run_cli(unsign, token).code, 0)
        # The default separator does not occur in this token.
        r = self.revoke_its(token, "--max-age", "60")
        self.assertEqual((r.code, r.out), (1, b""), r.err)
        self.assertTrue(r.err.startswith(b"malformed: "), r.err)
        # Revoked as a Django token (another issuer), the same signature still passes.
        r = self.run_cli(["revoke", "django", "--until", str(self.now + 600), "--sep", "~", "--redis", self.url],
                         token)
        self.assertEqual(r.code, 0, r.err)
        self.assertEqual(self.run_cli(unsign, token).code, 0)
        self.assertEqual(self.revoke_its(token, "--max-age", "60", "--sep", "~").code, 0)
        self.rejected_prefix(unsign, token, b"revoked: ")
        # A forged token is refused for its signature, whatever the list holds.
        forged = token[:-1] + (b"A" if token[-1:] != b"A" else b"B")
        self.rejected_prefix(unsign, forged, b"bad_signature: ")

    def test_itsdangerous_tokens_made_by_itsdangerous(self):
        # Tokens made by the real itsdangerous (Debian's python3-itsdangerous,
        # run with /usr/bin/python3 whichever Python runs this test).
        maker = (
            "import sys, itsdangerous as i\n"
            "k, tag = sys.argv[1].encode(), sys.argv[2]\n"
            "print(i.URLSafeTimedSerializer(k).dumps({'tag': tag}))\n"
            "print(i.TimedSerializer(k).dumps({'tag': tag}))\n"
            "print(i.TimestampSigner(k, sep='~').sign(tag).decode())\n"
            "print(i.Signer(k).sign(tag).decode())\n"
            "print(i.URLSafeSerializer(k).dumps({'tag': tag}))\n")
        try:
            made = subprocess.run(["/usr/bin/python3", "-c", maker, SECRET.decode(), self.tag],
                                  capture_output=True, check=True, timeout=60).stdout.split(b"\n")
        except (OSError, subprocess.CalledProcessError) as e:
            self.skipTest("/usr/bin/python3 cannot run itsdangerous: %s" % e)
        urlsafe_timed, timed, stamped, signed, urlsafe = made[:5]
        cases = (
            (urlsafe_timed, ["loads", "--timestamp"], ["--max-age", "3600"]),
            (timed, ["loads", "--timestamp", "--plain"], ["--max-age", "3600"]),
            (stamped, ["unsign", "--timestamp", "--sep", "~"], ["--max-age", "60", "--sep", "~"]),
            (signed, ["unsign"], ["--until", str(self.now + 600)]),
            (urlsafe, ["loads"], ["--until", str(self.now + 600)]),
        )
        for token, verify, revoke in cases:
            args = ["itsdangerous", verify[0], "--key-file", self.secret_file] + verify[1:] + ["--redis", self.url]
            r = self.run_cli(args, token)
            self.assertEqual((r.code, r.err), (0, b""), verify)
            self.assertIn(self.tag.encode(), r.out)
            r = self.revoke_its(token, *revoke)
            self.assertEqual((r.code, r.out, r.err), (0, b"", b""), revoke)
            self.rejected_prefix(args, token, b"revoked: ")

    def test_itsdangerous_redis_down_and_password(self):
        dead = "redis://127.0.0.1:%d" % free_port()
        stamped = self.its_ok("sign", self.tag, "--timestamp")
        plain = self.its_ok("sign", self.tag)
        for token, extra in ((stamped, ["--timestamp"]), (plain, [])):
            r = self.its("unsign", *extra, "--redis", dead, stdin=token)
            self.assertEqual((r.code, r.out), (3, b""), r.err)
            self.assertTrue(r.err.startswith(b"backend_failure: redis"), r.err)
            r = self.its("unsign", *extra, "--redis", dead, "--redis-fail-open", stdin=token)
            self.assertEqual((r.code, r.out, r.err), (0, self.tag.encode() + b"\n", b""))
        token = self.its_ok("dumps", json.dumps({"tag": self.tag}), "--timestamp")
        r = self.its("loads", "--timestamp", "--redis", dead, stdin=token)
        self.assertEqual((r.code, r.out), (3, b""), r.err)
        r = self.revoke_its(token, "--max-age", "60", url=dead)
        self.assertEqual(r.code, 3)
        self.assertTrue(r.err.startswith(b"backend_failure: redis"), r.err)
        # A forged token is refused before Redis is asked: exit 1, not 3.
        forged = token[:-1] + (b"A" if token[-1:] != b"A" else b"B")
        r = self.its("loads", "--timestamp", "--redis", dead, stdin=forged)
        self.assertEqual(r.code, 1, r.err)
        self.assertTrue(r.err.startswith(b"bad_signature: "), r.err)

        url = "redis://127.0.0.1:%d" % self.auth_port
        good = self.key_file(REDIS_PASSWORD + b"\n")
        base = ["itsdangerous", "loads", "--key-file", self.secret_file, "--timestamp", "--redis", url,
                "--redis-password-file", good]
        self.assertEqual(self.run_cli(base, token).code, 0)
        r = self.run_cli(["revoke", "itsdangerous", "--max-age", "60", "--redis", url, "--redis-password-file", good],
                         token)
        self.assertEqual((r.code, r.err), (0, b""))
        self.rejected_prefix(base, token, b"revoked: ")
        with_pw_url = "redis://:%s@127.0.0.1:%d/0" % (REDIS_PASSWORD.decode(), self.auth_port)
        for args in (["itsdangerous", "loads", "--key-file", self.secret_file, "--timestamp", "--redis", with_pw_url],
                     ["revoke", "itsdangerous", "--max-age", "60", "--redis", with_pw_url]):
            r = self.run_cli(args, token)
            self.assertEqual((r.code, r.out), (2, b""), r.err)
            self.assertNotIn(REDIS_PASSWORD, r.err)

    def test_paseto_tokens(self):
        key = os.path.join(self.tmp, "local.paserk")
        r = self.run_cli(["key", "generate", "--paseto", "v4.local", "--out", key])
        self.assertEqual(r.code, 0, r.err)
        claims = json.dumps({"iss": "p", "jti": self.tag, "exp": time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                                                                time.gmtime(self.now + 600))})
        token = self.ok(["paseto", "encrypt", "--key-file", key], claims)
        decrypt = ["paseto", "decrypt", "--key-file", key, "--redis", self.url]
        self.assertEqual(self.run_cli(decrypt, token).code, 0)
        self.assertEqual(self.run_cli(["revoke", "jti", self.tag, "--iss", "p", "--until", str(self.now + 600),
                                       "--redis", self.url]).code, 0)
        self.rejected_prefix(decrypt, token, b"revoked: ")

    def test_redis_down_follows_the_failure_policy(self):
        dead = "redis://127.0.0.1:%d" % free_port()
        token = self.jwt({"iss": "https://a", "jti": self.tag, "sub": "alice"})
        r = self.verify(token, "--redis", dead)
        self.assertEqual((r.code, r.out), (3, b""), r.err)
        self.assertTrue(r.err.startswith(b"backend_failure: redis"), r.err)
        self.assertEqual(r.err.count(b"\n"), 1)
        r = self.verify(token, "--redis", dead, "--redis-fail-open")
        self.assertEqual((r.code, r.err), (0, b""))
        self.assertIn(self.tag.encode(), r.out)
        r = self.run_cli(["revoke", "jti", self.tag, "--until", str(self.now + 600), "--redis", dead])
        self.assertEqual(r.code, 3)
        self.assertTrue(r.err.startswith(b"backend_failure: redis"), r.err)
        # A server stopped mid-run: the same, with no hang.
        proc, port = start_redis(self._dir.name)
        url = "redis://127.0.0.1:%d" % port
        self.assertEqual(self.verify(token, "--redis", url).code, 0)
        stop_redis(proc)
        started = time.monotonic()
        self.assertEqual(self.verify(token, "--redis", url).code, 3)
        self.assertLess(time.monotonic() - started, 10)

    def test_url_with_password_is_refused_and_never_echoed(self):
        token = self.jwt({"iss": "https://a", "jti": self.tag})
        for url in ("redis://:%s@127.0.0.1:%d/0" % (REDIS_PASSWORD.decode(), self.auth_port),
                    "redis://default:%s@127.0.0.1:%d" % (REDIS_PASSWORD.decode(), self.auth_port)):
            for args in (["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--redis", url],
                         ["revoke", "jti", "x", "--until", str(self.now + 60), "--redis", url]):
                r = self.run_cli(args, token)
                self.assertEqual((r.code, r.out), (2, b""), r.err)
                self.assertIn(b"--redis-password-file", r.err)
                self.assertNotIn(REDIS_PASSWORD, r.err)

    def test_password_from_a_file(self):
        token = self.jwt({"iss": "https://a", "jti": self.tag})
        url = "redis://127.0.0.1:%d" % self.auth_port
        good = self.key_file(REDIS_PASSWORD + b"\n")
        wrong = self.key_file(b"not-the-password-9931\n")
        base = ["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--redis", url]
        self.assertEqual(self.run_cli(base + ["--redis-password-file", good], token).code, 0)
        r = self.run_cli(["revoke", "jti", self.tag, "--iss", "https://a", "--until", str(self.now + 600),
                          "--redis", url, "--redis-password-file", good])
        self.assertEqual((r.code, r.err), (0, b""))
        self.rejected_prefix(base + ["--redis-password-file", good], token, b"revoked: ")
        r = self.run_cli(base + ["--redis-password-file", wrong], token)
        self.assertEqual((r.code, r.out), (2, b""), r.err)
        self.assertNotIn(b"not-the-password-9931", r.err)
        r = self.run_cli(base, token)  # no password: NOAUTH
        self.assertEqual(r.code, 2, r.err)
        self.assertIn(b"NOAUTH", r.err)
        r = self.run_cli(base + ["--redis-password-env", "SIGNET_TEST_REDIS_PW"], token,
                         env={"SIGNET_TEST_REDIS_PW": REDIS_PASSWORD})
        self.assertEqual(r.code, 1, r.err)  # revoked above

    def test_usage(self):
        token = self.jwt({"jti": self.tag})
        self.usage_error(["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--redis-fail-open"], token,
                         mentions=b"--redis")
        self.usage_error(["jwt", "verify", "--alg", "HS256", "--key-file", self.hs_file, "--redis", "http://x"], token)
        self.usage_error(["revoke", "jti", "--until", "5", "--redis", self.url], mentions=b"jti")
        self.usage_error(["revoke", "jti", "x", "--redis", self.url], mentions=b"--until")
        self.usage_error(["revoke", "jti", "x", "--until", str(self.now + 60)], mentions=b"--redis")
        self.usage_error(["revoke", "jti", "x", "--until", str(self.now + 60), "--redis", self.url,
                          "--redis-fail-open"])
        for args in (["revoke", "--help"], ["revoke", "jti", "--help"], ["revoke", "subject", "--help"],
                     ["revoke", "django", "--help"], ["revoke", "itsdangerous", "--help"]):
            r = self.run_cli(args)
            self.assertEqual(r.code, 0, args)
            self.assertIn(b"usage:", r.out)
        r = self.run_cli(["jwt", "verify", "--help"])
        self.assertIn(b"--redis", r.out)
        for verb in ("loads", "unsign"):
            r = self.run_cli(["itsdangerous", verb, "--help"])
            self.assertIn(b"--redis", r.out)
            self.usage_error(["itsdangerous", verb, "--key-file", self.secret_file, "--redis-fail-open"], b"x.y",
                             mentions=b"--redis")
            self.usage_error(["itsdangerous", verb, "--key-file", self.secret_file, "--redis", "http://x"], b"x.y")
        r = self.run_cli(["revoke", "--help"])
        self.assertIn(b"itsdangerous", r.out)
        self.usage_error(["revoke", "itsdangerous", "--until", str(self.now + 60)], b"x.y", mentions=b"--redis")
        self.usage_error(["revoke", "itsdangerous", "--until", str(self.now + 60), "--redis", self.url,
                          "--redis-fail-open"], b"x.y")


if __name__ == "__main__":
    cli_support.take_binary_from_argv()
    unittest.main()
