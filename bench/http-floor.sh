#!/usr/bin/env bash
# The HTTP stack's floor: server CPU per request for requests that do almost nothing in Kodama
# (a probe, an unknown id with an API key, a start refused for its number), with wrk, three runs of
# 20 s each after a 20 s warm-up. Starts the default run of target/kodama.jar (or JAR=) on port 8080
# with an empty data directory. Needs wrk (Debian package wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/kodama.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
DATA=$(mktemp -d)
java -jar "$JAR" --kodama.data-dir="$DATA" >"$DATA/kodama.log" 2>&1 &
PID=$!
trap 'kill $PID; wait $PID 2>/dev/null || true' EXIT
until curl -sf localhost:8080/actuator/health >/dev/null 2>&1; do sleep 1; done
KEY=$(grep -o 'kdm_demo_[A-Za-z0-9]*' "$DATA/kodama.log" | head -1)
cpu() { awk '{print $14 + $15}' /proc/$PID/stat; } # clock ticks of 10 ms
run() { # name, wrk arguments…
  local name=$1; shift
  wrk -t2 -c16 -d20s "$@" >/dev/null 2>&1
  for i in 1 2 3; do
    local before out after
    before=$(cpu); out=$(wrk -t2 -c16 -d20s "$@" 2>&1); after=$(cpu)
    echo "$out" | awk -v name="$name" -v i="$i" -v ticks=$((after - before)) '
      /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 }
      END { printf "%s, run %d: %s requests/s, server CPU %.3f ms/request\n", name, i, rps, ticks * 10 / n }'
  done
}
cat >"$DATA/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"to":"not a number","channel":"sms"}'
wrk.headers["Content-Type"] = "application/json"
LUA
run "GET /actuator/health/liveness" http://localhost:8080/actuator/health/liveness
run "GET /v1/verifications/{unknown} (404)" -H "Authorization: Bearer $KEY" \
  http://localhost:8080/v1/verifications/vrf_00000000000000000000000000
run "POST /v1/verifications, invalid number (400)" -H "Authorization: Bearer $KEY" -s "$DATA/post.lua" \
  http://localhost:8080/v1/verifications
