#!/usr/bin/python3
"""Behaviour of `signet django dumps|loads|sign|unsign`, run as a subprocess.

Usage: /usr/bin/python3 cli_django_test.py SIGNET_BINARY [unittest options]
"""

import os
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cli_support as cs  # noqa: E402
from cli_support import (ALGORITHMS, DUMPS_SALT, OLD_SECRET, OLDER_SECRET, REF_KEY, SECRET,  # noqa: E402
                         SIGNER_SALT, CliTestCase)

T0 = 1700000000
BAD_SIG = b"bad_signature: signature does not match"
MALFORMED = b"malformed: no separator found in the token"

REF_SIGN = b"hello:Bhwb70gkLMxw89zHbeKamLKat9XovdaGC_qGGTgRVOA"
REF_DUMPS = b"eyJhIjoxLCJiIjpbMSwyLDNdLCJjIjpudWxsfQ:1r31eq:Hpczh0erTdPSkdaR_9PnhuEdUFpy5iqoWVh1hA6OUyU"
REF_TS_SIGN = b"hello:1r31eq:bI-reVCgAQqA6NH_MVUY791PTRb9Mb2fwN5bTx1JFV0"


class DjangoCase(CliTestCase):
    """Helpers: the main key is SECRET in a file unless told otherwise."""

    def key(self):
        return ["--key-file", self.secret_file]

    def dumps(self, json_text, *flags, now=T0):
        return self.ok(["django", "dumps", *self.key(), "--now", str(now), *flags], json_text)

    def sign(self, value, *flags):
        return self.ok(["django", "sign", *self.key(), *flags], value)


# --------------------------------------------------------------------------- reference values


class ReferenceVectors(DjangoCase):
    def test_reference_implementation_matches_django(self):
        # The Python transcription used as an oracle below reproduces real Django 3.2.
        self.assertEqual(cs.ref_sign(REF_KEY, b"hello"), REF_SIGN)
        self.assertEqual(cs.ref_dumps(REF_KEY, {"a": 1, "b": [1, 2, 3], "c": None}, T0), REF_DUMPS)
        self.assertEqual(cs.ref_timestamp_sign(REF_KEY, b"hello", T0), REF_TS_SIGN)

    def test_sign(self):
        self.assert_out(["django", "sign", "--key-file", self.ref_file], b"hello\n", REF_SIGN)

    def test_dumps(self):
        self.assert_out(["django", "dumps", "--key-file", self.ref_file, "--now", "1700000000"],
                        b'{"a":1,"b":[1,2,3],"c":null}\n', REF_DUMPS)

    def test_timestamp_sign(self):
        self.assert_out(["django", "sign", "--timestamp", "--key-file", self.ref_file, "--now", "1700000000"],
                        b"hello\n", REF_TS_SIGN)

    def test_unsign(self):
        self.assert_out(["django", "unsign", "--key-file", self.ref_file], REF_SIGN + b"\n", b"hello")

    def test_timestamp_unsign(self):
        self.assert_out(["django", "unsign", "--timestamp", "--key-file", self.ref_file, "--now", "1700000100",
                         "--max-age", "100"], REF_TS_SIGN + b"\n", b"hello")

    def test_loads(self):
        self.assert_out(["django", "loads", "--key-file", self.ref_file, "--now", "1700000000",
                         "--max-age", "0"], REF_DUMPS + b"\n", b'{"a":1,"b":[1,2,3],"c":null}')

    def test_key_env_gives_the_same_tokens(self):
        env = {"SIGNET_TEST_REF_KEY": REF_KEY}
        self.assert_out(["django", "sign", "--key-env", "SIGNET_TEST_REF_KEY"], b"hello", REF_SIGN, env)
        self.assert_out(["django", "dumps", "--key-env=SIGNET_TEST_REF_KEY", "--now=1700000000"],
                        b'{"a":1,"b":[1,2,3],"c":null}', REF_DUMPS, env)
        self.assert_out(["django", "sign", "--timestamp", "--key-env", "SIGNET_TEST_REF_KEY", "--now", "1700000000"],
                        b"hello", REF_TS_SIGN, env)


# --------------------------------------------------------------------------- sign / unsign


