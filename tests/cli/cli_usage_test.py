#!/usr/bin/python3
"""Usage, help and configuration errors of the signet CLI, and secret hygiene.

Usage: /usr/bin/python3 cli_usage_test.py SIGNET_BINARY [unittest options]
Set SIGNET_EXPECTED_VERSION to check `signet --version` exactly.
"""

import os
import re
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_support as cs  # noqa: E402
from cli_support import OLD_SECRET, SECRET, SECRETS, CliTestCase  # noqa: E402

T0 = 1700000000
VERBS = ("dumps", "loads", "sign", "unsign")

# Each verb's flags, as the contract lists them.
VERB_FLAGS = {
    "dumps": ["--key-file", "--key-env", "--salt", "--algorithm", "--compress", "--now"],
    "loads": ["--key-file", "--key-env", "--fallback-key-file", "--fallback-key-env", "--salt", "--algorithm",
              "--max-age", "--max-future", "--max-inflate", "--now"],
    "sign": ["--key-file", "--key-env", "--salt", "--sep", "--algorithm", "--timestamp", "--now"],
    "unsign": ["--key-file", "--key-env", "--fallback-key-file", "--fallback-key-env", "--salt", "--sep",
               "--algorithm", "--timestamp", "--max-age", "--max-future", "--now"],
}
VALUE_FLAGS = {"--key-file", "--key-env", "--fallback-key-file", "--fallback-key-env", "--salt", "--sep",
               "--algorithm", "--max-age", "--max-future", "--max-inflate", "--now"}
ALL_FLAGS = sorted({f for flags in VERB_FLAGS.values() for f in flags})


class UsageCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.token = cs.ref_dumps(SECRET, {"a": 1}, T0)
        self.signed = cs.ref_sign(SECRET, b"hello")

    def key(self):
        return ["--key-file", self.secret_file]

    def stdin_for(self, verb):
        return {"dumps": b'{"a":1}', "loads": self.token, "sign": b"hello", "unsign": self.signed}[verb]

    def valid(self, verb):
        """A working invocation of `verb`, to which one bad flag is added."""
        return ["django", verb, *self.key()]


class Help(UsageCase):
    def assert_help(self, args, starts=b"usage: signet"):
        r = self.run_cli(args, b"not read")
        self.assertEqual((r.code, r.err), (0, b""), "command %r" % (args,))
        self.assertTrue(r.out.startswith(starts), r.out[:80])
        self.assertTrue(r.out.endswith(b"\n"))
        return r.out

    def test_top_level_help(self):
        for flag in ["--help", "-h"]:
            with self.subTest(flag=flag):
                out = self.assert_help([flag], b"usage: signet <format>")
                self.assertIn(b"django", out)
                for verb in VERBS:
                    self.assertIn(verb.encode(), out)

    def test_django_help(self):
        for flag in ["--help", "-h"]:
            with self.subTest(flag=flag):
                out = self.assert_help(["django", flag], b"usage: signet django")
                for verb in VERBS:
                    self.assertIn(verb.encode(), out)

    def test_verb_help_lists_every_flag(self):
        for verb in VERBS:
            for flag in ["--help", "-h"]:
                with self.subTest(verb=verb, flag=flag):
                    out = self.assert_help(["django", verb, flag], b"usage: signet django " + verb.encode())
                    for name in VERB_FLAGS[verb]:
                        self.assertIn(name.encode(), out, "%s help does not mention %s" % (verb, name))

    def test_help_needs_no_key_and_wins_over_other_flags(self):
        for verb in VERBS:
            with self.subTest(verb=verb):
                plain = self.assert_help(["django", verb, "--help"])
                self.assertEqual(self.assert_help(["django", verb, *self.key(), "--salt", "s", "--help"]), plain)
                self.assertEqual(self.assert_help(["django", verb, "--bogus", "--help"]), plain)

    def test_help_differs_per_level(self):
        outs = [self.assert_help(["--help"]), self.assert_help(["django", "--help"])]
        outs += [self.assert_help(["django", verb, "--help"]) for verb in VERBS]
        self.assertEqual(len(set(outs)), len(outs))

    def test_no_arguments_prints_usage_on_stderr(self):
        for args in [[], ["django"]]:
            with self.subTest(args=args):
                err = self.usage_error(args)
                self.assertTrue(err.startswith(b"usage: signet"), err[:80])

    def test_version(self):
        r = self.run_cli(["--version"])
        self.assertEqual((r.code, r.err), (0, b""))
        expected = os.environ.get("SIGNET_EXPECTED_VERSION")
        if expected:
            self.assertEqual(r.out, b"signet " + expected.encode() + b"\n")
        else:
            self.assertRegex(r.out, re.compile(rb"\Asignet \d+\.\d+\.\d+\n\Z"))


