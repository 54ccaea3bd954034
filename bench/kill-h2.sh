#!/usr/bin/env bash
# What a Kodama process on H2 forgets when it is killed without SIGTERM. Starts the default run on an
# empty data directory, sends SMS verifications (open loop, --mode sms of PairsLoad) and kill -9s the
# server after 15 s. Then it reads the database file and counts the SMS attempts that the server's
# log shows as submitted (the SMSC had them) but that the database still has as queued: after a
# restart those are sent a second time.
#   bash bench/kill-h2.sh                       the default H2 URL
#   bash bench/kill-h2.sh ';WRITE_DELAY=0'      with something added to it
# Port 8080 must be free.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
JAR=${JAR:-target/kodama.jar}
[ -f "$JAR" ] || mvn -q -B -DskipTests package
DATA=$(mktemp -d)
URL="jdbc:h2:file:$DATA/kodama;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE${1:-}"
java -jar "$JAR" --kodama.data-dir="$DATA" --spring.datasource.url="$URL" >"$DATA/kodama.log" 2>&1 &
PID=$!
await_up http://localhost:8080 $PID "$DATA/kodama.log"
demo_key http://localhost:8080 "$DATA/kodama.log"
kill_under_load http://localhost:8080 150 15 $PID
echo "killed at $(date -u +%H:%M:%S.%3N)"
unzip -p "$JAR" "$(unzip -Z1 "$JAR" | grep '^BOOT-INF/lib/h2-')" >"$DATA/h2.jar"
java -cp "$DATA/h2.jar" org.h2.tools.Shell -url "jdbc:h2:file:$DATA/kodama;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" \
  -user sa -password '' -sql "select id from delivery_attempts where channel = 'sms' and status = 'queued'" \
  | grep -o 'att_[A-Z0-9]*' >"$DATA/queued.txt" || true
sed -n 's/^[^T]*T\([0-9:.]*\)Z.*Attempt \(att_[A-Z0-9]*\) sms queued → submitted.*/\1 \2/p' "$DATA/kodama.log" >"$DATA/submitted.txt"
awk 'NR == FNR { queued[$1] = 1; next } ($2 in queued)' "$DATA/queued.txt" "$DATA/submitted.txt" >"$DATA/lost.txt"
echo "SMS submitted (server log): $(wc -l <"$DATA/submitted.txt"); submitted but queued in the database: $(wc -l <"$DATA/lost.txt")"
[ -s "$DATA/lost.txt" ] && echo "logged at $(head -1 "$DATA/lost.txt" | cut -d' ' -f1) … $(tail -1 "$DATA/lost.txt" | cut -d' ' -f1)"
echo "data: $DATA"