class SignUnsign(DjangoCase):
    VALUES = [b"hello", b"", b"a:b:c", b"with space", b"multi\nline\nvalue", "h\u00e9llo \u2603".encode(),
              b"\xff\xfe\x00binary", b"x" * 5000]

    def test_sign_matches_django(self):
        for value in self.VALUES:
            with self.subTest(value=value[:20]):
                self.assert_out(["django", "sign", *self.key()], value, cs.ref_sign(SECRET, value))

    def test_unsign_round_trip(self):
        for value in self.VALUES:
            with self.subTest(value=value[:20]):
                self.assert_out(["django", "unsign", *self.key()], cs.ref_sign(SECRET, value), value)

    def test_every_algorithm(self):
        for algorithm in ALGORITHMS:
            with self.subTest(algorithm=algorithm):
                token = cs.ref_sign(SECRET, b"hello", algorithm=algorithm)
                self.assert_out(["django", "sign", *self.key(), "--algorithm", algorithm], b"hello", token)
                self.assert_out(["django", "unsign", *self.key(), "--algorithm=" + algorithm], token, b"hello")
                ts_token = cs.ref_timestamp_sign(SECRET, b"hello", T0, algorithm=algorithm)
                self.assert_out(["django", "sign", "--timestamp", *self.key(), "--algorithm", algorithm,
                                 "--now", str(T0)], b"hello", ts_token)
                self.assert_out(["django", "unsign", "--timestamp", *self.key(), "--algorithm", algorithm],
                                ts_token, b"hello")

    def test_salt(self):
        token = cs.ref_sign(SECRET, b"hello", salt=b"my.salt")
        self.assert_out(["django", "sign", *self.key(), "--salt", "my.salt"], b"hello", token)
        self.assert_out(["django", "unsign", *self.key(), "--salt=my.salt"], token, b"hello")
        ts_token = cs.ref_timestamp_sign(SECRET, b"hello", T0, salt=b"my.salt")
        self.assert_out(["django", "sign", "--timestamp", *self.key(), "--salt", "my.salt", "--now", str(T0)],
                        b"hello", ts_token)
        self.assert_out(["django", "unsign", "--timestamp", *self.key(), "--salt", "my.salt"], ts_token, b"hello")

    def test_salt_given_as_the_default_is_the_default(self):
        self.assert_out(["django", "sign", *self.key(), "--salt", "django.core.signing.Signer"], b"v",
                        cs.ref_sign(SECRET, b"v"))
        # An explicit salt is used as given, even with --timestamp.
        self.assert_out(["django", "sign", "--timestamp", *self.key(), "--salt", "django.core.signing.Signer",
                         "--now", str(T0)], b"v", cs.ref_timestamp_sign(SECRET, b"v", T0, salt=SIGNER_SALT))

    def test_separators(self):
        for sep in [b"/", b".", b"~", b"!", b"|", b" ", b"::", b"a:b", b"\xc3\xa9"]:
            with self.subTest(sep=sep):
                value = b"one/two.three"
                token = cs.ref_sign(SECRET, value, sep=sep)
                self.assert_out(["django", "sign", *self.key(), "--sep", sep], value, token)
                self.assert_out(["django", "unsign", *self.key(), b"--sep=" + sep], token, value)
                ts_token = cs.ref_timestamp_sign(SECRET, value, T0, sep=sep)
                self.assert_out(["django", "sign", "--timestamp", *self.key(), "--sep", sep, "--now", str(T0)],
                                value, ts_token)
                self.assert_out(["django", "unsign", "--timestamp", *self.key(), "--sep", sep], ts_token, value)

    def test_unsign_splits_at_the_last_separator(self):
        token = self.sign(b"a:b:c")
        self.assertEqual(token, cs.ref_sign(SECRET, b"a:b:c"))
        self.assert_out(["django", "unsign", *self.key()], token, b"a:b:c")
        ts_token = self.sign(b"x:y", "--timestamp", "--now", str(T0))
        self.assertEqual(ts_token, cs.ref_timestamp_sign(SECRET, b"x:y", T0))
        self.assert_out(["django", "unsign", "--timestamp", *self.key()], ts_token, b"x:y")

    def test_timestamp_now_fractions_truncate(self):
        expected = cs.ref_timestamp_sign(SECRET, b"hello", T0)
        for now in ["1700000000", "1700000000.0", "1700000000.5", "1700000000.999999999", "1700000000.9999999999",
                    "+1700000000.25"]:
            with self.subTest(now=now):
                self.assertEqual(self.sign(b"hello", "--timestamp", "--now", now), expected)
        self.assertEqual(self.sign(b"hello", "--timestamp", "--now=1700000001"),
                         cs.ref_timestamp_sign(SECRET, b"hello", T0 + 1))

    def test_timestamp_small_and_negative_now(self):
        # Python's int(time.time()) truncates toward zero; b62_encode writes a sign.
        for now, stamp in [("0", 0), ("0.7", 0), ("-0.5", 0), ("-1", -1), ("-62.5", -62), ("61", 61), ("62", 62)]:
            with self.subTest(now=now):
                expected = cs.ref_timestamp_sign(SECRET, b"v", stamp)
                self.assertEqual(self.sign(b"v", "--timestamp", "--now", now), expected)
                self.assert_out(["django", "unsign", "--timestamp", *self.key()], expected, b"v")

    def test_timestamp_without_now_uses_the_clock(self):
        before = int(time.time())
        token = self.sign(b"v", "--timestamp")
        after = int(time.time())
        candidates = [cs.ref_timestamp_sign(SECRET, b"v", t) for t in range(before, after + 1)]
        self.assertIn(token, candidates)
        self.assert_out(["django", "unsign", "--timestamp", *self.key(), "--max-age", "3600"], token, b"v")

    def test_unsign_timestamp_prints_the_value_only(self):
        token = self.sign(b"payload", "--timestamp", "--now", str(T0))
        self.assert_out(["django", "unsign", "--timestamp", *self.key()], token, b"payload")
        # Without --timestamp the salt differs, so the token does not verify ...
        self.rejected(["django", "unsign", *self.key()], token, BAD_SIG)
        # ... unless the TimestampSigner salt is given: then the stamped value comes out.
        self.assert_out(["django", "unsign", *self.key(), "--salt", "django.core.signing.TimestampSigner"],
                        token, b"payload:" + cs.b62_encode(T0))


