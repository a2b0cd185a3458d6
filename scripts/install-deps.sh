#!/usr/bin/env bash
# install-deps.sh: install, with apt-get, whatever signet needs that is missing
# on a Debian 12 (bookworm) machine.
#
#   scripts/install-deps.sh            # everything: build, CLI, tests, benchmarks
#   scripts/install-deps.sh --test     # the same (the default)
#   scripts/install-deps.sh --runtime  # only what building the library + CLI needs
#   scripts/install-deps.sh --check    # list what is missing; install nothing
#                                      # (exit 1 if something is missing)
#
# Idempotent: packages are checked with dpkg-query first, and apt-get (with an
# `apt-get update` first) runs only when something is missing. Runs apt-get
# directly as root, through sudo otherwise. Non-interactive; quiet unless
# something fails, in which case apt's output is shown.
set -euo pipefail

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; }

mode="test"
check_only=0
for arg in "$@"; do
  case "$arg" in
    --runtime|--build) mode=runtime ;;
    --test|--all) mode="test" ;;
    --check) check_only=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-deps.sh: unknown argument '$arg'" >&2; usage >&2; exit 2 ;;
  esac
done

# Building the library and the CLI.
runtime_pkgs=(
  build-essential   # g++, make, libc headers
  cmake             # >= 3.25 (bookworm has 3.25)
  ninja-build       # the generator the presets use
  pkg-config
  libssl-dev        # OpenSSL 3 libcrypto
  zlib1g-dev
  libsimdjson-dev
  libsodium-dev     # XChaCha20, BLAKE2b, Ed25519 for PASETO v4
  libhiredis-dev    # the Redis revocation-list backend (signet revoke, --redis)
)
# Tests, benchmarks and the interop tests (run with /usr/bin/python3; the npm
# peers are installed by CTest into the build tree).
# PKG@CMD: also satisfied when CMD is on the PATH (say, Node.js from elsewhere,
# whose node/npm must not be replaced by Debian's).
test_pkgs=(
  libgtest-dev
  libgmock-dev
  libbenchmark-dev
  libjwt-dev        # benchmarks: libjwt 1.10 peer (bench/)
  libcpp-jwt-dev    # benchmarks: cpp-jwt 1.4 peer (bench/)
  nlohmann-json3-dev
  python3
  python3-django    # Django interop
  python3-jwt       # JWT interop: PyJWT
  python3-jwcrypto  # JWT interop: jwcrypto (brings python3-cryptography)
  python3-itsdangerous  # itsdangerous interop (Flask's signer)
  redis-server      # revocation tests start a loopback redis-server
  redis-tools
  valgrind          # constant-time tests (secret bytes marked undefined)
  nodejs@node       # JWT interop: npm jose, jsonwebtoken
  npm@npm
)

pkgs=()
for p in "${runtime_pkgs[@]}"; do pkgs+=("$p"); done
if [[ $mode == test ]]; then
  for p in "${test_pkgs[@]}"; do pkgs+=("$p"); done
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps.sh: this script needs a Debian-based system (dpkg-query, apt-get)." >&2
  echo "Install these packages (or your system's equivalents) by hand: ${pkgs[*]%%@*}" >&2
  exit 1
fi

# present PKG[@CMD]: the package is installed (or CMD is on the PATH).
present() {
  local pkg=${1%%@*} cmd=
  [[ $1 == *@* ]] && cmd=${1#*@}
  if [[ -n $cmd ]] && command -v "$cmd" >/dev/null 2>&1; then return 0; fi
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true) == installed ]]
}

missing=()
for p in "${pkgs[@]}"; do
  present "$p" || missing+=("${p%%@*}")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps.sh: all ${#pkgs[@]} $mode dependencies are installed."
  exit 0
fi

echo "install-deps.sh: missing: ${missing[*]}"
if ((check_only)); then
  exit 1
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-deps.sh: not root and sudo is not available; as root run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

log=$(mktemp "${TMPDIR:-/tmp}/signet-install-deps.XXXXXX")
trap 'rm -f "$log"' EXIT

apt=("${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300)

run_logged() {
  if ! "$@" >"$log" 2>&1; then
    echo "install-deps.sh: command failed: $*" >&2
    cat "$log" >&2
    exit 1
  fi
}

echo "install-deps.sh: apt-get update ..."
run_logged "${apt[@]}" update
echo "install-deps.sh: apt-get install ${missing[*]} ..."
run_logged "${apt[@]}" install --no-install-recommends "${missing[@]}"

# Make sure everything really is there now.
still=()
for p in "${missing[@]}"; do
  present "$p" || still+=("$p")
done
if ((${#still[@]})); then
  echo "install-deps.sh: still missing after apt-get install: ${still[*]}" >&2
  exit 1
fi
echo "install-deps.sh: installed ${#missing[@]} package(s)."
