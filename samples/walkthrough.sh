#!/usr/bin/env bash
# Drives a whole election through a running Budgeting host with curl, using the Riverton sample city:
# create the election, upload the volunteers and quotas, commit and reveal the panel lottery, replace a dropout,
# issue voting tokens, vote online as panelists (one changes their mind), enter paper ballots, close, publish,
# and print the published results. Exits non-zero, naming the step, as soon as any step fails.
#
#   BASE_URL   the host, for example http://127.0.0.1:5000 (required)
#   ADMIN_KEY  the officials' key (required)
#   OUT        where to keep the tokens CSV and the audit bundle (default: a new temporary folder)
#   BUDGETING  optional command that runs the CLI (for example "dotnet run --project src/Budgeting.Cli --"); when
#              set, the downloaded audit bundle is checked with "$BUDGETING audit-bundle BUNDLE.zip"
source "$(dirname "${BASH_SOURCE[0]}")/walkthrough-common.sh"

step "create the election from samples/riverton/election.json"
election="$(call POST /api/elections -H 'Content-Type: application/json' --data-binary @"$SAMPLE/election.json")"
id="$(json "$election" .id)"
echo "election $id: $(json "$election" .definition.title) ($(json "$election" .stage))"

step "the public cannot see it before publication"
status="$(curl --silent --output /dev/null --write-out '%{http_code}' "$BASE_URL/api/public/elections/$id/results")"
[ "$status" = 404 ] || { echo "expected 404 for the results before publication, got $status" >&2; false; }

step "upload the volunteers and the quotas"
pool="$(call PUT "/api/elections/$id/pool" -F people=@"$SAMPLE/volunteers.csv" -F categories=@"$SAMPLE/categories.csv" -F idColumn=id -F addressColumns=address)"
echo "pool of $(json "$pool" .people) volunteers for a panel of $(json "$pool" .panelSize)"

step "compute and commit the panel lottery"
lottery="$(call POST "/api/elections/$id/lottery" -H 'Content-Type: application/json' -d '{"panels": 200}')"
echo "publish this hash before the seed: $(json "$lottery" .sha256)"

step "reveal the seed and draw the panel"
seed="Riverton 2026-04-01 lottery draw 07 19 23 31 42"
drawn="$(call POST "/api/elections/$id/lottery/reveal" -H 'Content-Type: application/json' -d "$(jq -n --arg s "$seed" '{seed: $s}')")"
echo "seed \"$seed\" chose slot $(json "$drawn" .chosenIndex): $(json "$drawn" '.chosen | join(" ")')"

step "one panelist drops out: commit and reveal a replacement lottery"
dropout="$(json "$drawn" '.chosen[0]')"
replacement="$(call POST "/api/elections/$id/replacements" -H 'Content-Type: application/json' -d "$(jq -n --arg d "$dropout" '{dropouts: [$d], panels: 50}')")"
round="$(json "$replacement" .round)"
replaced="$(call POST "/api/elections/$id/replacements/$round/reveal" -H 'Content-Type: application/json' -d '{"seed": "Riverton 2026-04-08 replacement draw 03 11 29"}')"
echo "round $round replaced $dropout with $(json "$replaced" '.chosen | join(" ")')"

step "issue voting tokens (the CSV for the mail merge is shown only once)"
call POST "/api/elections/$id/tokens" > "$OUT/tokens.csv"
panelists="$(($(wc -l < "$OUT/tokens.csv") - 1))"
echo "$panelists tokens written to $OUT/tokens.csv"

step "open voting"
call POST "/api/elections/$id/open" > /dev/null

step "panelists vote online"
ballots=('["1","8"]' '["1","10"]' '["2","3","8"]' '["5","6","8"]' '["1","5"]' '["7","5","6"]' '["2","10"]' '["9","10","8"]' '["1","2"]' '["5","6","7","8"]')
paper=()
n=0
while IFS=, read -r person _ token _; do
  if [ "$n" -ge "${#ballots[@]}" ]; then paper+=("$person"); n=$((n + 1)); continue; fi
  receipt="$(curl --silent --show-error --fail-with-body -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"projects\": ${ballots[$n]}}" "$BASE_URL/api/ballot")"
  echo "panelist $((n + 1)): receipt $(json "$receipt" .receipt)"
  n=$((n + 1))
done < <(tail -n +2 "$OUT/tokens.csv")

step "a panelist changes their ballot (the last submission counts)"
first_token="$(sed -n 2p "$OUT/tokens.csv" | cut -d, -f3)"
receipt="$(curl --silent --show-error --fail-with-body -X PUT -H "Authorization: Bearer $first_token" -H 'Content-Type: application/json' \
  -d '{"projects": ["1", "5", "8"]}' "$BASE_URL/api/ballot")"
echo "revision $(json "$receipt" .revision)"

step "enter the remaining panelists' paper ballots"
{
  echo "person_id,projects"
  for person in "${paper[@]}"; do echo "$person,\"3;8;10\""; done
} > "$OUT/paper-ballots.csv"
call POST "/api/elections/$id/ballots/paper" -H 'Content-Type: text/csv' --data-binary @"$OUT/paper-ballots.csv"
echo

step "count who voted (not what)"
call GET "/api/elections/$id/ballots/count"
echo

step "close voting and publish"
call POST "/api/elections/$id/close" > /dev/null
published="$(call POST "/api/elections/$id/publish")"
echo "published: $(json "$published" .voters) ballots; funded $(json "$published" '.selected | join(", ")')"

step "read the published results (public, no key)"
results="$(curl --silent --show-error --fail-with-body "$BASE_URL/api/public/elections/$id/results")"
printf '%s' "$results" | jq -r '"\(.rule): \(.voters) voters; budget \(.budget), spent \(.totalCost), left \(.leftover)", (.funded[] | "  funded \(.id) \(.name // "") (\(.cost))")'
curl --silent --show-error --fail-with-body --output /dev/null "$BASE_URL/elections/$id/results"
echo "results page: $BASE_URL/elections/$id/results"

download_bundle "$id"

echo "walkthrough passed: election $id published"