# --------------------------------------------------------------------------- dumps / loads

JSON_CASES = [
    b'{"a":1,"b":[1,2,3],"c":null}',
    b' { "z" : 1 ,\n "a" : [ true , false , null ] , "m" : { "y" : 1 , "b" : { } } } ',
    b'{"zeta":1,"alpha":2,"mid":3}',
    b"[]",
    b"{}",
    b"0",
    b"-12",
    b"123456789012345678901234567890",
    b"1.5",
    b"-0.0",
    b'"plain string"',
    b"true",
    b"null",
    b'"caf\\u00e9 \\ud83d\\ude00 \\u2028"',
    '{"caf\u00e9":"\u00fc\u00df \u2603 \U0001F600"}'.encode("utf-8"),
    b'"quote \\" backslash \\\\ slash \\/ tab \\t nl \\n cr \\r ctl \\u0001 \\u001f del \\u007f"',
    b'[[[[[[[[[[1]]]]]]]]]]',
    b'{"nested":[{"a":[]},{"b":{}},[null,1,"x"]],"n":-1}',
]


class DumpsLoads(DjangoCase):
    def test_dumps_matches_django(self):
        for text in JSON_CASES:
            with self.subTest(json=text):
                obj = cs.parse_ordered(text)
                self.assertEqual(self.dumps(text), cs.ref_dumps(SECRET, obj, T0))

    def test_loads_prints_compact_json_in_member_order(self):
        for text in JSON_CASES:
            with self.subTest(json=text):
                obj = cs.parse_ordered(text)
                token = cs.ref_dumps(SECRET, obj, T0)
                self.assert_out(["django", "loads", *self.key()], token, cs.compact(obj))

    def test_member_order_exact(self):
        token = self.dumps(b'{"zeta":1,"alpha":{"y":2,"b":3},"mid":[{"q":1,"p":2}]}')
        self.assert_out(["django", "loads", *self.key()], token,
                        b'{"zeta":1,"alpha":{"y":2,"b":3},"mid":[{"q":1,"p":2}]}')

    def test_number_forms_are_written_as_python_does(self):
        for text, python in [(b"1.0", b"1.0"), (b"1e5", b"100000.0"), (b"1E+2", b"100.0"), (b"2.5e-3", b"0.0025"),
                             (b"1.5e300", b"1.5e+300"), (b"-0", b"0"), (b"0.1", b"0.1")]:
            with self.subTest(json=text):
                token = self.dumps(text)
                self.assertEqual(token, cs.ref_timestamp_sign(SECRET, cs.b64_encode(python), T0, DUMPS_SALT))
                self.assert_out(["django", "loads", *self.key()], token, python)

    def test_non_ascii_is_escaped_in_the_token_and_utf8_in_loads_output(self):
        token = self.dumps('{"k":"\u00e9\U0001F600"}'.encode("utf-8"))
        payload = token.split(b":")[0]
        self.assertEqual(payload, cs.b64_encode(b'{"k":"\\u00e9\\ud83d\\ude00"}'))
        self.assert_out(["django", "loads", *self.key()], token, '{"k":"\u00e9\U0001F600"}'.encode("utf-8"))

    def test_compress(self):
        obj = {"data": "x" * 2000, "list": list(range(50))}
        text = cs.compact(obj)
        token = self.dumps(text, "--compress")
        self.assertTrue(token.startswith(b"."), token[:20])
        self.assertEqual(token, cs.ref_dumps(SECRET, obj, T0, compress=True))
        self.assert_out(["django", "loads", *self.key()], token, text)

    def test_compress_keeps_incompressible_payloads_plain(self):
        for text in [b'{"a":1}', b"1", b'"abcdefghijklmnop"']:
            with self.subTest(json=text):
                self.assertEqual(self.dumps(text, "--compress"), self.dumps(text))
                self.assertEqual(self.dumps(text, "--compress"),
                                 cs.ref_dumps(SECRET, cs.parse_ordered(text), T0, compress=True))

    def test_salt_and_algorithm(self):
        obj = {"user": 42}
        for algorithm in ALGORITHMS:
            with self.subTest(algorithm=algorithm):
                token = self.dumps(b'{"user":42}', "--salt", "my.app", "--algorithm", algorithm)
                self.assertEqual(token, cs.ref_dumps(SECRET, obj, T0, salt=b"my.app", algorithm=algorithm))
                self.assert_out(["django", "loads", *self.key(), "--salt=my.app", "--algorithm=" + algorithm],
                                token, b'{"user":42}')
                self.rejected(["django", "loads", *self.key(), "--algorithm", algorithm], token, BAD_SIG)

    def test_dumps_is_a_timestamp_signer_with_the_dumps_salt(self):
        token = self.dumps(b"[1]")
        self.assert_out(["django", "unsign", "--timestamp", *self.key(), "--salt", "django.core.signing"],
                        token, cs.b64_encode(b"[1]"))

    def test_now_fractions(self):
        expected = cs.ref_dumps(SECRET, [1], T0)
        for now in ["1700000000.5", "1700000000.999", "1700000000.000000001"]:
            with self.subTest(now=now):
                self.assertEqual(self.dumps(b"[1]", now=now), expected)

    def test_dumps_without_now_uses_the_clock(self):
        before = int(time.time())
        token = self.ok(["django", "dumps", *self.key()], b'{"a":1}')
        after = int(time.time())
        self.assertIn(token, [cs.ref_dumps(SECRET, {"a": 1}, t) for t in range(before, after + 1)])
        self.assert_out(["django", "loads", *self.key(), "--max-age", "3600"], token, b'{"a":1}')

    def test_dumps_refuses_invalid_json(self):
        for text in [b"", b"{", b"[1,]", b"1 2", b"{'a':1}", b'{"a":1', b"nul", b'"unterminated', b"\xff"]:
            with self.subTest(json=text):
                self.usage_error(["django", "dumps", *self.key(), "--now", str(T0)], text)

    def test_large_value(self):
        obj = {"blob": "y" * 300000, "n": list(range(1000))}
        text = cs.compact(obj)
        token = self.dumps(text)
        self.assertEqual(token, cs.ref_dumps(SECRET, obj, T0))
        self.assert_out(["django", "loads", *self.key()], token, text)


