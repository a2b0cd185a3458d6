#!/usr/bin/env python3
"""CTest set-up test of the PASETO interop suite: installs the Node.js peers.

Installs the exact versions pinned in tests/interop/paseto/package.json (and
package-lock.json) into NODE_DIR, in the BUILD tree, with

    npm install --no-audit --no-fund --no-save --prefix NODE_DIR paseto@X paseto-ts@Y ...

then checks that node_peer.mjs answers. Nothing is installed in the source
tree. Exits 77 (CTest SKIP_RETURN_CODE) with a clear message when node or npm
is missing, the registry cannot be reached, or SIGNET_INTEROP_NO_NPM=1.

Usage: npm_setup.py --src-dir tests/interop/paseto --node-dir BUILD/tests/interop/paseto/node
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


def skip(why):
    print(f"SKIP: the Node.js PASETO peers are unavailable: {why}")
    print("      (the PASETO interop tests will be skipped; unit and vector tests still run)")
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
    args = ap.parse_args()

    if os.environ.get("SIGNET_INTEROP_NO_NPM") == "1":
        skip("SIGNET_INTEROP_NO_NPM=1")
    node = shutil.which(args.node)
    npm = shutil.which(args.npm)
    if not node:
        skip(f"'{args.node}' not found on PATH")
    if not npm:
        skip(f"'{args.npm}' not found on PATH")

    with open(os.path.join(args.src_dir, "package.json"), encoding="utf-8") as f:
        wanted = json.load(f)["dependencies"]
    os.makedirs(args.node_dir, exist_ok=True)
    have = {name: installed_version(args.node_dir, name) for name in wanted}
    if have == wanted:
        print(f"already installed in {args.node_dir}: " + ", ".join(f"{n}@{v}" for n, v in have.items()))
    else:
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
            skip("npm install timed out after 600 s (registry unreachable?)")
        out = (r.stdout or "") + (r.stderr or "")
        print(out.strip())
        if r.returncode != 0:
            if any(code in out for code in NETWORK_ERRORS):
                skip(f"npm install failed (exit {r.returncode}); the npm registry looks unreachable")
            print(f"FAIL: npm install failed with exit {r.returncode}")
            return 1
        have = {name: installed_version(args.node_dir, name) for name in wanted}
        if have != wanted:
            print(f"FAIL: installed {have}, want {wanted}")
            return 1

    helper = os.path.join(args.src_dir, "node_peer.mjs")
    r = subprocess.run([node, helper, args.node_dir], input='{"op":"hello","id":1}\n', capture_output=True, text=True,
                       timeout=60)
    try:
        answer = json.loads(r.stdout.splitlines()[0])
    except (IndexError, ValueError):
        print(f"FAIL: node_peer.mjs did not answer: exit {r.returncode}\n{r.stdout}\n{r.stderr}")
        return 1
    print("node_peer.mjs:", json.dumps(answer.get("versions")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
