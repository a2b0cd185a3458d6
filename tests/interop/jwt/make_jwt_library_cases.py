#!/usr/bin/env python3
"""Step 1 of the JWT library interop: the peers write the case file.

Usage: make_jwt_library_cases.py --out CASES.jsonl [--node-dir DIR] [--cases N]

Each peer (PyJWT, jwcrypto, jose, jsonwebtoken) generates its own key per
algorithm and exports it (JWK and PEM, as the library does it), signs
random claims, and writes one JSON object per line (the file is ASCII:
json.dumps escapes everything else):

  id        unique case id
  kind      "ok"    the token must verify, claims equal to "expect"
            "neg"   the token must be rejected with one of "errors"
            "thumb" signet's RFC 7638 thumbprint of "jwk" must equal "thumbprint"
            "negkey" building "vkey" must fail with one of "errors"
  peer, alg the peer that made the token / key, and the JWS algorithm
  vkey      how step 2 builds the verification key:
            {"form": "secret", "hex": ...}            HmacKey::from_secret
            {"form": "oct"|"jwk"|"privjwk", "text": JWK}  HmacKey/PublicKey/PrivateKey::from_jwk
            {"form": "pem"|"privpem", "text": PEM}     PublicKey/PrivateKey::from_pem
            {"form": "jwks", "text": JWKS, "hmac": bool}  KeySet::from_jwks
            plus optional "kid" (passed to from_secret/from_pem) and "bind" (no "alg" in the JWK)
  now       the verification time (FixedClock), seconds
  policy    {"iss": [...], "aud": [...], "sub", "typ", "require": [...], "leeway",
             "max_age", "allow_missing_exp"}: PolicyBuilder calls
  token     the peer-made token (kind ok/neg)
  header_text, payload_text   the token's decoded header and payload
  expect    the claims (kind ok): the payload as parsed JSON, member order kept
  errors    accepted error codes (kind neg)
  sign      (kind ok) what signet signs for step 3: {"key": key as vkey (private),
            "claims_text", "mode": "claims" (Claims::from_json + sign) | "json"
            (sign_json), "typ" (absent: default, null: none), "kid", "include_kid",
            "peer_public": the peer's public key {"pem", "jwk"} (not HS*)}
  jwk, thumbprint, thumb_by   (kind thumb)
  note      what the case is about

Random inputs come from SIGNET_INTEROP_SEED (printed); SIGNET_INTEROP_CASES
(default 600) sets the number of "ok" cases (= tokens per direction).
Exit 77 when no peer is available.
"""
import argparse
import json
import math
import os
import random
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jwt_peers as jp  # noqa: E402


def key_entry(alg, own, form, kid=None, with_alg=True):
    """A key in the case-file form."""
    if form == "secret":
        e = {"form": "secret", "hex": own["secret"].hex()}
    elif form in ("oct", "jwk", "privjwk"):
        jwk = dict(own["private_jwk"] if form in ("oct", "privjwk") else own["public_jwk"])
        jwk.pop("kid", None)
        jwk.pop("alg", None)
        if with_alg:
            jwk["alg"] = alg
        if kid:
            jwk["kid"] = kid
        e = {"form": form, "text": json.dumps(jwk)}
        if not with_alg:
            e["bind"] = True
        return e
    else:
        e = {"form": form, "text": own["private_pem" if form == "privpem" else "public_pem"]}
    if kid:
        e["kid"] = kid
    return e


