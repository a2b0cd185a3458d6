#!/usr/bin/env python3
"""bench/report.py: merge signet_bench's JSON and python_peers.py's JSON into
one table, the issue #4 targets with PASS/FAIL, a JSON file and an SVG chart.

    python3 bench/report.py --bench signet_bench.json [--python python_peers.json]
        [--clock cpu|real] [--json OUT.json] [--markdown OUT.md] [--svg OUT.svg]
        [--note TEXT]

Python standard library only. Rows are "<operation>/<implementation>"
benchmarks; for each, ns/op is the median over the repetitions (--clock cpu:
the thread's CPU time, the default, robust on a shared machine; real: wall
time). Multi-threaded rows (".../threads:N") always use wall time, and their
ns/op is wall time per operation of all threads together (ops/s = 1e9/ns).

Columns: x limit = ns / ns of the operation's raw limit (see LIMITS);
x signet = ns / ns of signet's row of the same operation (so a peer at 12.0
is twelve times slower than signet); allocs/op = global operator new calls
per operation; OpenSSL allocs/op = CRYPTO_malloc/realloc calls per operation.
"""

import argparse
import datetime
import html
import json
import math
import statistics
import sys
import textwrap

# operation -> (title, raw-limit row or None). Order = table order.
OPS = [
    ("hs256_mac", "HMAC-SHA256 over the 151-byte JWT signing input (raw limits)", None),
    ("hs256_verify", "HS256 JWT verify + decode + exp/iat checks, 5-claim payload", "hs256_mac/sha256_midstates"),
    ("hs256_verify_rejected", "HS256 JWT, rejected token (bad signature)", "hs256_mac/sha256_midstates"),
    ("hs256_sign", "HS256 JWT sign (claims builder -> token)", "hs256_mac/sha256_midstates"),
    ("hs256_verify_shared", "HS256 verify, one Verifier shared by N threads (throughput)", None),
    ("django_mac", "Django salted HMAC over a dumps token's 31-byte signing input (raw limit)", None),
    ("django_loads", 'Django loads of {"user_id":123456}, max_age=3600', "django_mac/sha256_midstates"),
    ("django_loads_rejected", "Django loads, rejected token (bad signature)", "django_mac/sha256_midstates"),
    ("django_dumps", 'Django dumps of {"user_id":123456}', "django_mac/sha256_midstates"),
    ("django_unsign", "Django Signer / TimestampSigner unsign (no JSON)", "django_mac/sha256_midstates"),
    ("django_unsign_rejected", "Django Signer / TimestampSigner unsign, bad signature", "django_mac/sha256_midstates"),
    ("es256_sign", "ES256 JWT sign", "es256_sign/openssl_evp"),
    ("es256_verify", "ES256 JWT verify", "es256_verify/openssl_evp"),
    ("es256_verify_rejected", "ES256 JWT, rejected token (bad signature)", "es256_verify/openssl_evp"),
    ("es256_verify_shared", "ES256 verify, one Verifier shared by N threads (throughput)", None),
    ("eddsa_sign", "EdDSA (Ed25519) JWT sign", "eddsa_sign/openssl_evp"),
    ("eddsa_verify", "EdDSA (Ed25519) JWT verify", "eddsa_verify/openssl_evp"),
    ("rs256_sign", "RS256 JWT sign (RSA 2048)", "rs256_sign/openssl_evp"),
    ("rs256_verify", "RS256 JWT verify (RSA 2048)", "rs256_verify/openssl_evp"),
    ("ps256_sign", "PS256 JWT sign (RSA 2048)", "ps256_sign/openssl_evp"),
    ("ps256_verify", "PS256 JWT verify (RSA 2048)", "ps256_verify/openssl_evp"),
    ("paseto_v4_local_decrypt", "PASETO v4.local decrypt (+ claims, policy)", "paseto_v4_local_decrypt/libsodium"),
    ("paseto_v4_local_decrypt_rejected", "PASETO v4.local, rejected token (bad MAC)", "paseto_v4_local_decrypt/libsodium"),
    ("paseto_v4_local_encrypt", "PASETO v4.local encrypt (claims builder -> token)", None),
    ("paseto_v4_public_verify", "PASETO v4.public verify (+ claims, policy)", "paseto_v4_public_verify/libsodium"),
    ("paseto_v4_public_verify_rejected", "PASETO v4.public, rejected token (bad signature)", "paseto_v4_public_verify/libsodium"),
    ("paseto_v4_public_sign", "PASETO v4.public sign (claims builder -> token)", None),
]
OP_INDEX = {op: i for i, (op, _, _) in enumerate(OPS)}
TITLES = {op: t for op, t, _ in OPS}
LIMITS = {op: lim for op, _, lim in OPS}

