#!/usr/bin/env python3
"""JWT interop through the signet CLI: PyJWT, jwcrypto, jose, jsonwebtoken.

Usage: jwt_cli_interop.py SIGNET --suite matrix|jwk|negative|peers --work-dir DIR [--node-dir DIR]

Suites (one CTest test each):
  matrix    random claims, both directions, every algorithm x every peer that
            has it: peer signs -> `signet jwt verify` prints the same claims;
            `signet jwt sign` -> the peer verifies with the same claims.
            SIGNET_INTEROP_CASES (default 600) tokens per direction in total,
            spread evenly over the (peer, algorithm) pairs.
  jwk       JWK exchange: signet's generated keys (`signet key generate|public`)
            imported by each peer, each peer's exported keys imported by signet,
            RFC 7638 thumbprints compared, a JWKS of every peer's keys.
  negative  peer-made tokens signet must reject (alg none, HS256 keyed with an
            RSA public key PEM, expired, wrong aud, tampered, DER ECDSA
            signatures, wrong key, embedded jwk, crit, ...) and signet-made
            tokens the peers must reject (wrong key, tampered, expired, aud).
  peers     the peers against each other, no signet (harness self-test).

Random inputs come from SIGNET_INTEROP_SEED (default 20240611; 'random'
picks one); the seed is printed. Exit 0 pass, 1 failure, 77 skip.
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import time
from collections import defaultdict

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import jwt_peers as jp  # noqa: E402

V_DIR = "peer->signet"  # the peer signs, signet verifies
S_DIR = "signet->peer"  # signet signs, the peer verifies
MAX_REPORTS = 40
PRE_SIGNATURE = ("malformed", "bad_signature", "key_mismatch")


class Suite:
    def __init__(self, args, name):
        self.signet = os.path.abspath(args.signet) if args.signet else None
        self.name = name
        self.work = os.path.abspath(os.path.join(args.work_dir, f"cli-{name}"))
        os.makedirs(self.work, exist_ok=True)
        self.seed = jp.seed_from_env()
        self.rng = random.Random(f"{self.seed}/{name}")
        self.now = int(time.time())
        self.failures = []
        self.counts = defaultdict(int)  # (peer, alg, direction) -> tokens
        self.notes = []
        self.spawns = 0
        self.peers, self.node = jp.make_peers(args.node_dir)
        self.live = [p for p in self.peers if not p.unavailable]
        print(f"suite {name}: seed {self.seed} (SIGNET_INTEROP_SEED={self.seed} replays it), now {self.now}")
        print(f"signet: {self.signet}\nwork dir: {self.work}\npeers:")
        jp.describe_peers(self.peers)
        self._file_n = 0

    # ------------------------------------------------------------- plumbing

    def fail(self, what, **detail):
        self.failures.append((what, detail))
        if len(self.failures) <= MAX_REPORTS:
            print(f"FAIL {what}")
            for k, v in detail.items():
                print(f"    {k}: {jp.short(v, 700)}")

    def file(self, name, data):
        path = os.path.join(self.work, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return path

    def tmpfile(self, stem, data):
        self._file_n += 1
        return self.file(f"tmp/{self._file_n:05d}-{stem}", data)

    def run(self, argv, stdin=b"", env_extra=None):
        env = dict(os.environb)
        for k, v in (env_extra or {}).items():
            env[k.encode()] = v
        self.spawns += 1
        data = stdin if isinstance(stdin, bytes) else stdin.encode("utf-8")
        r = subprocess.run([self.signet] + argv, input=data, capture_output=True, env=env, timeout=60)
        return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")

    def repro(self, argv, stdin, env_extra=None):
        env = "".join(f"{k}=<{len(v)} bytes> " for k, v in (env_extra or {}).items())
        return f"{env}{self.signet} {' '.join(argv)} <<< {jp.short(stdin if isinstance(stdin, str) else repr(stdin), 400)}"

    def summary(self, title):
        print(f"\n{title} (seed {self.seed}):")
        dirs = sorted({d for (_, _, d) in self.counts})
        if dirs:
            width = max(14, max(len(p.name) for p in self.peers) + 2)
            for d in dirs:
                print(f"  {d}")
                print("    " + "alg".ljust(8) + "".join(p.name.rjust(width) for p in self.peers) + "total".rjust(8))
                for alg in jp.ALGS:
                    cells = []
                    for p in self.peers:
                        n = self.counts.get((p.name, alg, d))
                        na = (p.support(alg) or ("thumbprint" in d and not p.has_thumbprint)
                              or ("JWKS" in d and jp.family(alg) == "hmac"))
                        cells.append(str(n) if n else ("n/a" if na else "0"))
                    total = sum(self.counts.get((p.name, alg, d), 0) for p in self.peers)
                    print("    " + alg.ljust(8) + "".join(c.rjust(width) for c in cells) + str(total).rjust(8))
                total = sum(n for (_, _, dd), n in self.counts.items() if dd == d)
                print(f"    total {total}")
        if any("thumbprint" in d for d in dirs):
            print("    n/a: " + ", ".join(p.name for p in self.peers if not p.has_thumbprint) +
                  " offer no RFC 7638 thumbprint API; signet's thumbprint of their keys is checked against "
                  "the suite's RFC 7638 reference instead")
        for n in self.notes:
            print(f"  note: {n}")
        print(f"  {self.spawns} signet runs, {len(self.failures)} failures")
        with open(os.path.join(self.work, "summary.json"), "w", encoding="utf-8") as f:
            json.dump({"seed": self.seed, "now": self.now, "failures": len(self.failures),
                       "counts": [[p, a, d, n] for (p, a, d), n in sorted(self.counts.items())],
                       "na": {p.name: {a: p.support(a) for a in jp.ALGS if p.support(a)} for p in self.peers},
                       "versions": {p.name: p.version for p in self.peers}, "notes": self.notes}, f, indent=1)

    def close(self):
        self.node.close()

    # ------------------------------------------------------------- keys

    def write_key(self, key, stem):
        """Writes every form of `key` under keys/STEM.*; returns the paths."""
        files = {}
        if jp.family(key.alg) == "hmac":
            # One trailing newline is removed from key files: write one half the time.
            files["secret"] = self.file(f"keys/{stem}.secret", key.secret + (b"\n" if self.rng.random() < 0.5 else b""))
            files["oct"] = self.file(f"keys/{stem}.oct.jwk", json.dumps(key.jwk_with(True)))
            files["oct_bare"] = self.file(f"keys/{stem}.oct-bare.jwk", json.dumps(key.jwk_with(True, False, False)))
            return files
        files["private_pem"] = self.file(f"keys/{stem}.private.pem", key.private_pem)
        files["public_pem"] = self.file(f"keys/{stem}.public.pem", key.public_pem)
        files["private_jwk"] = self.file(f"keys/{stem}.private.jwk", json.dumps(key.jwk_with(True)))
        files["private_bare"] = self.file(f"keys/{stem}.private-bare.jwk", json.dumps(key.jwk_with(True, False, False)))
        files["public_jwk"] = self.file(f"keys/{stem}.public.jwk", json.dumps(key.jwk_with(False)))
        files["public_bare"] = self.file(f"keys/{stem}.public-bare.jwk", json.dumps(key.jwk_with(False, False, False)))
        return files

    def make_keys(self, prefix="ref"):
        keys, files = {}, {}
        for alg in jp.ALGS:
            kid = f"{prefix}-{alg}-{self.rng.getrandbits(32):08x}"
            keys[alg] = jp.make_key(alg, self.rng, kid=kid)
            files[alg] = self.write_key(keys[alg], f"{prefix}-{alg}")
        # A JWKS of every public key (alg and kid set) plus decoys of the same
        # algorithms under other kids, so selection by kid matters.
        entries = []
        for alg in jp.ALGS:
            if jp.family(alg) == "hmac":
                continue
            entries.append(keys[alg].jwk_with(False))
            decoy = jp.make_key(alg, self.rng, kid=keys[alg].kid + "-decoy") if jp.family(alg) != "rsa" else None
            if decoy:
                entries.append(decoy.jwk_with(False))
        self.rng.shuffle(entries)
        jwks = self.file(f"keys/{prefix}.jwks.json", json.dumps({"keys": entries}))
        return keys, files, jwks

    # ------------------------------------------------------------- signet calls

    def key_flags_verify(self, alg, key, files, jwks):
        """Picks how signet gets the verification key: (flags, env, kid rule).
        The kid rule says what kid the token may carry: the CLI selects keys as
        a JWKS does (a key without kid never matches a token's kid; a token
        without kid needs exactly one candidate, and the JWKS holds decoys of
        the same algorithm for every non-RSA algorithm)."""
        if jp.family(alg) == "hmac":
            c = self.rng.choice(["secret", "oct", "oct_bare", "env"])
            if c == "env":
                return ["--key-env", "SIGNET_JWT_INTEROP_KEY"], {"SIGNET_JWT_INTEROP_KEY": key.secret}, "none"
            return ["--key-file", files[c]], None, "optional" if c == "oct" else "none"
        c = self.rng.choice(["public_pem", "private_pem", "public_jwk", "public_bare", "jwks"])
        if c == "jwks":
            return ["--jwks-file", jwks], None, "optional" if jp.family(alg) == "rsa" else "required"
        return ["--key-file", files[c]], None, "optional" if c == "public_jwk" else "none"

    def key_flags_sign(self, alg, key, files):
        if jp.family(alg) == "hmac":
            c = self.rng.choice(["secret", "oct", "oct_bare", "env"])
            if c == "env":
                return ["--key-env", "SIGNET_JWT_INTEROP_KEY"], {"SIGNET_JWT_INTEROP_KEY": key.secret}, False
            return ["--key-file", files[c]], None, c == "oct"
        c = self.rng.choice(["private_pem", "private_jwk", "private_bare"])
        return ["--key-file", files[c]], None, c == "private_jwk"

    def signet_verify(self, token, argv, env=None):
        return self.run(["jwt", "verify"] + argv, token.encode() + b"\n", env)

    def check_verified(self, what, token, out, claims, argv, env=None):
        """signet's stdout must be the token's claims: same members in the same
        order (vs the signed payload) and the same values (vs the claims the
        peer was given)."""
        text = out[:-1] if out.endswith("\n") else out
        try:
            got_ordered = jp.ordered(text)
            got = json.loads(text)
        except ValueError as e:
            self.fail(f"{what}: signet printed invalid JSON ({e})", stdout=out, repro=self.repro(argv, token, env))
            return False
        if "\n" in text:
            self.fail(f"{what}: signet's claims JSON is not one line", stdout=out)
            return False
        signed = jp.ordered(jp.payload_text(token))
        if not jp.same_json(got_ordered, signed):
            self.fail(f"{what}: signet's claims differ from the signed payload (value or member order)",
                      want=jp.payload_text(token), got=text, token=token, repro=self.repro(argv, token, env))
            return False
        if not jp.same_json(got, claims):
            self.fail(f"{what}: signet's claims differ from the claims the peer signed",
                      want=json.dumps(claims, ensure_ascii=False), got=text, token=token)
            return False
        return True

    # ------------------------------------------------------------- policy

    def verify_policy_flags(self, alg, claims, header, key_form):
        """Random policy flags that the token satisfies."""
        flags = []
        if "iss" in claims and self.rng.random() < 0.6:
            iss = [jp.arg_string(self.rng) for _ in range(self.rng.randint(0, 2))] + [claims["iss"]]
            self.rng.shuffle(iss)
            for i in iss:
                flags += ["--iss", i]
        if "aud" in claims:
            auds = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
            want = [self.rng.choice(auds)] + [jp.arg_string(self.rng) + "~x" for _ in range(self.rng.randint(0, 2))]
            self.rng.shuffle(want)
            for a in want:
                flags += ["--aud", a]
        if "sub" in claims and self.rng.random() < 0.4:
            flags += ["--sub", claims["sub"]]
        if header.get("typ") == "JWT" and self.rng.random() < 0.4:
            flags += ["--typ", self.rng.choice(["JWT", "jwt", "application/jwt", "Application/JWT"])]
        names = [n for n in claims if "\x00" not in n and n]
        for n in self.rng.sample(names, min(len(names), self.rng.randint(0, 2))):
            flags += ["--require", n]
        leeway = 0
        if self.rng.random() < 0.3:
            leeway = self.rng.randint(0, 600)
            flags += ["--leeway", str(leeway)]
        if "iat" in claims and self.rng.random() < 0.3:
            flags += ["--max-age", str(max(1, self.now - claims["iat"]) + self.rng.randint(0, 100))]
        if "exp" not in claims or self.rng.random() < 0.15:
            flags += ["--allow-missing-exp"]
        return flags

    def peer_policy(self, claims):
        policy = {"now": self.now, "require_exp": "exp" in claims}
        if "aud" in claims:
            auds = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
            policy["audience"] = self.rng.choice(auds)
        if "iss" in claims and self.rng.random() < 0.5:
            policy["issuer"] = claims["iss"]
        return policy

    # ------------------------------------------------------------- the two directions

    def peer_to_signet(self, peer, alg, key, files, jwks, claims=None, count=True):
        """The peer signs random claims; `signet jwt verify` must print them."""
        if claims is None:
            claims = jp.random_claims(self.rng, self.now, js_safe=peer.js_safe, exp_required=False)
        text = jp.claims_text(self.rng, claims)
        key_flags, env, kid_rule = self.key_flags_verify(alg, key, files, jwks)
        kid = None
        if kid_rule == "required" or (kid_rule == "optional" and self.rng.random() < 0.5):
            kid = key.kid
        typ = self.rng.choice(["JWT", "JWT", "JWT", None, "at+jwt"])
        form = self.rng.choice(["pem", "jwk"])
        try:
            token = peer.sign(alg, key.spec(form, True), text, kid=kid, typ=typ)
        except Exception as e:  # noqa: BLE001
            self.fail(f"{peer.name} could not sign {alg} ({form} key): {type(e).__name__}: {e}", claims=text)
            return None
        header = jp.header_of(token)
        algs = [alg]
        if jp.family(alg) == "rsa" and key_flags[0] == "--key-file" and files and key_flags[1].endswith(".pem") \
                and self.rng.random() < 0.4:
            algs += self.rng.sample([a for a in jp.ALGS if jp.family(a) == "rsa" and a != alg], 2)
            self.rng.shuffle(algs)
        argv = ["--alg", ",".join(algs)] + key_flags + self.verify_policy_flags(alg, claims, header, key_flags)
        argv += ["--now", str(self.now)]
        rc, out, err = self.signet_verify(token, argv, env)
        what = f"{peer.name} -> signet {alg}"
        if rc != 0:
            self.fail(f"{what}: signet jwt verify exit {rc}: {err.strip()}", token=token, header=header,
                      claims=text, repro=self.repro(["jwt", "verify"] + argv, token, env))
            return None
        if self.check_verified(what, token, out, claims, ["jwt", "verify"] + argv, env) and count:
            self.counts[(peer.name, alg, V_DIR)] += 1
        return token

    def signet_to_peer(self, peer, alg, key, files, claims=None, count=True, key_flags=None):
        """`signet jwt sign` makes a token; the peer must verify it with the same claims."""
        if claims is None:
            claims = jp.random_claims(self.rng, self.now, js_safe=peer.js_safe, exp_required=False)
        text = jp.claims_text(self.rng, claims, pretty=True)
        expected = dict(claims)
        env = None
        key_kid = False
        if key_flags is None:
            key_flags, env, key_kid = self.key_flags_sign(alg, key, files)
        argv = ["jwt", "sign", "--alg", alg] + key_flags + ["--now", str(self.now)]
        kid = None
        if self.rng.random() < 0.4:
            kid = self.rng.choice(["k1", f"key-{self.rng.getrandbits(40):x}", "a.b_c-D~9", "x" * 64])
            argv += ["--kid", kid]
        elif key_kid:
            kid = key.kid
        typ = "JWT"
        if self.rng.random() < 0.2:
            typ = self.rng.choice(["at+jwt", "JWT", "application/example+jwt"])
            argv += ["--typ", typ]
        if "iat" not in claims and self.rng.random() < 0.2:
            argv.append("--iat")
            expected["iat"] = self.now
        if "exp" not in claims and self.rng.random() < 0.5:
            n = self.rng.randint(3600, 10 ** 6)
            argv += ["--exp-in", str(n)]
            expected["exp"] = self.now + n
        what = f"signet -> {peer.name} {alg}"
        rc, out, err = self.run(argv, text, env)
        if rc != 0:
            self.fail(f"{what}: signet jwt sign exit {rc}: {err.strip()}", claims=text, repro=self.repro(argv, text, env))
            return None
        token = out.strip()
        try:
            header = jp.header_of(token)
            payload = jp.ordered(jp.payload_text(token))
        except Exception as e:  # noqa: BLE001
            self.fail(f"{what}: signet's token does not decode: {e}", token=token)
            return None
        want_header = {"alg": alg}
        if typ:
            want_header["typ"] = typ
        if kid:
            want_header["kid"] = kid
        if header != want_header:
            self.fail(f"{what}: header {header}, want {want_header}", token=token, repro=self.repro(argv, text, env))
        names = [k for k, _ in payload[1]]
        if names != list(expected):
            self.fail(f"{what}: signet reordered the claims", want=list(expected), got=names, claims=text)
        policy = self.peer_policy(expected)
        form = self.rng.choice(["pem", "jwk"])
        try:
            got = json.loads(peer.verify(alg, key.spec(form, False), token, policy))
        except jp.PeerReject as e:
            self.fail(f"{what}: {peer.name} rejected signet's token: {e}", token=token, claims=text, policy=policy,
                      repro=self.repro(argv, text, env))
            return None
        if not jp.same_json(got, expected):
            self.fail(f"{what}: {peer.name} read different claims", want=json.dumps(expected, ensure_ascii=False),
                      got=json.dumps(got, ensure_ascii=False), token=token)
            return None
        if count:
            self.counts[(peer.name, alg, S_DIR)] += 1
        return token


# ================================================================= matrix

def suite_matrix(s):
    target = jp.int_from_env("SIGNET_INTEROP_CASES", 600)
    keys, files, jwks = s.make_keys("ref")
    combos = [(p, a) for p in s.live for a in jp.ALGS if not p.support(a)]
    if not combos:
        print("SKIP: no peer available")
        return jp.SKIP
    per = math.ceil(target / len(combos))
    print(f"{len(combos)} (peer, algorithm) pairs x {per} tokens per direction (target {target} per direction)")
    for peer, alg in combos:
        for _ in range(per):
            s.peer_to_signet(peer, alg, keys[alg], files[alg], jwks)
            s.signet_to_peer(peer, alg, keys[alg], files[alg])
    s.summary("CLI interop matrix, tokens verified with identical claims")
    for d in (V_DIR, S_DIR):
        total = sum(n for (_, _, dd), n in s.counts.items() if dd == d)
        if total < min(target, 500) and not s.failures:
            s.fail(f"only {total} tokens {d}")
    return 1 if s.failures else 0


# ================================================================= jwk exchange

def suite_jwk(s):
    if not s.live:
        print("SKIP: no peer available")
        return jp.SKIP
    # ---- A: keys generated by signet, imported by every peer.
    for alg in jp.ALGS:
        kid = f"signet-{alg}"
        rc, out, err = s.run(["key", "generate", "--alg", alg, "--kid", kid])
        if rc != 0:
            s.fail(f"signet key generate --alg {alg}: exit {rc}: {err.strip()}")
            continue
        priv_jwk = json.loads(out)
        priv_path = s.file(f"signet/{alg}.private.jwk", out)
        if priv_jwk.get("alg") != alg or priv_jwk.get("kid") != kid:
            s.fail(f"signet key generate {alg}: alg/kid not in the JWK", jwk=out)
        hmac_alg = jp.family(alg) == "hmac"
        if hmac_alg:
            secret = jp.b64u_decode(priv_jwk["k"])
            if len(secret) < jp.hash_len(alg):
                s.fail(f"signet key generate {alg}: secret of {len(secret)} bytes")
            pub_jwk, pub_path = priv_jwk, priv_path
            rc, tp, err = s.run(["key", "thumbprint", "--key-file", priv_path])
            tp = tp.strip()
        else:
            rc, pub_out, err = s.run(["key", "public", "--key-file", priv_path])
            if rc != 0:
                s.fail(f"signet key public {alg} (JWK): exit {rc}: {err.strip()}")
                continue
            pub_jwk = json.loads(pub_out)
            pub_path = s.file(f"signet/{alg}.public.jwk", pub_out)
            private_members = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"} & set(pub_jwk)
            if private_members:
                s.fail(f"signet key public {alg}: private members {private_members} in the public JWK", jwk=pub_out)
            rc, pem_out, err = s.run(["key", "public", "--key-file", priv_path, "--format", "pem"])
            rc2, priv_pem, err2 = s.run(["key", "generate", "--alg", alg, "--format", "pem"])
            if rc or rc2:
                s.fail(f"signet key public/generate {alg} --format pem: exit {rc}/{rc2}: {err.strip()} {err2.strip()}")
                continue
            s.file(f"signet/{alg}.public.pem", pem_out)
            pem2_path = s.file(f"signet/{alg}.private2.pem", priv_pem)
            rc, tp, err = s.run(["key", "thumbprint", "--key-file", pub_path])
            tp = tp.strip()
            rc3, tp_priv, _ = s.run(["key", "thumbprint", "--key-file", priv_path])
            if rc3 != 0 or tp_priv.strip() != tp:
                s.fail(f"signet key thumbprint {alg}: private {tp_priv.strip()} != public {tp}")
            # The second key, PEM: public JWK derived by signet, PEM signed by peers.
            rc, pub2, err = s.run(["key", "public", "--key-file", pem2_path, "--alg", alg])
            if rc != 0:
                s.fail(f"signet key public {alg} from PEM: exit {rc}: {err.strip()}")
                continue
            pub2_path = s.file(f"signet/{alg}.public2.jwk", pub2)
            key2 = jp.Key(alg, None, private_pem=priv_pem, public_jwk=json.loads(pub2), origin="signet")
        ref_tp = jp.reference_thumbprint(pub_jwk)
        if tp != ref_tp:
            s.fail(f"signet key thumbprint {alg}: {tp}, RFC 7638 says {ref_tp}", jwk=json.dumps(pub_jwk))
        for peer in s.live:
            if peer.support(alg):
                continue
            ptp = peer.thumbprint(pub_jwk)
            if ptp is not None:
                if ptp != tp:
                    s.fail(f"thumbprint of signet's {alg} JWK: {peer.name} {ptp}, signet {tp}", jwk=json.dumps(pub_jwk))
                else:
                    s.counts[(peer.name, alg, "thumbprint of signet JWK")] += 1
            for i in range(2):
                # signet signs with its private JWK; the peer verifies with the public JWK.
                claims = jp.random_claims(s.rng, s.now, js_safe=peer.js_safe)
                text = json.dumps(claims)
                rc, tok, err = s.run(["jwt", "sign", "--alg", alg, "--key-file", priv_path, "--now", str(s.now)], text)
                if rc != 0:
                    s.fail(f"signet jwt sign {alg} with its own JWK: exit {rc}: {err.strip()}")
                    continue
                tok = tok.strip()
                # The first token with signet's public JWK, the second with its public PEM.
                vspec = {"pem": pem_out} if i == 1 and not hmac_alg else {"jwk": dict(pub_jwk)}
                try:
                    got = json.loads(peer.verify(alg, vspec, tok, s.peer_policy(claims)))
                    if jp.same_json(got, claims):
                        s.counts[(peer.name, alg, "signet JWK -> peer")] += 1
                    else:
                        s.fail(f"{peer.name} read other claims from a token of signet's {alg} JWK", token=tok)
                except jp.PeerReject as e:
                    s.fail(f"{peer.name} cannot use signet's {alg} public {'PEM' if 'pem' in vspec else 'JWK'}: {e}",
                           key=json.dumps(vspec), token=tok)
                # The peer signs with signet's private JWK (or PEM); signet verifies.
                claims = jp.random_claims(s.rng, s.now, js_safe=peer.js_safe)
                spec = {"jwk": dict(priv_jwk)}
                vpath = pub_path
                if not hmac_alg and i == 1:
                    spec, vpath = {"pem": key2.private_pem}, pub2_path
                try:
                    tok = peer.sign(alg, spec, json.dumps(claims))
                except Exception as e:  # noqa: BLE001
                    s.fail(f"{peer.name} cannot sign with signet's {alg} private {'JWK' if 'jwk' in spec else 'PEM'}: {e}",
                           jwk=json.dumps(priv_jwk) if "jwk" in spec else "")
                    continue
                argv = ["jwt", "verify", "--alg", alg, "--key-file", vpath, "--now", str(s.now)]
                if "aud" in claims:
                    argv += ["--aud", (claims["aud"] if isinstance(claims["aud"], str) else claims["aud"][0])]
                rc, out, err = s.run(argv, tok)
                if rc != 0:
                    s.fail(f"signet rejects {peer.name}'s token made with signet's {alg} key: {err.strip()}",
                           token=tok, repro=s.repro(argv, tok))
                elif s.check_verified(f"{peer.name} with signet's {alg} key", tok, out, claims, argv):
                    s.counts[(peer.name, alg, "signet JWK -> peer")] += 1

    # ---- B: keys generated and exported by each peer, imported by signet.
    jwks_entries, jwks_tokens = [], []
    for peer in s.live:
        for alg in jp.ALGS:
            if peer.support(alg):
                continue
            try:
                own = peer.generate(alg)
            except Exception as e:  # noqa: BLE001
                s.fail(f"{peer.name} cannot generate an {alg} key: {e}")
                continue
            stem = f"{peer.name}/{alg}"
            deviation = jp.jwk_deviation(own["private_jwk"]) or jp.jwk_deviation(own["public_jwk"])
            if deviation:
                # PyJWT 2.6: EC coordinates lose leading zero octets. signet must refuse the
                # key (RFC 7518 §6.2.1.2); the rest of the exchange uses the padded JWK.
                bad = s.file(f"{stem}.nonrfc.jwk", json.dumps(own["private_jwk"]))
                rc, out, err = s.run(["key", "public", "--key-file", bad, "--alg", alg])
                if rc != 2 or out:
                    s.fail(f"signet accepted {peer.name}'s non-RFC {alg} JWK ({deviation}): exit {rc}", jwk=out)
                else:
                    s.notes.append(f"{peer.name} {peer.version} exported a non-RFC {alg} JWK ({deviation}); "
                                   f"signet refused it ({err.strip()}); padded copy used")
                own = {k: jp.repair_jwk(v) if k.endswith("jwk") else v for k, v in own.items()}
            pub_path = s.file(f"{stem}.public.jwk", json.dumps(own["public_jwk"]))
            priv_path = s.file(f"{stem}.private.jwk", json.dumps(own["private_jwk"]))
            # Thumbprint: signet == the peer's own function == RFC 7638 reference.
            rc, tp, err = s.run(["key", "thumbprint", "--key-file", pub_path, "--alg", alg])
            tp = tp.strip()
            ref = jp.reference_thumbprint(own["public_jwk"])
            ptp = peer.thumbprint(own["public_jwk"])
            if rc != 0 or tp != ref or (ptp is not None and ptp != tp):
                s.fail(f"thumbprint of {peer.name}'s {alg} JWK: signet {tp!r} (exit {rc} {err.strip()}), "
                       f"{peer.name} {ptp}, RFC 7638 {ref}", jwk=json.dumps(own["public_jwk"]))
            elif ptp is not None:
                s.counts[(peer.name, alg, "thumbprint of peer JWK")] += 1
            # signet key public of the peer's private JWK: same public members.
            if jp.family(alg) != "hmac":
                rc, out, err = s.run(["key", "public", "--key-file", priv_path, "--alg", alg])
                if rc != 0:
                    s.fail(f"signet key public of {peer.name}'s private {alg} JWK: exit {rc}: {err.strip()}",
                           jwk=json.dumps(own["private_jwk"]))
                else:
                    mine = json.loads(out)
                    for m in ("kty", "crv", "n", "e", "x", "y"):
                        if own["public_jwk"].get(m) != mine.get(m):
                            s.fail(f"signet key public of {peer.name}'s {alg} key: member {m} differs",
                                   peer=json.dumps(own["public_jwk"]), signet=out)
                            break
            for i in range(2):
                # The peer signs with its own key; signet verifies with the peer's exported public JWK (or PEM).
                claims = jp.random_claims(s.rng, s.now, js_safe=peer.js_safe)
                try:
                    tok = peer.sign(alg, {"jwk": own["private_jwk"]}, json.dumps(claims))
                except Exception as e:  # noqa: BLE001
                    s.fail(f"{peer.name} cannot sign with its own {alg} JWK: {e}")
                    break
                vkey = pub_path
                if i == 1 and "public_pem" in own:
                    vkey = s.file(f"{stem}.public.pem", own["public_pem"])
                argv = ["jwt", "verify", "--alg", alg, "--key-file", vkey, "--now", str(s.now)]
                if "aud" in claims:
                    argv += ["--aud", (claims["aud"] if isinstance(claims["aud"], str) else claims["aud"][0])]
                rc, out, err = s.run(argv, tok)
                if rc != 0:
                    s.fail(f"signet rejects {peer.name}'s {alg} token with the peer's exported key: {err.strip()}",
                           token=tok, jwk=json.dumps(own["public_jwk"]), repro=s.repro(argv, tok))
                elif s.check_verified(f"{peer.name} key -> signet {alg}", tok, out, claims, argv):
                    s.counts[(peer.name, alg, "peer JWK -> signet")] += 1
                if i == 0 and jp.family(alg) != "hmac":
                    kid = f"{peer.name}-{alg}"
                    jwks_entries.append(dict(own["public_jwk"], alg=alg, kid=kid))
                    try:
                        jwks_tokens.append((peer.name, alg, peer.sign(alg, {"jwk": own["private_jwk"]},
                                                                      json.dumps(claims), kid=kid), claims))
                    except Exception as e:  # noqa: BLE001
                        s.fail(f"{peer.name} cannot sign with kid: {e}")
                # signet signs with the peer's private JWK; the peer verifies with its own public key.
                claims = jp.random_claims(s.rng, s.now, js_safe=peer.js_safe)
                argv = ["jwt", "sign", "--alg", alg, "--key-file", priv_path, "--now", str(s.now)]
                rc, tok, err = s.run(argv, json.dumps(claims))
                if rc != 0:
                    s.fail(f"signet cannot sign with {peer.name}'s private {alg} JWK: exit {rc}: {err.strip()}",
                           jwk=json.dumps(own["private_jwk"]))
                    continue
                spec = {"jwk": own["public_jwk"]} if i == 0 or "public_pem" not in own else {"pem": own["public_pem"]}
                try:
                    got = json.loads(peer.verify(alg, spec, tok.strip(), s.peer_policy(claims)))
                    if jp.same_json(got, claims):
                        s.counts[(peer.name, alg, "peer JWK -> signet")] += 1
                    else:
                        s.fail(f"{peer.name} read other claims from signet's token made with its {alg} key")
                except jp.PeerReject as e:
                    s.fail(f"{peer.name} rejects signet's token made with the peer's own {alg} key: {e}",
                           token=tok.strip())
    # ---- C: one JWKS of every peer's public keys; signet selects by kid and alg.
    if jwks_entries:
        s.rng.shuffle(jwks_entries)
        path = s.file("all-peers.jwks.json", json.dumps({"keys": jwks_entries}))
        for peer_name, alg, tok, claims in jwks_tokens:
            argv = ["jwt", "verify", "--alg", alg, "--jwks-file", path, "--now", str(s.now)]
            if "aud" in claims:
                argv += ["--aud", (claims["aud"] if isinstance(claims["aud"], str) else claims["aud"][0])]
            rc, out, err = s.run(argv, tok)
            if rc != 0:
                s.fail(f"signet --jwks-file (every peer's keys) rejects {peer_name}'s {alg} token: {err.strip()}",
                       token=tok, repro=s.repro(argv, tok))
            elif s.check_verified(f"JWKS {peer_name} {alg}", tok, out, claims, argv):
                s.counts[(peer_name, alg, "JWKS of all peers -> signet")] += 1
    s.summary("JWK exchange")
    return 1 if s.failures else 0


# ================================================================= negative

def suite_negative(s):
    if not s.live:
        print("SKIP: no peer available")
        return jp.SKIP
    keys, files, jwks = s.make_keys("neg")
    other, other_files, _ = s.make_keys("other")
    by = {p.name: p for p in s.live}
    claims0 = {"sub": "negative", "exp": s.now + 3600}
    results = defaultdict(int)

    def expect_reject(name, token, argv, codes=None, rc_want=1, env=None):
        argv = ["jwt", "verify"] + argv + (["--now", str(s.now)] if "--now" not in argv else [])
        rc, out, err = s.run(argv, token + "\n", env)
        line = err.strip().splitlines()[0] if err.strip() else ""
        code = line.split(":", 1)[0]
        ok = rc == rc_want and out == ""
        if ok and rc_want == 1:
            ok = len(err.strip().splitlines()) == 1 and (codes is None or code in codes)
        if not ok:
            s.fail(f"negative '{name}': want exit {rc_want} {'/'.join(codes or [])}, got exit {rc} [{line}]",
                   stdout=out, token=token, repro=s.repro(argv, token, env))
        else:
            results[name] += 1
        return code

    def expect_accept(name, token, argv, claims):
        argv = ["jwt", "verify"] + argv + ["--now", str(s.now)]
        rc, out, err = s.run(argv, token + "\n")
        if rc != 0:
            s.fail(f"boundary '{name}': want acceptance, got exit {rc}: {err.strip()}", token=token,
                   repro=s.repro(argv, token))
        elif s.check_verified(f"boundary {name}", token, out, claims, argv):
            results[name] += 1

    class HandMade:
        """Signs with the suite's reference code when no peer has the algorithm."""
        name = "hand-made"

        def sign(self, alg, spec, text, kid=None, typ="JWT", header=None):
            h = {"alg": alg}
            if typ:
                h["typ"] = typ
            if kid:
                h["kid"] = kid
            h.update(header or {})
            key = keys[alg] if "secret" not in spec else jp.Key(alg, secret=spec["secret"])
            return jp.make_token(alg, key, h, text)

    def peer_for(alg, i=0):
        cands = [p for p in s.live if not p.support(alg)]
        return cands[i % len(cands)] if cands else HandMade()

    def f(alg, form="public_pem"):
        return files[alg][form]

    def hs(alg):
        return ["--alg", alg, "--key-file", files[alg]["secret"]]

    # -- alg none (PyJWT makes it; others by hand).
    none_tokens = []
    if "pyjwt" in by:
        none_tokens.append(("pyjwt alg=none", by["pyjwt"].jwt.encode(claims0, None, algorithm="none")))
    for spelling in ("none", "None", "NONE", "nOnE"):
        h = jp.b64u(json.dumps({"alg": spelling, "typ": "JWT"}).encode())
        p = jp.b64u(json.dumps(claims0).encode())
        none_tokens.append((f"alg={spelling}, empty signature", f"{h}.{p}."))
        sig = jp.sign_raw("HS256", keys["HS256"], f"{h}.{p}".encode())
        none_tokens.append((f"alg={spelling}, HS256 signature", f"{h}.{p}.{jp.b64u(sig)}"))
    for name, tok in none_tokens:
        expect_reject(f"{name} vs HS256 key", tok, hs("HS256"), PRE_SIGNATURE)
        expect_reject(f"{name} vs RS256 key", tok, ["--alg", "RS256", "--key-file", f("RS256")], PRE_SIGNATURE)
        expect_reject(f"{name} vs JWKS", tok, ["--alg", "ES256", "--jwks-file", jwks], PRE_SIGNATURE)
    expect_reject("--alg none is a usage error", none_tokens[0][1],
                  ["--alg", "none", "--key-file", files["HS256"]["secret"]], rc_want=2)

    # -- algorithm confusion: HS256 keyed with the public key's PEM / JWK text.
    for alg in ("RS256", "PS256", "ES256", "EdDSA"):
        pem = keys[alg].public_pem
        confusion = []
        if "pyjwt" in by:
            try:
                by["pyjwt"].jwt.encode(claims0, pem, algorithm="HS256")
                s.notes.append(f"PyJWT {by['pyjwt'].version} signed HS256 with a PEM secret")
            except Exception as e:  # noqa: BLE001
                s.notes.append(f"PyJWT {by['pyjwt'].version} refuses HS256 with a {alg} public PEM as secret "
                               f"({type(e).__name__}); the token is built by hand with hmac")
        fake = jp.Key("HS256", secret=pem.encode())
        confusion.append(("hand-made (hmac)", jp.make_token("HS256", fake, {"alg": "HS256", "typ": "JWT"}, claims0)))
        if "jose" in by:
            try:
                confusion.append(("jose", by["jose"].sign("HS256", {"secret": pem.encode()}, json.dumps(claims0))))
            except Exception as e:  # noqa: BLE001
                s.notes.append(f"jose refused HS256 with a PEM secret: {e}")
        for maker, tok in confusion:
            n = f"HS256 keyed with the {alg} public PEM ({maker})"
            expect_reject(n + ", --alg " + alg, tok, ["--alg", alg, "--key-file", f(alg)], ("key_mismatch",))
            expect_reject(n + ", --alg " + alg + " JWKS", tok, ["--alg", alg, "--jwks-file", jwks], ("key_mismatch",))
            expect_reject(n + ", --alg HS256 with the PEM", tok, ["--alg", "HS256", "--key-file", f(alg)], rc_want=2)
            expect_reject(n + ", --alg " + alg + ",HS256 with the PEM", tok,
                          ["--alg", f"{alg},HS256", "--key-file", f(alg)], rc_want=2)
            expect_reject(n + ", --alg HS256 with the public JWK", tok,
                          ["--alg", "HS256", "--key-file", f(alg, "public_jwk")], rc_want=2)

    # -- time: expiry, not-before, issued-at, max-age at and around the boundaries.
    for i, (name, claims, extra, code) in enumerate([
            ("exp = now - 1", {"exp": s.now - 1}, [], "expired"),
            ("exp = now", {"exp": s.now}, [], "expired"),
            ("exp = now - 3600", {"exp": s.now - 3600}, [], "expired"),
            ("exp = now - 30, leeway 30", {"exp": s.now - 30}, ["--leeway", "30"], "expired"),
            ("nbf = now + 1", {"exp": s.now + 99, "nbf": s.now + 1}, [], "not_yet_valid"),
            ("nbf = now + 31, leeway 30", {"exp": s.now + 99, "nbf": s.now + 31}, ["--leeway", "30"], "not_yet_valid"),
            ("iat = now + 1", {"exp": s.now + 99, "iat": s.now + 1}, [], "not_yet_valid"),
            ("iat = now - 101, max-age 100", {"exp": s.now + 99, "iat": s.now - 101}, ["--max-age", "100"], "expired"),
            ("max-age without iat", {"exp": s.now + 99}, ["--max-age", "100"], "claim_mismatch"),
            ("no exp", {"sub": "x"}, [], "claim_mismatch"),
            ("exp as a string", {"exp": str(s.now + 99)}, [], "claim_mismatch"),
            ("exp = now - 1, --allow-missing-exp", {"exp": s.now - 1}, ["--allow-missing-exp"], "expired")]):
        alg = jp.ALGS[i % len(jp.ALGS)]
        peer = peer_for(alg, i)
        if "string" in name and peer.name in ("jsonwebtoken", "pyjwt"):
            peer = by.get("jose") or by.get("jwcrypto") or peer  # those two refuse to sign it
        try:
            tok = peer.sign(alg, keys[alg].spec("pem", True), json.dumps(claims))
        except Exception as e:  # noqa: BLE001
            s.notes.append(f"{peer.name} refused to sign '{name}': {e}")
            tok = jp.make_token(alg, keys[alg], {"alg": alg, "typ": "JWT"}, claims)
        key = hs(alg) if jp.family(alg) == "hmac" else ["--alg", alg, "--key-file", f(alg)]
        expect_reject(f"{name} ({peer.name} {alg})", tok, key + extra, (code,))
    for i, (name, claims, extra) in enumerate([
            ("exp = now + 1", {"exp": s.now + 1}, []),
            ("exp = now - 29, leeway 30", {"exp": s.now - 29}, ["--leeway", "30"]),
            ("nbf = now", {"exp": s.now + 9, "nbf": s.now}, []),
            ("nbf = now + 30, leeway 30", {"exp": s.now + 99, "nbf": s.now + 30}, ["--leeway", "30"]),
            ("iat = now", {"exp": s.now + 9, "iat": s.now}, []),
            ("iat = now - 100, max-age 100", {"exp": s.now + 9, "iat": s.now - 100}, ["--max-age", "100"]),
            ("no exp, --allow-missing-exp", {"sub": "x"}, ["--allow-missing-exp"])]):
        alg = jp.ALGS[(i + 5) % len(jp.ALGS)]
        peer = peer_for(alg, i)
        tok = peer.sign(alg, keys[alg].spec("jwk", True), json.dumps(claims))
        key = hs(alg) if jp.family(alg) == "hmac" else ["--alg", alg, "--key-file", f(alg, "public_jwk")]
        expect_accept(f"{name} ({peer.name} {alg})", tok, key + extra, claims)

    # -- claims policy: aud, iss, sub, typ, required claims.
    for i, (name, claims, extra) in enumerate([
            ("aud 'svc-a', --aud svc-b", {"aud": "svc-a"}, ["--aud", "svc-b"]),
            ("aud [a, b], --aud c", {"aud": ["a", "b"]}, ["--aud", "c"]),
            ("aud present, no --aud", {"aud": "svc-a"}, []),
            ("aud [], no --aud", {"aud": []}, []),
            ("aud [], --aud a", {"aud": []}, ["--aud", "a"]),
            ("aud 'svc-a', --aud SVC-A (case)", {"aud": "svc-a"}, ["--aud", "SVC-A"]),
            ("no aud, --aud a", {}, ["--aud", "a"]),
            ("iss 'x', --iss y", {"iss": "x"}, ["--iss", "y"]),
            ("no iss, --iss y", {}, ["--iss", "y"]),
            ("sub 'u1', --sub u2", {"sub": "u1"}, ["--sub", "u2"]),
            ("--require foo, absent", {"bar": 1}, ["--require", "foo"])]):
        alg = jp.ALGS[(i * 3) % len(jp.ALGS)]
        peer = peer_for(alg, i)
        c = dict(claims, exp=s.now + 600)
        tok = peer.sign(alg, keys[alg].spec("pem", True), json.dumps(c))
        key = hs(alg) if jp.family(alg) == "hmac" else ["--alg", alg, "--key-file", f(alg)]
        expect_reject(f"{name} ({peer.name} {alg})", tok, key + extra, ("claim_mismatch",))
    peer = peer_for("ES256")
    tok = peer.sign("ES256", keys["ES256"].spec("pem", True), json.dumps({"exp": s.now + 60}), typ="JWT")
    expect_reject(f"typ JWT, --typ at+jwt ({peer.name})", tok, ["--alg", "ES256", "--key-file", f("ES256"),
                                                                  "--typ", "at+jwt"], ("claim_mismatch",))
    tok = peer.sign("ES256", keys["ES256"].spec("pem", True), json.dumps({"exp": s.now + 60}), typ=None)
    expect_reject(f"no typ, --typ JWT ({peer.name})", tok, ["--alg", "ES256", "--key-file", f("ES256"),
                                                              "--typ", "JWT"], ("claim_mismatch",))

    # -- tampering, wrong keys, wrong algorithms: every algorithm, rotating peers.
    for i, alg in enumerate(jp.ALGS):
        for peer in [p for p in s.live if not p.support(alg)]:
            claims = dict(jp.random_claims(s.rng, s.now, js_safe=True), exp=s.now + 3600)
            claims.pop("aud", None)
            tok = peer.sign(alg, keys[alg].spec(s.rng.choice(["pem", "jwk"]), True), json.dumps(claims))
            h, p, sig = tok.split(".")
            key = hs(alg) if jp.family(alg) == "hmac" else ["--alg", alg, "--key-file", f(alg)]
            tag = f"({peer.name} {alg})"
            forged = dict(claims, sub="admin")
            expect_reject(f"payload replaced {tag}", f"{h}.{jp.b64u(json.dumps(forged).encode())}.{sig}", key,
                          ("bad_signature",))
            raw = bytearray(jp.b64u_decode(sig))
            raw[s.rng.randrange(len(raw))] ^= 1 << s.rng.randrange(8)
            expect_reject(f"signature bit flipped {tag}", f"{h}.{p}.{jp.b64u(bytes(raw))}", key, ("bad_signature",))
            expect_reject(f"signature truncated {tag}", f"{h}.{p}.{jp.b64u(jp.b64u_decode(sig)[:-1])}", key,
                          ("bad_signature",))
            hdr = jp.header_of(tok)
            hdr["typ"] = "JOSE" if hdr.get("typ") != "JOSE" else "JWT"
            expect_reject(f"header changed {tag}", f"{jp.b64u(json.dumps(hdr).encode())}.{p}.{sig}", key,
                          ("bad_signature",))
            expect_reject(f"no signature {tag}", f"{h}.{p}.", key, ("bad_signature", "malformed"))
            expect_reject(f"two segments {tag}", f"{h}.{p}", key, ("malformed",))
            wrong = ["--alg", alg, "--key-file", other_files[alg]["secret" if jp.family(alg) == "hmac" else "public_pem"]]
            expect_reject(f"wrong key {tag}", tok, wrong, ("bad_signature",))
            # Same key bytes, other algorithm of the family.
            sib = {"HS256": "HS384", "HS384": "HS512", "HS512": "HS256", "RS256": "PS256", "PS256": "RS256",
                   "RS384": "PS384", "PS384": "RS384", "RS512": "PS512", "PS512": "RS512"}.get(alg)
            if sib:
                k = files[alg]["secret"] if jp.family(alg) == "hmac" else f(alg)
                if jp.family(alg) == "hmac" and len(keys[alg].secret) < jp.hash_len(sib):
                    k = None
                if k:
                    expect_reject(f"token {alg}, --alg {sib} with the same key {tag}", tok,
                                  ["--alg", sib, "--key-file", k], ("key_mismatch",))
            if jp.family(alg) == "ec":
                # The key of another curve.
                o = {"ES256": "ES384", "ES384": "ES512", "ES512": "ES256K", "ES256K": "ES256"}[alg]
                expect_reject(f"token {alg} vs the {o} key {tag}", tok, ["--alg", o, "--key-file", f(o)],
                              ("key_mismatch",))

    # -- ECDSA signature encodings: DER (as OpenSSL/Java produce) instead of raw r||s.
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    for alg in ("ES256", "ES384", "ES512", "ES256K"):
        pk = serialization.load_pem_private_key(keys[alg].private_pem.encode(), None)
        h = jp.b64u(json.dumps({"alg": alg, "typ": "JWT"}).encode())
        p = jp.b64u(json.dumps(claims0).encode())
        hash_alg = {"ES256": hashes.SHA256, "ES384": hashes.SHA384, "ES512": hashes.SHA512, "ES256K": hashes.SHA256}[alg]
        der = pk.sign(f"{h}.{p}".encode(), ec.ECDSA(hash_alg()))
        expect_reject(f"{alg} DER signature", f"{h}.{p}.{jp.b64u(der)}", ["--alg", alg, "--key-file", f(alg)],
                      ("bad_signature",))
        # The same signature as raw r||s is accepted (the control).
        raw = jp.der_to_raw(der, jp.CURVES[alg][1])
        expect_accept(f"{alg} raw r||s of the same signature", f"{h}.{p}.{jp.b64u(raw)}",
                      ["--alg", alg, "--key-file", f(alg)], claims0)
        # r||s with r's leading zero octets dropped (minimal integers): wrong length.
        from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
        r, s_ = decode_dss_signature(der)
        minimal = r.to_bytes((r.bit_length() + 7) // 8, "big") + s_.to_bytes((s_.bit_length() + 7) // 8, "big")
        if len(minimal) != len(raw):
            expect_reject(f"{alg} minimal-length r||s", f"{h}.{p}.{jp.b64u(minimal)}",
                          ["--alg", alg, "--key-file", f(alg)], ("bad_signature",))
        # r||s zero-padded to a longer length.
        size = jp.CURVES[alg][1]
        padded = r.to_bytes(size + 1, "big") + s_.to_bytes(size + 1, "big")
        expect_reject(f"{alg} r||s padded to {size + 1} bytes each", f"{h}.{p}.{jp.b64u(padded)}",
                      ["--alg", alg, "--key-file", f(alg)], ("bad_signature",))
        zero = b"\0" * (2 * size)
        expect_reject(f"{alg} r = s = 0", f"{h}.{p}.{jp.b64u(zero)}", ["--alg", alg, "--key-file", f(alg)],
                      ("bad_signature",))

    # -- header tricks.
    if "jose" in by:
        for alg in ("RS256", "ES256", "EdDSA"):
            a = by["jose"].node.call({"op": "embedded", "alg": alg, "claims_json": json.dumps(claims0)})
            if a["ok"]:
                expect_reject(f"jose token carrying its own key in a jwk header ({alg})", a["token"],
                              ["--alg", alg, "--key-file", f(alg)], ("bad_signature",))
            else:
                s.fail(f"jose could not make an embedded-jwk token: {a['error']}")
    kid = keys["ES256"].kid
    for name, header, code, maker in [
            ("crit [exp]", {"kid": kid, "crit": ["exp"]}, "unsupported", "pyjwt"),
            ("crit [] (empty)", {"kid": kid, "crit": []}, "unsupported", "pyjwt"),
            # b64 false with a payload segment that is still base64url text, so that
            # only the b64 rule can refuse it (RFC 7797 tokens are not JWTs).
            ("b64 false", {"kid": kid, "b64": False, "crit": ["b64"]}, "unsupported", "hand-made"),
            ("kid not in the JWKS", {"kid": "nobody"}, "key_mismatch", "pyjwt")]:
        if maker == "pyjwt" and "pyjwt" in by:
            tok = by["pyjwt"].sign("ES256", keys["ES256"].spec("pem", True), json.dumps(claims0), header=header)
        else:
            maker = "hand-made"
            tok = jp.make_token("ES256", keys["ES256"], dict({"alg": "ES256"}, **header), claims0)
        expect_reject(f"{name} ({maker})", tok, ["--alg", "ES256", "--jwks-file", jwks], (code,))
    # A kid in the token and a key file without kid. The library (Verifier::create
    # with one key) treats kid as a lookup hint only; the CLI is given exactly one
    # key, so the token must verify -- including signet's own `jwt sign --kid`.
    for i, alg in enumerate(("ES256", "RS256", "EdDSA", "HS256")):
        peer = peer_for(alg, i)
        c = {"sub": "kid-hint", "exp": s.now + 600}
        tok = peer.sign(alg, keys[alg].spec("pem", True), json.dumps(c), kid="issuer-key-7")
        key = hs(alg) if jp.family(alg) == "hmac" else ["--alg", alg, "--key-file", f(alg)]
        expect_accept(f"{peer.name} {alg} token with kid, --key-file without kid", tok, key, c)
    # Flag values that look like help flags are values: `--sub -h` must verify
    # (is_help() must not see flag values), and must never exit 0 on a bad token.
    peer = peer_for("HS256", 1)
    for value in ("-h", "--help"):
        c = {"sub": value, "iss": value, "exp": s.now + 600}
        tok = peer.sign("HS256", keys["HS256"].spec("secret", True), json.dumps(c))
        expect_accept(f"--sub {value} --iss {value} ({peer.name} HS256)", tok, hs("HS256") + ["--sub", value,
                                                                                            "--iss", value], c)
        bad = tok[:-4] + ("AAAA" if not tok.endswith("AAAA") else "BBBB")
        expect_reject(f"tampered token with --sub {value}", bad, hs("HS256") + ["--sub", value], ("bad_signature",))
    sign_key = files["ES256"]["private_pem"]
    rc, tok, err = s.run(["jwt", "sign", "--alg", "ES256", "--key-file", sign_key, "--kid", "k1",
                          "--now", str(s.now)], json.dumps(claims0))
    if rc == 0:
        expect_accept("signet jwt sign --kid k1 | signet jwt verify with the same key file", tok.strip(),
                      ["--alg", "ES256", "--key-file", sign_key], claims0)
    h = jp.b64u(b'{"alg":"HS256","alg":"none"}')
    tok = jp.make_token("HS256", keys["HS256"], '{"alg":"HS256","alg":"HS256"}', claims0)
    expect_reject("duplicate alg member in the header", tok, hs("HS256"), ("malformed",))
    big = {"exp": s.now + 60, "pad": "x" * 9000}
    tok = peer_for("HS256").sign("HS256", keys["HS256"].spec("secret", True), json.dumps(big))
    expect_reject("token over 8 KiB", tok, hs("HS256"), ("malformed",))
    expect_accept("token just under 8 KiB",
                  peer_for("HS256").sign("HS256", keys["HS256"].spec("secret", True),
                                         json.dumps({"exp": s.now + 60, "pad": "x" * 5900})),
                  hs("HS256"), {"exp": s.now + 60, "pad": "x" * 5900})

    # -- keys signet must refuse (exit 2): short HMAC secret, RSA-1024, PyJWT's short EC coordinates.
    if "pyjwt" in by:
        short_secret = os.urandom(16)
        tok = by["pyjwt"].sign("HS256", {"secret": short_secret}, json.dumps(claims0))
        path = s.file("keys/short.secret", short_secret)
        expect_reject("HS256 with a 16-byte secret (PyJWT signs it)", tok, ["--alg", "HS256", "--key-file", path],
                      rc_want=2)
        from cryptography.hazmat.primitives.asymmetric import rsa
        small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
        priv, pub = jp.pems(small)
        tok = by["pyjwt"].sign("RS256", {"pem": priv}, json.dumps(claims0))
        expect_reject("RS256 with an RSA-1024 key (PyJWT signs it)", tok,
                      ["--alg", "RS256", "--key-file", s.file("keys/rsa1024.pem", pub)], rc_want=2)
        algo = by["pyjwt"].jwt.algorithms.get_default_algorithms()["ES256"]
        for attempt in range(5000):
            k = ec.generate_private_key(ec.SECP256R1())
            exported = json.loads(algo.to_jwk(k.public_key()))
            if jp.jwk_deviation(exported):
                path = s.file("keys/pyjwt-short-coordinate.jwk", json.dumps(exported))
                tok = by["pyjwt"].sign("ES256", {"pem": jp.pems(k)[0]}, json.dumps(claims0))
                expect_reject(f"ES256 public JWK exported by PyJWT with a short coordinate "
                              f"({jp.jwk_deviation(exported)})", tok, ["--alg", "ES256", "--key-file", path],
                              rc_want=2)
                path = s.file("keys/pyjwt-short-coordinate-padded.jwk", json.dumps(jp.repair_jwk(exported)))
                expect_accept("the same JWK padded to the field size", tok, ["--alg", "ES256", "--key-file", path],
                              claims0)
                break

    # -- signet-made tokens the peers must reject.
    for alg in jp.ALGS:
        key_flags = (["--key-file", files[alg]["secret"]] if jp.family(alg) == "hmac"
                     else ["--key-file", f(alg, "private_pem")])
        base = ["jwt", "sign", "--alg", alg] + key_flags
        cl = {"sub": "peer-negative", "aud": "svc-a", "exp": s.now + 3600}
        rc, tok, err = s.run(base + ["--now", str(s.now)], json.dumps(cl))
        rc2, old, err2 = s.run(base + ["--now", str(s.now - 7200), "--exp-in", "60"], json.dumps({"sub": "old"}))
        if rc or rc2:
            s.fail(f"signet jwt sign {alg}: exit {rc}/{rc2}: {err.strip()} {err2.strip()}")
            continue
        tok, old = tok.strip(), old.strip()
        h, p, sig = tok.split(".")
        tampered = f"{h}.{jp.b64u(json.dumps(dict(cl, sub='admin')).encode())}.{sig}"
        for peer in s.live:
            if peer.support(alg):
                continue
            right = keys[alg].spec("pem", False)
            cases = [("wrong key", tok, other[alg].spec("pem", False), {"audience": "svc-a"}),
                     ("payload replaced", tampered, right, {"audience": "svc-a"}),
                     ("expired 2 h ago", old, right, {}),
                     ("audience svc-b", tok, right, {"audience": "svc-b"})]
            for name, t, k, pol in cases:
                try:
                    got = peer.verify(alg, k, t, dict(pol, now=s.now, require_exp=True))
                    s.fail(f"{peer.name} accepted a signet {alg} token with {name}", token=t, got=got)
                except jp.PeerReject:
                    s.counts[(peer.name, alg, "signet-made, peer rejects")] += 1

    print("\nnegative cases (peer-made tokens signet rejects, boundaries it accepts):")
    for name, n in results.items():
        print(f"  ok  {name}" + (f" x{n}" if n > 1 else ""))
    s.summary("Negative interop")
    print(f"  {sum(results.values())} peer-made negative/boundary checks passed")
    return 1 if s.failures else 0


# ================================================================= main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("signet", nargs="?", help="path to the signet CLI")
    ap.add_argument("--suite", required=True, choices=["matrix", "jwk", "negative", "peers"])
    ap.add_argument("--work-dir", default=".")
    ap.add_argument("--node-dir", default=os.environ.get("SIGNET_INTEROP_NODE_DIR", ""))
    args = ap.parse_args()
    if args.suite == "peers":
        return jp.self_test(args.node_dir)
    if not args.signet or not os.access(args.signet, os.X_OK):
        print(f"FAIL: signet CLI not found at {args.signet}")
        return 1
    if not jp.have_cryptography():
        print("SKIP: python3-cryptography is missing (needed for the suite's reference keys)")
        return jp.SKIP
    s = Suite(args, args.suite)
    started = time.time()
    try:
        rc = {"matrix": suite_matrix, "jwk": suite_jwk, "negative": suite_negative}[args.suite](s)
    finally:
        s.close()
    print(f"suite {args.suite}: {time.time() - started:.1f} s, exit {rc}")
    return rc


if __name__ == "__main__":
    sys.exit(main())