# --------------------------------------------------------------------------- stdin and key files


class StdinHandling(DjangoCase):
    def test_exactly_one_trailing_newline_is_removed(self):
        for stdin, value in [(b"a", b"a"), (b"a\n", b"a"), (b"a\n\n", b"a\n"), (b"a\n\n\n", b"a\n\n"),
                             (b"a\r\n", b"a\r"), (b"", b""), (b"\n", b""), (b"\n\n", b"\n"), (b"a\nb", b"a\nb"),
                             (b" a \n", b" a ")]:
            with self.subTest(stdin=stdin):
                self.assert_out(["django", "sign", *self.key()], stdin, cs.ref_sign(SECRET, value))

    def test_output_value_gets_one_newline(self):
        token = self.sign(b"a\n\n")
        self.assertEqual(token, b"a\n:" + cs.ref_signature(SECRET, b"a\n"))
        r = self.run_cli(["django", "unsign", *self.key()], token + b"\n")
        self.assertEqual(r, cs.Result(0, b"a\n\n", b""))
        r = self.run_cli(["django", "unsign", *self.key()], token)
        self.assertEqual(r, cs.Result(0, b"a\n\n", b""))

    def test_token_with_one_or_no_newline(self):
        token = self.dumps(b"[1]")
        for stdin in [token, token + b"\n"]:
            self.assert_out(["django", "loads", *self.key()], stdin, b"[1]")

    def test_token_with_extra_whitespace_is_rejected(self):
        token = self.dumps(b"[1]")
        for stdin in [token + b"\n\n", token + b" ", token + b"\r\n", b" " + token]:
            with self.subTest(stdin=stdin[-4:]):
                self.rejected(["django", "loads", *self.key()], stdin, BAD_SIG)

    def test_dumps_json_with_trailing_newlines(self):
        self.assertEqual(self.dumps(b'{"a":1}\n\n\n'), cs.ref_dumps(SECRET, {"a": 1}, T0))