class Unknowns(UsageCase):
    def test_unknown_format(self):
        for fmt in ["nosuchformat", "Django", "DJANGO", "djangoo", "", "-x", "--bogus", "--version=1"]:
            with self.subTest(format=fmt):
                self.usage_error([fmt, "sign", *self.key()], b"hello")

    def test_unknown_format_names_it(self):
        self.usage_error(["nosuchformat", "sign"], mentions=b"nosuchformat")

    def test_unknown_verb(self):
        for verb in ["frob", "Sign", "DUMPS", "load", "", "--key-file", "-x", "--bogus"]:
            with self.subTest(verb=verb):
                self.usage_error(["django", verb, *self.key()], b"hello")
        self.usage_error(["django", "frobnicate"], mentions=b"frobnicate")

    def test_unknown_flag(self):
        for verb in VERBS:
            for flag in ["--bogus", "--bogus=1", "--key", "--secret", "--Salt", "--salt-x", "-s", "-", "--", "---salt",
                         "--=x", "--max_age=1"]:
                with self.subTest(verb=verb, flag=flag):
                    self.usage_error(self.valid(verb) + [flag], self.stdin_for(verb))

    def test_flag_of_another_verb(self):
        for verb in VERBS:
            for flag in ALL_FLAGS:
                if flag in VERB_FLAGS[verb] or flag in ("--key-file", "--key-env"):
                    continue
                args = [flag, "x"] if flag in VALUE_FLAGS else [flag]
                with self.subTest(verb=verb, flag=flag):
                    self.usage_error(self.valid(verb) + args, self.stdin_for(verb))

    def test_positional_argument(self):
        for verb in VERBS:
            for extra in [["extra"], ["-"], ["x", "--salt", "s"], ["SIGNET"]]:
                with self.subTest(verb=verb, extra=extra):
                    self.usage_error(self.valid(verb) + extra, self.stdin_for(verb))
                    self.usage_error(["django", verb] + extra + self.key(), self.stdin_for(verb))


