#!/usr/bin/env bash
# The black-friday rehearsal of docs/benchmarks.md ("Load rehearsal"), end to end on this machine:
# a fresh PostgreSQL database, migrate, seed 2,000 products, a staff owner, both sandboxes, one
# `crest serve` (production mode, shedding and waiting-room settings as documented), then
# `crest loadtest` with the arguments given (default: the black-friday preset). Everything it
# started is stopped at the end.
#   bash bench/rehearse.sh                                   # black-friday preset, report in /tmp/crest-rehearsal
#   bash bench/rehearse.sh --profile spike --rate 20 --seed 11 --out /tmp/spike
#   bash bench/rehearse.sh --find-knee --rate 5 --knee-step 20s --knee-steps 8 --seed 5
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${REHEARSAL_DB:-crest_rehearsal}
PORT=${REHEARSAL_PORT:-3610}
PG=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}
ARGS=("$@")
[ ${#ARGS[@]} -eq 0 ] && ARGS=(--preset black-friday --seed 11 --out /tmp/crest-rehearsal)

psql "$PG" -qc "drop database if exists $DB" -c "create database $DB"
export DATABASE_URL=${PG%/*}/$DB REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379} REDIS_PREFIX="rehearsal$(date +%s):" NATS_URL=
STAFF_SECRET_KEY=$(node -e "console.log(require('crypto').randomBytes(32).toString('base64'))")
export STAFF_SECRET_KEY
echo "== database $DB: migrate, seed, staff owner"
node bin/crest.js migrate
node bin/crest.js seed --products 2000
PASSWORD="rehearsal-$(date +%s)-pass"
node bin/crest.js user create --email owner@rehearsal.test --password "$PASSWORD" --role owner
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
node bin/crest.js sandbox payments --port 4610 >/tmp/crest-rehearsal-payments.log 2>&1 & pids+=($!)
node bin/crest.js sandbox carrier --port 4620 --webhook-url "http://127.0.0.1:$PORT/webhooks/carriers/sandbox" >/tmp/crest-rehearsal-carrier.log 2>&1 & pids+=($!)
# STAFF_MFA=optional: the script signs in as the owner without an authenticator app
NODE_ENV=production STAFF_MFA=optional LOG_LEVEL=warn HOST=127.0.0.1 PORT=$PORT \
  PAYMENT_GATEWAYS=sandbox=sandbox@http://127.0.0.1:4610 CARRIERS=sandbox=sandbox@http://127.0.0.1:4620 \
  SHED_CATALOG_CONCURRENCY=128 SHED_CART_CONCURRENCY=64 SHED_CHECKOUT_CONCURRENCY=128 \
  WAITING_ROOM_MODE=auto WAITING_ROOM_MAX_RPS=150 WAITING_ROOM_ADMIT_PER_SECOND=20 WAITING_ROOM_COOLDOWN_SECONDS=20 \
  node bin/crest.js serve >/tmp/crest-rehearsal-serve.log 2>&1 & pids+=($!)
echo "== waiting for crest serve on port $PORT"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 1; done
TOKEN=$(curl -sf -X POST -H 'content-type: application/json' \
  -d "{\"email\":\"owner@rehearsal.test\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$PORT/admin/auth/token" |
  node -pe 'JSON.parse(require("fs").readFileSync(0)).token')
echo "== crest loadtest ${ARGS[*]}"
CREST_ADMIN_TOKEN=$TOKEN timeout 900 node bin/crest.js loadtest --url "http://127.0.0.1:$PORT" "${ARGS[@]}"
