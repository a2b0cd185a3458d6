"""Shared plumbing of the signet CLI tests (stdlib only).

The binary is taken from the first command-line argument (removed before
unittest sees argv) or, failing that, from the SIGNET_CLI environment variable:

    /usr/bin/python3 cli_django_test.py /path/to/signet [unittest options]

Every invocation made through CliTestCase.run_cli is also checked for leaked
secrets: none of SECRETS may ever appear on stdout or stderr.
"""

import base64
import collections
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import unittest
import zlib

# Distinctive keys: any of these on stdout or stderr is a leaked secret.
SECRET = b"SUPER-SECRET-KEY-7731"
OLD_SECRET = b"OLD-SECRET-KEY-4409"
OLDER_SECRET = b"OLDER-SECRET-KEY-0518"
SECRETS = (SECRET, OLD_SECRET, OLDER_SECRET)

# The key of the reference values produced by real Django 3.2.
REF_KEY = b"test-secret-key"

SIGNER_SALT = b"django.core.signing.Signer"
TIMESTAMP_SIGNER_SALT = b"django.core.signing.TimestampSigner"
DUMPS_SALT = b"django.core.signing"
ALGORITHMS = ("sha1", "sha224", "sha256", "sha384", "sha512")

BINARY = None


def take_binary_from_argv():
    """Pops the binary path from sys.argv (or reads $SIGNET_CLI); exits 2 if none."""
    global BINARY
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        BINARY = sys.argv.pop(1)
    else:
        BINARY = os.environ.get("SIGNET_CLI")
    if not BINARY or not os.access(BINARY, os.X_OK):
        sys.stderr.write("usage: %s SIGNET_BINARY [unittest options]  (or set SIGNET_CLI)\n" % sys.argv[0])
        sys.exit(2)


# --------------------------------------------------------------------------- Django reference
# A transcription of django.core.signing (3.2 / 4.x) on bytes, checked against
# values produced by real Django in ReferenceVectors.


def b64_encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def b62_encode(n):
    alphabet = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return b"0"
    sign = b""
    if n < 0:
        sign, n = b"-", -n
    out = b""
    while n > 0:
        n, r = divmod(n, 62)
        out = alphabet[r:r + 1] + out
    return sign + out


def ref_signature(key, value, salt=SIGNER_SALT, algorithm="sha256"):
    derived = hashlib.new(algorithm, salt + b"signer" + key).digest()
    return b64_encode(hmac.new(derived, value, algorithm).digest())


def ref_sign(key, value, salt=SIGNER_SALT, sep=b":", algorithm="sha256"):
    return value + sep + ref_signature(key, value, salt, algorithm)


def ref_timestamp_sign(key, value, timestamp, salt=TIMESTAMP_SIGNER_SALT, sep=b":", algorithm="sha256"):
    return ref_sign(key, value + sep + b62_encode(timestamp), salt, sep, algorithm)


def ref_payload(obj, compress=False):
    data = json.dumps(obj, separators=(",", ":")).encode("latin-1")
    if compress:
        packed = zlib.compress(data)
        if len(packed) < len(data) - 1:
            return b"." + b64_encode(packed)
    return b64_encode(data)


def ref_dumps(key, obj, timestamp, salt=DUMPS_SALT, compress=False, algorithm="sha256"):
    return ref_timestamp_sign(key, ref_payload(obj, compress), timestamp, salt, b":", algorithm)


def compact(obj):
    """What `loads` prints: compact JSON, UTF-8, member order kept."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def parse_ordered(text):
    return json.loads(text, object_pairs_hook=collections.OrderedDict)


# --------------------------------------------------------------------------- test case base

Result = collections.namedtuple("Result", "code out err")


class CliTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="signet-cli-test-")
        self.addCleanup(self._tmp.cleanup)
        self.tmp = self._tmp.name
        self._nfiles = 0
        self.secret_file = self.key_file(SECRET + b"\n")
        self.old_file = self.key_file(OLD_SECRET)
        self.older_file = self.key_file(OLDER_SECRET + b"\n")
        self.ref_file = self.key_file(REF_KEY + b"\n")

    # --- files and processes ------------------------------------------------
    def key_file(self, content, name=None):
        """Writes `content` (bytes, exactly) to a new file and returns its path."""
        self._nfiles += 1
        path = os.path.join(self.tmp, name or "key%d" % self._nfiles)
        with open(path, "wb") as f:
            f.write(content)
        return path

    def run_cli(self, args, stdin=b"", env=None):
        """Runs the binary; `env` entries (bytes -> bytes, or None to unset) amend the environment."""
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
        environment = dict(os.environb)
        environment.pop(b"SIGNET_TEST_UNSET_VAR", None)
        for name, value in (env or {}).items():
            name = name.encode() if isinstance(name, str) else name
            if value is None:
                environment.pop(name, None)
            else:
                environment[name] = value.encode() if isinstance(value, str) else value
        argv = [BINARY] + [a.encode("utf-8") if isinstance(a, str) else a for a in args]
        proc = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=environment, timeout=60)
        result = Result(proc.returncode, proc.stdout, proc.stderr)
        for secret in SECRETS:
            self.assertNotIn(secret, result.out, "secret leaked on stdout: %r" % (args,))
            self.assertNotIn(secret, result.err, "secret leaked on stderr: %r" % (args,))
        return result

    # --- expectations -------------------------------------------------------
    def ok(self, args, stdin=b"", env=None):
        """Expects exit 0, nothing on stderr and one trailing newline; returns stdout without it."""
        r = self.run_cli(args, stdin, env)
        self.assertEqual((r.code, r.err), (0, b""), "command %r (stdout %r)" % (args, r.out))
        self.assertTrue(r.out.endswith(b"\n"), "stdout must end with a newline: %r" % (r.out,))
        return r.out[:-1]

    def assert_out(self, args, stdin, expected, env=None):
        """Expects exit 0, stdout exactly `expected` plus one newline, empty stderr."""
        r = self.run_cli(args, stdin, env)
        self.assertEqual(r, Result(0, expected + b"\n", b""), "command %r" % (args,))

    def rejected(self, args, stdin, line, env=None):
        """Expects exit 1, empty stdout and stderr exactly `line` plus a newline."""
        r = self.run_cli(args, stdin, env)
        self.assertEqual(r, Result(1, b"", line + b"\n"), "command %r" % (args,))

    def rejected_prefix(self, args, stdin, prefix, env=None):
        """Expects exit 1, empty stdout and exactly one stderr line starting with `prefix`."""
        r = self.run_cli(args, stdin, env)
        self.assertEqual((r.code, r.out), (1, b""), "command %r (stderr %r)" % (args, r.err))
        self.assertTrue(r.err.startswith(prefix), "stderr %r does not start with %r" % (r.err, prefix))
        self.assertTrue(r.err.endswith(b"\n") and r.err.count(b"\n") == 1, "not one line: %r" % (r.err,))

    def usage_error(self, args, stdin=b"", env=None, mentions=None):
        """Expects exit 2, empty stdout and a diagnostic on stderr; returns stderr."""
        r = self.run_cli(args, stdin, env)
        self.assertEqual((r.code, r.out), (2, b""), "command %r (stderr %r)" % (args, r.err))
        self.assertNotEqual(r.err.strip(), b"", "exit 2 without a diagnostic: %r" % (args,))
        if mentions is not None:
            self.assertIn(mentions, r.err)
        return r.err
