# Sourced by the bench scripts.

# await_up URL PID LOG: waits until the Kodama started as PID answers healthy at URL (its SMPP
# bound); shows the end of its LOG and fails if it died first
await_up() {
  until curl -sf "$1/actuator/health" >/dev/null 2>&1; do
    kill -0 "$2" 2>/dev/null || { tail -20 "$3"; echo "Kodama did not start: $3" >&2; exit 1; }
    sleep 1
  done
}

# demo_key URL LOG: sets KEY to the demo API key that the default run printed in LOG, and lifts the
# demo tenant's abuse limits through the admin API at URL (a load generator is one client hammering
# one tenant); the SMS pumping guard keeps its sizes, and a conversion of 0 % is enough for it
demo_key() {
  KEY=$(grep -o 'kdm_demo_[A-Za-z0-9]*' "$2" | head -1)
  local admin
  admin=$(grep -o 'adm_[A-Za-z0-9]*' "$2" | head -1)
  curl -sf -X PATCH "$1/admin/v1/tenants/ten_demo" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d '{"settings":{"protection.rate.tenant-per-second":"10000","protection.rate.prefix-per-hour":"1000000",
         "protection.rate.number-per-hour":"1000","protection.rate.number-per-day":"1000",
         "protection.pumping.min-conversion-percent":"0",
         "protection.spend.sms-per-day":"100000000","protection.spend.voice-per-day":"100000000"}}' >/dev/null
}

# kill_under_load URL RATE SECONDS PID: SMS verifications (open loop, RATE a second, the key in KEY)
# go to URL, and after SECONDS the process PID is killed with SIGKILL
kill_under_load() {
  timeout $(($3 + 10)) java bench/PairsLoad.java --url "$1" --key "$KEY" --mode sms --rate "$2" \
    --concurrency 64 --seconds 60 --warmup 1 >/dev/null 2>&1 &
  sleep "$3"
  kill -9 "$4"
  wait "$4" 2>/dev/null || true
}
