#!/usr/bin/env bash
# Drives a hierarchical budget through a running Budgeting host with curl, using the Riverton sample city: the panel
# splits the budget across three areas (samples/riverton/areas-election.json) and, on the same ballot, approves
# projects in each area; publication splits the budget, then funds projects inside each area with its amount.
# Create the election, upload the volunteers and quotas, commit and reveal the panel lottery, issue voting tokens,
# show a refused ballot, vote online, close, publish, and print the published areas and funded projects.
# Exits non-zero, naming the step, as soon as any step fails.
#
#   BASE_URL   the host, for example http://127.0.0.1:5000 (required)
#   ADMIN_KEY  the officials' key (required)
#   OUT        where to keep the tokens CSV and the audit bundle (default: a new temporary folder)
#   BUDGETING  optional command that runs the CLI (for example "dotnet run --project src/Budgeting.Cli --"); when
#              set, the downloaded audit bundle is checked with "$BUDGETING audit-bundle BUNDLE.zip"
source "$(dirname "${BASH_SOURCE[0]}")/walkthrough-common.sh"

step "create the hierarchical budget from samples/riverton/areas-election.json"
election="$(call POST /api/elections -H 'Content-Type: application/json' --data-binary @"$SAMPLE/areas-election.json")"
id="$(json "$election" .id)"
echo "election $id: $(json "$election" .definition.title): $(json "$election" '[.definition.areas[] | "\(.id) (\(.projects | length) projects)"] | join(", ")')"

step "upload the volunteers and the quotas"
call PUT "/api/elections/$id/pool" -F people=@"$SAMPLE/volunteers.csv" -F categories=@"$SAMPLE/categories.csv" -F idColumn=id -F addressColumns=address > /dev/null

step "compute, commit and reveal the panel lottery"
call POST "/api/elections/$id/lottery" -H 'Content-Type: application/json' -d '{"panels": 200}' > /dev/null
call POST "/api/elections/$id/lottery/reveal" -H 'Content-Type: application/json' -d '{"seed": "Riverton 2026-05-04 areas draw 02 13 17 36 40"}' > /dev/null

step "issue voting tokens and open voting"
call POST "/api/elections/$id/tokens" > "$OUT/tokens.csv"
call POST "/api/elections/$id/open" > /dev/null

step "a ballot approving a project outside its area is refused, naming the field"
first_token="$(sed -n 2p "$OUT/tokens.csv" | cut -d, -f3)"
status="$(curl --silent --output "$OUT/refused.json" --write-out '%{http_code}' -X PUT -H "Authorization: Bearer $first_token" \
  -H 'Content-Type: application/json' \
  -d '{"amounts": {"streets": 200000, "parks": 100000, "community": 100000}, "areaProjects": {"parks": ["1"]}}' "$BASE_URL/api/ballot")"
[ "$status" = 400 ] || { echo "expected 400 for a project outside its area, got $status" >&2; false; }
jq -r '.errors | to_entries[] | "\(.key): \(.value[0])"' "$OUT/refused.json"

step "panelists vote: the split, then projects in each area"
# streets, parks, community; then the approved projects in streets | parks | community.
amounts=(200000,100000,100000 150000,150000,100000 100000,200000,100000 250000,100000,50000 100000,100000,200000 150000,50000,200000
         120000,180000,100000 200000,150000,50000 50000,250000,100000 180000,120000,100000 140000,160000,100000 160000,140000,100000)
approvals=('1 6|3 5|11' '6 10|9 12|2' '4|3 9|7' '1|5 8|11 2' '6 4|12|2 7' '10|3|7 11'
           '1 10|5 9|2' '1 6|8|11' '4 6|3 9 12|7' '1|5|2 11' '6 10|3 5|11' '1 4|9|7')
n=0
while IFS=, read -r _ _ token _; do
  IFS=, read -r streets parks community <<< "${amounts[$n]}"
  IFS='|' read -r s p c <<< "${approvals[$n]}"
  body="$(jq -n --argjson s "$streets" --argjson p "$parks" --argjson c "$community" --arg xs "$s" --arg xp "$p" --arg xc "$c" \
    '{amounts: {streets: $s, parks: $p, community: $c},
      areaProjects: {streets: ($xs | split(" ")), parks: ($xp | split(" ")), community: ($xc | split(" "))}}')"
  receipt="$(curl --silent --show-error --fail-with-body -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "$body" "$BASE_URL/api/ballot")"
  echo "panelist $((n + 1)): receipt $(json "$receipt" .receipt)"
  n=$((n + 1))
done < <(tail -n +2 "$OUT/tokens.csv")

step "close voting and publish"
call POST "/api/elections/$id/close" > /dev/null
published="$(call POST "/api/elections/$id/publish")"
echo "published: $(json "$published" .voters) ballots; $(json "$published" '.allocation | to_entries | map("\(.key) \(.value)") | join(", ")'); funded $(json "$published" '.selected | join(", ")')"

step "read the published results (public, no key)"
results="$(curl --silent --show-error --fail-with-body "$BASE_URL/api/public/elections/$id/results")"
printf '%s' "$results" | jq -r '.projectVotes[] | "\(.area): \(.budget) with \(.report.rule // "no vote"): funded \((.report.selected // []) | join(", "))"'
curl --silent --show-error --fail-with-body --output /dev/null "$BASE_URL/elections/$id/results"
echo "results page: $BASE_URL/elections/$id/results"

download_bundle "$id" "both stages"

echo "walkthrough passed: election $id published"
