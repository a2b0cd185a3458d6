#!/usr/bin/python3
"""Step 3 of the itsdangerous library interop suite: real itsdangerous verifies what the signet C++ API produced.

Usage: /usr/bin/python3 itsdangerous_verify_tokens.py --cases CASES.tsv --tokens SIGNET_TOKENS.tsv

For every case with an input, signet's token (signed with the newest of the case's keys at
sign_ns) must be accepted by itsdangerous itself (its unsign/loads, same keys and options, at
sign time) and give back the same value: the same bytes for Signer/TimestampSigner, the same JSON
value (strict: types, -0.0, member order) for the serializers. When the case says so, the token
must also be byte-identical to the one itsdangerous made. Every case with an input must have a
signet token.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import itsdangerous_peer as ip  # noqa: E402


def read_cases(path):
    cases = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            x = line.rstrip("\n").split("\t")
            cases[x[0]] = {
                "id": x[0], "kind": x[1], "keys": [] if x[2] == "-" else [ip.unhx(k) for k in x[2].split(",")],
                "salt": None if x[3] == "-" else ip.unhx(x[3]), "sep": ip.unhx(x[4]), "digest": x[5], "kd": x[6],
                "compress": x[7] == "1", "sign_ns": int(x[8]), "input": None if x[12] == "-" else ip.unhx(x[12]),
                "token": ip.unhx(x[13]), "check_sign": x[16] == "1", "note": x[18],
            }
    return cases


def read_tokens(path):
    out = {}
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            i, tok = line.rstrip("\n").split("\t")
            out[i] = ip.unhx(tok)
    return out


def check(c, token):
    """None if itsdangerous accepts signet's token with the expected value, else a message."""
    kind = c["kind"]
    o = ip.its_outcome(kind, token, c["keys"], c["salt"], c["sep"], c["digest"], c["kd"], None,
                       ip.seconds_from_ns(c["sign_ns"]))
    if o[0] != "ok":
        return "itsdangerous rejected signet's token: %s" % o[1]
    if kind in ("sign", "ts"):
        if o[1] != c["input"]:
            return "itsdangerous read %r, want %r" % (o[1][:100], c["input"][:100])
    else:
        want = json.loads(c["input"].decode("utf-8"))
        if not ip.same_json_value(o[1], want):
            return "itsdangerous read %r, want %r" % (repr(o[1])[:200], repr(want)[:200])
    if c["check_sign"] and token != c["token"]:
        return "not byte-identical to itsdangerous's token:\n    want %r\n    got  %r" % (c["token"][:300], token[:300])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--max-failures", type=int, default=30)
    args = ap.parse_args()
    start = time.time()
    cases = read_cases(args.cases)
    tokens = read_tokens(args.tokens)
    failures = 0
    checked = identical = 0
    by_kind = {}
    for cid, c in cases.items():
        if c["input"] is None or c["kind"] not in ip.KINDS:
            continue
        token = tokens.get(cid)
        msg = "signet produced no token" if token is None else check(c, token)
        if msg is None:
            checked += 1
            by_kind[c["kind"]] = by_kind.get(c["kind"], 0) + 1
            identical += c["check_sign"]
            continue
        failures += 1
        if failures <= args.max_failures:
            print("FAIL case %s [%s, %s] digest=%s kd=%s keys=%d salt=%r sep=%r sign_ns=%d\n  %s\n  input: %r"
                  % (cid, c["kind"], c["note"], c["digest"], c["kd"], len(c["keys"]), c["salt"], c["sep"],
                     c["sign_ns"], msg, c["input"][:200]))
    print("itsdangerous_verify_tokens: itsdangerous %s verified %d signet tokens (%d byte-identical to its own), "
          "%d failures, %.1fs" % (ip.ITSDANGEROUS_VERSION, checked, identical, failures, time.time() - start))
    print("  by kind: %s" % dict(sorted(by_kind.items())))
    if checked < 500:
        print("FAIL: fewer than 500 tokens verified")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