IMPL_LABELS = {
    "signet": "signet",
    "signet_timestamp_signer": "signet, reused TimestampSigner",
    "signet_sign_json": "signet sign_json (claims pre-serialised)",
    "signet_message": "signet message layer (no claims/policy)",
    "signet_signer": "signet Signer::unsign",
    "libjwt": "libjwt 1.10",
    "cpp_jwt": "cpp-jwt 1.4",
    "pyjwt": "PyJWT",
    "django": "Django",
    "sha256_midstates": "raw: SHA-256 ipad/opad midstates",
    "evp_mac_reinit": "raw: EVP_MAC re-init of a kept ctx",
    "openssl_evp": "raw: OpenSSL EVP, pre-parsed key",
    "libsodium": "raw: libsodium primitives",
}
IMPL_ORDER = ["sha256_midstates", "evp_mac_reinit", "openssl_evp", "libsodium", "signet", "signet_timestamp_signer",
              "signet_signer", "signet_sign_json", "signet_message", "signet_caller_buffer", "libjwt", "cpp_jwt",
              "pyjwt", "django"]


def kind(impl):
    if impl in ("sha256_midstates", "evp_mac_reinit", "openssl_evp", "libsodium"):
        return "raw"
    if impl.startswith("signet"):
        return "signet"
    if impl in ("pyjwt", "django"):
        return "python"
    return "peer"


def fmt_ns(ns):
    if ns is None:
        return "—"
    if ns < 1e3:
        return "%.0f ns" % ns
    if ns < 1e6:
        return "%.3g µs" % (ns / 1e3)
    return "%.3g ms" % (ns / 1e6)


def fmt_rate(ns):
    if not ns:
        return "—"
    r = 1e9 / ns
    return "{:,.0f}".format(r)


def fmt_x(x):
    if x is None:
        return "—"
    return "%.2f×" % x if x < 10 else "%.1f×" % x


def fmt_allocs(a):
    if a is None:
        return "—"
    return ("%.2f" % a).rstrip("0").rstrip(".") if a != int(a) else "%d" % a


UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load_bench(path, clock):
    with open(path) as f:
        doc = json.load(f)
    runs = {}
    aggregates = {}
    for b in doc.get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                aggregates[name] = b
            continue
        runs.setdefault(name, []).append(b)
    for name, b in aggregates.items():
        runs.setdefault(name, [b])  # --benchmark_report_aggregates_only: medians only
    rows = []
    for name, reps in runs.items():
        parts = name.split("/")
        op, impl = parts[0], parts[1] if len(parts) > 1 else "?"
        threads = int(reps[0].get("threads", 1))
        threaded = any(p.startswith("threads:") for p in parts)
        field = "real_time" if (clock == "real" or threaded) else "cpu_time"
        times = sorted(r[field] * UNIT_NS[r.get("time_unit", "ns")] for r in reps)
        allocs = [r["allocs_per_op"] for r in reps if "allocs_per_op" in r]
        ossl = [r["openssl_allocs_per_op"] for r in reps if "openssl_allocs_per_op" in r]
        rows.append({
            "name": name, "op": op, "impl": impl, "threads": threads if threaded else None,
            "ns": statistics.median(times), "min_ns": times[0], "max_ns": times[-1], "n": len(times),
            "clock": "real" if field == "real_time" else "cpu",
            "allocs": statistics.median(allocs) if allocs else None,
            "openssl_allocs": statistics.median(ossl) if ossl else None,
            "source": "signet_bench",
        })
    return rows, doc.get("context", {})


def load_python(path):
    with open(path) as f:
        doc = json.load(f)
    rows = []
    for b in doc.get("benchmarks", []):
        op, impl = b["name"].split("/", 1)
        rows.append({
            "name": b["name"], "op": op, "impl": impl, "threads": None, "ns": b["ns_per_op"],
            "min_ns": b.get("min_ns"), "max_ns": b.get("max_ns"), "n": b.get("repeats"),
            "clock": doc.get("context", {}).get("clock", "?"), "allocs": None, "openssl_allocs": None,
            "source": "python_peers",
        })
    return rows, doc.get("context", {}), doc.get("cross_checks", {})


