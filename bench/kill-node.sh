#!/usr/bin/env bash
# Two Kodama nodes on one PostgreSQL database; one of them is killed (kill -9) under load.
# Node A (port 8080) runs the simulators; node B (port 8081) has none and sends its SMS over SMPP to
# A's SMSC simulator, as a second production node would to the carrier. SMS verifications go to B
# (open loop, 60/s); after 20 s B is killed. The script then waits until A has taken over B's jobs
# and prints what became of every SMS: how many the SMSC accepted, how many attempts were handed to it,
# and the attempts' statuses. Nothing sent twice: accepted = handed over. Nothing lost: no attempt
# left queued or submitted.
# With "voice", B instead places four calls to A's simulated phone (a number that answers and presses 1
# after 9 s; B's ring timeout 10 s, its longest call 30 s) and is killed 4 s into them: the calls must
# still end.
#   bash bench/kill-node.sh [voice]   (drops and recreates the database kodama_bench; ports 8080, 8081,
#                                      2775 and the simulators' SIP ports must be free)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
JAR=${JAR:-target/kodama.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
psql -q -h 127.0.0.1 -U postgres -d postgres -c 'drop database if exists kodama_bench' -c 'create database kodama_bench'
A=$(mktemp -d)
B=$(mktemp -d)
sql() { psql -qtA -h 127.0.0.1 -U postgres -d kodama_bench -c "$1"; }
none() { [ "$(sql "select count(*) from $1")" = 0 ]; }
# settle COMMAND…: waits until the command succeeds, for at most 5 minutes after the kill
settle() {
  until "$@"; do
    [ $(($(date +%s) - KILLED)) -gt 300 ] && { echo "still open after 5 minutes"; return; }
    sleep 5
  done
}
sms_settled() { none "scheduled_tasks where task_name = 'deliver-attempt'" && none "sms_attempt where state in ('sending', 'submitted')"; }
COMMON=(--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/kodama_bench --spring.datasource.username=postgres
  --kodama.secret=kill-node-benchmark-secret-0123456789)
java -jar "$JAR" --kodama.data-dir="$A" "${COMMON[@]}" --logging.level.io.kodama.simulator.smsc=DEBUG >"$A/kodama.log" 2>&1 &
PID_A=$!
trap 'kill $PID_A 2>/dev/null; wait $PID_A 2>/dev/null || true' EXIT
await_up http://localhost:8080 $PID_A "$A/kodama.log"
java -jar "$JAR" --kodama.data-dir="$B" "${COMMON[@]}" --server.port=8081 --kodama.simulators.enabled=false \
  --kodama.demo.enabled=false --kodama.sms.connections[0].host=127.0.0.1 --kodama.sms.connections[0].port=2775 \
  --kodama.sms.connections[0].system-id=kodama --kodama.sms.connections[0].password=kodama \
  --kodama.voice.trunk.host=127.0.0.1 --kodama.voice.trunk.port=5062 --kodama.voice.sip.port=5072 \
  --kodama.voice.ring-timeout=10s --kodama.voice.max-call-duration=30s >"$B/kodama.log" 2>&1 &
PID_B=$!
await_up http://localhost:8081 $PID_B "$B/kodama.log"
demo_key http://localhost:8080 "$A/kodama.log"
if [ "${1:-}" = voice ]; then
  for i in 1 2 3 4; do
    curl -sf localhost:8081/v1/verifications -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d '{"to":"+81355505915","channel":"voice"}' >/dev/null
  done
  sleep 4
  kill -9 $PID_B
  wait $PID_B 2>/dev/null || true
  KILLED=$(date +%s)
  echo "node B killed at $(date -u +%T), calls: $(sql "select string_agg(status, ' ') from delivery_attempts")"
  settle none "delivery_attempts where status in ('queued', 'calling', 'answered')"
else
  kill_under_load http://localhost:8081 60 20 $PID_B
  KILLED=$(date +%s)
  echo "node B killed at $(date -u +%T)"
  sleep 5
  settle sms_settled
  echo "SMS accepted by the SMSC: $(grep -c 'SMSC simulator delivered an SMS' "$A/kodama.log")," \
    "attempts handed to it: $(sql 'select count(*) from sms_attempt')"
fi
echo "settled $(($(date +%s) - KILLED)) s after the kill"
echo "attempts (channel, status, reason, count):"
sql "select channel, status, coalesce(reason, '-'), count(*) from delivery_attempts group by 1, 2, 3 order by 4 desc" | sed 's/^/  /'
grep -h 'handed to the SMSC before' "$A/kodama.log" | sed 's/^[^ ]* *[A-Z]* [0-9]* --- \[kodama\] \[[^]]*\] /  node A: /' || true
