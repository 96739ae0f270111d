# Shared by walkthrough.sh and walkthrough-areas.sh (sourced, not run): checks the environment and defines the
# helpers step, call and json, and download_bundle for the last step. See either script for the variables it reads.
set -euo pipefail

: "${BASE_URL:?set BASE_URL, for example http://127.0.0.1:5000}"
: "${ADMIN_KEY:?set ADMIN_KEY to the officials key}"
BASE_URL="${BASE_URL%/}"
SAMPLE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/riverton"
OUT="${OUT:-$(mktemp -d)}"
mkdir -p "$OUT"
STEP="start"
SCRIPT_NAME="$(basename "$0")"
trap 'echo "$SCRIPT_NAME: FAILED at step: $STEP" >&2' ERR

step() { STEP="$1"; echo "== $1"; }

# call METHOD PATH [curl arguments...]: the official's request; prints the body, fails on any HTTP error.
call() {
  local method="$1" path="$2"; shift 2
  curl --silent --show-error --fail-with-body -X "$method" -H "Authorization: Bearer $ADMIN_KEY" "$@" "$BASE_URL$path"
}

json() { printf '%s' "$1" | jq -r "$2"; }

# download_bundle ID [WHAT]: downloads the election's audit bundle to $OUT and, when $BUDGETING is set, checks it.
download_bundle() {
  step "download the audit bundle"
  curl --silent --show-error --fail-with-body --output "$OUT/audit-bundle.zip" "$BASE_URL/api/public/elections/$1/audit-bundle"
  echo "audit bundle: $OUT/audit-bundle.zip"
  if [ -n "${BUDGETING:-}" ]; then
    step "check the audit bundle with budgeting audit-bundle${2:+ ($2)}"
    $BUDGETING audit-bundle "$OUT/audit-bundle.zip"
  fi
}