def label(row, pyctx):
    impl = row["impl"]
    text = IMPL_LABELS.get(impl, impl)
    if impl == "pyjwt" and pyctx.get("pyjwt"):
        text = "PyJWT %s (Python %s)" % (pyctx["pyjwt"], pyctx.get("python", "?"))
    elif impl == "django" and pyctx.get("django"):
        text = "Django %s (Python %s)" % (pyctx["django"], pyctx.get("python", "?"))
    if row["threads"]:
        text += ", %d thread%s" % (row["threads"], "" if row["threads"] == 1 else "s")
    return text


def sort_key(row):
    impl_rank = IMPL_ORDER.index(row["impl"]) if row["impl"] in IMPL_ORDER else len(IMPL_ORDER)
    return (OP_INDEX.get(row["op"], len(OPS)), row["op"], impl_rank, row["impl"], row["threads"] or 0)


def annotate(rows):
    by_name = {r["op"] + "/" + r["impl"] + ("/threads:%d" % r["threads"] if r["threads"] else ""): r for r in rows}
    for r in rows:
        lim = LIMITS.get(r["op"])
        r["limit"] = lim if lim in by_name else None
        r["x_limit"] = r["ns"] / by_name[lim]["ns"] if r["limit"] else None
        ref = by_name.get(r["op"] + "/signet/threads:1" if r["threads"] else r["op"] + "/signet")
        r["x_signet"] = r["ns"] / ref["ns"] if ref else None
    return by_name


# ------------------------------------------------------------------ targets
class Check:
    def __init__(self, text, status, info=False):
        self.text, self.status, self.info = text, status, info


