#!/usr/bin/env bash
# Starts Kodama's default run (or uses one already at $URL), lifts the demo tenant's abuse limits
# (the load generator is one client hammering one tenant), and runs bench/PairsLoad.java.
#   bash bench/run-pairs.sh [PairsLoad options]        e.g. --concurrency 32 --seconds 30
# Database: H2 by default; PostgreSQL with
#   SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/kodama_bench SPRING_DATASOURCE_USERNAME=postgres
set -euo pipefail
cd "$(dirname "$0")/.."
URL=${URL:-http://localhost:8080}
DATA=$(mktemp -d)
PID=
if ! curl -sf "$URL/actuator/health" >/dev/null 2>&1; then
  JAR=${JAR:-target/kodama.jar}
  [ -f "$JAR" ] || mvn -q -B -DskipTests package
  java ${JAVA_OPTS:-} -jar "$JAR" --kodama.data-dir="$DATA" >"$DATA/kodama.log" 2>&1 &
  PID=$!
  trap 'kill $PID; wait $PID 2>/dev/null || true' EXIT
  until curl -sf "$URL/actuator/health" >/dev/null 2>&1; do sleep 1; done
fi
LOG=${DATA}/kodama.log
KEY=$(grep -o 'kdm_demo_[A-Za-z0-9]*' "$LOG" | head -1)
ADMIN=$(grep -o 'adm_[A-Za-z0-9]*' "$LOG" | head -1)
curl -sf -X PATCH "$URL/admin/v1/tenants/ten_demo" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d '{"settings":{"protection.rate.tenant-per-second":"10000","protection.rate.prefix-per-hour":"1000000",
       "protection.rate.number-per-hour":"1000","protection.rate.number-per-day":"1000",
       "protection.pumping.min-sends":"1000000","protection.pumping.country-min-sends":"10000000",
       "protection.spend.sms-per-day":"100000000","protection.spend.voice-per-day":"100000000"}}' >/dev/null
java bench/PairsLoad.java --url "$URL" --key "$KEY" ${PID:+--pid $PID} "$@"