def random_policy(rng, claims, header, now):
    p = {}
    if "iss" in claims and rng.random() < 0.6:
        p["iss"] = [jp.arg_string(rng) + "#" for _ in range(rng.randint(0, 2))] + [claims["iss"]]
        rng.shuffle(p["iss"])
    if "aud" in claims:
        auds = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        p["aud"] = [rng.choice(auds)] + [jp.arg_string(rng) + "#" for _ in range(rng.randint(0, 2))]
        rng.shuffle(p["aud"])
    if "sub" in claims and rng.random() < 0.4:
        p["sub"] = claims["sub"]
    if header.get("typ") == "JWT" and rng.random() < 0.4:
        p["typ"] = rng.choice(["JWT", "jwt", "application/jwt"])
    names = [n for n in claims]
    p["require"] = rng.sample(names, min(len(names), rng.randint(0, 2)))
    if rng.random() < 0.3:
        p["leeway"] = rng.randint(0, 600)
    if "iat" in claims and rng.random() < 0.3:
        p["max_age"] = max(1, now - claims["iat"]) + rng.randint(0, 100)
    if "exp" not in claims or rng.random() < 0.15:
        p["allow_missing_exp"] = True
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--node-dir", default=os.environ.get("SIGNET_INTEROP_NODE_DIR", ""))
    ap.add_argument("--cases", type=int, default=jp.int_from_env("SIGNET_INTEROP_CASES", 600))
    args = ap.parse_args()
    if os.path.exists(args.out):
        os.remove(args.out)  # never leave a stale case file for step 2
    if not jp.have_cryptography():
        print("SKIP: python3-cryptography is missing (apt-get install python3-cryptography)")
        return jp.SKIP

    seed = jp.seed_from_env()
    rng = random.Random(f"{seed}/library")
    now = int(time.time())
    print(f"library cases: seed {seed} (SIGNET_INTEROP_SEED={seed} replays it), now {now}")
    peers, node = jp.make_peers(args.node_dir)
    jp.describe_peers(peers)
    live = [p for p in peers if not p.unavailable]
    combos = [(p, a) for p in live for a in jp.ALGS if not p.support(a)]
    if not combos:
        print("SKIP: no peer available")
        return jp.SKIP
    per = math.ceil(args.cases / len(combos))
    print(f"{len(combos)} (peer, algorithm) pairs x {per} valid tokens")

    cases = []
    notes = []
    counter = [0]

    def add(case):
        counter[0] += 1
        case["id"] = f"c{counter[0]:05d}"
        case.setdefault("now", now)
        cases.append(case)

    # Every peer's own key per algorithm, as the peer exports it; a second key
    # (the suite's reference key) for wrong-key cases.
    owns = {}
    for peer, alg in combos:
        own = peer.generate(alg)
        for which in ("private_jwk", "public_jwk"):
            why = jp.jwk_deviation(own[which])
            if why:
                notes.append(f"{peer.name} {peer.version} exported a non-RFC {alg} {which} ({why}): "
                             "padded for the valid cases, the raw export is a 'neg' key case")
                add({"kind": "negkey", "peer": peer.name, "alg": alg,
                     "vkey": {"form": "privjwk" if which == "private_jwk" else "jwk",
                              "text": json.dumps(dict(own[which], alg=alg))},
                     "errors": ["invalid_key"], "note": f"{peer.name} JWK: {why}"})
                own[which] = jp.repair_jwk(own[which])
        owns[(peer.name, alg)] = own
    others = {alg: jp.make_key(alg, rng) for alg in jp.ALGS}

    # JWKS per algorithm: every peer's public key with alg and kid, so a
    # KeySet must select by kid among keys of the same algorithm.
    kids = {(p.name, a): f"{p.name}-{a}-{rng.getrandbits(24):06x}" for p, a in combos}
    jwks = {}
    for alg in jp.ALGS:
        entries = []
        for p in live:
            if (p.name, alg) in owns:
                own = owns[(p.name, alg)]
                jwk = dict(own["public_jwk"] if jp.family(alg) != "hmac" else own["private_jwk"])
                jwk.pop("kid", None)
                entries.append(dict(jwk, alg=alg, kid=kids[(p.name, alg)]))
        rng.shuffle(entries)
        jwks[alg] = json.dumps({"keys": entries})

    # ---------------------------------------------------------- valid tokens
    for peer, alg in combos:
        own = owns[(peer.name, alg)]
        kid = kids[(peer.name, alg)]
        hmac_alg = jp.family(alg) == "hmac"
        for i in range(per):
            claims = jp.random_claims(rng, now, js_safe=peer.js_safe, exp_required=False)
            text = jp.claims_text(rng, claims)
            forms = ["secret", "oct", "jwks"] if hmac_alg else ["pem", "privpem", "jwk", "privjwk", "jwks"]
            form = rng.choice(forms)
            key_kid = kid if form == "jwks" or rng.random() < 0.5 else None
            token_kid = key_kid if form == "jwks" else rng.choice([None, key_kid or f"any-{i}"])
            if form == "jwks":
                vkey = {"form": "jwks", "text": jwks[alg], "hmac": hmac_alg}
            else:
                vkey = key_entry(alg, own, form, key_kid, with_alg=rng.random() < 0.7)
            sform = "secret" if hmac_alg and rng.random() < 0.5 else ("oct" if hmac_alg else
                                                                      rng.choice(["privpem", "privjwk"]))
            pspec = ({"secret": own["secret"]} if sform == "secret" else
                     {"jwk": own["private_jwk"]} if sform in ("oct", "privjwk") else {"pem": own["private_pem"]})
            typ = rng.choice(["JWT", "JWT", None, "at+jwt"])
            token = peer.sign(alg, pspec, text, kid=token_kid, typ=typ)
            header = jp.header_of(token)
            payload = jp.payload_text(token)
            if not jp.same_json(json.loads(payload), claims):
                print(f"FAIL: {peer.name} signed other claims than it was given")
                return 1
            # signet's own token for step 3: new random claims, the peer's private key.
            sclaims = jp.random_claims(rng, now, js_safe=peer.js_safe, exp_required=False)
            sign = {"key": key_entry(alg, own, sform, kid if rng.random() < 0.5 else None,
                                     with_alg=rng.random() < 0.7),
                    "claims_text": jp.claims_text(rng, sclaims, pretty=rng.random() < 0.3),
                    "mode": rng.choice(["claims", "json"]),
                    "include_kid": rng.random() < 0.8}
            if not hmac_alg:
                sign["peer_public"] = {"pem": own["public_pem"], "jwk": own["public_jwk"]}
            r = rng.random()
            if r < 0.2:
                sign["typ"] = None
            elif r < 0.4:
                sign["typ"] = rng.choice(["at+jwt", "JWT", "application/example+jwt"])
            if rng.random() < 0.3:
                sign["kid"] = f"opt-{rng.getrandbits(32):08x}"
            add({"kind": "ok", "peer": peer.name, "alg": alg, "vkey": vkey,
                 "policy": random_policy(rng, claims, header, now), "token": token,
                 "header_text": jp.b64u_decode(token.split(".")[0]).decode(), "payload_text": payload,
                 "expect": json.loads(payload), "sign": sign, "note": f"valid {form}"})

    # ---------------------------------------------------------- tokens signet must reject
    for peer, alg in combos:
        own = owns[(peer.name, alg)]
        hmac_alg = jp.family(alg) == "hmac"
        pub = key_entry(alg, own, "secret" if hmac_alg else "pem")
        spec = {"secret": own["secret"]} if hmac_alg else {"pem": own["private_pem"]}
        base = {"peer": peer.name, "alg": alg, "kind": "neg", "vkey": pub}

        def signed(claims, **kw):
            return peer.sign(alg, spec, json.dumps(claims), **kw)

        add(dict(base, token=signed({"exp": now - 1}), errors=["expired"], note="exp = now - 1"))
        add(dict(base, token=signed({"exp": now}), errors=["expired"], note="exp = now"))
        add(dict(base, token=signed({"exp": now - 60}), policy={"leeway": 60}, errors=["expired"],
                 note="exp = now - 60, leeway 60"))
        add(dict(base, token=signed({"exp": now + 60, "nbf": now + 1}), errors=["not_yet_valid"], note="nbf = now + 1"))
        add(dict(base, token=signed({"sub": "x"}), errors=["claim_mismatch"], note="no exp"))
        add(dict(base, token=signed({"exp": now + 60, "aud": "svc-a"}), policy={"aud": ["svc-b"]},
                 errors=["claim_mismatch"], note="aud svc-a, expect svc-b"))
        add(dict(base, token=signed({"exp": now + 60, "aud": ["a", "b"]}), errors=["claim_mismatch"],
                 note="aud present, none expected"))
        add(dict(base, token=signed({"exp": now + 60, "iss": "x"}), policy={"iss": ["y"]},
                 errors=["claim_mismatch"], note="iss x, expect y"))
        t = signed({"exp": now + 60, "sub": "user"})
        h, _, sig = t.split(".")
        add(dict(base, token=f"{h}.{jp.b64u(json.dumps({'exp': now + 60, 'sub': 'admin'}).encode())}.{sig}",
                 errors=["bad_signature"], note="payload replaced"))
        add(dict(base, vkey=key_entry(alg, {"secret": others[alg].secret, "public_pem": others[alg].public_pem},
                                      "secret" if hmac_alg else "pem"),
                 token=t, errors=["bad_signature"], note="wrong key"))
        none_tok = jp.b64u(json.dumps({"alg": "none"}).encode()) + "." + t.split(".")[1] + "."
        add(dict(base, token=none_tok, errors=list(jp_pre()), note="alg none"))
        if not hmac_alg:
            fake = jp.Key("HS256", secret=own["public_pem"].encode())
            add(dict(base, token=jp.make_token("HS256", fake, {"alg": "HS256", "typ": "JWT"}, {"exp": now + 60}),
                     errors=["key_mismatch"], note="HS256 keyed with the public key PEM (algorithm confusion)"))
            add(dict(base, vkey={"form": "jwks", "text": jwks[alg], "hmac": False},
                     token=jp.make_token("HS256", fake, {"alg": "HS256", "kid": kids[(peer.name, alg)]},
                                         {"exp": now + 60}),
                     errors=["key_mismatch"], note="HS256 keyed with the public key PEM, JWKS with the kid"))
        if jp.family(alg) == "ec":
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec
            pk = serialization.load_pem_private_key(own["private_pem"].encode(), None)
            h = jp.b64u(json.dumps({"alg": alg}).encode())
            p = jp.b64u(json.dumps({"exp": now + 60}).encode())
            hash_alg = {"ES384": hashes.SHA384, "ES512": hashes.SHA512}.get(alg, hashes.SHA256)
            der = pk.sign(f"{h}.{p}".encode(), ec.ECDSA(hash_alg()))
            add(dict(base, token=f"{h}.{p}.{jp.b64u(der)}", errors=["bad_signature"], note="DER ECDSA signature"))

    # ---------------------------------------------------------- thumbprints
    for peer, alg in combos:
        own = owns[(peer.name, alg)]
        jwk = own["public_jwk"] if jp.family(alg) != "hmac" else own["private_jwk"]
        tp = peer.thumbprint(jwk)
        by = peer.name
        if tp is None:
            tp, by = jp.reference_thumbprint(jwk), "RFC 7638 reference (the peer has no thumbprint API)"
        elif tp != jp.reference_thumbprint(jwk):
            print(f"FAIL: {peer.name}'s thumbprint differs from RFC 7638 for {json.dumps(jwk)}")
            return 1
        add({"kind": "thumb", "peer": peer.name, "alg": alg, "jwk": json.dumps(jwk), "thumbprint": tp,
             "thumb_by": by, "note": f"thumbprint of {peer.name}'s {alg} JWK"})

    node.close()
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write(json.dumps({"seed": seed, "now": now, "peers": {p.name: p.version for p in peers},
                            "na": {p.name: {a: p.support(a) for a in jp.ALGS if p.support(a)} for p in peers}})
                + "\n")
        for c in cases:
            f.write(json.dumps(c) + "\n")
    os.replace(tmp, args.out)
    kinds = {}
    for c in cases:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    for n in notes:
        print("note:", n)
    print(f"wrote {len(cases)} cases to {args.out}: " + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    return 0


def jp_pre():
    return ("malformed", "bad_signature", "key_mismatch")


if __name__ == "__main__":
    sys.exit(main())