class FlagSyntax(UsageCase):
    def test_missing_value(self):
        for verb in VERBS:
            for flag in VERB_FLAGS[verb]:
                if flag not in VALUE_FLAGS or flag in ("--key-file", "--key-env"):
                    continue
                with self.subTest(verb=verb, flag=flag):
                    self.usage_error(self.valid(verb) + [flag], self.stdin_for(verb))
            for flag in ["--key-file", "--key-env"]:
                with self.subTest(verb=verb, flag=flag):
                    self.usage_error(["django", verb, flag], self.stdin_for(verb))

    def test_switch_given_a_value(self):
        self.usage_error(self.valid("dumps") + ["--compress=yes"], b"[1]")
        self.usage_error(self.valid("dumps") + ["--compress="], b"[1]")
        self.usage_error(self.valid("sign") + ["--timestamp=1"], b"x")
        self.usage_error(self.valid("unsign") + ["--timestamp=true"], self.signed)

    def test_repeated_single_flag(self):
        for verb in VERBS:
            for flag in VERB_FLAGS[verb]:
                if flag in ("--fallback-key-file", "--fallback-key-env"):
                    continue
                if flag == "--key-file":
                    args = ["django", verb, "--key-file", self.secret_file, "--key-file", self.secret_file]
                elif flag == "--key-env":
                    args = ["django", verb, "--key-env", "K", "--key-env=K"]
                else:
                    value = {"--salt": "s", "--sep": "/", "--algorithm": "sha256", "--now": str(T0),
                             "--max-age": "10", "--max-future": "10", "--max-inflate": "100"}.get(flag)
                    once = [flag] if value is None else [flag, value]
                    twice = [flag] if value is None else [flag + "=" + value]
                    if verb == "unsign" and flag in ("--max-age", "--max-future"):
                        once = ["--timestamp"] + once
                    args = self.valid(verb) + once + twice
                with self.subTest(verb=verb, flag=flag):
                    self.usage_error(args, self.stdin_for(verb), env={"K": SECRET})

    def test_repeated_flag_with_the_same_value_is_still_refused(self):
        self.usage_error(self.valid("sign") + ["--salt", "s", "--salt", "s"], b"x")

    def test_repeatable_fallback_flags(self):
        env = {"K1": OLD_SECRET, "K2": b"another"}
        self.ok(self.valid("loads") + ["--fallback-key-file", self.old_file, "--fallback-key-file", self.old_file,
                                       "--fallback-key-env", "K1", "--fallback-key-env", "K2"], self.token, env)

    def test_flag_value_forms(self):
        expected = cs.ref_timestamp_sign(SECRET, b"v", T0, salt=b"s", sep=b"/", algorithm="sha1")
        for args in [["--salt", "s", "--sep", "/", "--algorithm", "sha1", "--now", str(T0)],
                     ["--salt=s", "--sep=/", "--algorithm=sha1", "--now=%d" % T0],
                     ["--now", str(T0), "--algorithm=sha1", "--sep", "/", "--salt=s"]]:
            with self.subTest(args=args):
                self.assert_out(["django", "sign", "--timestamp", *self.key(), *args], b"v", expected)
        # A value may itself start with '-' or contain '='.
        self.assert_out(["django", "sign", *self.key(), "--salt", "--x"], b"v",
                        cs.ref_sign(SECRET, b"v", salt=b"--x"))
        self.assert_out(["django", "sign", *self.key(), "--salt=a=b"], b"v", cs.ref_sign(SECRET, b"v", salt=b"a=b"))

    def test_bad_numbers(self):
        for value in ["", "abc", ".", "-", "+", "1.2.3", "1e9", "0x10", " 1", "1 ", "1,5", "--1", "inf", "nan", "1_000",
                      "\u0661"]:
            for verb, flag in [("dumps", "--now"), ("sign", "--now"), ("loads", "--now"), ("loads", "--max-age"),
                               ("loads", "--max-future"), ("unsign", "--max-age"), ("unsign", "--max-future")]:
                extra = ["--timestamp"] if verb in ("sign", "unsign") else []
                with self.subTest(verb=verb, flag=flag, value=value):
                    self.usage_error(self.valid(verb) + extra + [flag, value], self.stdin_for(verb))
                    self.usage_error(self.valid(verb) + extra + [flag + "=" + value], self.stdin_for(verb))
        for value in ["", "-1", "1.5", "abc", "+1", " 1", "1e3", "99999999999999999999999"]:
            with self.subTest(flag="--max-inflate", value=value):
                self.usage_error(self.valid("loads") + ["--max-inflate", value], self.token)

    def test_out_of_range_seconds(self):
        # Seconds whose nanosecond count does not fit in 64 bits are refused, not wrapped.
        for value in ["99999999999", "9223372037", "9223372036.9", "-9223372037", "1" + "0" * 30]:
            for verb, flag in [("sign", "--now"), ("dumps", "--now"), ("loads", "--max-age")]:
                extra = ["--timestamp"] if verb == "sign" else []
                with self.subTest(verb=verb, flag=flag, value=value):
                    self.usage_error(self.valid(verb) + extra + [flag, value], self.stdin_for(verb))

    def test_largest_seconds_in_range(self):
        self.ok(self.valid("loads") + ["--max-age", "9223372036", "--now", "9223372036"], self.token)
        self.ok(self.valid("loads") + ["--max-future", "9223372036.854775807", "--now", "0"], self.token)
        self.assert_out(self.valid("sign") + ["--timestamp", "--now", "-9223372036.854775807"], b"v",
                        cs.ref_timestamp_sign(SECRET, b"v", -9223372036))
        self.assert_out(self.valid("sign") + ["--timestamp", "--now", "9223372036.854775807"], b"v",
                        cs.ref_timestamp_sign(SECRET, b"v", 9223372036))

    def test_max_age_without_timestamp(self):
        # unsign without --timestamp has no timestamp to check: the age flags are refused, not ignored.
        for flag in ["--max-age", "--max-future"]:
            with self.subTest(flag=flag):
                self.usage_error(self.valid("unsign") + [flag, "10"], self.signed)


