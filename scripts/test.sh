#!/usr/bin/env bash
# The project's test command: set-up, build, then every test (XCTest and Swift Testing) in one
# `swift test`. Output streams as it comes; the exit status is the tests'.
#   scripts/test.sh                      everything
#   scripts/test.sh --filter LocalServer extra arguments go to `swift test`
# Environment: SWIFT_SCRATCH_PATH (a build folder other than .build), PGTRIAGE_TEST_TIMEOUT
# (seconds for the test step, default 1500), CI=true (PostgreSQL 15 must start, never skipped).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

scratch=()
if [[ -n ${SWIFT_SCRATCH_PATH:-} ]]; then
    scratch=(--scratch-path "$SWIFT_SCRATCH_PATH")
fi

echo "test: set-up"
bash scripts/setup.sh

echo "test: swift build --build-tests ${scratch[*]}"
start=$SECONDS
swift build --build-tests "${scratch[@]}"
echo "test: built in $((SECONDS - start)) s"

echo "test: swift test ${scratch[*]} $*"
start=$SECONDS
status=0
if [[ -t 0 ]]; then
    # At a terminal: no time limit, and Ctrl-C reaches the tests.
    swift test "${scratch[@]}" "$@" || status=$?
else
    # timeout signals the whole process group of swift test (the test binary too).
    timeout --kill-after=30 "${PGTRIAGE_TEST_TIMEOUT:-1500}" swift test "${scratch[@]}" "$@" || status=$?
fi
if [[ $status -eq 124 ]]; then
    echo "test: swift test took longer than ${PGTRIAGE_TEST_TIMEOUT:-1500} s and was stopped"
fi
echo "test: tests finished in $((SECONDS - start)) s with exit status $status"
# Throwaway servers stop themselves when the test process ends; say so if any was left.
if leftovers=$(ls -d /tmp/pgtriage-[0-9]*-* 2>/dev/null) && [[ -n $leftovers ]]; then
    echo "test: note: server folders still in /tmp (another run may be using them):"
    echo "$leftovers" | sed 's/^/test:   /'
fi
exit "$status"