class KeySources(DjangoCase):
    def test_key_file_newline_handling(self):
        cases = [(b"k3y", b"k3y"), (b"k3y\n", b"k3y"), (b"k3y\n\n", b"k3y\n"), (b"k3y\r\n", b"k3y\r"),
                 (b"k3y ", b"k3y "), (b"\nk3y", b"\nk3y"), (b"k\x00y\n", b"k\x00y"), (b"\xff\xfe\n", b"\xff\xfe"),
                 (b"\n\n", b"\n")]
        for content, key in cases:
            with self.subTest(content=content):
                path = self.key_file(content)
                self.assert_out(["django", "sign", "--key-file", path], b"v", cs.ref_sign(key, b"v"))

    def test_key_env_takes_the_bytes_as_they_are(self):
        for key in [b"k3y", b"k3y\n", b"with space", b"\xff\xfe", "\u00e9\u2603".encode(), SECRET]:
            with self.subTest(key=key):
                self.assert_out(["django", "sign", "--key-env", "SIGNET_TEST_KEY"], b"v", cs.ref_sign(key, b"v"),
                                env={"SIGNET_TEST_KEY": key})

    def test_file_and_env_agree(self):
        env = {"SIGNET_TEST_KEY": SECRET}
        by_file = self.dumps(b'{"x":[1]}')
        by_env = self.ok(["django", "dumps", "--key-env", "SIGNET_TEST_KEY", "--now", str(T0)], b'{"x":[1]}', env)
        self.assertEqual(by_file, by_env)
        self.assert_out(["django", "loads", "--key-env", "SIGNET_TEST_KEY"], by_file, b'{"x":[1]}', env)

    def test_key_file_path_forms(self):
        path = self.key_file(SECRET, name="key file with spaces")
        self.assert_out(["django", "sign", "--key-file=" + path], b"v", cs.ref_sign(SECRET, b"v"))
        self.assert_out(["django", "sign", "--key-file", path], b"v", cs.ref_sign(SECRET, b"v"))

    def test_key_file_large(self):
        key = bytes(range(256)) * 40
        path = self.key_file(key)
        self.assert_out(["django", "sign", "--key-file", path], b"v", cs.ref_sign(key, b"v"))


class FallbackKeys(DjangoCase):
    def setUp(self):
        super().setUp()
        self.env = {"SIGNET_TEST_OLD": OLD_SECRET, "SIGNET_TEST_OLDER": OLDER_SECRET}
        self.old_dumps = cs.ref_dumps(OLD_SECRET, {"v": 1}, T0)
        self.older_dumps = cs.ref_dumps(OLDER_SECRET, {"v": 1}, T0)

    def test_loads_accepts_a_fallback_key_file(self):
        self.assert_out(["django", "loads", *self.key(), "--fallback-key-file", self.old_file],
                        self.old_dumps, b'{"v":1}')
        self.rejected(["django", "loads", *self.key()], self.old_dumps, BAD_SIG)

    def test_loads_accepts_a_fallback_key_env(self):
        self.assert_out(["django", "loads", *self.key(), "--fallback-key-env", "SIGNET_TEST_OLD"],
                        self.old_dumps, b'{"v":1}', self.env)

    def test_repeated_and_mixed_fallbacks(self):
        for flags in [["--fallback-key-file", self.old_file, "--fallback-key-file", self.older_file],
                      ["--fallback-key-file=" + self.older_file, "--fallback-key-env=SIGNET_TEST_OLD"],
                      ["--fallback-key-env", "SIGNET_TEST_OLD", "--fallback-key-env", "SIGNET_TEST_OLDER"],
                      ["--fallback-key-env", "SIGNET_TEST_OLDER", "--fallback-key-file", self.old_file]]:
            with self.subTest(flags=flags):
                for token in [self.old_dumps, self.older_dumps, cs.ref_dumps(SECRET, {"v": 1}, T0)]:
                    self.assert_out(["django", "loads", *self.key(), *flags], token, b'{"v":1}', self.env)

    def test_a_key_that_is_neither_main_nor_fallback_is_refused(self):
        self.rejected(["django", "loads", *self.key(), "--fallback-key-file", self.old_file],
                      self.older_dumps, BAD_SIG)
        # A fallback key replacing the main key does not make the main key valid.
        self.rejected(["django", "loads", "--key-file", self.old_file, "--fallback-key-file", self.older_file],
                      cs.ref_dumps(SECRET, {"v": 1}, T0), BAD_SIG)

    def test_unsign_with_fallbacks(self):
        token = cs.ref_sign(OLD_SECRET, b"v")
        self.assert_out(["django", "unsign", *self.key(), "--fallback-key-file", self.old_file], token, b"v")
        self.assert_out(["django", "unsign", *self.key(), "--fallback-key-env", "SIGNET_TEST_OLD"], token, b"v",
                        self.env)
        self.rejected(["django", "unsign", *self.key()], token, BAD_SIG)
        ts_token = cs.ref_timestamp_sign(OLDER_SECRET, b"v", T0)
        self.assert_out(["django", "unsign", "--timestamp", *self.key(), "--fallback-key-file", self.old_file,
                         "--fallback-key-env", "SIGNET_TEST_OLDER"], ts_token, b"v", self.env)
        self.rejected(["django", "unsign", "--timestamp", *self.key(), "--fallback-key-file", self.old_file],
                      ts_token, BAD_SIG)

    def test_fallback_keys_respect_salt_algorithm_and_age(self):
        token = cs.ref_dumps(OLD_SECRET, {"v": 1}, T0, salt=b"s", algorithm="sha512")
        base = ["django", "loads", *self.key(), "--fallback-key-file", self.old_file]
        self.assert_out(base + ["--salt", "s", "--algorithm", "sha512"], token, b'{"v":1}')
        self.rejected(base + ["--algorithm", "sha512"], token, BAD_SIG)
        self.rejected(base + ["--salt", "s"], token, BAD_SIG)
        self.rejected(base + ["--salt", "s", "--algorithm", "sha512", "--now", str(T0 + 11), "--max-age", "10"],
                      token, b"expired: signature age 11 > 10 seconds")

    def test_sign_and_dumps_use_the_main_key(self):
        self.assertEqual(self.sign(b"v"), cs.ref_sign(SECRET, b"v"))
        self.assertEqual(self.dumps(b"[1]"), cs.ref_dumps(SECRET, [1], T0))


