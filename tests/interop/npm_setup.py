#!/usr/bin/env python3
"""CTest set-up test of an interop suite that drives Node.js peers (JWT, PASETO).

Installs the exact versions pinned in SRC_DIR/package.json (starting from its
package-lock.json, so that transitive versions are the tested ones too) into
NODE_DIR, in the BUILD tree, with

    npm install --no-audit --no-fund --no-save --ignore-scripts --prefix NODE_DIR name@X ...

then checks that SRC_DIR/HELPER (the suite's Node peer) starts and answers.
Nothing is installed in the source tree. Exits 77 (CTest SKIP_RETURN_CODE)
with a clear message when node or npm is missing, the registry cannot be
reached, or SIGNET_INTEROP_NO_NPM=1; SKIP_NOTE says what the suite does then.

Usage: npm_setup.py --src-dir tests/interop/jwt --node-dir BUILD/tests/interop/jwt/node
                    --helper node_peer.js --suite JWT --skip-note "..." [--node node] [--npm npm]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

SKIP = 77
NETWORK_ERRORS = ("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH",
                  "EHOSTUNREACH", "network", "proxy", "E403", "E500", "E502", "E503", "E504", "ERR_SOCKET")


def skip(args, why):
    print(f"SKIP: the Node.js {args.suite} peers are unavailable: {why}")
    if args.skip_note:
        print(f"      ({args.skip_note})")
    sys.exit(SKIP)


def installed_version(node_dir, name):
    try:
        with open(os.path.join(node_dir, "node_modules", name, "package.json"), encoding="utf-8") as f:
            return json.load(f).get("version")
    except (OSError, ValueError):
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src-dir", required=True)
    ap.add_argument("--node-dir", required=True)
    ap.add_argument("--node", default="node")
    ap.add_argument("--npm", default="npm")
    ap.add_argument("--helper", default="node_peer.js", help="the suite's Node peer, in --src-dir")
    ap.add_argument("--suite", default="interop", help="the suite's name, for messages")
    ap.add_argument("--skip-note", default="", help="what the suite does when the peers are missing")
    args = ap.parse_args()

    if os.environ.get("SIGNET_INTEROP_NO_NPM") == "1":
        skip(args, "SIGNET_INTEROP_NO_NPM=1")
    node = shutil.which(args.node)
    npm = shutil.which(args.npm)
    if not node:
        skip(args, f"'{args.node}' not found on PATH")
    if not npm:
        skip(args, f"'{args.npm}' not found on PATH")

    with open(os.path.join(args.src_dir, "package.json"), encoding="utf-8") as f:
        wanted = json.load(f)["dependencies"]
    os.makedirs(args.node_dir, exist_ok=True)

    have = {name: installed_version(args.node_dir, name) for name in wanted}
    if have == wanted:
        print(f"already installed in {args.node_dir}: " + ", ".join(f"{n}@{v}" for n, v in have.items()))
    else:
        # Start from the committed manifest and lock file so that transitive
        # versions are the tested ones too.
        for name in ("package.json", "package-lock.json"):
            src = os.path.join(args.src_dir, name)
            if os.path.exists(src):
                shutil.copyfile(src, os.path.join(args.node_dir, name))
        cmd = [npm, "install", "--no-audit", "--no-fund", "--no-save", "--ignore-scripts", "--fetch-timeout=30000",
               "--fetch-retries=1", "--prefix", args.node_dir] + [f"{n}@{v}" for n, v in wanted.items()]
        print("running: " + " ".join(cmd), flush=True)
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        except subprocess.TimeoutExpired:
            skip(args, "npm install timed out after 600 s (registry unreachable?)")
        out = (r.stdout or "") + (r.stderr or "")
        print(out.strip())
        if r.returncode != 0:
            if any(code in out for code in NETWORK_ERRORS):
                skip(args, f"npm install failed (exit {r.returncode}); the npm registry looks unreachable")
            print(f"FAIL: npm install failed with exit {r.returncode}")
            return 1
        have = {name: installed_version(args.node_dir, name) for name in wanted}
        if have != wanted:
            print(f"FAIL: installed {have}, want {wanted}")
            return 1

    # The helper must start and report the same versions.
    helper = os.path.join(args.src_dir, args.helper)
    r = subprocess.run([node, helper, args.node_dir], input='{"op":"hello","id":1}\n', capture_output=True,
                       text=True, timeout=60)
    try:
        answer = json.loads(r.stdout.splitlines()[0])
    except (IndexError, ValueError):
        print(f"FAIL: {args.helper} did not answer: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
        return 1
    print(f"{args.helper}:", json.dumps(answer.get("versions")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