def evaluate_targets(by):
    def get(name):
        return by.get(name)

    def ratio(a, b):
        ra, rb = get(a), get(b)
        return ra["ns"] / rb["ns"] if ra and rb else None

    def cmp_check(text, value, op, bound, info=False):
        if value is None:
            return Check("%s: not measured" % text, "N/A", info)
        ok = value <= bound if op == "<=" else value >= bound
        return Check("%s = %s (needs %s %s)" % (text, fmt_x(value), "≤" if op == "<=" else "≥", fmt_x(bound)),
                     "PASS" if ok else "FAIL", info)

    targets = []

    for op, title in (("hs256_verify", "HS256 JWT verify + decode + exp/iat checks, 5-claim payload"),
                      ("hs256_sign", "HS256 JWT sign (claims builder → token)")):
        checks = [cmp_check("signet / raw HMAC-SHA256 midstates floor", ratio(op + "/signet", "hs256_mac/sha256_midstates"), "<=", 2.5)]
        for peer, name in (("libjwt", "libjwt"), ("cpp_jwt", "cpp-jwt")):
            checks.append(cmp_check("%s / signet" % name, ratio("%s/%s" % (op, peer), op + "/signet"), ">=", 10))
        targets.append((title, "≤ 2.5× the raw HMAC-SHA256 floor; ≥ 10× faster than libjwt and cpp-jwt", checks))

    for op, title in (("django_loads", 'Django loads of {"user_id":123456} with max_age'),
                      ("django_dumps", "Django dumps of the same")):
        checks = [cmp_check("Django / signet (free function, per-thread signer cache)", ratio(op + "/django", op + "/signet"), ">=", 40),
                  cmp_check("Django / signet reused TimestampSigner", ratio(op + "/django", op + "/signet_timestamp_signer"), ">=", 40, info=True)]
        targets.append((title, "≥ 40× faster than Django's signing.%s" % op.split("_")[1], checks))

    checks = []
    for alg in ("es256", "eddsa", "rs256", "ps256"):
        for what in ("sign", "verify"):
            op = "%s_%s" % (alg, what)
            checks.append(cmp_check("%s %s: signet / OpenSSL EVP" % (alg.upper() if alg != "eddsa" else "EdDSA", what),
                                    ratio(op + "/signet", op + "/openssl_evp"), "<=", 1.05))
    targets.append(("ES256, EdDSA, RS256, PS256: sign and verify",
                     "≤ 1.05× raw OpenSSL EVP_DigestSign / EVP_DigestVerify with a pre-parsed key", checks))

    checks = []
    rejected = sorted((r for r in by.values() if r["op"].endswith("_rejected") and r["impl"].startswith("signet")),
                      key=sort_key)
    for r in rejected:
        accepted = get(r["op"][: -len("_rejected")] + "/" + r["impl"])
        what = "%s / %s" % (r["op"][: -len("_rejected")], r["impl"])
        if r["allocs"] is None:
            checks.append(Check("%s: allocations not measured" % what, "N/A"))
        else:
            checks.append(Check("%s rejected: %s operator new/op (needs 0)" % (what, fmt_allocs(r["allocs"])),
                                "PASS" if r["allocs"] == 0 else "FAIL"))
        if accepted:
            checks.append(Check("%s rejected %s vs accepted %s (needs cheaper)" % (what, fmt_ns(r["ns"]), fmt_ns(accepted["ns"])),
                                "PASS" if r["ns"] < accepted["ns"] else "FAIL"))
    targets.append(("a rejected token (bad signature), every format",
                    "no heap allocation in signet's own code, and cheaper than an accepted token", checks))

    checks = []
    for name in ("hs256_verify/signet", "es256_verify/signet", "eddsa_verify/signet", "rs256_verify/signet",
                 "ps256_verify/signet", "django_loads/signet", "django_loads/signet_timestamp_signer",
                 "django_unsign/signet_signer", "django_unsign/signet_timestamp_signer",
                 "paseto_v4_local_decrypt/signet", "paseto_v4_public_verify/signet"):
        r = get(name)
        if r is None or r["allocs"] is None:
            continue
        checks.append(Check("%s: %s operator new/op (needs ≤ 1)" % (name, fmt_allocs(r["allocs"])),
                            "PASS" if r["allocs"] <= 1 else "FAIL"))
    buffered = [r for r in by.values() if r["impl"] == "signet_caller_buffer"]
    if buffered:
        for r in sorted(buffered, key=sort_key):
            checks.append(Check("%s: %s operator new/op through the caller's buffer (needs 0)" % (r["name"], fmt_allocs(r["allocs"])),
                                "PASS" if r["allocs"] == 0 else "FAIL"))
    else:
        checks.append(Check("zero allocations through an overload that takes a caller's buffer: no such overload "
                            "benchmarked yet (bench/bench_signet.cc TODO)", "N/A"))
    targets.append(("an accepted token",
                    "at most one heap allocation in signet's own code; zero through an overload that takes a caller's buffer",
                    checks))

    checks = []
    for op in ("hs256_verify_shared", "es256_verify_shared"):
        one, two = get(op + "/signet/threads:1"), get(op + "/signet/threads:2")
        value = one["ns"] / two["ns"] if one and two else None  # ops/s ratio
        checks.append(cmp_check("%s: 2-thread ops/s / 1-thread ops/s" % op, value, ">=", 1.9))
    # What the machine and OpenSSL allow: the raw EVP verify, one key shared.
    one, two = get("es256_verify_shared/openssl_evp/threads:1"), get("es256_verify_shared/openssl_evp/threads:2")
    checks.append(cmp_check("es256_verify_shared: raw OpenSSL EVP 2-thread ops/s / 1-thread ops/s (reference)",
                            one["ns"] / two["ns"] if one and two else None, ">=", 1.9, info=True))
    targets.append(("2 threads sharing one verifier", "≥ 1.9× one thread's throughput", checks))

    checks = []
    for op in ("paseto_v4_local_decrypt", "paseto_v4_public_verify"):
        checks.append(cmp_check("%s: signet / libsodium" % op, ratio(op + "/signet", op + "/libsodium"), "<=", 1.1))
        checks.append(cmp_check("%s: signet message layer / libsodium" % op, ratio(op + "/signet_message", op + "/libsodium"),
                                "<=", 1.1, info=True))
    targets.append(("PASETO v4.local decrypt / v4.public verify", "≤ 1.1× libsodium's own primitives on the same bytes", checks))

    out = []
    for title, goal, checks in targets:
        real = [c for c in checks if not c.info]
        if any(c.status == "FAIL" for c in real):
            overall = "FAIL"
        elif any(c.status == "N/A" for c in real) or not real:
            overall = "N/A"
        else:
            overall = "PASS"
        out.append({"target": title, "goal": goal, "status": overall,
                    "checks": [{"check": c.text, "status": c.status, "informational": c.info} for c in checks]})
    return out