# --------------------------------------------------------------------------- time checks


class Expiry(DjangoCase):
    def setUp(self):
        super().setUp()
        self.token = cs.ref_dumps(SECRET, {"a": 1}, T0)
        self.signed = cs.ref_timestamp_sign(SECRET, b"text", T0)

    def loads(self, *flags):
        return ["django", "loads", *self.key(), *flags]

    def unsign(self, *flags):
        return ["django", "unsign", "--timestamp", *self.key(), *flags]

    def test_max_age_boundary(self):
        for make, stdin, out in [(self.loads, self.token, b'{"a":1}'), (self.unsign, self.signed, b"text")]:
            with self.subTest(verb=make.__name__):
                self.assert_out(make("--now", str(T0 + 3600), "--max-age", "3600"), stdin, out)
                self.assert_out(make("--now", "1700003599.999", "--max-age", "3600"), stdin, out)
                self.rejected(make("--now", "1700003600.001", "--max-age", "3600"), stdin,
                              b"expired: signature age 3600.001 > 3600 seconds")
                self.rejected(make("--now", "1700003700", "--max-age", "3600"), stdin,
                              b"expired: signature age 3700 > 3600 seconds")
                self.rejected(make("--now", "1700003600", "--max-age", "3599.999"), stdin,
                              b"expired: signature age 3600 > 3599.999 seconds")
                self.assert_out(make("--now=1700003600.5", "--max-age=3600.5"), stdin, out)
                self.rejected(make("--now=1700003600.5", "--max-age=3600.25"), stdin,
                              b"expired: signature age 3600.5 > 3600.25 seconds")

    def test_max_age_zero_and_negative(self):
        self.assert_out(self.loads("--now", str(T0), "--max-age", "0"), self.token, b'{"a":1}')
        self.rejected(self.loads("--now", "1700000000.000000001", "--max-age", "0"), self.token,
                      b"expired: signature age 0.000000001 > 0 seconds")
        self.rejected(self.loads("--now", str(T0), "--max-age", "-2"), self.token,
                      b"expired: signature age 0 > -2 seconds")

    def test_token_signed_at_a_fractional_time(self):
        # Signed at T0 + 0.9: the timestamp is T0 (truncated), so the age counts from T0.
        token = self.dumps(b'{"a":1}', now="1700000000.9")
        self.assertEqual(token, self.token)
        self.rejected(self.loads("--now", "1700003600.5", "--max-age", "3600"), token,
                      b"expired: signature age 3600.5 > 3600 seconds")

    def test_no_max_age_accepts_any_age(self):
        self.assert_out(self.loads("--now", str(T0 + 10 ** 9)), self.token, b'{"a":1}')
        self.assert_out(self.unsign("--now", str(T0 + 10 ** 9)), self.signed, b"text")
        self.assert_out(self.loads(), self.token, b'{"a":1}')

    def test_max_future(self):
        for make, stdin, out in [(self.loads, self.token, b'{"a":1}'), (self.unsign, self.signed, b"text")]:
            with self.subTest(verb=make.__name__):
                now = str(T0 - 100)
                # Django accepts future timestamps; so does signet without --max-future.
                self.assert_out(make("--now", now), stdin, out)
                self.assert_out(make("--now", now, "--max-age", "10"), stdin, out)
                self.assert_out(make("--now", now, "--max-future", "100"), stdin, out)
                self.rejected(make("--now", now, "--max-future", "50"), stdin,
                              b"not_yet_valid: signature timestamp 100 seconds in the future > 50 seconds")
                self.rejected(make("--now", now, "--max-future=99.999"), stdin,
                              b"not_yet_valid: signature timestamp 100 seconds in the future > 99.999 seconds")
                self.rejected(make("--now", "1699999999.5", "--max-future", "0"), stdin,
                              b"not_yet_valid: signature timestamp 0.5 seconds in the future > 0 seconds")
                self.assert_out(make("--now", str(T0 + 5), "--max-future", "0", "--max-age", "5"), stdin, out)

    def test_loads_without_now_uses_the_clock(self):
        self.rejected_prefix(self.loads("--max-age", "3600"), self.token, b"expired: signature age ")
        self.rejected_prefix(self.unsign("--max-age", "3600"), self.signed, b"expired: signature age ")
        future = cs.ref_dumps(SECRET, {"a": 1}, int(time.time()) + 10 ** 6)
        self.rejected_prefix(self.loads("--max-future", "60"), future, b"not_yet_valid: signature timestamp ")

    def test_signature_is_checked_before_age(self):
        tampered = self.token[:-1] + (b"A" if self.token[-1:] != b"A" else b"B")
        self.rejected(self.loads("--now", str(T0 + 7200), "--max-age", "1"), tampered, BAD_SIG)


