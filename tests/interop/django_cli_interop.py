#!/usr/bin/python3
"""Interop between the `signet django ...` CLI and Django 3.2's django.core.signing.

Usage: /usr/bin/python3 django_cli_interop.py SIGNET_BINARY [--suite fixed|random|negative|config|all]
                                              [--cases N] [--seed S] [--jobs J] [--max-failures M]

Directions checked:
  (a) Django makes the token, `signet django loads|unsign` must return the same value;
  (b) `signet django dumps|sign` makes the token, Django must verify it to the same value;
  (c) `signet django dumps|sign` at the same --now is byte-identical to Django's token.
Negative cases expect exit 1, empty stdout and a one-line stderr starting with the signet
error code; configuration errors expect exit 2.

The random suite is seeded: the seed is printed; set SIGNET_INTEROP_SEED (or --seed) to replay.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import django_peer as dp  # noqa: E402

# --------------------------------------------------------------------------- plumbing


class Run:
    """One CLI invocation and what it must produce."""

    __slots__ = ("name", "argv", "stdin", "env", "check", "info", "result")

    def __init__(self, name, argv, stdin, env, check, info):
        self.name, self.argv, self.stdin, self.env, self.check, self.info = name, argv, stdin, env, check, info
        self.result = None


class Harness:
    def __init__(self, binary, jobs, max_failures):
        self.binary = binary
        self.jobs = jobs
        self.max_failures = max_failures
        self.tmp = tempfile.TemporaryDirectory(prefix="signet-interop-")
        self.nfiles = 0
        self.nenv = 0
        self.runs = []
        self.failures = []
        self.counts = {}
        self.text_mismatch = 0  # loads output parsed equal but text differs from Python's compact UTF-8 form

    # --- keys -------------------------------------------------------------
    def key_file(self, key, trailing_newline=None):
        """Path of a new file holding `key`; the CLI removes one trailing newline."""
        self.nfiles += 1
        path = os.path.join(self.tmp.name, "k%d" % self.nfiles)
        if trailing_newline is None:
            trailing_newline = key.endswith(b"\n") or (self.nfiles % 2 == 0)
        with open(path, "wb") as f:
            f.write(key + (b"\n" if trailing_newline else b""))
        return path

    def key_args(self, key, flag="key", mode=None, env=None):
        """argv for --key-file/--key-env (flag='key') or --fallback-key-* (flag='fallback-key')."""
        if mode is None:
            mode = "env" if (self.nfiles + self.nenv) % 3 == 0 else "file"
        if mode == "env" and b"\x00" not in key:
            self.nenv += 1
            var = "SIGNET_INTEROP_K%d" % self.nenv
            env[var.encode()] = key
            return ["--%s-env" % flag, var]
        return ["--%s-file" % flag, self.key_file(key)]

    # --- runs -------------------------------------------------------------
    def add(self, name, argv, stdin, check, info, env=None):
        self.counts[name] = self.counts.get(name, 0) + 1
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
        self.runs.append(Run(name, argv, stdin, env or {}, check, info))

    def _exec(self, run):
        env = dict(os.environb)
        env.update(run.env)
        argv = [self.binary] + run.argv
        try:
            p = subprocess.run([a.encode("utf-8", "surrogateescape") if isinstance(a, str) else a for a in argv],
                               input=run.stdin, capture_output=True, env=env, timeout=120)
            run.result = (p.returncode, p.stdout, p.stderr)
        except subprocess.TimeoutExpired:
            run.result = (-999, b"", b"timeout")

    def execute(self):
        runs, self.runs = self.runs, []
        with ThreadPoolExecutor(max_workers=self.jobs) as ex:
            list(ex.map(self._exec, runs))
        for r in runs:
            try:
                msg = r.check(r.result)
            except Exception as e:  # a bug in a check is a failure too
                msg = "check raised %r" % e
            if msg:
                self.fail(r, msg)
        return len(runs)

    def fail(self, run, msg):
        rc, out, err = run.result
        self.failures.append(run)
        if len(self.failures) <= self.max_failures:
            print("FAIL [%s] %s" % (run.name, msg))
            print("   argv : %s" % " ".join(repr(a) for a in run.argv))
            if run.env:
                print("   env  : %s" % {k.decode(): v for k, v in run.env.items()})
            print("   stdin: %r" % (run.stdin[:400] + (b"..." if len(run.stdin) > 400 else b"")))
            print("   got  : rc=%s stdout=%r stderr=%r" % (rc, out[:300], err[:300]))
            for k, v in run.info.items():
                s = repr(v)
                print("   %-5s: %s" % (k, s[:400] + ("..." if len(s) > 400 else "")))


def strip1(b):
    return b[:-1] if b.endswith(b"\n") else None


def expect_text(value):
    """Check: exit 0 and stdout == value + newline."""
    want = value.encode("utf-8") if isinstance(value, str) else value

    def check(res):
        rc, out, err = res
        if rc != 0:
            return "expected exit 0, got %d" % rc
        got = strip1(out)
        if got is None:
            return "stdout does not end with a newline"
        if got != want:
            return "stdout differs: want %r" % want[:300]
        return None
    return check


def expect_error(code):
    """Check: exit 1, empty stdout, one stderr line starting with `code`."""
    def check(res):
        rc, out, err = res
        if rc != 1:
            return "expected exit 1 (%s), got %d" % (code, rc)
        if out:
            return "stdout not empty on error"
        lines = err.decode("utf-8", "replace").splitlines()
        if len(lines) != 1:
            return "stderr must be exactly one line, got %d" % len(lines)
        line = lines[0]
        if not line.startswith(code) or (len(line) > len(code) and (line[len(code)].isalnum() or line[len(code)] == "_")):
            return "stderr must start with %r" % code
        return None
    return check


def expect_usage(res):
    rc, out, err = res
    if rc != 2:
        return "expected exit 2 (usage/config), got %d" % rc
    if out:
        return "stdout not empty on a usage error"
    return None


def expect_outcome(outcome, parse_json=False, harness=None):
    """Check for a reference outcome ('ok', value) / ('err', code)."""
    kind, v = outcome
    if kind == "err":
        return expect_error(v)
    if not parse_json:
        return expect_text(v)

    def check(res):
        rc, out, err = res
        if rc != 0:
            return "expected exit 0, got %d" % rc
        got = strip1(out)
        if got is None:
            return "stdout does not end with a newline"
        try:
            parsed = json.loads(got.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            return "stdout is not JSON/UTF-8: %s" % e
        if not dp.same_json_value(parsed, v):
            return "JSON value differs from Django's: want %r" % (v,)
        if harness is not None and got != dp.compact_utf8_json(v).encode("utf-8"):
            harness.text_mismatch += 1
        return None
    return check


def alg_args(alg, rng):
    if alg == "sha256" and rng.random() < 0.5:
        return []
    return ["--algorithm", alg]


def salt_args(salt):
    return [] if salt is None else ["--salt", salt]


def sep_args(sep, rng):
    if sep == ":" and rng.random() < 0.5:
        return []
    return ["--sep", sep]


def fmt_now(t):
    return repr(float(t)) if t != int(t) else str(int(t))


KEY = b"test-secret-key"
T0 = 1_700_000_000

# --------------------------------------------------------------------------- fixed suite


def suite_fixed(h, rng):
    env = {}
    k = h.key_args(KEY, mode="file", env=env)
    ke = h.key_args(KEY, mode="env", env=env)
    ex_sign = "hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA"
    assert dp.make_sign("hello", KEY) == ex_sign
    h.add("fixed", ["django", "sign"] + k, "hello\n", expect_text(ex_sign), {"want": ex_sign}, env)
    h.add("fixed", ["django", "sign"] + ke, "hello\n", expect_text(ex_sign), {"want": ex_sign}, env)
    h.add("fixed", ["django", "unsign"] + k, ex_sign + "\n", expect_text("hello"), {}, env)
    uni = "héllo ☃ 😀"
    ex_uni = "héllo ☃ 😀:I0W8ay-s3bsUk0-rlq9_Si25O4vWifXitPSqcfPajAg"
    assert dp.make_sign(uni, KEY) == ex_uni
    h.add("fixed", ["django", "sign"] + k, uni + "\n", expect_text(ex_uni), {}, env)
    h.add("fixed", ["django", "unsign"] + k, ex_uni + "\n", expect_text(uni), {}, env)

    obj = {"a": 1, "b": [1, 2, 3], "c": None}
    ex_dumps = "eyJhIjoxLCJiIjpbMSwyLDNdLCJjIjpudWxsfQ:1r31eq:Hpczh0erTdPSkdaR_9PnhuEdUFpy5iqoWVh1hA6OUyU"
    assert dp.make_dumps(obj, KEY, now=T0) == ex_dumps
    h.add("fixed", ["django", "dumps", "--now", str(T0)] + k, dp.django_json(obj) + "\n", expect_text(ex_dumps), {}, env)
    # fractional --now truncates toward zero like int(time.time())
    h.add("fixed", ["django", "dumps", "--now", "%d.999" % T0] + k, dp.django_json(obj) + "\n",
          expect_text(ex_dumps), {}, env)
    h.add("fixed", ["django", "loads"] + k, ex_dumps + "\n", expect_outcome(("ok", obj), True), {}, env)
    h.add("fixed", ["django", "loads", "--max-age", "100", "--now", str(T0 + 100)] + k, ex_dumps + "\n",
          expect_outcome(("ok", obj), True), {}, env)

    rng20 = list(range(1, 20))
    ex_payload = ".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml"
    tok = dp.make_dumps(rng20, KEY, compress=True, now=T0)
    assert tok.startswith(ex_payload + ":1r31eq:"), tok
    h.add("fixed", ["django", "dumps", "--compress", "--now", str(T0)] + k, dp.django_json(rng20) + "\n",
          expect_text(tok), {}, env)
    h.add("fixed", ["django", "loads"] + k, tok + "\n", expect_outcome(("ok", rng20), True), {}, env)

    # Timestamp signer, both directions, including the boundary.
    ts_tok = dp.make_sign("hello", KEY, timestamp=True, now=T0 + 0.999)
    h.add("fixed", ["django", "sign", "--timestamp", "--now", "%d.999" % T0] + k, "hello\n", expect_text(ts_tok), {}, env)
    h.add("fixed", ["django", "unsign", "--timestamp", "--max-age", "100", "--now", str(T0 + 100)] + k,
          ts_tok + "\n", expect_text("hello"), {}, env)
    h.add("fixed", ["django", "unsign", "--timestamp", "--max-age", "100", "--now", "%d.001" % (T0 + 100)] + k,
          ts_tok + "\n", expect_error(dp.EXPIRED), {}, env)
    h.add("fixed", ["django", "unsign", "--timestamp", "--max-age", "0", "--now", str(T0)] + k,
          ts_tok + "\n", expect_text("hello"), {}, env)
    # future timestamps are accepted (Django has no future check; the CLI sets no max_future)
    h.add("fixed", ["django", "unsign", "--timestamp", "--max-age", "5", "--now", str(T0 - 1000)] + k,
          ts_tok + "\n", expect_text("hello"), {}, env)

    # Separators: multi-char, non-ASCII, tab, "\n:" (Django accepts it), value containing the separator.
    for sep in ["/", "::", "·", "\t", "!", "\n:", "😀"]:
        for value in ["a" + sep + "b" + sep, "", sep]:
            t = dp.make_sign(value, KEY, sep=sep)
            h.add("fixed", ["django", "sign", "--sep", sep] + k, value + "\n", expect_text(t), {}, env)
            h.add("fixed", ["django", "unsign", "--sep", sep] + k, t + "\n", expect_text(value), {}, env)
            t = dp.make_sign(value, KEY, sep=sep, timestamp=True, now=T0)
            h.add("fixed", ["django", "sign", "--timestamp", "--now", str(T0), "--sep", sep] + k, value + "\n",
                  expect_text(t), {}, env)
            h.add("fixed", ["django", "unsign", "--timestamp", "--sep", sep] + k, t + "\n", expect_text(value), {}, env)

    # Values with trailing newlines / CR / NUL survive the one-newline stdin rule.
    for value in ["x\n", "\n", "x\r", "\r\n", "a\x00b", "\x00"]:
        t = dp.make_sign(value, KEY)
        h.add("fixed", ["django", "sign"] + k, value + "\n", expect_text(t), {}, env)
        h.add("fixed", ["django", "unsign"] + k, t + "\n", expect_text(value), {}, env)

    # Key files: exactly one trailing newline removed; binary keys.
    for key in [b"k\n", b"k\n\n", b"\xff\xfe\x00\x01", b" spaced key "]:
        path_nl = h.key_file(key, trailing_newline=True)
        t = dp.make_sign("v", key)
        h.add("fixed", ["django", "sign", "--key-file", path_nl], "v\n", expect_text(t), {"key": key})
        if not key.endswith(b"\n"):
            path = h.key_file(key, trailing_newline=False)
            h.add("fixed", ["django", "sign", "--key-file", path], "v\n", expect_text(t), {"key": key})

    # Every algorithm on every command.
    for alg in dp.ALGORITHMS:
        t = dp.make_sign("v", KEY, algorithm=alg)
        h.add("fixed", ["django", "sign", "--algorithm", alg] + k, "v\n", expect_text(t), {}, env)
        h.add("fixed", ["django", "unsign", "--algorithm", alg] + k, t + "\n", expect_text("v"), {}, env)
        t = dp.make_dumps(obj, KEY, algorithm=alg, now=T0)
        h.add("fixed", ["django", "dumps", "--algorithm", alg, "--now", str(T0)] + k, dp.django_json(obj) + "\n",
              expect_text(t), {}, env)
        h.add("fixed", ["django", "loads", "--algorithm", alg] + k, t + "\n", expect_outcome(("ok", obj), True), {}, env)

    # Latin-1 reading: raw UTF-8 "Zoë" in a payload made by another producer reads as "ZoÃ«" (Django does the same).
    raw = dp.make_signed_payload(dp.b64_encode('"Zoë"'.encode()), KEY, now=T0)
    assert dp.django_loads(raw, KEY) == "ZoÃ«"
    h.add("fixed", ["django", "loads"] + k, raw + "\n", expect_outcome(("ok", "ZoÃ«"), True), {}, env)

    # Key rotation: Django (no fallback_keys in 3.2) signs with the old key; signet verifies
    # with the new key as main and the old one as a fallback (file or env).
    old, new = b"old-secret", b"new-secret"
    t = dp.make_dumps(obj, old, now=T0)
    for mode in ["file", "env"]:
        env2 = {}
        argv = ["django", "loads"] + h.key_args(new, env=env2) + h.key_args(b"other", "fallback-key", env=env2) + \
            h.key_args(old, "fallback-key", mode=mode, env=env2)
        h.add("fixed", argv, t + "\n", expect_outcome(("ok", obj), True), {}, env2)
    env2 = {}
    h.add("fixed", ["django", "loads"] + h.key_args(new, env=env2), t + "\n", expect_error(dp.BAD_SIGNATURE), {}, env2)
    ts_old = dp.make_sign("rot", old, timestamp=True, now=T0)
    env2 = {}
    h.add("fixed", ["django", "unsign", "--timestamp", "--max-age", "10", "--now", str(T0 + 10)] +
          h.key_args(new, env=env2) + h.key_args(old, "fallback-key", env=env2), ts_old + "\n", expect_text("rot"), {}, env2)
    # max_age applies whichever key matched
    env2 = {}
    h.add("fixed", ["django", "unsign", "--timestamp", "--max-age", "10", "--now", str(T0 + 11)] +
          h.key_args(new, env=env2) + h.key_args(old, "fallback-key", env=env2), ts_old + "\n",
          expect_error(dp.EXPIRED), {}, env2)
    # signing always uses the main key: the signet token verifies with the new key only
    h.add("fixed", ["django", "sign"] + h.key_args(new, env=env2), "rot\n", expect_text(dp.make_sign("rot", new)), {}, env2)

    # Deep nesting and big numbers.
    deep = []
    cur = deep
    for _ in range(255):  # depth 256: signet's nesting cap (src/django/object_codec.cc)
        nxt = []
        cur.append(nxt)
        cur = nxt
    for o in [deep, {"n": 2**200, "m": -2**64, "f": [0.1, -0.0, 1e16, 1e-05, 5e-324, 1.7976931348623157e308]},
              "\U0001f600 \u2028 \x7f \x00 \x1f", {"": "", "😀": {"\x00": []}}]:
        t = dp.make_dumps(o, KEY, now=T0)
        h.add("fixed", ["django", "dumps", "--now", str(T0)] + k, dp.django_json(o) + "\n", expect_text(t), {"obj": o}, env)
        h.add("fixed", ["django", "loads"] + k, t + "\n", expect_outcome(("ok", o), True, h), {"obj": o}, env)


# --------------------------------------------------------------------------- negative suite


def tamper_at(token, i, rng):
    c = token[i]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    repl = rng.choice([x for x in alphabet if x != c])
    return token[:i] + repl + token[i + 1:]


def suite_negative(h, rng):
    env = {}
    k = h.key_args(KEY, mode="file", env=env)
    obj = {"user": 42, "name": "Zoë"}
    tok = dp.make_dumps(obj, KEY, now=T0)
    payload, ts, sig = tok.split(":")
    neg = lambda name, argv, stdin, code, **info: h.add("negative:" + name, argv, stdin, expect_error(code), info, env)  # noqa: E731

    neg("tampered-payload", ["django", "loads"] + k, tamper_at(tok, 3, rng) + "\n", dp.BAD_SIGNATURE)
    neg("tampered-payload-end", ["django", "loads"] + k, tamper_at(tok, len(payload) - 1, rng) + "\n", dp.BAD_SIGNATURE)
    neg("tampered-ts", ["django", "loads"] + k, "%s:%s:%s\n" % (payload, b62_plus1(ts), sig), dp.BAD_SIGNATURE)
    neg("tampered-sig", ["django", "loads"] + k, tamper_at(tok, len(tok) - 5, rng) + "\n", dp.BAD_SIGNATURE)
    neg("tampered-sig-last", ["django", "loads"] + k, tamper_at(tok, len(tok) - 1, rng) + "\n", dp.BAD_SIGNATURE)
    neg("padded-sig", ["django", "loads"] + k, tok + "=\n", dp.BAD_SIGNATURE)
    neg("dropped-compress-flag", ["django", "loads"] + k,
        dp.make_dumps(list(range(100)), KEY, compress=True, now=T0)[1:] + "\n", dp.BAD_SIGNATURE)
    neg("wrong-salt", ["django", "loads", "--salt", "other"] + k, tok + "\n", dp.BAD_SIGNATURE)
    neg("wrong-key", ["django", "loads", "--key-file", h.key_file(b"test-secret-kez")], tok + "\n", dp.BAD_SIGNATURE)
    neg("wrong-algorithm", ["django", "loads", "--algorithm", "sha512"] + k, tok + "\n", dp.BAD_SIGNATURE)
    neg("truncated-1", ["django", "loads"] + k, tok[:-1] + "\n", dp.BAD_SIGNATURE)
    neg("truncated-sig", ["django", "loads"] + k, tok[:-20] + "\n", dp.BAD_SIGNATURE)
    neg("truncated-to-ts", ["django", "loads"] + k, tok[:len(payload) + 1 + len(ts)] + "\n", dp.BAD_SIGNATURE)
    neg("truncated-no-sep", ["django", "loads"] + k, payload + "\n", dp.MALFORMED)
    neg("empty", ["django", "loads"] + k, "\n", dp.MALFORMED)
    neg("empty-unsign", ["django", "unsign"] + k, "\n", dp.MALFORMED)
    neg("garbage", ["django", "loads"] + k, "not a token\n", dp.MALFORMED)
    neg("expired", ["django", "loads", "--max-age", "60", "--now", "%d.001" % (T0 + 60)] + k, tok + "\n", dp.EXPIRED)
    neg("expired-far", ["django", "loads", "--max-age", "0", "--now", str(T0 + 10**6)] + k, tok + "\n", dp.EXPIRED)
    h.add("negative:boundary-ok", ["django", "loads", "--max-age", "60", "--now", str(T0 + 60)] + k, tok + "\n",
          expect_outcome(("ok", obj), True), {}, env)

    s_tok = dp.make_sign("hello", KEY)
    ts_tok = dp.make_sign("hello", KEY, timestamp=True, now=T0)
    for name, t in [("tampered-value", "hellp" + s_tok[5:]), ("truncated", s_tok[:-1]), ("wrong-sep-none", "hello")]:
        neg(name, ["django", "unsign"] + k, t + "\n", dp.outcome(dp.reference_unsign, t, KEY)[1])
    neg("wrong-sep", ["django", "unsign", "--sep", "/"] + k, s_tok + "\n", dp.MALFORMED)
    neg("unsign-tampered-ts", ["django", "unsign", "--timestamp"] + k,
        ts_tok.replace(":" + dp.b62(T0) + ":", ":" + dp.b62(T0 + 1) + ":") + "\n", dp.BAD_SIGNATURE)
    neg("unsign-expired", ["django", "unsign", "--timestamp", "--max-age", "3600", "--now", "%d.5" % (T0 + 3600)] + k,
        ts_tok + "\n", dp.EXPIRED)

    # Signer vs TimestampSigner confusion.
    neg("signer-token-to-timestamp", ["django", "unsign", "--timestamp"] + k, s_tok + "\n", dp.BAD_SIGNATURE)
    neg("timestamp-token-to-signer", ["django", "unsign"] + k, ts_tok + "\n", dp.BAD_SIGNATURE)
    # ... with the same explicit salt the signatures verify; parity with Django afterwards.
    for value in ["hello", "data:", "data:zz!", "data:1"]:
        t = dp.make_sign(value, KEY, salt="shared")
        want = dp.outcome(dp.reference_unsign, t, KEY, salt="shared", timestamp=True)
        h.add("negative:confuse-same-salt", ["django", "unsign", "--timestamp", "--salt", "shared"] + k, t + "\n",
              expect_outcome(want), {"want": want}, env)
    t = dp.make_sign("hello", KEY, salt="shared", timestamp=True, now=T0)
    h.add("negative:confuse-same-salt", ["django", "unsign", "--salt", "shared"] + k, t + "\n",
          expect_text("hello:" + dp.b62(T0)), {}, env)

    # Legacy SHA-1: Django 3.2 accepts SHA-1 signatures whatever the algorithm; signet must not.
    for alg in ["sha256", "sha512"]:
        t = dp.make_sign("v", KEY, algorithm="sha1")
        assert dp.django_unsign(t, KEY, algorithm=alg) == "v"  # Django 3.2 legacy acceptance
        neg("legacy-sha1-unsign", ["django", "unsign", "--algorithm", alg] + k, t + "\n", dp.BAD_SIGNATURE)
        t = dp.make_sign("v", KEY, algorithm="sha1", timestamp=True, now=T0)
        assert dp.django_unsign(t, KEY, algorithm=alg, timestamp=True) == "v"
        neg("legacy-sha1-unsign-ts", ["django", "unsign", "--timestamp", "--algorithm", alg] + k, t + "\n",
            dp.BAD_SIGNATURE)
        t = dp.make_dumps(obj, KEY, algorithm="sha1", now=T0)
        assert dp.django_loads(t, KEY, algorithm=alg) == obj
        neg("legacy-sha1-loads", ["django", "loads", "--algorithm", alg] + k, t + "\n", dp.BAD_SIGNATURE)
    neg("legacy-sha1-loads-default", ["django", "loads"] + k, dp.make_dumps(obj, KEY, algorithm="sha1") + "\n",
        dp.BAD_SIGNATURE)
    h.add("negative:sha1-explicit-ok", ["django", "loads", "--algorithm", "sha1"] + k,
          dp.make_dumps(obj, KEY, algorithm="sha1") + "\n", expect_outcome(("ok", obj), True), {}, env)

    # Decompression bomb made by Django.
    bomb_obj = "a" * 5_000_000
    bomb = dp.make_dumps(bomb_obj, KEY, compress=True, now=T0)
    json_len = len(dp.django_json(bomb_obj))
    assert bomb.startswith(".") and len(bomb) < 20000
    neg("bomb-default-cap", ["django", "loads"] + k, bomb + "\n", dp.PAYLOAD_TOO_LARGE, token_len=len(bomb))
    neg("bomb-cap-minus-1", ["django", "loads", "--max-inflate", str(json_len - 1)] + k, bomb + "\n",
        dp.PAYLOAD_TOO_LARGE)
    h.add("negative:bomb-big-cap", ["django", "loads", "--max-inflate", "6000000"] + k, bomb + "\n",
          expect_outcome(("ok", bomb_obj), True), {}, env)
    h.add("negative:bomb-exact-cap", ["django", "loads", "--max-inflate", str(json_len)] + k, bomb + "\n",
          expect_outcome(("ok", bomb_obj), True), {"json_len": json_len}, env)
    small = dp.make_dumps(list(range(1, 20)), KEY, compress=True, now=T0)
    neg("small-cap", ["django", "loads", "--max-inflate", "10"] + k, small + "\n", dp.PAYLOAD_TOO_LARGE)

    # Validly signed payloads that are not acceptable JSON for signet (Django itself raises
    # various non-BadSignature errors or, for NaN/duplicates, accepts them).
    bad_payloads = {
        "not-base64": "a",                                        # length 1 mod 4: binascii.Error
        "not-zlib": "." + dp.b64_encode(b"not zlib at all"),
        "truncated-zlib": "." + dp.b64_encode(__import__("zlib").compress(b"[1,2,3,4,5,6,7,8,9,10]")[:-3]),
        "not-json": dp.b64_encode(b"{not json"),
        "empty-json": "",
        "trailing-garbage": dp.b64_encode(b"[1] [2]"),
        "nan": dp.b64_encode(b"NaN"),
        "infinity": dp.b64_encode(b"[Infinity]"),
        "minus-infinity": dp.b64_encode(b'{"a":-Infinity}'),
        "duplicate-members": dp.b64_encode(b'{"a":1,"a":2}'),
        "duplicate-members-nested": dp.b64_encode(b'[{"x":{"k":1,"k":1}}]'),
        "raw-control-in-string": dp.b64_encode(b'"a\x01b"'),
        "lone-high-byte": dp.b64_encode(b'"\xff"'),  # Latin-1: valid, "ÿ"
    }
    for name, p in bad_payloads.items():
        t = dp.make_signed_payload(p, KEY, now=T0)
        want = dp.outcome(dp.reference_loads, t, KEY)
        h.add("negative:payload-" + name, ["django", "loads"] + k, t + "\n", expect_outcome(want, True), {"want": want},
              env)
    # Django 3.2 does accept NaN and duplicates: record that the difference is deliberate.
    assert dp.django_loads(dp.make_signed_payload(bad_payloads["duplicate-members"], KEY), KEY) == {"a": 2}

    # A bad timestamp field under a valid signature.
    for name, signed in [("ts-empty", "payload:"), ("ts-not-base62", "payload:1r3!eq"), ("ts-missing", "payload")]:
        t = dp.make_sign(signed, KEY, salt="django.core.signing")
        want = dp.outcome(dp.reference_loads, t, KEY)
        h.add("negative:" + name, ["django", "loads"] + k, t + "\n", expect_outcome(want, True), {"want": want}, env)


    # Timestamp fields Django accepts (leading zeros, "-0", a lone "-", int64 minimum) and the
    # documented int64 range check (docs/django.md: beyond it is bad_payload).
    for ts in ["00", "-0", "-", "001r31eq", "-1c", "-AzL8n0Y58m8", "AzL8n0Y58m8", "zzzzzzzzzzzz"]:
        t = dp.make_sign("v:" + ts, KEY, salt=dp.TIMESTAMP_SIGNER_SALT)
        for extra in ([], ["--max-age", "10", "--now", str(T0)]):
            max_age, now = (10, T0) if extra else (None, None)
            want = dp.outcome(dp.reference_unsign, t, KEY, timestamp=True, max_age=max_age, now=now)
            h.add("negative:ts-field-" + ts, ["django", "unsign", "--timestamp"] + extra + k, t + "\n",
                  expect_outcome(want), {"want": want}, env)

    # Lone surrogates: Django 3.2 emits and reads them; signet documents them as bad_payload.
    for o in ["\ud800", ["a\udfffb"], {"\ud83d": 1}]:
        t = dp.make_dumps(o, KEY, now=T0)
        assert dp.django_loads(t, KEY) == o
        neg("lone-surrogate", ["django", "loads"] + k, t + "\n", dp.BAD_PAYLOAD)

    # --max-future (signet only; Django has no future check): inclusive bound.
    fut = dp.make_dumps(obj, KEY, now=T0 + 100)
    neg("max-future", ["django", "loads", "--max-future", "50", "--now", str(T0)] + k, fut + "\n", dp.NOT_YET_VALID)
    neg("max-future-just", ["django", "loads", "--max-future", "99", "--now", "%d.5" % T0] + k, fut + "\n",
        dp.NOT_YET_VALID)
    h.add("negative:max-future-boundary", ["django", "loads", "--max-future", "100", "--now", str(T0)] + k, fut + "\n",
          expect_outcome(("ok", obj), True), {}, env)
    fut = dp.make_sign("v", KEY, timestamp=True, now=T0 + 100)
    neg("max-future-unsign", ["django", "unsign", "--timestamp", "--max-future", "50", "--now", str(T0)] + k,
        fut + "\n", dp.NOT_YET_VALID)
    h.add("negative:max-future-unsign-ok", ["django", "unsign", "--timestamp", "--max-future", "100", "--max-age", "0",
                                             "--now", str(T0)] + k, fut + "\n", expect_text("v"), {}, env)

    # --flag=VALUE spelling (docs/cli.md), which also allows values starting with '-'.
    t = dp.make_sign("v", KEY, salt="-salt", sep="-!", algorithm="sha512")
    h.add("negative:flag=value", ["django", "sign", "--salt=-salt", "--sep=-!", "--algorithm=sha512", "--key-file=" + k[1]],
          "v\n", expect_text(t), {}, env)
    h.add("negative:flag=value", ["django", "unsign", "--salt=-salt", "--sep=-!", "--algorithm=sha512"] + k, t + "\n",
          expect_text("v"), {}, env)


def b62_plus1(ts):
    from django.utils import baseconv
    return baseconv.base62.encode(baseconv.base62.decode(ts) + 1)


# --------------------------------------------------------------------------- config suite


def suite_config(h, rng):
    env = {}
    good = h.key_file(KEY)
    empty = h.key_file(b"", trailing_newline=False)
    only_nl = h.key_file(b"", trailing_newline=True)
    env[b"SIGNET_INTEROP_EMPTY"] = b""
    env[b"SIGNET_INTEROP_GOOD"] = KEY
    tok = dp.make_dumps({"a": 1}, KEY)
    s_tok = dp.make_sign("v", KEY)
    cmds = [("dumps", '{"a":1}'), ("loads", tok), ("sign", "v"), ("unsign", s_tok)]
    use = lambda name, argv, stdin: h.add("config:" + name, argv, stdin + "\n", expect_usage, {}, env)  # noqa: E731
    for cmd, stdin in cmds:
        use("empty-key-file", ["django", cmd, "--key-file", empty], stdin)
        use("newline-only-key-file", ["django", cmd, "--key-file", only_nl], stdin)
        use("empty-key-env", ["django", cmd, "--key-env", "SIGNET_INTEROP_EMPTY"], stdin)
        use("unset-key-env", ["django", cmd, "--key-env", "SIGNET_INTEROP_NOT_SET_ANYWHERE"], stdin)
        use("missing-key-file", ["django", cmd, "--key-file", os.path.join(h.tmp.name, "does-not-exist")], stdin)
        use("no-key", ["django", cmd], stdin)
        use("unknown-flag", ["django", cmd, "--key-file", good, "--no-such-flag"], stdin)
        use("empty-salt", ["django", cmd, "--key-file", good, "--salt", ""], stdin)
        for alg in ["md5", "sha3_256", "SHA256", "", "sha256 "]:
            use("algorithm-" + (alg or "empty"), ["django", cmd, "--key-file", good, "--algorithm", alg], stdin)
    for cmd, stdin in [("loads", tok), ("unsign", s_tok)]:
        use("empty-fallback-key-file", ["django", cmd, "--key-file", good, "--fallback-key-file", empty], stdin)
        use("empty-fallback-key-env", ["django", cmd, "--key-env", "SIGNET_INTEROP_GOOD",
                                       "--fallback-key-env", "SIGNET_INTEROP_EMPTY"], stdin)
        use("bad-max-age", ["django", cmd, "--key-file", good, "--max-age", "soon"] +
            (["--timestamp"] if cmd == "unsign" else []), stdin)
        use("bad-now", ["django", cmd, "--key-file", good, "--now", "yesterday"] +
            (["--timestamp"] if cmd == "unsign" else []), stdin)
    use("bad-max-inflate", ["django", "loads", "--key-file", good, "--max-inflate", "lots"], tok)
    use("dumps-has-no-sep", ["django", "dumps", "--key-file", good, "--sep", "/"], '{"a":1}')
    use("unknown-subcommand", ["django", "frobnicate", "--key-file", good], "x")
    for sep in dp.UNSAFE_SEPS:
        assert not dp.ensure_safe_sep_with_django(sep)
        for cmd, stdin in [("sign", "v"), ("unsign", s_tok)]:
            for ts in ([], ["--timestamp"]):
                use("unsafe-sep-%r" % sep, ["django", cmd, "--key-file", good, "--sep", sep] + ts, stdin)
    # dumps input that signet refuses to sign (invalid_argument): exit 2, nothing signed.
    # Django would emit NaN/Infinity and lone surrogates; signet documents refusing them.
    for bad in ["{not json", "", "[1,]", "NaN", "[Infinity]", "-Infinity", '{"a":1,"a":2}', '"\\ud800"',
                '["\\udc00"]', "1e400", "{'a':1}", '"a\x01b"', "[1] [2]", "01", "[.5]", "tru"]:
        use("dumps-invalid-json", ["django", "dumps", "--key-file", good], bad)
        use("dumps-invalid-json", ["django", "dumps", "--compress", "--key-file", good], bad)


# --------------------------------------------------------------------------- random suite


def random_keys(h, rng, env):
    """(main key, [fallback keys], signing key, argv) for one case."""
    main = dp.rand_key(rng)
    fallbacks = []
    if rng.random() < 0.25:
        fallbacks = [dp.rand_key(rng) for _ in range(rng.randrange(1, 4))]
    argv = h.key_args(main, env=env)
    for fk in fallbacks:
        argv += h.key_args(fk, "fallback-key", env=env)
    signing_key = main
    if fallbacks and rng.random() < 0.7:
        signing_key = rng.choice(fallbacks)
    return main, fallbacks, signing_key, argv


def mutate(token, rng, sep):
    """A random damaged variant of `token` (tamper, truncate, extend)."""
    r = rng.random()
    if r < 0.5 and token:
        i = rng.randrange(len(token))
        return tamper_at(token, i, rng)
    if r < 0.75:
        return token[:rng.randrange(len(token))]
    if r < 0.85:
        return token + rng.choice(["=", "A", sep, " "])
    i = rng.randrange(len(token) + 1)
    return token[:i] + dp.rand_char(rng, controls=False) + token[i:]


def random_max_age(rng, ts, sign_now):
    """(max_age or None, verify now) around the boundary of `ts`."""
    r = rng.random()
    if r < 0.25:
        return None, sign_now + rng.choice([0, 1, 10**6])
    max_age = rng.choice([0, 1, 59, 60, 3600, 86400, rng.randrange(0, 10**7)])
    r = rng.random()
    if r < 0.3:
        now = ts + max_age                      # boundary: valid
    elif r < 0.55:
        now = ts + max_age + 0.001              # just past: expired
    elif r < 0.7:
        now = ts + max_age + rng.randrange(1, 10**6)
    elif r < 0.85:
        now = ts + rng.randrange(0, max_age + 1)
    else:
        now = max(0, ts - rng.randrange(1, 10**5))  # future token: accepted
    return max_age, now


def suite_random(h, rng, n):
    per = max(1, n // 4)
    # (a) Django dumps -> signet loads
    for i in range(per):
        env = {}
        main, fallbacks, sk, kargv = random_keys(h, rng, env)
        alg = rng.choice(dp.ALGORITHMS)
        salt = None if rng.random() < 0.3 else dp.rand_salt(rng)
        compress = rng.random() < 0.4
        obj = dp.rand_compressible(rng) if compress and rng.random() < 0.4 else dp.rand_top_value(rng)
        t_sign = dp.rand_time(rng)
        tok = dp.make_dumps(obj, sk, salt=salt or dp.DUMPS_SALT, algorithm=alg, compress=compress, now=t_sign)
        max_age, now = random_max_age(rng, int(t_sign), t_sign)
        max_inflate = None
        if tok.startswith(".") and rng.random() < 0.3:
            n_json = len(dp.django_json(obj))
            max_inflate = rng.choice([n_json, n_json - 1, n_json // 2, n_json + 1])
        argv = ["django", "loads"] + kargv + salt_args(salt) + alg_args(alg, rng)
        if max_age is not None:
            argv += ["--max-age", str(max_age)]
        if max_age is not None or rng.random() < 0.5:
            argv += ["--now", fmt_now(now)]
        if max_inflate is not None:
            argv += ["--max-inflate", str(max_inflate)]
        kw = dict(salt=salt or dp.DUMPS_SALT, algorithm=alg, max_age=max_age, now=now,
                  max_inflate=max_inflate or dp.DEFAULT_MAX_INFLATE)
        want = dp.outcome(dp.reference_loads, tok, main, fallbacks, **kw)
        h.add("random:a-loads" + ("-ok" if want[0] == "ok" else "-reject"), argv, tok + "\n",
              expect_outcome(want, True, h), {"obj": obj, "want": want, "signing_key": sk}, env)
        if rng.random() < 0.3:
            bad = mutate(tok, rng, ":")
            want = dp.outcome(dp.reference_loads, bad, main, fallbacks, **kw)
            h.add("random:a-loads-mutated", argv, bad + "\n", expect_outcome(want, True, h),
                  {"want": want, "original": tok}, env)

    # (b)+(c) signet dumps -> Django loads, byte-identical to Django's dumps
    for i in range(per):
        env = {}
        key = dp.rand_key(rng)
        kargv = h.key_args(key, env=env)
        alg = rng.choice(dp.ALGORITHMS)
        salt = None if rng.random() < 0.3 else dp.rand_salt(rng)
        compress = rng.random() < 0.4
        obj = dp.rand_compressible(rng) if compress and rng.random() < 0.4 else dp.rand_top_value(rng)
        t_sign = dp.rand_time(rng)
        want_tok = dp.make_dumps(obj, key, salt=salt or dp.DUMPS_SALT, algorithm=alg, compress=compress, now=t_sign)
        style = rng.random()
        if style < 0.85:
            text, variant = dp.django_json(obj), "django-json"
        elif style < 0.93:
            text, variant = json.dumps(obj, separators=(",", ":"), ensure_ascii=False), "raw-utf8"
        else:
            text, variant = json.dumps(obj, indent=rng.choice([None, 1, "\t"]), ensure_ascii=rng.random() < 0.5), \
                "whitespace"
        argv = ["django", "dumps"] + kargv + salt_args(salt) + alg_args(alg, rng) + ["--now", fmt_now(t_sign)]
        if compress:
            argv.append("--compress")

        def check(res, obj=obj, key=key, salt=salt, alg=alg, want_tok=want_tok, t_sign=t_sign):
            rc, out, err = res
            if rc != 0:
                return "expected exit 0, got %d" % rc
            got = strip1(out)
            if got is None:
                return "stdout does not end with a newline"
            got = got.decode("utf-8", "replace")
            if got != want_tok:
                return "(c) token not byte-identical to Django's: want %r" % want_tok[:300]
            o = dp.outcome(dp.reference_loads, got, key, salt=salt or dp.DUMPS_SALT, algorithm=alg, now=t_sign,
                           max_inflate=1 << 40)
            if o[0] != "ok" or not dp.same_json_value(o[1], obj):
                return "(b) Django does not load the signet token to the same value: %r" % (o,)
            if not dp.same_json_value(dp.django_loads(got, key, salt=salt or dp.DUMPS_SALT, algorithm=alg), obj):
                return "(b) plain Django 3.2 loads differs"
            return None
        h.add("random:bc-dumps" + ("-" + variant if variant != "django-json" else ""), argv, text + "\n", check,
              {"obj": obj}, env)

    # (a) Django sign -> signet unsign
    for i in range(per):
        env = {}
        main, fallbacks, sk, kargv = random_keys(h, rng, env)
        alg = rng.choice(dp.ALGORITHMS)
        timestamp = rng.random() < 0.5
        salt = None if rng.random() < 0.3 else dp.rand_salt(rng)
        sep = dp.rand_sep(rng)
        value = dp.rand_text(rng, 80)
        t_sign = dp.rand_time(rng)
        tok = dp.make_sign(value, sk, salt=salt, sep=sep, algorithm=alg, timestamp=timestamp, now=t_sign)
        sepa = sep_args(sep, rng)
        tsa = []
        max_age, now = (None, None)
        if timestamp:
            tsa.append("--timestamp")
            max_age, now = random_max_age(rng, int(t_sign), t_sign)
            if max_age is not None:
                tsa += ["--max-age", str(max_age)]
            tsa += ["--now", fmt_now(now)]
        argv = ["django", "unsign"] + kargv + salt_args(salt) + sepa + alg_args(alg, rng) + tsa
        kw = dict(salt=salt, sep=sep, algorithm=alg, timestamp=timestamp, max_age=max_age, now=now)
        want = dp.outcome(dp.reference_unsign, tok, main, fallbacks, **kw)
        h.add("random:a-unsign" + ("-ts" if timestamp else "") + ("-ok" if want[0] == "ok" else "-reject"), argv,
              tok + "\n", expect_outcome(want), {"want": want, "signing_key": sk, "sep": sep}, env)
        if rng.random() < 0.3:
            bad = mutate(tok, rng, sep)
            want = dp.outcome(dp.reference_unsign, bad, main, fallbacks, **kw)
            h.add("random:a-unsign-mutated", argv, bad + "\n", expect_outcome(want), {"want": want, "original": tok},
                  env)
        if rng.random() < 0.15:  # wrong salt / key / algorithm
            which = rng.randrange(3)
            if which == 0:
                argv2 = ["django", "unsign"] + kargv + ["--salt", (salt or dp.SIGNER_SALT) + "!"] + sepa + \
                    ["--algorithm", alg] + tsa
            elif which == 1:
                argv2 = ["django", "unsign"] + h.key_args(main + b"!", env=env) + salt_args(salt) + sepa + \
                    ["--algorithm", alg] + tsa
            else:
                wrong = rng.choice([x for x in dp.ALGORITHMS if x != alg])
                argv2 = ["django", "unsign"] + kargv + salt_args(salt) + sepa + ["--algorithm", wrong] + tsa
            h.add("random:a-unsign-wrong-" + ["salt", "key", "alg"][which], argv2, tok + "\n",
                  expect_error(dp.BAD_SIGNATURE), {}, env)

    # (b)+(c) signet sign -> Django unsign, byte-identical
    for i in range(per):
        env = {}
        key = dp.rand_key(rng)
        kargv = h.key_args(key, env=env)
        alg = rng.choice(dp.ALGORITHMS)
        timestamp = rng.random() < 0.5
        salt = None if rng.random() < 0.3 else dp.rand_salt(rng)
        sep = dp.rand_sep(rng)
        value = dp.rand_text(rng, 80)
        t_sign = dp.rand_time(rng)
        want_tok = dp.make_sign(value, key, salt=salt, sep=sep, algorithm=alg, timestamp=timestamp, now=t_sign)
        argv = ["django", "sign"] + kargv + salt_args(salt) + sep_args(sep, rng) + alg_args(alg, rng)
        if timestamp:
            argv += ["--timestamp", "--now", fmt_now(t_sign)]

        def check(res, value=value, key=key, salt=salt, sep=sep, alg=alg, timestamp=timestamp, want_tok=want_tok,
                  t_sign=t_sign):
            rc, out, err = res
            if rc != 0:
                return "expected exit 0, got %d" % rc
            got = strip1(out)
            if got is None:
                return "stdout does not end with a newline"
            try:
                got = got.decode("utf-8")
            except UnicodeDecodeError:
                return "stdout is not UTF-8"
            if got != want_tok:
                return "(c) token not byte-identical to Django's: want %r" % want_tok[:300]
            o = dp.outcome(dp.reference_unsign, got, key, salt=salt, sep=sep, algorithm=alg, timestamp=timestamp,
                           now=t_sign, max_age=1 if timestamp else None)
            if o != ("ok", value):
                return "(b) Django does not unsign the signet token to the same value: %r" % (o,)
            return None
        h.add("random:bc-sign" + ("-ts" if timestamp else ""), argv, value + "\n", check,
              {"value": value, "sep": sep}, env)


# --------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("signet", help="path to the signet CLI binary")
    ap.add_argument("--suite", default="all", choices=["fixed", "random", "negative", "config", "all"])
    ap.add_argument("--cases", type=int, default=int(os.environ.get("SIGNET_INTEROP_CASES", "1200")),
                    help="randomized valid cases (split over the four directions; mutated/wrong variants come on top)")
    ap.add_argument("--seed", type=lambda s: int(s, 0), default=None)
    ap.add_argument("--jobs", type=int, default=max(2, (os.cpu_count() or 2) * 2))
    ap.add_argument("--max-failures", type=int, default=25)
    args = ap.parse_args()
    if not os.access(args.signet, os.X_OK):
        print("signet binary not executable: %s" % args.signet)
        return 2
    seed = args.seed if args.seed is not None else dp.seed_from_env()
    print("django_cli_interop: Django %s, suite=%s, seed=%d (replay: SIGNET_INTEROP_SEED=%d)"
          % (dp.DJANGO_VERSION, args.suite, seed, seed))
    import random
    rng = random.Random(seed)
    h = Harness(os.path.abspath(args.signet), args.jobs, args.max_failures)
    start = time.time()
    suites = ["fixed", "negative", "config", "random"] if args.suite == "all" else [args.suite]
    total = 0
    for s in suites:
        if s == "random":
            suite_random(h, rng, args.cases)
        else:
            globals()["suite_" + s](h, rng)
        total += h.execute()
    for name in sorted(h.counts):
        print("  %-40s %5d" % (name, h.counts[name]))
    if h.text_mismatch:
        print("note: %d loads outputs parsed equal to Django's value but their text differs from "
              "json.dumps(ensure_ascii=False, compact)" % h.text_mismatch)
    print("%d CLI runs in %.1fs, %d failed (seed=%d)" % (total, time.time() - start, len(h.failures), seed))
    return 1 if h.failures else 0


if __name__ == "__main__":
    sys.exit(main())
