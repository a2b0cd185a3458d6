#!/usr/bin/env bash
# demo.sh: build signet (Release) and show real Django-compatible tokens being
# issued, verified and rejected with the `signet` CLI.
#
#   scripts/demo.sh
#
# Installs what building needs if it is missing (scripts/install-deps.sh
# --runtime; skip with SIGNET_SKIP_DEPS=1), builds the CLI in build/release
# (the `release` preset, without tests or benchmarks), then runs the demo in a
# private temporary directory. The secret key is random, lives only in a
# mode-600 file there, and never appears on a command line or in the output.
# SIGNET_BIN=/path/to/signet skips the build and uses that binary.
# Exits 0 when every step behaved as shown.
# shellcheck disable=SC2016  # the commands shown name shell variables on purpose
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

step=0
title() { step=$((step + 1)); printf '\n=== %d. %s\n' "$step" "$*"; }
say() { printf '    %s\n' "$*"; }
cmd() { printf '  $ %s\n' "$*"; }
die() { printf '\ndemo.sh: FAILED: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ build
if [[ -z ${SIGNET_BIN:-} ]]; then
  if [[ ${SIGNET_SKIP_DEPS:-0} != 1 ]]; then
    scripts/install-deps.sh --runtime
  fi
  title "Build signet and its CLI (Release, build/release)"
  # The `release` preset (as scripts/test.sh release uses), without tests or
  # benchmarks; a later `scripts/test.sh release` switches them back on.
  fresh=()
  if [[ -f build/release/CMakeCache.txt ]] && ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' build/release/CMakeCache.txt; then
    fresh=(--fresh)  # configured by hand with another generator
  fi
  cmd "cmake --preset release -DSIGNET_BUILD_TESTS=OFF -DSIGNET_BUILD_BENCH=OFF"
  cmake --preset release "${fresh[@]}" -DSIGNET_BUILD_TESTS=OFF -DSIGNET_BUILD_BENCH=OFF --log-level=WARNING >/dev/null
  cmd "cmake --build --preset release --target signet_cli"
  # The compiler's output is shown only if the build fails.
  say "compiling (a minute or two the first time) ..."
  t0=$(date +%s)
  if ! cmake --build --preset release --target signet_cli --parallel "$(nproc 2>/dev/null || echo 2)" \
       >build/release/demo-build.log 2>&1; then
    cat build/release/demo-build.log >&2
    die "the build failed"
  fi
  say "built in $(($(date +%s) - t0))s (compiler output: build/release/demo-build.log)"
  SIGNET_BIN=$root/build/release/tools/signet/signet
fi
[[ -x $SIGNET_BIN ]] || die "no signet binary at $SIGNET_BIN"
signet() { "$SIGNET_BIN" "$@"; }
say "CLI: $SIGNET_BIN"

# ------------------------------------------------------------------ key
umask 077
work=$(mktemp -d "${TMPDIR:-/tmp}/signet-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
key=$work/secret.key

title "Create a random secret key in a private file (never printed)"
cmd "umask 077; head -c 48 /dev/urandom | base64 > $key"
head -c 48 /dev/urandom | base64 | tr -d '\n' >"$key"
say "$(wc -c <"$key" | tr -d ' ')-byte key, mode $(stat -c %a "$key"); the CLI reads it with --key-file (or --key-env VAR)"

# ------------------------------------------------------------------ dumps/loads
title "Issue a token for a JSON value (Django's signing.dumps)"
payload='{"user_id":123456}'
cmd "echo '$payload' | signet django dumps --key-file $key"
token=$(echo "$payload" | signet django dumps --key-file "$key")
say "token: $token"
say "(base64url JSON : base62 timestamp : HMAC-SHA256 signature)"

title "Verify it and read the value back, accepting tokens up to an hour old"
cmd 'echo "$token" | signet django loads --key-file '"$key"' --max-age 3600'
value=$(echo "$token" | signet django loads --key-file "$key" --max-age 3600)
say "value: $value"
[[ $value == "$payload" ]] || die "loads returned '$value', expected '$payload'"

# ------------------------------------------------------------------ compression
title "A compressed token (signing.dumps(..., compress=True))"
big='{"user_id":123456,"roles":["reader","reader","reader","reader","reader","reader"],"note":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}'
cmd "echo '$big' | signet django dumps --key-file $key --compress"
plain=$(echo "$big" | signet django dumps --key-file "$key")
packed=$(echo "$big" | signet django dumps --key-file "$key" --compress)
say "token: $packed"
say "${#packed} characters instead of ${#plain}; the leading '.' marks a zlib-compressed payload"
[[ $packed == .* ]] || die "compressed token does not start with '.'"
cmd 'echo "$token" | signet django loads --key-file '"$key"' --max-age 3600'
value=$(echo "$packed" | signet django loads --key-file "$key" --max-age 3600)
say "value: $value"
[[ $value == "$big" ]] || die "compressed round trip returned '$value'"

# ------------------------------------------------------------------ sign/unsign
title "Sign and unsign plain text (Django's Signer), key from an environment variable"
export SIGNET_DEMO_KEY
SIGNET_DEMO_KEY=$(<"$key")
cmd "export SIGNET_DEMO_KEY=\$(<$key)"
cmd "echo 'hello world' | signet django sign --key-env SIGNET_DEMO_KEY"
signed=$(echo 'hello world' | signet django sign --key-env SIGNET_DEMO_KEY)
say "signed: $signed"
cmd 'echo "$signed" | signet django unsign --key-env SIGNET_DEMO_KEY'
text=$(echo "$signed" | signet django unsign --key-env SIGNET_DEMO_KEY)
say "text: $text"
[[ $text == "hello world" ]] || die "unsign returned '$text'"
unset SIGNET_DEMO_KEY

# ------------------------------------------------------------------ tampering
title "A tampered token is rejected: change the user id, keep the signature"
forged_payload=$(printf '%s' '{"user_id":1}' | base64 | tr '+/' '-_' | tr -d '=\n')
forged="$forged_payload:${token#*:}"
say "forged: $forged"
cmd 'echo "$forged" | signet django loads --key-file '"$key"' --max-age 3600'
set +e
out=$(echo "$forged" | signet django loads --key-file "$key" --max-age 3600 2>"$work/stderr")
rc=$?
set -e
err=$(<"$work/stderr")
say "exit code: $rc"
say "stderr: $err"
[[ -z $out ]] || die "a forged token printed a value: $out"
[[ $rc == 1 && $err == bad_signature* ]] || die "expected exit 1 and bad_signature, got exit $rc: $err"

# ------------------------------------------------------------------ expiry
title "An expired token is rejected: issued two hours ago (--now), max age one hour"
now=$(date +%s)
cmd "echo '$payload' | signet django dumps --key-file $key --now $((now - 7200))"
old=$(echo "$payload" | signet django dumps --key-file "$key" --now $((now - 7200)))
say "token: $old"
cmd 'echo "$old" | signet django loads --key-file '"$key"' --max-age 3600'
set +e
out=$(echo "$old" | signet django loads --key-file "$key" --max-age 3600 2>"$work/stderr")
rc=$?
set -e
err=$(<"$work/stderr")
say "exit code: $rc"
say "stderr: $err"
[[ -z $out ]] || die "an expired token printed a value: $out"
[[ $rc == 1 && $err == expired* ]] || die "expected exit 1 and expired, got exit $rc: $err"
cmd 'echo "$old" | signet django loads --key-file '"$key"' --max-age 3600 --now '"$((now - 5400))"'   # 30 minutes after issue'
value=$(echo "$old" | signet django loads --key-file "$key" --max-age 3600 --now $((now - 5400)))
say "value: $value (the same token was valid at that time)"
[[ $value == "$payload" ]] || die "the token was not valid 30 minutes after issue"

printf '\ndemo.sh: all %d steps behaved as expected.\n' "$step"
