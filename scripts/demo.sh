#!/usr/bin/env bash
# Starts the demo: a throwaway local PostgreSQL with a workload, and the console on it.
#   scripts/demo.sh [arguments for `pgtriage demo`]
# Environment: SWIFT_SCRATCH_PATH (a build folder other than .build).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

scratch=()
if [[ -n ${SWIFT_SCRATCH_PATH:-} ]]; then
    scratch=(--scratch-path "$SWIFT_SCRATCH_PATH")
fi

bash scripts/setup.sh >&2
echo "demo: swift build -c release ${scratch[*]} (pgtriage and its theme reader, pgtriage-theme)" >&2
swift build -c release "${scratch[@]}" >&2
bin="$(swift build -c release "${scratch[@]}" --show-bin-path)"
exec "$bin/pgtriage" demo "$@"