# ------------------------------------------------------------------ output
def markdown(rows, targets, meta, pyctx, cross):
    out = []
    out.append("Clock: %s time per operation (multi-threaded rows: wall time); median of %s.%s" % (
        "thread CPU" if meta["clock"] == "cpu" else "wall", meta["repetitions"],
        " **%s**" % meta["note"] if meta["note"] else ""))
    out.append("")
    out.append("| operation | implementation | ns/op | ops/s | × raw limit | × signet | allocs/op | OpenSSL allocs/op |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    last_op = None
    for r in rows:
        op_cell = TITLES.get(r["op"], r["op"]) if r["op"] != last_op else ""
        last_op = r["op"]
        impl = label(r, pyctx)
        if r["impl"].startswith("signet"):
            impl = "**%s**" % impl
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            op_cell, impl, fmt_ns(r["ns"]), fmt_rate(r["ns"]), fmt_x(r["x_limit"]), fmt_x(r["x_signet"]),
            fmt_allocs(r["allocs"]), fmt_allocs(r["openssl_allocs"])))
    out.append("")
    out.append("### Issue #4 targets")
    out.append("")
    for t in targets:
        out.append("- **%s** — %s: **%s**" % (t["target"], t["goal"], t["status"]))
        for c in t["checks"]:
            out.append("  - %s%s: %s" % ("(info) " if c["informational"] else "", c["check"], c["status"]))
    if cross:
        out.append("")
        out.append("Cross-checks (same workload on both sides): " + ", ".join(
            "%s=%s" % (k, v) for k, v in sorted(cross.items())))
    return "\n".join(out) + "\n"


COLORS = {"signet": "#1f77b4", "raw": "#7f7f7f", "peer": "#ff7f0e", "python": "#2ca02c"}


def svg(rows, meta, pyctx):
    rows = [r for r in rows if r["ns"] and r["ns"] > 0]
    note_shift = 15 * max(0, len(textwrap.wrap(meta["note"], 160)) - 1) if meta["note"] else 0
    left, right, top, bar_h, gap, group_h = 330, 160, 100 + note_shift, 13, 3, 22
    width = 1100
    plot_w = width - left - right
    lo = 10 ** math.floor(math.log10(min(r["ns"] for r in rows)))
    hi = 10 ** math.ceil(math.log10(max(r["ns"] for r in rows)))

    def x(ns):
        return left + plot_w * (math.log10(ns) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    y = top
    body = []
    last_op = None
    for r in rows:
        if r["op"] != last_op:
            last_op = r["op"]
            y += 6
            body.append('<text x="8" y="%d" class="group">%s</text>' % (y + 11, html.escape(TITLES.get(r["op"], r["op"]))))
            y += group_h - 6
        w = max(1.0, x(r["ns"]) - left)
        body.append('<text x="%d" y="%d" class="impl">%s</text>' % (left - 6, y + bar_h - 3, html.escape(label(r, pyctx))))
        body.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %s</title></rect>' % (
            left, y, w, bar_h, COLORS[kind(r["impl"])], html.escape(r["name"]), fmt_ns(r["ns"])))
        extra = fmt_ns(r["ns"])
        if r["x_limit"]:
            extra += "  (%s limit)" % fmt_x(r["x_limit"])
        body.append('<text x="%.1f" y="%d" class="val">%s</text>' % (left + w + 4, y + bar_h - 3, html.escape(extra)))
        y += bar_h + gap
    height = y + 40
    grid = []
    d = lo
    while d <= hi * 1.0001:
        gx = x(d)
        grid.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" class="grid"/>' % (gx, top - 8, gx, height - 30))
        grid.append('<text x="%.1f" y="%d" class="tick">%s</text>' % (gx, top - 12, fmt_ns(d)))
        grid.append('<text x="%.1f" y="%d" class="tick">%s</text>' % (gx, height - 16, fmt_ns(d)))
        d *= 10
    legend = []
    lx = left
    for k, name in (("signet", "signet"), ("raw", "raw limit"), ("peer", "C/C++ peer"), ("python", "Python peer")):
        legend.append('<rect x="%d" y="%d" width="12" height="12" fill="%s"/><text x="%d" y="%d" class="legend">%s</text>'
                      % (lx, 50 + note_shift, COLORS[k], lx + 16, 60 + note_shift, name))
        lx += 120
    title = "signet benchmarks — ns/op, log scale (%s time, median of %s)" % (
        "CPU" if meta["clock"] == "cpu" else "wall", meta["repetitions"])
    note_lines = textwrap.wrap(meta["note"], 160) if meta["note"] else []
    note = "".join('<text x="8" y="%d" style="font-size:12px;fill:#b00">%s</text>' % (38 + 15 * i, html.escape(line))
                   for i, line in enumerate(note_lines))
    return "\n".join([
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
        'font-family="DejaVu Sans, Helvetica, Arial, sans-serif">' % (width, height, width, height),
        "<style>.group{font-size:12px;font-weight:bold}.impl{font-size:11px;text-anchor:end}"
        ".legend{font-size:11px}.val{font-size:10px}.tick{font-size:10px;text-anchor:middle;fill:#555}"
        ".grid{stroke:#ddd;stroke-width:1}</style>",
        '<rect width="100%" height="100%" fill="white"/>',
        '<text x="8" y="20" style="font-size:14px;font-weight:bold">%s</text>' % html.escape(title), note,
        *legend, *grid, *body, "</svg>", ""])


