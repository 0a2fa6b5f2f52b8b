#!/usr/bin/env bash
# Runs every check on a fresh machine: build, type check, lint, unit tests, then the integration tests
# inside a real VS Code and the end-to-end tests in a browser (installing that VS Code host first).
# Ends with one closing line "N passed, N failed" over all stages; a failing build, type check or
# lint counts as one failure. Exit code 0 only when everything passed.
set -uo pipefail
cd "$(dirname "$0")/.."

results_dir=$(mktemp -d)
trap 'rm -rf "$results_dir"' EXIT
passed=0
failed=0
failed_stages=()

# Adds a stage's results file ({"passes":N,"failures":N}) to the totals.
count_results() {
  local file=$1
  if [ -s "$file" ]; then
    read -r p f < <(node -e 'const r = require(process.argv[1]); const n = (v) => Array.isArray(v) ? v.length : Number(v) || 0; console.log(n(r.passes), n(r.failures))' "$file")
    passed=$((passed + p))
    failed=$((failed + f))
  fi
}

# Runs one stage; a stage that exits non-zero without reporting a failed test still counts as one failure.
run_stage() {
  local name=$1
  shift
  local results_file="$results_dir/$name.json"
  echo
  echo "=== $name: $*"
  local before=$failed
  if JWTLENS_RESULTS_FILE="$results_file" "$@"; then
    count_results "$results_file"
  else
    count_results "$results_file"
    [ "$failed" -eq "$before" ] && failed=$((failed + 1))
    failed_stages+=("$name")
  fi
}

run_stage build npm run --silent build
run_stage typecheck npm run --silent typecheck
run_stage lint npm run --silent lint
run_stage unit npx mocha
run_stage host-setup bash test/host/setup.sh
run_stage integration node test/host/runIntegration.mjs --results "$results_dir/integration.json"
run_stage e2e node test/e2e/run.mjs --results "$results_dir/e2e.json"

echo
if [ ${#failed_stages[@]} -gt 0 ]; then
  echo "Stages with failures: ${failed_stages[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