# --------------------------------------------------------------------------- rejections


class Rejections(DjangoCase):
    def setUp(self):
        super().setUp()
        self.token = cs.ref_dumps(SECRET, {"a": 1}, T0)
        self.signed = cs.ref_sign(SECRET, b"hello")
        self.ts_signed = cs.ref_timestamp_sign(SECRET, b"hello", T0)

    def all_verbs(self):
        """(argv, valid token) for loads, unsign and unsign --timestamp."""
        return [(["django", "loads", *self.key()], self.token),
                (["django", "unsign", *self.key()], self.signed),
                (["django", "unsign", "--timestamp", *self.key()], self.ts_signed)]

    def test_malformed(self):
        for argv, _ in self.all_verbs():
            for stdin in [b"no-separator-here", b"", b"\n", b"eyJhIjoxfQ"]:
                with self.subTest(argv=argv[1:3], stdin=stdin):
                    self.rejected(argv, stdin, MALFORMED)

    def test_malformed_with_another_separator(self):
        self.rejected(["django", "unsign", *self.key(), "--sep", "/"], self.signed, MALFORMED)
        self.rejected(["django", "unsign", "--timestamp", *self.key(), "--sep", "~"], self.ts_signed, MALFORMED)

    def test_tampered(self):
        for argv, token in self.all_verbs():
            for i in [0, len(token) // 2, len(token) - 1]:
                tampered = token[:i] + (b"B" if token[i:i + 1] != b"B" else b"C") + token[i + 1:]
                with self.subTest(argv=argv[1:3], position=i):
                    self.rejected(argv, tampered, BAD_SIG)

    def test_truncated_or_extended(self):
        for argv, token in self.all_verbs():
            for variant in [token[:-1], token[:-2], token + b"A", token + b"=", token.rsplit(b":", 1)[0] + b":",
                            token[1:]]:
                with self.subTest(argv=argv[1:3], variant=variant):
                    self.rejected(argv, variant, BAD_SIG)

    def test_other_encodings_of_the_signature(self):
        value, sig = self.signed.rsplit(b":", 1)
        padded = value + b":" + sig + b"="
        standard = value + b":" + sig.replace(b"-", b"+").replace(b"_", b"/")
        for variant in [padded, standard, value + b":" + sig.swapcase()]:
            if variant != self.signed:
                with self.subTest(variant=variant):
                    self.rejected(["django", "unsign", *self.key()], variant, BAD_SIG)

    def test_wrong_key(self):
        for argv, token in self.all_verbs():
            with self.subTest(argv=argv[1:3]):
                wrong = [a if a != self.secret_file else self.old_file for a in argv]
                self.rejected(wrong, token, BAD_SIG)
        self.rejected(["django", "loads", "--key-env", "K"], self.token, BAD_SIG, env={"K": SECRET + b"\n"})

    def test_wrong_salt(self):
        for argv, token in self.all_verbs():
            with self.subTest(argv=argv[1:3]):
                self.rejected(argv + ["--salt", "other"], token, BAD_SIG)
        # Tokens of one verb do not verify as another's (different default salts).
        self.rejected(["django", "loads", *self.key()], cs.ref_timestamp_sign(SECRET, b"eyJhIjoxfQ", T0), BAD_SIG)
        self.rejected(["django", "unsign", "--timestamp", *self.key()], self.token, BAD_SIG)
        self.rejected(["django", "unsign", *self.key()], self.ts_signed, BAD_SIG)

    def test_wrong_algorithm(self):
        for argv, token in self.all_verbs():
            for algorithm in ["sha1", "sha224", "sha384", "sha512"]:
                with self.subTest(argv=argv[1:3], algorithm=algorithm):
                    self.rejected(argv + ["--algorithm", algorithm], token, BAD_SIG)
        sha512 = cs.ref_dumps(SECRET, {"a": 1}, T0, algorithm="sha512")
        self.rejected(["django", "loads", *self.key()], sha512, BAD_SIG)
        sha1 = cs.ref_sign(SECRET, b"hello", algorithm="sha1")
        self.rejected(["django", "unsign", *self.key()], sha1, BAD_SIG)

    def test_payload_too_large(self):
        obj = {"data": "x" * 5000}
        size = len(cs.compact(obj))
        token = self.dumps(cs.compact(obj), "--compress")
        self.assertTrue(token.startswith(b"."))
        line = b"payload_too_large: the compressed payload inflates beyond the cap"
        for cap in ["0", "1", "100", str(size - 1)]:
            with self.subTest(cap=cap):
                self.rejected(["django", "loads", *self.key(), "--max-inflate", cap], token, line)
        for cap in [str(size), str(size + 1), "1048576"]:
            with self.subTest(cap=cap):
                self.assert_out(["django", "loads", *self.key(), "--max-inflate=" + cap], token, cs.compact(obj))
        # An uncompressed payload is not subject to the cap.
        plain = self.dumps(cs.compact(obj))
        self.assert_out(["django", "loads", *self.key(), "--max-inflate", "1"], plain, cs.compact(obj))

    def test_default_inflate_cap_is_one_mebibyte(self):
        line = b"payload_too_large: the compressed payload inflates beyond the cap"
        text = b'"' + b"z" * (1 << 20) + b'"'  # 2**20 + 2 bytes of JSON
        token = self.dumps(text, "--compress")
        self.rejected(["django", "loads", *self.key()], token, line)
        self.assert_out(["django", "loads", *self.key(), "--max-inflate", str(len(text))], token, text)
        exact = b'"' + b"z" * ((1 << 20) - 2) + b'"'  # exactly 2**20 bytes
        self.assert_out(["django", "loads", *self.key()], self.dumps(exact, "--compress"), exact)

    def test_bad_payload(self):
        def signed_payload(payload):
            # Validly signed garbage: what a dumps token holds, built by sign --timestamp.
            return self.sign(payload, "--timestamp", "--salt", "django.core.signing", "--now", str(T0))

        loads = ["django", "loads", *self.key()]
        self.rejected(loads, signed_payload(b"!!not~base64!!"), b"bad_payload: the signed payload is not base64url")
        self.rejected(loads, signed_payload(b"a"), b"bad_payload: the signed payload is not base64url")
        self.rejected_prefix(loads, signed_payload(cs.b64_encode(b"not json")),
                             b"bad_payload: the signed payload is not valid JSON")
        self.rejected_prefix(loads, signed_payload(cs.b64_encode(b'{"a":1')),
                             b"bad_payload: the signed payload is not valid JSON")
        self.rejected_prefix(loads, signed_payload(b""), b"bad_payload: the signed payload is not valid JSON")
        self.rejected(loads, signed_payload(b"." + cs.b64_encode(b"not zlib at all")),
                      b"bad_payload: the signed payload is not a valid zlib stream")
        # A signed value without a timestamp, or with one that is not base62.
        no_stamp = self.sign(cs.b64_encode(b"[1]"), "--salt", "django.core.signing")
        self.rejected(loads, no_stamp, b"bad_payload: the signed value has no timestamp")
        bad_stamp = self.sign(cs.b64_encode(b"[1]") + b":!!", "--salt", "django.core.signing")
        self.rejected(loads, bad_stamp, b"bad_payload: the timestamp is not a base62 integer in range")
        unsign = ["django", "unsign", "--timestamp", *self.key()]
        self.rejected(unsign, self.sign(b"hello", "--salt", "django.core.signing.TimestampSigner"),
                      b"bad_payload: the signed value has no timestamp")
        self.rejected(unsign, self.sign(b"hello:1r3*eq", "--salt", "django.core.signing.TimestampSigner"),
                      b"bad_payload: the timestamp is not a base62 integer in range")
        self.rejected(unsign, self.sign(b"hello:zzzzzzzzzzzzzzzz", "--salt", "django.core.signing.TimestampSigner"),
                      b"bad_payload: the timestamp is not a base62 integer in range")

    def test_rejected_token_prints_nothing_on_stdout(self):
        # The value of a rejected token never reaches stdout.
        token = cs.ref_dumps(SECRET, {"secret-ish": "payload"}, T0)
        r = self.run_cli(["django", "loads", "--key-file", self.old_file], token)
        self.assertEqual(r, cs.Result(1, b"", BAD_SIG + b"\n"))


if __name__ == "__main__":
    cs.take_binary_from_argv()
    import unittest
    unittest.main()