BEGIN, END = "<!-- results:begin (bench/report.py --update-doc) -->", "<!-- results:end -->"


def update_doc(path, table, note, bctx):
    with open(path) as f:
        doc = f.read()
    if BEGIN not in doc or END not in doc:
        raise SystemExit("report.py: %s has no results markers" % path)
    head, rest = doc.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    when = bctx.get("date", "?")
    banner = "> **%s**\n\n" % note if note else ""
    table = table.replace(" **%s**" % note, "") if note else table  # already in the banner
    body = "\n%sRun of %s on %s (%s CPUs, load average %s).\n\n![signet benchmarks](benchmarks.svg)\n\n%s" % (
        banner, when, bctx.get("host_name", "?"), bctx.get("num_cpus", "?"),
        ", ".join("%.2f" % x for x in bctx.get("load_avg", [])) or "?", table)
    with open(path, "w") as f:
        f.write(head + BEGIN + body + END + tail)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", required=True, help="signet_bench --benchmark_format=json output")
    ap.add_argument("--python", help="python_peers.py output")
    ap.add_argument("--clock", choices=("cpu", "real"), default="cpu")
    ap.add_argument("--json", help="write the merged results here")
    ap.add_argument("--markdown", help="also write the printed table here")
    ap.add_argument("--svg", help="write the chart here")
    ap.add_argument("--note", default="", help='e.g. "smoke run on a loaded machine"')
    ap.add_argument("--update-doc", metavar="MD", help="replace the text between the results markers of MD "
                    "(docs/benchmarks.md) with the chart and the table")
    args = ap.parse_args()

    rows, bctx = load_bench(args.bench, args.clock)
    pyctx, cross = {}, {}
    if args.python:
        prows, pyctx, cross = load_python(args.python)
        rows += prows
    rows.sort(key=sort_key)
    by = annotate(rows)
    for r in rows:
        r["label"] = label(r, pyctx)
    targets = evaluate_targets(by)
    reps = sorted({r["n"] for r in rows if r["source"] == "signet_bench"})
    meta = {"clock": args.clock, "repetitions": "/".join(str(n) for n in reps) + " repetitions", "note": args.note}

    text = markdown(rows, targets, meta, pyctx, cross)
    sys.stdout.write(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    if args.svg:
        with open(args.svg, "w") as f:
            f.write(svg(rows, meta, pyctx))
    if args.update_doc:
        update_doc(args.update_doc, text, args.note, bctx)
    if args.json:
        machine = {k: bctx.get(k) for k in ("host_name", "num_cpus", "mhz_per_cpu", "cpu_scaling_enabled", "caches",
                                            "load_avg", "library_build_type", "date")}
        doc = {
            "generated": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "note": args.note,
            "clock": args.clock,
            "machine": machine,
            "signet_bench_context": bctx,
            "python_context": pyctx,
            "cross_checks": cross,
            "rows": [{k: r[k] for k in ("name", "op", "impl", "label", "threads", "ns", "min_ns", "max_ns", "n", "clock",
                                        "limit", "x_limit", "x_signet", "allocs", "openssl_allocs", "source")} for r in rows],
            "targets": targets,
        }
        with open(args.json, "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main()
