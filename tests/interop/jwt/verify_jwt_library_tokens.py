#!/usr/bin/env python3
"""Step 3 of the JWT library interop: the peers verify signet's tokens.

Usage: verify_jwt_library_tokens.py --cases CASES.jsonl --tokens SIGNET_TOKENS.jsonl [--node-dir DIR]

For every "ok" case, the case's peer verifies the token that signet's C++ API
made in step 2 (Signer with the peer's own private key, or the claims given)
with the peer's public key (half of the time: the public JWK/oct JWK that
signet exported, PublicKey::to_jwk, so that signet's JWK export is imported
by every peer too), and must read the same claims; signet's header must be
{"alg","typ","kid"} as configured; the payload keeps the member order (and
is byte-identical to the input for sign_json). The claims signet returned
for the peer's token in step 2 are re-checked here with Python's JSON
parser. Then each peer must reject signet's token under a wrong key and
with a replaced payload.
"""
import argparse
import json
import os
import sys
from collections import defaultdict

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jwt_peers as jp  # noqa: E402

MAX_REPORTS = 40


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True)
    ap.add_argument("--tokens", required=True)
    ap.add_argument("--node-dir", default=os.environ.get("SIGNET_INTEROP_NODE_DIR", ""))
    args = ap.parse_args()
    if not os.path.exists(args.cases):
        print(f"SKIP: no case file {args.cases} (step 1 skipped)")
        return jp.SKIP
    with open(args.cases, encoding="ascii") as f:
        lines = f.read().splitlines()
    meta = json.loads(lines[0])
    cases = [json.loads(line) for line in lines[1:] if line]
    if not os.path.exists(args.tokens):
        print(f"FAIL: step 2 wrote no {args.tokens}")
        return 1
    produced = {}
    with open(args.tokens, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                produced[p["id"]] = p
    print(f"library step 3: seed {meta['seed']}, {len(cases)} cases, {len(produced)} signet results")
    peers, node = jp.make_peers(args.node_dir)
    by = {p.name: p for p in peers}
    failures = []
    counts = defaultdict(int)

    def fail(c, what, **detail):
        failures.append(what)
        if len(failures) <= MAX_REPORTS:
            print(f"FAIL {c['id']} [{c['peer']} {c['alg']}, {c.get('note', '')}]: {what}")
            for k, v in detail.items():
                print(f"    {k}: {jp.short(v, 700)}")

    wrong_keys = {alg: jp.make_key(alg, jp.random.Random(f"{meta['seed']}/wrong/{alg}")) for alg in jp.ALGS}
    for c in cases:
        if c["kind"] != "ok":
            continue
        peer = by[c["peer"]]
        if peer.unavailable:
            fail(c, f"peer unavailable in step 3: {peer.unavailable}")
            continue
        p = produced.get(c["id"])
        # signet's claims for the peer's token (step 2), re-read by Python.
        if not p or p.get("claims_json") is None:
            fail(c, "step 2 has no claims for the peer's token (see the C++ test's output)")
        elif not jp.same_json(jp.ordered(p["claims_json"]), jp.ordered(c["payload_text"])):
            fail(c, "signet's claims_json differs from the peer's payload", want=c["payload_text"],
                 got=p["claims_json"])
        if not p or not p.get("token"):
            fail(c, "step 2 made no signet token for this case")
            continue
        alg, sign, token = c["alg"], c["sign"], p["token"]
        text = sign["claims_text"]
        want = json.loads(text)
        # The header signet wrote.
        key = sign["key"]
        key_kid = key.get("kid")
        if key["form"] in ("oct", "privjwk"):
            key_kid = json.loads(key["text"]).get("kid")
        header = [("alg", alg)]
        typ = sign.get("typ", "JWT")
        if typ is not None:
            header.append(("typ", typ))
        kid = sign.get("kid") or (key_kid if sign.get("include_kid") else None)
        if kid:
            header.append(("kid", kid))
        got_header = jp.ordered(jp.b64u_decode(token.split(".")[0]).decode())[1]
        if got_header != header:
            fail(c, f"signet's header {got_header}, want {header}", token=token)
        payload = jp.payload_text(token)
        if sign["mode"] == "json" and payload != text:
            fail(c, "sign_json did not sign the payload exactly as given", want=text, got=payload)
        elif not jp.same_json(jp.ordered(payload), jp.ordered(text)):
            fail(c, "signet's payload differs from the claims (value or order)", want=text, got=payload)
        # The peer verifies with its own public key (PEM or JWK as it exported
        # them), or with the public JWK / PEM that signet exported.
        n = int(c["id"][1:])
        if n % 2 == 0:
            spec, src = {"jwk": json.loads(p["public_jwk"])}, "signet's exported JWK"
        elif jp.family(alg) == "hmac":
            spec = ({"secret": bytes.fromhex(key["hex"])} if key["form"] == "secret" else
                    {"jwk": json.loads(key["text"])})
            src = "the shared secret"
        elif n % 4 == 1:
            spec, src = {"pem": p["public_pem"]}, "signet's exported PEM"
        else:
            form = "pem" if n % 8 == 3 else "jwk"
            spec, src = {form: sign["peer_public"][form]}, f"the peer's own public {form.upper()}"
        policy = {"now": c["now"], "require_exp": "exp" in want}
        if "aud" in want:
            policy["audience"] = want["aud"] if isinstance(want["aud"], str) else want["aud"][0]
        try:
            got = json.loads(peer.verify(alg, spec, token, policy))
            if jp.same_json(got, want):
                counts[(peer.name, alg)] += 1
            else:
                fail(c, f"{peer.name} read other claims from signet's token", want=text, got=got)
        except jp.PeerReject as e:
            fail(c, f"{peer.name} rejected signet's token (key: {src}): {e}", token=token, claims=text,
                 jwk=p.get("public_jwk"))
            continue
        # ... and rejects it under a wrong key or with a replaced payload.
        h, _, sig = token.split(".")
        forged = f"{h}.{jp.b64u(json.dumps(dict(want, forged=True)).encode())}.{sig}"
        for name, t, k in (("wrong key", token, wrong_keys[alg].spec("pem", False)), ("payload replaced", forged, spec)):
            try:
                peer.verify(alg, k, t, policy)
                fail(c, f"{peer.name} accepted signet's token with {name}", token=t)
            except jp.PeerReject:
                counts[(peer.name, alg, "rejected")] += 1
    node.close()

    print("\nsignet (C++ API) -> peer, tokens verified with identical claims:")
    names = [p.name for p in peers]
    print("    " + "alg".ljust(8) + "".join(n.rjust(14) for n in names))
    for alg in jp.ALGS:
        cells = []
        for n in names:
            v = counts.get((n, alg))
            cells.append(str(v) if v else ("n/a" if by[n].support(alg) else "0"))
        print("    " + alg.ljust(8) + "".join(x.rjust(14) for x in cells))
    total = sum(v for k, v in counts.items() if len(k) == 2)
    rejected = sum(v for k, v in counts.items() if len(k) == 3)
    print(f"    total {total} verified; {rejected} tampered/wrong-key signet tokens rejected by the peers")
    print(f"{len(failures)} failures")
    if total < 500 and not failures:
        print(f"FAIL: only {total} signet tokens verified by peers")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
