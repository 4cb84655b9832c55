#!/usr/bin/env bash
# Builds LeadDesk once and runs every test project (unit, component and browser tests) on the embedded SQLite default,
# then the integration tests (persistence, workflow services, analytics, intake, import, API) again on a throw-away
# PostgreSQL server (.ci/postgres: installed from Debian's packages when missing, stopped at the end).
# Ends with one plain line, `tests: N passed, M failed`; exits non-zero if the build fails, any test fails,
# the test run breaks, or no test ran. Works on a fresh clone, unattended (CI=true, no stdin).
set -euo pipefail
exec </dev/null
cd "$(dirname "${BASH_SOURCE[0]}")"

CONFIGURATION=Release
RESULTS_DIR="$PWD/TestResults"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild nodes left running after the script: they would keep a CI runner's output pipe open.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

log() { printf '==> %s\n' "$*"; }

finish() { # passed failed exit-code
    printf 'tests: %d passed, %d failed\n' "$1" "$2"
    exit "$3"
}

# --- the browser the Playwright tests drive (Debian's Chromium; never `playwright install`) ---------------------
if [[ ! -x /usr/bin/chromium ]]; then
    log "installing chromium"
    if [[ $(id -u) -eq 0 ]]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo -n)
    else
        echo "chromium is missing and this script is neither root nor able to sudo" >&2
        finish 0 0 1
    fi
    apt_options=(-y -q -o DPkg::Lock::Timeout=600)
    if ! { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q -o DPkg::Lock::Timeout=600 &&
           "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_options[@]}" --no-install-recommends chromium; }; then
        echo "could not install chromium" >&2
        finish 0 0 1
    fi
fi

# --- build once --------------------------------------------------------------------------------------------------
log "building LeadDesk.sln ($CONFIGURATION)"
if ! dotnet build LeadDesk.sln -c "$CONFIGURATION" -nologo -v:minimal -nodeReuse:false; then
    echo "build failed" >&2
    finish 0 0 1
fi

# --- test --------------------------------------------------------------------------------------------------------
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
log "running tests (SQLite)"
test_exit=0
dotnet test LeadDesk.sln -c "$CONFIGURATION" --no-build -nologo --filter "Category!=PostgreSqlOnly" \
    --logger trx --results-directory "$RESULTS_DIR/sqlite" || test_exit=$?

# The integration tests once more, each on a database of its own on PostgreSQL.
source .ci/postgres
trap postgres_stop EXIT
if postgres_start; then
    log "running the integration tests (PostgreSQL)"
    LEADDESK_TEST_ENGINE=PostgreSQL dotnet test LeadDesk.sln -c "$CONFIGURATION" --no-build -nologo \
        --filter "$(cat .ci/integration-filter)" \
        --logger trx --results-directory "$RESULTS_DIR/postgresql" || test_exit=$?
else
    echo "could not start PostgreSQL" >&2
    test_exit=1
fi

# --- count from the TRX files: <Counters total=".." executed=".." passed=".." failed=".." error=".." .../> ----------
total=0 passed=0 failed=0
attribute() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2"; }
shopt -s nullglob globstar
trx_files=("$RESULTS_DIR"/**/*.trx)
for trx in "${trx_files[@]}"; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
    [[ -n $counters ]] || { echo "no counters in $trx" >&2; test_exit=1; continue; }
    total=$((total + $(attribute total "$counters")))
    passed=$((passed + $(attribute passed "$counters")))
    for kind in failed error timeout aborted; do
        count=$(attribute "$kind" "$counters")
        failed=$((failed + ${count:-0}))
    done
done

status=0
if [[ ${#trx_files[@]} -eq 0 ]]; then
    echo "no TRX results were written" >&2
    status=1
elif [[ $total -eq 0 ]]; then
    echo "no tests ran" >&2
    status=1
fi
[[ $failed -eq 0 && $test_exit -eq 0 ]] || status=1
finish "$passed" "$failed" "$status"
