#!/usr/bin/env bash
# Starts Kodama's default run (or uses one already at $URL), lifts the demo tenant's abuse limits
# (the load generator is one client hammering one tenant), and runs bench/PairsLoad.java. The SMS
# pumping guard stays at its default sizes and still judges every start (up to the latest 200 sends
# of the number's range), but a conversion of 0 % is enough: the generator never enters a right code.
#   bash bench/run-pairs.sh [PairsLoad options]        e.g. --concurrency 32 --seconds 30
# Database: H2 by default; PostgreSQL with
#   SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/kodama_bench SPRING_DATASOURCE_USERNAME=postgres
# STATEMENTS=1 (H2 only): after the load, prints the SQL statements the server ran per started
# verification (how many, and H2's time for them in µs), from H2's query statistics (the counts do not
# depend on the machine's speed);
# statements run less than once per two verifications (start-up, migrations, sweeps) are left out
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/common.sh
URL=${URL:-http://localhost:8080}
DATA=$(mktemp -d)
PID=
if ! curl -sf "$URL/actuator/health" >/dev/null 2>&1; then
  JAR=${JAR:-target/kodama.jar}
  [ -f "$JAR" ] || mvn -q -B -DskipTests package
  H2_URL="jdbc:h2:file:$DATA/kodama;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE"
  # AUTO_SERVER (for the statistics read below) cannot be combined with DB_CLOSE_ON_EXIT=FALSE
  [ -n "${STATEMENTS:-}" ] && H2_URL="${H2_URL%;DB_CLOSE_ON_EXIT=FALSE};AUTO_SERVER=TRUE;QUERY_STATISTICS=TRUE;QUERY_STATISTICS_MAX_ENTRIES=1000"
  java ${JAVA_OPTS:-} -jar "$JAR" --kodama.data-dir="$DATA" ${STATEMENTS:+--spring.datasource.url="$H2_URL"} \
    >"$DATA/kodama.log" 2>&1 &
  PID=$!
  trap 'kill $PID; wait $PID 2>/dev/null || true' EXIT
  await_up "$URL" $PID "$DATA/kodama.log"
fi
demo_key "$URL" "$DATA/kodama.log"
java bench/PairsLoad.java --url "$URL" --key "$KEY" ${PID:+--pid $PID} "$@"
if [ -n "${STATEMENTS:-}" ]; then
  sleep 5 # let receipts and jobs of the last verifications finish
  STARTED=$(curl -s "$URL/actuator/prometheus" | awk -F' ' '/^kodama_verifications_total\{event="started"/ {print $2}')
  unzip -p "$JAR" "$(unzip -Z1 "$JAR" | grep '^BOOT-INF/lib/h2-')" >"$DATA/h2.jar"
  java -cp "$DATA/h2.jar" org.h2.tools.Shell -url "$H2_URL" -user sa -password '' \
    -sql "select execution_count, cumulative_execution_time, replace(replace(sql_statement, char(10), ' '), '|', '/') from information_schema.query_statistics order by execution_count desc" \
    | awk -F' [|] ' -v n="$STARTED" 'NR > 1 && $1 ~ /^[0-9]+ *$/ && $1 + 0 >= n / 2 {
        total += $1; time += $2; if ($3 ~ /^COMMIT/) commits += $1
        printf "%6.2f %7.1f  %s\n", $1 / n, 1000 * $2 / n, substr($3, 1, 100) }
      END { printf "statements per started verification: %.1f (commits %.1f), %d verifications; H2 time %.0f µs per verification\n", total / n, commits / n, n, 1000 * time / n }'
fi