class Configuration(UsageCase):
    def test_both_key_sources(self):
        for verb in VERBS:
            with self.subTest(verb=verb):
                self.usage_error(["django", verb, "--key-file", self.secret_file, "--key-env", "K"],
                                 self.stdin_for(verb), env={"K": SECRET})
                self.usage_error(["django", verb, "--key-env=K", "--key-file=" + self.secret_file],
                                 self.stdin_for(verb), env={"K": SECRET})

    def test_missing_key(self):
        for verb in VERBS:
            with self.subTest(verb=verb):
                self.usage_error(["django", verb], self.stdin_for(verb))
                self.usage_error(["django", verb, "--salt", "s"], self.stdin_for(verb))
        # A fallback key is no main key.
        self.usage_error(["django", "loads", "--fallback-key-file", self.secret_file], self.token)
        self.usage_error(["django", "unsign", "--fallback-key-env", "K"], self.signed, env={"K": SECRET})

    def test_empty_key_file(self):
        for content in [b"", b"\n"]:
            path = self.key_file(content)
            for verb in VERBS:
                with self.subTest(verb=verb, content=content):
                    self.usage_error(["django", verb, "--key-file", path], self.stdin_for(verb))
                    if verb in ("loads", "unsign"):
                        self.usage_error(self.valid(verb) + ["--fallback-key-file", path], self.stdin_for(verb))

    def test_unreadable_key_file(self):
        missing = os.path.join(self.tmp, "does-not-exist")
        paths = [missing, self.tmp, os.path.join(self.secret_file, "child"), ""]
        if os.geteuid() != 0:
            locked = self.key_file(SECRET)
            os.chmod(locked, 0)
            paths.append(locked)
        for path in paths:
            for verb in VERBS:
                with self.subTest(verb=verb, path=path):
                    self.usage_error(["django", verb, "--key-file", path], self.stdin_for(verb))
                    if verb in ("loads", "unsign"):
                        self.usage_error(self.valid(verb) + ["--fallback-key-file", path], self.stdin_for(verb))

    def test_unset_or_empty_key_env(self):
        for env in [{"SIGNET_TEST_UNSET_VAR": None}, {"SIGNET_TEST_UNSET_VAR": b""}]:
            for verb in VERBS:
                with self.subTest(verb=verb, env=env):
                    self.usage_error(["django", verb, "--key-env", "SIGNET_TEST_UNSET_VAR"], self.stdin_for(verb),
                                     env=env)
                    if verb in ("loads", "unsign"):
                        self.usage_error(self.valid(verb) + ["--fallback-key-env", "SIGNET_TEST_UNSET_VAR"],
                                         self.stdin_for(verb), env=env)
        self.usage_error(["django", "sign", "--key-env", ""], b"x")
        self.usage_error(["django", "sign", "--key-env=A=B"], b"x", env={"A": b"x"})

    def test_unsafe_separators(self):
        unsafe = ["", "a", "Z", "z", "0", "9", "-", "_", "=", "[", "\\", "]", "^", "`", "abc", "a-b", "A_=9", "\n",
                  "a\n", "-\n"]
        for sep in unsafe:
            for verb, extra, stdin in [("sign", [], b"hello"), ("sign", ["--timestamp"], b"hello"),
                                       ("unsign", [], self.signed), ("unsign", ["--timestamp"], self.signed)]:
                with self.subTest(sep=sep, verb=verb, extra=extra):
                    self.usage_error(self.valid(verb) + extra + ["--sep", sep], stdin)
                    self.usage_error(self.valid(verb) + extra + ["--sep=" + sep], stdin)

    def test_separators_django_allows(self):
        # Only [A-z0-9-_=] (A-z includes [ \ ] ^ _ `), optionally plus one trailing newline, is unsafe.
        for sep in [":", "/", ".", "~", "!", "{", "|", "}", "@", "\t", " ", "a:", ":a", "\n\n", "\na"]:
            with self.subTest(sep=sep):
                token = self.ok(self.valid("sign") + ["--sep", sep], b"hello")
                self.assertEqual(token, cs.ref_sign(SECRET, b"hello", sep=sep.encode()))
                self.assert_out(self.valid("unsign") + ["--sep", sep], token, b"hello")

    def test_unknown_algorithm(self):
        for name in ["md5", "SHA256", "sha-256", "sha3_256", "sha", "", "sha256 ", "blake2b"]:
            for verb in VERBS:
                with self.subTest(verb=verb, algorithm=name):
                    self.usage_error(self.valid(verb) + ["--algorithm", name], self.stdin_for(verb))
                    self.usage_error(self.valid(verb) + ["--algorithm=" + name], self.stdin_for(verb))

    def test_explicitly_empty_salt(self):
        for verb in VERBS:
            for args in [["--salt", ""], ["--salt="]]:
                with self.subTest(verb=verb, args=args):
                    self.usage_error(self.valid(verb) + args, self.stdin_for(verb))
                    if verb in ("sign", "unsign"):
                        self.usage_error(self.valid(verb) + ["--timestamp"] + args, self.stdin_for(verb))

    def test_usage_errors_print_nothing_on_stdout_even_with_valid_input(self):
        # The configuration is checked before anything is written.
        r = self.run_cli(["django", "sign", *self.key(), "--algorithm", "md5"], b"hello")
        self.assertEqual((r.code, r.out), (2, b""))
        r = self.run_cli(["django", "dumps", *self.key(), "--salt="], b'{"a":1}')
        self.assertEqual((r.code, r.out), (2, b""))


