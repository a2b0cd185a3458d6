#!/usr/bin/python3
"""Step 3 of the library interop suite: Django 3.2 verifies what the signet C++ API produced.

Usage: /usr/bin/python3 verify_library_tokens.py --cases CASES.tsv --tokens SIGNET_TOKENS.tsv

For every case with an input, signet's token (signed with the case's main key at sign_ns) must
verify with Django (signature via Django's crypto, legacy SHA-1 not accepted) to the same value:
the same text for sign/ts, the same JSON value (strict: types, -0.0, member order) for
obj/tsobj/dumps; when the case says so it must also be byte-identical to Django's token.
For every case signet accepted, the JSON text it returned must parse to Django's value.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import django_peer as dp  # noqa: E402

NS = 1_000_000_000


def read_cases(path):
    cases = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            x = line.rstrip("\n").split("\t")
            cases[x[0]] = {
                "id": x[0], "kind": x[1], "key": dp.unhx(x[2]),
                "fallbacks": [] if x[3] == "-" else [dp.unhx(k) for k in x[3].split(",")],
                "salt": None if x[4] == "-" else dp.unhx(x[4]).decode(), "sep": dp.unhx(x[5]).decode(),
                "algorithm": x[6], "compress": x[7] == "1", "sign_ns": int(x[8]), "verify_ns": int(x[9]),
                "input": None if x[12] == "-" else dp.unhx(x[12]).decode(), "token": dp.unhx(x[13]).decode(),
                "outcome": x[14], "expect": dp.unhx(x[15]).decode(), "check_sign": x[16] == "1", "note": x[17],
            }
    return cases


def read_tokens(path):
    out = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            i, tok, ver = line.rstrip("\n").split("\t")
            out[i] = (None if tok == "-" else dp.unhx(tok).decode("utf-8"),
                      None if ver == "-" else dp.unhx(ver).decode("utf-8"))
    return out


def django_verify(c, token):
    """('ok', value) / ('err', code): Django's verification of a signet token, at signing time."""
    kind, now = c["kind"], dp.seconds_from_ns(c["sign_ns"])
    common = dict(algorithm=c["algorithm"], now=now)
    if kind in ("sign", "ts"):
        return dp.outcome(dp.reference_unsign, token, c["key"], salt=c["salt"], sep=c["sep"],
                          timestamp=kind == "ts", **common)
    if kind == "dumps":
        return dp.outcome(dp.reference_loads, token, c["key"], salt=c["salt"] or dp.DUMPS_SALT,
                          max_inflate=1 << 40, **common)
    return dp.outcome(dp.reference_unsign_object, token, c["key"], salt=c["salt"], sep=c["sep"],
                      timestamp=kind == "tsobj", max_inflate=1 << 40, **common)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--max-failures", type=int, default=25)
    args = ap.parse_args()
    start = time.time()
    cases = read_cases(args.cases)
    if not os.path.exists(args.tokens):
        print("no signet token file %s: step 2 (django_library_interop_test) did not run" % args.tokens)
        return 1
    tokens = read_tokens(args.tokens)
    failures = []
    counts = {"tokens verified": 0, "byte-identical": 0, "outputs parsed": 0}

    def fail(c, msg, extra=""):
        failures.append(c["id"])
        if len(failures) <= args.max_failures:
            print("FAIL case %s [%s, %s]: %s" % (c["id"], c["kind"], c["note"], msg))
            print("   input: %r" % ((c["input"] or "")[:300],))
            if extra:
                print("   %s" % extra[:600])

    for cid, c in cases.items():
        if c["kind"] in ("sep", "dumpsbad"):
            continue
        tok, verified = tokens.get(cid, (None, None))
        if c["input"] is not None:
            if tok is None:
                fail(c, "signet produced no token for this input (see step 2's output)")
            else:
                got = django_verify(c, tok)
                if c["kind"] in ("sign", "ts"):
                    ok = got == ("ok", c["input"])
                else:
                    ok = got[0] == "ok" and dp.same_json_value(got[1], json.loads(c["input"]))
                if not ok:
                    fail(c, "Django does not verify signet's token to the input value: %r" % (got,), "token: %r" % tok)
                else:
                    counts["tokens verified"] += 1
                if c["check_sign"]:
                    if tok != c["token"]:
                        fail(c, "signet token differs from Django's", "want %r\n   got  %r" % (c["token"], tok))
                    else:
                        counts["byte-identical"] += 1
        if verified is not None and c["outcome"] == "ok" and c["kind"] in ("obj", "tsobj", "dumps"):
            try:
                v = json.loads(verified)
            except ValueError as e:
                fail(c, "signet's returned JSON does not parse: %s" % e, "text: %r" % verified[:300])
                continue
            if not dp.same_json_value(v, json.loads(c["expect"])):
                fail(c, "signet's returned JSON is not Django's value", "text: %r" % verified[:300])
            else:
                counts["outputs parsed"] += 1
    with_input = sum(1 for c in cases.values() if c["input"] is not None and c["kind"] not in ("sep", "dumpsbad"))
    print("verify_library_tokens: Django %s checked %d signet tokens (%d cases with input), %d byte-identical "
          "to Django's, %d returned JSON texts re-parsed; %d failures in %.1fs"
          % (dp.DJANGO_VERSION, counts["tokens verified"], with_input, counts["byte-identical"],
             counts["outputs parsed"], len(failures), time.time() - start))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
