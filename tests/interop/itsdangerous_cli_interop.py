#!/usr/bin/python3
"""Interop between the `signet itsdangerous ...` CLI and real itsdangerous.

Usage: /usr/bin/python3 itsdangerous_cli_interop.py SIGNET_BINARY [--suite fixed|negative|config|random|all]
                                                    [--cases N] [--seed S] [--jobs J] [--max-failures M]

Directions checked:
  (a) itsdangerous makes the token, `signet itsdangerous loads|unsign` must return the same value
      (or, for negative cases, the error code of signet's stricter rules);
  (b) `signet itsdangerous dumps|sign` makes the token, itsdangerous must verify it to the same value;
  (c) `signet itsdangerous dumps|sign` at the same --now is byte-identical to itsdangerous's token
      (whenever itsdangerous signed with the newest key and compression is on).
Negative cases expect exit 1, empty stdout and a one-line stderr starting with the signet error
code; configuration errors expect exit 2. No secret may ever appear on stdout or stderr.

The random suite is seeded: the seed is printed; set SIGNET_INTEROP_SEED (or --seed) to replay,
SIGNET_INTEROP_CASES (or --cases) to change the number of random cases.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import itsdangerous_peer as ip  # noqa: E402

NS = ip.NS
K = b"test-secret-key"
T0 = 1_700_000_000
SECRET = b"ITS-SUPER-SECRET-5521"

# --------------------------------------------------------------------------- plumbing


class Run:
    __slots__ = ("name", "argv", "stdin", "env", "check", "info", "result")

    def __init__(self, name, argv, stdin, env, check, info):
        self.name, self.argv, self.stdin, self.env, self.check, self.info = name, argv, stdin, env, check, info
        self.result = None


class Harness:
    def __init__(self, binary, jobs, max_failures):
        self.binary = binary
        self.jobs = jobs
        self.max_failures = max_failures
        self.tmp = tempfile.TemporaryDirectory(prefix="signet-its-interop-")
        self.nfiles = 0
        self.nenv = 0
        self.runs = []
        self.failures = []
        self.counts = {}
        self.options = {}
        self.secrets = {SECRET}

    def key_file(self, key, trailing_newline=None):
        self.nfiles += 1
        path = os.path.join(self.tmp.name, "k%d" % self.nfiles)
        if trailing_newline is None:
            trailing_newline = key.endswith(b"\n") or self.nfiles % 2 == 0
        with open(path, "wb") as f:
            f.write(key + (b"\n" if trailing_newline else b""))
        return path

    def key_args(self, keys, env, mode=None):
        """argv for a rotation list (oldest first), files and variables interleaved."""
        argv = []
        for key in keys:
            if len(key) >= 8:
                self.secrets.add(key)
            m = mode or ("env" if (self.nfiles + self.nenv) % 3 == 0 else "file")
            if m == "env" and b"\x00" not in key:
                self.nenv += 1
                var = "SIGNET_ITS_K%d" % self.nenv
                env[var.encode()] = key
                argv += ["--key-env", var] if self.nenv % 2 else ["--key-env=" + var]
            else:
                path = self.key_file(key)
                argv += ["--key-file", path] if self.nfiles % 2 else ["--key-file=" + path]
        return argv

    def add(self, name, argv, stdin, check, info, env=None):
        self.counts[name] = self.counts.get(name, 0) + 1
        self.runs.append(Run(name, argv, ip.b(stdin), env or {}, check, info))

    def count_option(self, key):
        self.options[key] = self.options.get(key, 0) + 1

    def _exec(self, run):
        env = dict(os.environb)
        env.update(run.env)
        argv = [self.binary] + [ip.b(a) for a in run.argv]
        try:
            p = subprocess.run(argv, input=run.stdin, capture_output=True, env=env, timeout=120)
            run.result = (p.returncode, p.stdout, p.stderr)
        except subprocess.TimeoutExpired:
            run.result = (-999, b"", b"timeout")

    def execute(self):
        runs, self.runs = self.runs, []
        with ThreadPoolExecutor(max_workers=self.jobs) as ex:
            list(ex.map(self._exec, runs))
        for r in runs:
            rc, out, err = r.result
            leaked = [s for s in self.secrets if s in out or s in err]
            try:
                msg = "secret leaked on stdout/stderr" if leaked else r.check(r.result)
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


def expect_text(want):
    want = ip.b(want)

    def check(res):
        rc, out, err = res
        if rc != 0:
            return "expected exit 0, got %d" % rc
        if err:
            return "stderr not empty on success"
        got = strip1(out)
        if got is None:
            return "stdout does not end with a newline"
        if got != want:
            return "stdout differs: want %r" % want[:300]
        return None
    return check


def expect_error(code):
    def check(res):
        rc, out, err = res
        if rc != 1:
            return "expected exit 1 (%s), got %d" % (code, rc)
        if out:
            return "stdout not empty on error"
        lines = err.decode("utf-8", "replace").splitlines()
        if len(lines) != 1:
            return "stderr must be exactly one line, got %d" % len(lines)
        if not lines[0].startswith(code + ":"):
            return "stderr must start with %r" % (code + ":")
        return None
    return check


def expect_usage(res):
    rc, out, err = res
    if rc != 2:
        return "expected exit 2 (usage/config), got %d" % rc
    if out:
        return "stdout not empty on a usage error"
    if not err.strip():
        return "exit 2 without a diagnostic"
    return None


def expect_outcome(outcome):
    """('ok', expected stdout bytes) / ('err', code)."""
    kind, v = outcome
    return expect_error(v) if kind == "err" else expect_text(v)


def expect_signed(kind, value, keys, opts, want_token=None):
    """signet made a token: itsdangerous must verify it to `value`; byte-identical when want_token is set."""
    def check(res):
        rc, out, err = res
        if rc != 0:
            return "expected exit 0, got %d" % rc
        tok = strip1(out)
        if tok is None:
            return "stdout does not end with a newline"
        if want_token is not None and tok != want_token:
            return "not byte-identical to itsdangerous's token %r" % want_token[:300]
        o = ip.its_outcome(kind, tok, keys, opts["salt"], opts["sep"], opts["digest"], opts["kd"], None, opts["now"])
        if o[0] != "ok":
            return "itsdangerous rejected signet's token: %s" % o[1]
        if kind in ("sign", "ts"):
            if o[1] != value:
                return "itsdangerous read %r, want %r" % (o[1][:200], value[:200])
        elif not ip.same_json_value(o[1], value):
            return "itsdangerous read %r, want %r" % (repr(o[1])[:200], repr(value)[:200])
        return None
    return check


def verb_of(kind):
    return "sign" if kind in ("sign", "ts") else "dumps"


def unverb_of(kind):
    return "unsign" if kind in ("sign", "ts") else "loads"


def kind_flags(kind, rng=None):
    """--timestamp and --url-safe/--plain for a kind (URL-safe is the default: sometimes implicit)."""
    flags = []
    if kind in ip.TIMED:
        flags.append("--timestamp")
    if kind in ("ser", "tser"):
        flags.append("--plain")
    elif kind in ip.URL_SAFE and (rng is None or rng.random() < 0.5):
        flags.append("--url-safe")
    return flags


def option_flags(opts, rng=None):
    """--salt/--sep/--digest/--key-derivation; defaults are sometimes spelled out, sometimes omitted."""
    flags = []
    explicit = rng is not None and rng.random() < 0.3
    if opts["salt"] is not None:
        inline = opts["salt"] == b"" or (rng is not None and rng.random() < 0.5)
        flags += [b"--salt=" + opts["salt"]] if inline else ["--salt", opts["salt"]]
    if opts["sep"] != b"." or explicit:
        flags += ["--sep", opts["sep"]]
    if opts["digest"] != "sha1" or explicit:
        flags += ["--digest", opts["digest"]]
    if opts["kd"] != "django-concat" or explicit:
        flags += ["--key-derivation", opts["kd"]]
    return flags


def default_opts(**kw):
    o = {"salt": None, "sep": b".", "digest": "sha1", "kd": "django-concat", "now": T0}
    o.update(kw)
    return o


def ref(kind, token, keys, opts, max_age=None, now=None, max_inflate=None):
    """Expected CLI outcome: ('ok', stdout bytes) or ('err', code)."""
    o = ip.reference(kind, token, keys, opts["salt"], opts["sep"], opts["digest"], opts["kd"], max_age,
                     opts["now"] if now is None else now, max_inflate)
    if o[0] == "err":
        return o
    return ("ok", o[1] if kind in ("sign", "ts") else ip.compact_utf8(o[1]))


# --------------------------------------------------------------------------- fixed suite


def suite_fixed(h, rng):
    env = {}
    kf = h.key_args([K], env, mode="file")
    ke = h.key_args([K], env, mode="env")
    for kargs in (kf, ke):
        h.add("fixed", ["itsdangerous", "sign"] + kargs, b"hello\n", expect_text(b"hello.lYl6R2mXZaqvOUcYoA9sT4P85pc"), {}, env)
        h.add("fixed", ["itsdangerous", "unsign"] + kargs, b"hello.lYl6R2mXZaqvOUcYoA9sT4P85pc\n", expect_text(b"hello"), {}, env)
    ts_tok = ip.make_token("ts", b"hello", [K], now=T0)
    assert ts_tok == b"hello.ZVPxAA.fI_qtH3geYgdEzcphxt1j9ZQ0pE"
    h.add("fixed", ["itsdangerous", "sign", "--timestamp", "--now", str(T0)] + kf, b"hello\n", expect_text(ts_tok), {}, env)
    h.add("fixed", ["itsdangerous", "sign", "--timestamp", "--now", "%d.999" % T0] + kf, b"hello\n", expect_text(ts_tok), {}, env)
    h.add("fixed", ["itsdangerous", "unsign", "--timestamp", "--max-age", "100", "--now", "%d.999" % (T0 + 100)] + kf,
          ts_tok + b"\n", expect_text(b"hello"), {}, env)
    ser = b'{"user": 42, "role": "admin"}.FrckEMbMDYQCacciHPFIr4GNV00'
    h.add("fixed", ["itsdangerous", "dumps", "--plain"] + kf, b'{"user":42,"role":"admin"}\n', expect_text(ser), {}, env)
    h.add("fixed", ["itsdangerous", "loads", "--plain"] + kf, ser + b"\n", expect_text(b'{"user":42,"role":"admin"}'), {}, env)
    r20 = list(range(1, 20))
    for kind in ("uss", "utss"):
        tok = ip.make_token(kind, r20, [K], now=T0)
        assert tok.startswith(b".eJwFwcERACAIwLCF-rCiILN47r-GyZVJsNgkxaFxoDgxcOHGxMKD_T7vhAml.")
        flags = kind_flags(kind)
        h.add("fixed", ["itsdangerous", "dumps", "--now", str(T0)] + flags + kf, json.dumps(r20) + "\n", expect_text(tok), {}, env)
        h.add("fixed", ["itsdangerous", "dumps", "--compress", "--now", str(T0)] + flags + kf, json.dumps(r20) + "\n",
              expect_text(tok), {}, env)
        h.add("fixed", ["itsdangerous", "dumps", "--no-compress", "--now", str(T0)] + flags + kf, json.dumps(r20) + "\n",
              expect_signed(kind, r20, [K], default_opts()), {}, env)
        h.add("fixed", ["itsdangerous", "loads"] + flags + kf, tok + b"\n", expect_text(ip.compact_utf8(r20)), {}, env)
    # Django-compatible configuration (spec 3.6).
    h.add("fixed", ["itsdangerous", "sign", "--salt", "django.core.signing.Signer", "--sep", ":", "--digest", "sha256"] + kf,
          b"hello\n", expect_text(b"hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA"), {}, env)

    # Every kind x digest x key derivation at fixed inputs, both directions.
    obj = {"\u00e9": ["\u2603", 1.5, -0.0, 2**70, None, True], "": {"\U0001f600": "\x00\x1f\x7f"}}
    for kind in ip.KINDS:
        for digest in ip.DIGESTS:
            for kd in ip.DERIVATIONS:
                opts = default_opts(salt=b"s", digest=digest, kd=kd)
                value = b"v.al:ue" if kind in ("sign", "ts") else obj
                tok = ip.make_token(kind, value, [K], b"s", b".", digest, kd, now=T0)
                stdin = value if kind in ("sign", "ts") else json.dumps(obj, ensure_ascii=False).encode()
                base = option_flags(opts) + kind_flags(kind) + kf
                h.add("fixed-matrix", ["itsdangerous", verb_of(kind), "--now", str(T0)] + base, stdin + b"\n",
                      expect_signed(kind, value, [K], opts, tok), {"kind": kind}, env)
                h.add("fixed-matrix", ["itsdangerous", unverb_of(kind)] + base, tok + b"\n",
                      expect_outcome(ref(kind, tok, [K], opts)), {"kind": kind}, env)

    # Salts: default, explicit empty (used as given), the other class's default.
    for kind in ip.KINDS:
        value = b"x" if kind in ("sign", "ts") else ["x"]
        stdin = b"x\n" if kind in ("sign", "ts") else b'["x"]\n'
        for salt in [None, b"", ip.SIGNER_SALT, ip.SERIALIZER_SALT, "s\u00e9l".encode()]:
            opts = default_opts(salt=salt)
            tok = ip.make_token(kind, value, [K], salt, now=T0)
            flags = option_flags(opts, rng) + kind_flags(kind, rng) + kf
            h.add("fixed-salt", ["itsdangerous", verb_of(kind), "--now", str(T0)] + flags, stdin,
                  expect_signed(kind, value, [K], opts, tok), {"salt": salt}, env)
            h.add("fixed-salt", ["itsdangerous", unverb_of(kind)] + flags, tok + b"\n",
                  expect_outcome(ref(kind, tok, [K], opts)), {"salt": salt}, env)

    # Rotation: --key-file/--key-env in command-line order, oldest first; the last signs.
    old, mid, new = b"old-rotation-key", b"mid-rotation-key", b"new-rotation-key"
    for kind in ip.KINDS:
        value = b"rot" if kind in ("sign", "ts") else {"rot": [1, 2]}
        stdin = b"rot\n" if kind in ("sign", "ts") else b'{"rot":[1,2]}\n'
        kflags = kind_flags(kind)
        for mode in ("file", "env", None):
            ka = h.key_args([old, mid, new], env, mode=mode)
            h.add("fixed-rotation", ["itsdangerous", verb_of(kind), "--now", str(T0)] + kflags + ka, stdin,
                  expect_signed(kind, value, [new], default_opts(), ip.make_token(kind, value, [old, mid, new], now=T0)),
                  {"mode": mode}, env)
            for signers in ([old], [old, mid]):
                tok = ip.make_token(kind, value, signers, now=T0)
                h.add("fixed-rotation", ["itsdangerous", unverb_of(kind)] + kflags + ka, tok + b"\n",
                      expect_outcome(ref(kind, tok, [old, mid, new], default_opts())), {"mode": mode}, env)
        # Reversed order: the old key signs, so the token differs from the newest key's.
        ka = h.key_args([new, old], env)
        h.add("fixed-rotation", ["itsdangerous", verb_of(kind), "--now", str(T0)] + kflags + ka, stdin,
              expect_signed(kind, value, [old], default_opts(), ip.make_token(kind, value, [old], now=T0)), {}, env)

    # Time: boundary inclusive on whole seconds, fractional --max-age, future, no max_age.
    for kind in ip.TIMED:
        value = b"t" if kind == "ts" else ["t"]
        tok = ip.make_token(kind, value, [K], now=T0)
        kflags = kind_flags(kind) + kf
        for now, max_age in [(T0 + 100, "100"), ("%d.999" % (T0 + 100), "100"), (T0 + 101, "100"), (T0 + 100, "100.5"),
                             (T0 + 101, "100.9"), (T0 - 1, "100"), ("%d.5" % (T0 - 1), "100"), (T0, "0"), (T0 + 1, "0"),
                             (T0, "-1"), (T0 - 10, "-5"), (T0 - 86400 * 11, None), (T0 + 10**6, None)]:
            ma = None if max_age is None else int(float(max_age) // 1)
            args = ["itsdangerous", unverb_of(kind), "--now", str(now)] + kflags
            if max_age is not None:
                args += ["--max-age", max_age]
            h.add("fixed-time", args, tok + b"\n", expect_outcome(ref(kind, tok, [K], default_opts(), ma, float(now))),
                  {"now": now, "max_age": max_age}, env)
        # t = 0: the timestamp field is empty.
        tok0 = ip.make_token(kind, value, [K], now=0)
        h.add("fixed-time", ["itsdangerous", verb_of(kind), "--now", "0"] + kflags,
              (b"t" if kind == "ts" else b'["t"]') + b"\n", expect_text(tok0), {}, env)
        h.add("fixed-time", ["itsdangerous", unverb_of(kind), "--now", "5", "--max-age", "5"] + kflags, tok0 + b"\n",
              expect_outcome(ref(kind, tok0, [K], default_opts(), 5, 5)), {}, env)

    # stdin: one trailing newline removed; values with more newlines keep them.
    for value in [b"", b"a\n", b"\n\n", b"line1\nline2", b"\xff\xfe\x00bin"]:
        tok = ip.make_token("sign", value, [K])
        h.add("fixed-stdin", ["itsdangerous", "sign"] + kf, value + b"\n", expect_text(tok), {}, env)
        h.add("fixed-stdin", ["itsdangerous", "unsign"] + kf, tok + b"\n", expect_text(value), {}, env)
        h.add("fixed-stdin", ["itsdangerous", "unsign"] + kf, tok, expect_text(value), {"note": "no newline"}, env)


# --------------------------------------------------------------------------- negative suite


def suite_negative(h, rng):
    env = {}
    kf = h.key_args([K], env, mode="file")
    # Tampering, truncation, shapes.
    for kind in ip.KINDS:
        value = b"hello" if kind in ("sign", "ts") else {"a": [1, 2, 3]}
        tok = ip.make_token(kind, value, [K], now=T0)
        kflags = kind_flags(kind) + kf
        cmd = ["itsdangerous", unverb_of(kind)] + kflags
        for i in range(0, len(tok), max(1, len(tok) // 12)):
            bad = tok[:i] + (b"A" if tok[i:i + 1] != b"A" else b"B") + tok[i + 1:]
            h.add("neg-tamper", cmd, bad + b"\n", expect_outcome(ref(kind, bad, [K], default_opts())), {"i": i}, env)
        for bad in [tok[:-1], tok[:len(tok) // 2], b"", b"no-separator", b".", tok + b"."]:
            h.add("neg-shape", cmd, bad + b"\n", expect_outcome(ref(kind, bad, [K], default_opts())), {}, env)
        # Malleable spellings itsdangerous accepts: signet refuses them all.
        v, sig = tok.rsplit(b".", 1)
        alphabet = ip.ALPHABET[:-1]
        for name, bad in [("padded", tok + b"="), ("double-padded", tok + b"=="), ("bangs", tok + b"!!"),
                          ("non-ascii", v + b"." + sig[:3] + "\u00e9".encode() + sig[3:]),
                          ("spare-bits", v + b"." + sig[:-1] + bytes([alphabet[alphabet.index(sig[-1]) ^ 1]])),
                          ("std-alphabet", v + b"." + sig.replace(b"-", b"+").replace(b"_", b"/"))]:
            if bad == tok:
                continue
            its = ip.its_outcome(kind, bad, [K], now=T0)[0]
            h.add("neg-malleable", cmd, bad + b"\n", expect_error("bad_signature"), {"variant": name, "itsdangerous": its}, env)
        # Wrong key, salt, digest, key derivation, separator.
        for flags, keys in [(h.key_args([K + b"x"], env), None), (kf + ["--salt", "other"], None),
                            (kf + ["--digest", "sha256"], None), (kf + ["--key-derivation", "hmac"], None),
                            (kf + ["--key-derivation", "none"], None), (kf + ["--sep", "~"], None)]:
            h.add("neg-wrong", ["itsdangerous", unverb_of(kind)] + kind_flags(kind) + flags, tok + b"\n",
                  expect_error("malformed" if "--sep" in flags else "bad_signature"), {"flags": flags}, env)

    # Expiry and the future, through every timed kind.
    for kind in ip.TIMED:
        value = b"t" if kind == "ts" else ["t"]
        tok = ip.make_token(kind, value, [K], now=T0)
        cmd = ["itsdangerous", unverb_of(kind)] + kind_flags(kind) + kf
        h.add("neg-time", cmd + ["--now", str(T0 + 101), "--max-age", "100"], tok + b"\n", expect_error("expired"), {}, env)
        h.add("neg-time", cmd + ["--now", str(T0 - 1), "--max-age", "100"], tok + b"\n", expect_error("not_yet_valid"), {}, env)
        h.add("neg-time", cmd + ["--now", str(T0), "--max-age", "-1"], tok + b"\n", expect_error("expired"), {}, env)

    # Rotation: the full list except the signing key.
    old, new = b"old-negative-key", b"new-negative-key"
    tok = ip.make_token("utss", {"r": 1}, [old], now=T0)
    h.add("neg-rotation", ["itsdangerous", "loads", "--timestamp"] + h.key_args([new], env), tok + b"\n",
          expect_error("bad_signature"), {}, env)
    h.add("neg-rotation", ["itsdangerous", "loads", "--timestamp", "--max-age", "10", "--now", str(T0 + 11)]
          + h.key_args([old, new], env), tok + b"\n", expect_error("expired"), {"note": "max_age applies to old keys"}, env)

    # Decompression bomb made by itsdangerous (5 MB of JSON).
    bomb = "a" * 5_000_000
    nj = len(ip.payload_json("uss", bomb))
    for kind in ("uss", "utss"):
        tok = ip.make_token(kind, bomb, [K], now=T0)
        cmd = ["itsdangerous", "loads"] + kind_flags(kind) + kf
        h.add("neg-bomb", cmd, tok + b"\n", expect_error("payload_too_large"), {"token_len": len(tok)}, env)
        h.add("neg-bomb", cmd + ["--max-inflate", str(nj - 1)], tok + b"\n", expect_error("payload_too_large"), {}, env)
        h.add("neg-bomb", cmd + ["--max-inflate", str(nj)], tok + b"\n", expect_text(ip.compact_utf8(bomb)), {}, env)

    # Validly signed payloads that are not what itsdangerous writes.
    payloads = {
        "not-base64": b"a", "empty": b"", "dot-only": b".", "not-zlib": b"." + ip.base64_encode(b"not zlib"),
        "zlib-trailing": b"." + ip.base64_encode(zlib.compress(b"[1,2,3,4,5,6,7,8,9]") + b"!"),
        "padded-b64": ip.base64_encode(b"[12]") + b"==", "not-json": ip.base64_encode(b"{x"),
        "nan": ip.base64_encode(b"[NaN]"), "duplicates": ip.base64_encode(b'{"a":1,"a":2}'),
        "lone-surrogate": ip.base64_encode(b'"\\udc00"'), "bad-utf8": ip.base64_encode(b'"\xc3"'),
        "big-float": ip.base64_encode(b"1e400"), "deep": ip.base64_encode(b"[" * 300 + b"]" * 300),
    }
    for kind in ("uss", "utss"):
        for name, p in payloads.items():
            signed = p if kind == "uss" else p + b"." + ip.ts_field(T0)
            tok = ip.sign_raw(signed, [K], ip.SERIALIZER_SALT)
            h.add("neg-payload", ["itsdangerous", "loads"] + kind_flags(kind) + kf, tok + b"\n",
                  expect_outcome(ref(kind, tok, [K], default_opts())), {"payload": name}, env)
    for kind in ("ser", "tser"):
        for p in [b"{x", b"", b"NaN", b'"\xff"', b'{"a": 1, "a": 2}']:
            signed = p if kind == "ser" else p + b"." + ip.ts_field(T0)
            tok = ip.sign_raw(signed, [K], ip.SERIALIZER_SALT)
            h.add("neg-payload", ["itsdangerous", "loads"] + kind_flags(kind) + kf, tok + b"\n",
                  expect_error("bad_payload"), {"payload": p}, env)
    # Timestamp fields under a valid signature.
    for name, signed in [("missing", b"v"), ("nine-bytes", b"v.AAAAAAAAAAAB"), ("leading-zero", b"v.AGVT8QA"),
                         ("padded", b"v.ZVPxAA=="), ("spare-bits", b"v.ZVPxAB"), ("not-b64", b"v.Z!")]:
        tok = ip.sign_raw(signed, [K], ip.SIGNER_SALT)
        h.add("neg-tsfield", ["itsdangerous", "unsign", "--timestamp"] + kf, tok + b"\n", expect_error("bad_payload"),
              {"field": name}, env)
    # Kinds confused with each other.
    for maker, reader, code in [("sign", "ts", "bad_payload"), ("ser", "uss", "bad_payload"), ("uss", "ser", "bad_payload"),
                                ("uss", "utss", "bad_payload"), ("ser", "sign", "bad_signature")]:
        value = b"hello" if maker in ("sign", "ts") else [1, 2]
        tok = ip.make_token(maker, value, [K], now=T0)
        h.add("neg-confuse", ["itsdangerous", unverb_of(reader)] + kind_flags(reader) + kf, tok + b"\n",
              expect_error(code), {"maker": maker, "reader": reader}, env)


# --------------------------------------------------------------------------- config suite


def suite_config(h, rng):
    env = {}
    kf = h.key_args([K], env, mode="file")
    empty = h.key_file(b"", trailing_newline=False)
    newline_only = h.key_file(b"", trailing_newline=True)
    cases = [
        (["itsdangerous", "sign"], b"x"),
        (["itsdangerous", "sign", "--key-file", empty], b"x"),
        (["itsdangerous", "sign", "--key-file", newline_only], b"x"),
        (["itsdangerous", "sign", "--key-file", h.tmp.name], b"x"),
        (["itsdangerous", "sign", "--key-file", os.path.join(h.tmp.name, "missing")], b"x"),
        (["itsdangerous", "sign", "--key-env", "SIGNET_ITS_UNSET_VARIABLE"], b"x"),
        (["itsdangerous", "sign", "--key-file"], b"x"),
        (["itsdangerous", "sign", "--digest", "md5"] + kf, b"x"),
        (["itsdangerous", "sign", "--digest", "SHA1"] + kf, b"x"),
        (["itsdangerous", "sign", "--key-derivation", "django_concat"] + kf, b"x"),
        (["itsdangerous", "sign", "--key-derivation", ""] + kf, b"x"),
        (["itsdangerous", "dumps", "--plain", "--url-safe"] + kf, b"1"),
        (["itsdangerous", "dumps", "--plain", "--compress"] + kf, b"1"),
        (["itsdangerous", "dumps", "--compress", "--no-compress"] + kf, b"1"),
        (["itsdangerous", "loads", "--max-age", "10"] + kf, b"x"),
        (["itsdangerous", "unsign", "--max-age", "10"] + kf, b"x"),
        (["itsdangerous", "loads", "--plain", "--max-inflate", "10"] + kf, b"x"),
        (["itsdangerous", "loads", "--timestamp", "--max-age", "ten"] + kf, b"x"),
        (["itsdangerous", "loads", "--max-inflate", "-1"] + kf, b"x"),
        (["itsdangerous", "sign", "--timestamp", "--now", "yesterday"] + kf, b"x"),
        (["itsdangerous", "sign", "--timestamp", "--now", "-1"] + kf, b"x"),  # before 1970: itsdangerous fails too
        (["itsdangerous", "sign", "--timestamp", "--timestamp"] + kf, b"x"),
        (["itsdangerous", "sign", "--salt", "a", "--salt", "b"] + kf, b"x"),
        (["itsdangerous", "sign", "--unknown"] + kf, b"x"),
        (["itsdangerous", "sign", "positional"] + kf, b"x"),
        (["itsdangerous", "sign", "--compress"] + kf, b"x"),
        (["itsdangerous", "frobnicate"] + kf, b"x"),
        (["itsdangerous"], b""),
    ]
    for sep in [b"", b"a", b"ab", b"9-", b"=", b"-_=", b"za", b"aa", b"Az", b"0a"]:
        cases.append((["itsdangerous", "sign", "--sep=" + sep.decode()] + kf, b"x"))
        cases.append((["itsdangerous", "dumps", "--timestamp", "--sep=" + sep.decode()] + kf, b"1"))
    for bad in [b"{x", b"", b"NaN", b"[1,]", b'{"a":1,"a":2}', b'"\\ud800"', b"1e400", b"\xff", b"[" * 300 + b"]" * 300]:
        for flags in ([], ["--plain"], ["--timestamp"], ["--timestamp", "--plain"]):
            cases.append((["itsdangerous", "dumps"] + flags + kf, bad + b"\n"))
    for argv, stdin in cases:
        h.add("config", argv, stdin, expect_usage, {}, env)
    # Help is exit 0 on stdout.
    for argv in (["itsdangerous", "--help"], ["itsdangerous", "sign", "--help"], ["itsdangerous", "loads", "-h"]):
        h.add("config-help", argv, b"", lambda res: None if res[0] == 0 and res[1].startswith(b"usage: signet itsdangerous")
              else "help must exit 0 with usage on stdout", {}, env)
    # Safe separators itsdangerous refuses nothing of: accepted, round trip with itsdangerous.
    for sep in [b":", b"a.", b".a", b"~~", b"\n", b"[", "\u00b7".encode(), b"x\n"]:
        opts = default_opts(sep=sep)
        tok = ip.make_token("ts", b"v" + sep + b"w", [K], sep=sep, now=T0)
        h.add("config-sep", ["itsdangerous", "sign", "--timestamp", "--now", str(T0), "--sep", sep] + kf,
              b"v" + sep + b"w\n", expect_signed("ts", b"v" + sep + b"w", [K], opts, tok), {"sep": sep}, env)


# --------------------------------------------------------------------------- random suite


def mutate(token, rng, sep):
    r = rng.random()
    if r < 0.45 and token:
        i = rng.randrange(len(token))
        alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        return token[:i] + bytes([rng.choice([c for c in alphabet if c != token[i]])]) + token[i + 1:]
    if r < 0.65:
        return token[:rng.randrange(len(token))]
    if r < 0.85:
        return token + rng.choice([b"=", b"==", b"!!", sep])
    i = rng.randrange(len(token) + 1)
    return token[:i] + ip.rand_char(rng, controls=False).encode("utf-8") + token[i:]


def suite_random(h, rng, n):
    for _ in range(n):
        env = {}
        kind = rng.choices(ip.KINDS, weights=[2, 2, 1, 1, 2, 3])[0]
        keys = ip.rand_keys(rng, textual=rng.random() < 0.5)
        signer_index = len(keys) - 1 if rng.random() < 0.75 else rng.randrange(len(keys))
        salt = ip.rand_salt(rng, argv=True)
        sep = ip.rand_sep(rng, argv=True)
        digest = rng.choice(ip.DIGESTS) if rng.random() < 0.7 else "sha1"
        kd = rng.choice(ip.DERIVATIONS) if rng.random() < 0.7 else "django-concat"
        sign_ns = ip.rand_sign_ns(rng)
        now = ip.seconds_from_ns(sign_ns)
        opts = default_opts(salt=salt, sep=sep, digest=digest, kd=kd, now=now)
        if kind in ("sign", "ts"):
            value = ip.rand_bytes_value(rng)
            stdin = value + b"\n"
        else:
            value = ip.rand_top_value(rng)
            stdin = ip.json_input_text(rng, value)[0].encode("utf-8") + b"\n"
        token = ip.make_token(kind, value, keys[:signer_index + 1], salt, sep, digest, kd, now=now)
        kargs = h.key_args(keys, env)
        flags = option_flags(opts, rng) + kind_flags(kind, rng) + kargs
        info = {"kind": kind, "keys": len(keys), "signer": signer_index, "token": token}
        for opt in ("kind=" + kind, "digest=" + digest, "kd=" + kd, "keys=%d" % len(keys),
                    "salt=" + ("default" if salt is None else "empty" if salt == b"" else "custom"),
                    "sep=" + ("default" if sep == b"." else "custom")):
            h.count_option(opt)

        # (b)+(c): signet signs; itsdangerous verifies; byte-identical when itsdangerous used the newest key.
        compress_flags = []
        compress = True
        if kind in ip.URL_SAFE and rng.random() < 0.15:
            compress_flags, compress = ["--no-compress"], False
        elif kind in ip.URL_SAFE and rng.random() < 0.2:
            compress_flags = ["--compress"]
        identical = signer_index == len(keys) - 1 and (compress or not token.startswith(b"."))
        h.add("random-sign", ["itsdangerous", verb_of(kind), "--now", ip.fmt_ns(sign_ns)] + compress_flags + flags,
              stdin, expect_signed(kind, value, keys[-1:], opts, token if identical else None), info, env)

        # (a): itsdangerous signs; signet verifies.
        max_age, verify_ns = None, sign_ns
        if kind in ip.TIMED:
            max_age, verify_ns = ip.rand_max_age_and_verify(rng, ip.trunc_s(sign_ns), sign_ns)
        vflags = ["--now", ip.fmt_ns(verify_ns)] if (kind in ip.TIMED or rng.random() < 0.3) else []
        if max_age is not None:
            vflags += ["--max-age", str(max_age) if rng.random() < 0.8 else "%d.%d" % (max_age, rng.randrange(1, 10))]
        max_inflate = None
        if kind in ip.URL_SAFE and rng.random() < 0.25:
            nj = len(ip.payload_json(kind, value))
            max_inflate = rng.choice([nj, nj - 1, nj // 2, nj + 1])
            vflags += ["--max-inflate", str(max_inflate)]
        vnow = ip.seconds_from_ns(verify_ns)
        cmd = ["itsdangerous", unverb_of(kind)] + vflags + flags
        h.add("random-verify", cmd, token + b"\n",
              expect_outcome(ref(kind, token, keys, opts, max_age, vnow, max_inflate)), info, env)
        r = rng.random()
        if r < 0.3:
            bad = mutate(token, rng, sep)
            h.add("random-mutated", cmd, bad + b"\n", expect_outcome(ref(kind, bad, keys, opts, max_age, vnow, max_inflate)),
                  dict(info, bad=bad), env)
        elif r < 0.4:
            wrong = [k + b"!" for k in keys]
            h.add("random-wrong-key", ["itsdangerous", unverb_of(kind)] + vflags + option_flags(opts)
                  + kind_flags(kind) + h.key_args(wrong, env), token + b"\n",
                  expect_outcome(ref(kind, token, wrong, opts, max_age, vnow, max_inflate)), info, env)


# --------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("--suite", default="all", choices=["fixed", "negative", "config", "random", "all"])
    ap.add_argument("--cases", type=int, default=int(os.environ.get("SIGNET_INTEROP_CASES", "800")))
    ap.add_argument("--seed", type=lambda s: int(s, 0), default=None)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-failures", type=int, default=25)
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else ip.seed_from_env()
    import random
    rng = random.Random(seed)
    h = Harness(args.binary, args.jobs, args.max_failures)
    start = time.time()
    suites = ["fixed", "negative", "config", "random"] if args.suite == "all" else [args.suite]
    for s in suites:
        if s == "fixed":
            suite_fixed(h, rng)
        elif s == "negative":
            suite_negative(h, rng)
        elif s == "config":
            suite_config(h, rng)
        else:
            suite_random(h, rng, args.cases)
    total = h.execute()
    print("itsdangerous_cli_interop: itsdangerous %s, suites %s, seed=%d (replay: SIGNET_INTEROP_SEED=%d)"
          % (ip.ITSDANGEROUS_VERSION, ",".join(suites), seed, seed))
    print("  %d runs in %.1fs: %s" % (total, time.time() - start, dict(sorted(h.counts.items()))))
    if h.options:
        print("  random cases by option: %s" % dict(sorted(h.options.items())))
    print("  %d failures" % len(h.failures))
    return 1 if h.failures else 0


if __name__ == "__main__":
    sys.exit(main())