class Secrets(UsageCase):
    """No key ever reaches stdout or stderr (run_cli checks every call; these provoke many messages)."""

    def test_secret_not_in_rejections(self):
        env = {"K": SECRET, "OLD": OLD_SECRET}
        for keys in [["--key-file", self.secret_file], ["--key-env", "K"]]:
            for verb, stdin in [("loads", b"garbage"), ("loads", self.token[:-1]), ("loads", b""),
                                ("unsign", self.signed + b"x"), ("unsign", b"no sep"), ("loads", b"a:b:c"),
                                ("loads", SECRET), ("unsign", b":" + SECRET)]:
                with self.subTest(keys=keys[0], verb=verb, stdin=stdin):
                    r = self.run_cli(["django", verb, *keys, "--fallback-key-env", "OLD"], stdin, env)
                    self.assertEqual(r.code, 1)

    def test_secret_not_in_usage_errors(self):
        env = {"K": SECRET}
        cases = [
            ["--key-file", self.secret_file, "--bogus"],
            ["--key-file", self.secret_file, "--key-env", "K"],
            ["--key-env", "K", "--algorithm", "md5"],
            ["--key-env", "K", "--sep", "a"],
            ["--key-env", "K", "--salt="],
            ["--key-env", "K", "--now", "soon"],
            ["--key-env", "K", "--fallback-key-file", os.path.join(self.tmp, "missing")],
            ["--key-env", "K", "extra"],
            ["--key-file=" + self.secret_file, "--compress=1"],
        ]
        for args in cases:
            with self.subTest(args=args):
                r = self.run_cli(["django", "sign", *args], b"hello", env)
                self.assertEqual(r.code, 2)

    def test_secret_mistaken_for_a_file_name_or_variable_name(self):
        # A key pasted where a file or variable name belongs is not echoed back.
        secret = SECRET.decode()
        for args in [["--key-file", secret], ["--key-env", secret], ["--key-file=" + secret],
                     ["--key-env=" + secret], ["--key-file", self.secret_file, "--fallback-key-file", secret],
                     ["--key-file", self.secret_file, "--fallback-key-env", secret],
                     ["--key-file", self.secret_file, "--key=" + secret],
                     ["--key-file", self.secret_file, "--secret=" + secret],
                     ["--key-file", self.secret_file, "--timestamp=" + secret]]:
            for verb in ["sign", "unsign"]:
                with self.subTest(verb=verb, args=args):
                    r = self.run_cli(["django", verb, *args], b"hello:x")
                    self.assertEqual((r.code, r.out), (2, b""))

    def test_secret_not_in_bad_payload_or_json_errors(self):
        env = {"K": SECRET}
        r = self.run_cli(["django", "dumps", "--key-env", "K"], b"{not json", env)
        self.assertEqual(r.code, 2)
        garbage = self.ok(["django", "sign", "--timestamp", "--key-env", "K", "--salt", "django.core.signing"],
                          cs.b64_encode(b"{bad json"), env)
        r = self.run_cli(["django", "loads", "--key-env", "K"], garbage, env)
        self.assertEqual(r.code, 1)
        self.assertTrue(r.err.startswith(b"bad_payload: "))

    def test_secret_not_in_help_or_version(self):
        env = {"K": SECRET}
        for args in [["--help"], ["--version"], ["django", "--help"], ["django", "sign", "--key-env", "K", "--help"],
                     ["django", "loads", "--key-file", self.secret_file, "-h"]]:
            with self.subTest(args=args):
                self.assertEqual(self.run_cli(args, b"", env).code, 0)

    def test_checker_catches_leaks(self):
        # run_cli's leak check works: a value printed back that contains the key is caught.
        with self.assertRaises(AssertionError):
            self.run_cli(["django", "unsign", *self.key(), "--salt", "s"], cs.ref_sign(SECRET, SECRETS[0], salt=b"s"))


if __name__ == "__main__":
    cs.take_binary_from_argv()
    import unittest
    unittest.main()
