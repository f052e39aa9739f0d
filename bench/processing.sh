#!/usr/bin/env bash
# Breakwater processing benchmarks (issue 3), ceilings and Breakwater measured in one run on this machine:
#   1. ProcessingBench: a spool's events lane pre-filled with N sentry envelopes (unique event ids), then
#      (a) raw SQLite ceiling: batched INSERTs of the pipeline's rows into a plain table, same pragmas as the store
#      (b) the pipeline over that spool into a fresh SQLite store, until the backlog is 0; then (a) again: the bar
#          compares (b) with the mean of the two (a) runs
#      (c) raw PostgreSQL ceiling: binary COPY of the same rows into a plain table (embedded PostgreSQL 14)
#      (d) the pipeline over a copy of the spool into a fresh PostgreSQL store on that server; then (c) again
#   2. the real server (SQLite store, rate limit off): an upper bound (ingest flat out with the events lane paused,
#      then the server's own drain of that backlog, the lower of the two), then the sustainable rate: the highest rate,
#      searched below that bound, at which the backlog stays flat with ingest and processing running together; then
#      at half that rate in the background, VisibilityProbe: one probe event
#      with a fingerprint of its own every 100 ms, visible (issue search) minus ack
#   3. CatchUpBench, still under half load: pause the events lane for P minutes, resume, sample the pipeline every
#      second: backlog at resume, drain rate vs the full processing rate, reported ETA vs actual
# Writes bench/results/<YYYY-MM-DD>-processing.json and regenerates the Processing block of BENCHMARKS.md.
#
# Environment (all optional):
#   BENCH_QUICK=1                 ~4-to-5-minute smoke run: 20,000 events, 1-minute pause; writes
#                                 bench/results/<date>-processing-quick.json and leaves BENCHMARKS.md alone
#   BENCH_JAVA_HOME               JDK to build and run with (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   BENCH_SKIP_BUILD=1            use the jars already in server/target and bench/target
#   BENCH_EVENTS=1000000          envelopes pre-filled for ProcessingBench (quick: 20000)
#   BENCH_ENGINES=sqlite,postgresql
#   BENCH_BATCH=1000              rows per transaction, of the raw ceilings and of the pipeline (its records per batch)
#   BENCH_CONTEXT=true            also the raw ceilings with indexes and PostgreSQL multi-row INSERTs
#   BENCH_EVENT_IDS=sequential    event ids of the fill and the ceilings' rows: sequential, or random as SDKs send them
#   BENCH_WARMUP_EVENTS=100000    per engine, ceiling and pipeline first run over this many events into throwaway
#                                 files, so both are measured with the JIT done (quick: 5000; 0 measures them cold)
#   BENCH_RATE_SECONDS=10         flat-out ingest phase that measures the sustainable rate (quick: 5)
#   BENCH_SUSTAINABLE_RATE        skip the search and take this many events/s as the sustainable rate
#   BENCH_SEARCH_STEPS=5          open-loop runs of the search for the sustainable rate (bisection below the bound)
#   BENCH_SEARCH_SECONDS=20       length of each search run (quick: 8)
#   BENCH_PROBES=300              visibility probes, one every BENCH_PROBE_INTERVAL (100ms)
#   BENCH_PROBE_POLL=20ms         how often the probes search for their issues
#   BENCH_PROBE_SEARCH=prefix     prefix: one search per poll for the run's newest probe issues; marker: one search per
#                                 poll for each waiting probe's own marker (search load grows with the probes waiting)
#   BENCH_PAUSE_MINUTES=10        catch-up pause (quick: 1)
#   BENCH_DRAIN_TIMEOUT_SECONDS   give up on the catch-up after this long (default 3 x pause + 120)
#   BENCH_CONNECTIONS=64          connections of the load generator
#   BENCH_PORT=18083
#   BENCH_DATA=/tmp/bw-processing-data        server data directory (wiped at start and end)
#   BENCH_SCRATCH=/tmp/bw-processing-scratch  spools and SQLite files of ProcessingBench (wiped at start and end)
#   BENCH_SERVER_JAVA_OPTS        JVM options for the server (default: the ./breakwater launcher's DEFAULT_JAVA_OPTS)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
export JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
QUICK=${BENCH_QUICK:-0}
if [[ "$QUICK" == 1 ]]; then
  EVENTS=20000; RATE_SECONDS=5; PAUSE_MINUTES=1; LEAD=5; WARMUP=5000
else
  EVENTS=1000000; RATE_SECONDS=10; PAUSE_MINUTES=10; LEAD=15; WARMUP=100000
fi
EVENTS=${BENCH_EVENTS:-$EVENTS}
WARMUP=${BENCH_WARMUP_EVENTS:-$WARMUP}
ENGINES=${BENCH_ENGINES:-sqlite,postgresql}
BATCH=${BENCH_BATCH:-1000}
CONTEXT=${BENCH_CONTEXT:-true}
EVENT_IDS=${BENCH_EVENT_IDS:-sequential}
RATE_SECONDS=${BENCH_RATE_SECONDS:-$RATE_SECONDS}
SUSTAINABLE=${BENCH_SUSTAINABLE_RATE:-}
SEARCH_STEPS=${BENCH_SEARCH_STEPS:-5}
SEARCH_SECONDS=${BENCH_SEARCH_SECONDS:-$([[ $QUICK == 1 ]] && echo 8 || echo 20)}
PROBES=${BENCH_PROBES:-300}
PROBE_INTERVAL=${BENCH_PROBE_INTERVAL:-100ms}
PROBE_POLL=${BENCH_PROBE_POLL:-20ms}
PROBE_SEARCH=${BENCH_PROBE_SEARCH:-prefix}
PAUSE_MINUTES=${BENCH_PAUSE_MINUTES:-$PAUSE_MINUTES}
PAUSE_SECONDS=$(awk -v m="$PAUSE_MINUTES" 'BEGIN {printf "%.0f", m * 60}')
DRAIN_TIMEOUT=${BENCH_DRAIN_TIMEOUT_SECONDS:-$((3 * PAUSE_SECONDS + 120))}
CONNS=${BENCH_CONNECTIONS:-64}
PORT=${BENCH_PORT:-18083}
DATA=${BENCH_DATA:-/tmp/bw-processing-data}
SCRATCH=${BENCH_SCRATCH:-/tmp/bw-processing-scratch}
SERVER_OPTS=${BENCH_SERVER_JAVA_OPTS:-$(launcher_java_opts)}
DATE=$(date +%F)
WORK="$ROOT/bench/results/tmp/processing-$(date +%Y%m%dT%H%M%S)"
BENCH_JAR="$ROOT/bench/target/breakwater-bench.jar"
SERVER_JAR="$ROOT/server/target/breakwater.jar"
BASE="http://127.0.0.1:$PORT"

SERVER_PID=""
LOAD_PID=""
TOKEN=""

log() { printf '[processing %s] %s\n' "$(date +%T)" "$*" >&2; }

# Stops only what this script started, by pid.
cleanup() {
  local status=$?
  if [[ -n "$LOAD_PID" ]] && kill -0 "$LOAD_PID" 2>/dev/null; then stop_load; fi
  stop_process "$SERVER_PID"
  rm -rf "$SCRATCH" "$DATA"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# bench CLASS ARGS...: runs one of the bench module's programs
# stop_load: the background load generator; `bench ... &` is a subshell whose child is the JVM, so signal both
# (signalling only the subshell left the JVM sending for the rest of its duration, holding the machine's CPU)
stop_load() {
  pkill -TERM -P "$LOAD_PID" 2>/dev/null || true
  kill -TERM "$LOAD_PID" 2>/dev/null || true
}

bench() {
  local program=$1
  shift
  "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -cp "$BENCH_JAR" "dev.breakwater.bench.$program" "$@"
}

# sample_server_threads FILE: until killed, once a second, the server's CPU by thread name (digits folded, so the
# pool threads add up), as "seconds-since-start name cpu-seconds-since-server-start" lines; one awk over /proc a
# second, so it costs the machine a few milliseconds of CPU a second. Where the catch-up's CPU goes, thread by thread.
sample_server_threads() {
  local out=$1 start=$EPOCHREALTIME tick
  tick=$(getconf CLK_TCK)
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    # comm may hold spaces or parentheses: the fields are read after the last ')'; utime and stime are its 12th
    # and 13th
    awk -v now="$EPOCHREALTIME" -v start="$start" -v tick="$tick" '
      { close_at = 0; for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { close_at = i; break }
        if (close_at == 0) next
        open_at = index($0, "(")
        name = substr($0, open_at + 1, close_at - open_at - 1); gsub(/[0-9]+/, "N", name); gsub(/ /, "_", name)
        split(substr($0, close_at + 2), f, " ")
        cpu[name] += (f[12] + f[13]) / tick }
      END { for (n in cpu) printf "%.1f %s %.2f\n", now - start, n, cpu[n] }' /proc/"$SERVER_PID"/task/*/stat \
      >>"$out" 2>/dev/null || true
    sleep 1
  done
}

# admin METHOD PATH: one call of the server's admin API with the token server_phases set
admin() { curl -fsS -X "$1" -H "Authorization: Bearer $TOKEN" "$BASE$2"; }

# ---------------------------------------------------------------- tools and build
install_tools() {
  local missing=()
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  apt_install "${missing[@]}"
}

build() {
  if [[ "${BENCH_SKIP_BUILD:-0}" == 1 ]]; then
    log "BENCH_SKIP_BUILD=1: using existing jars"
  else
    log "building server and bench (mvn -DskipTests -pl server,bench -am package)"
    if ! (cd "$ROOT" && mvn -q -DskipTests -pl server,bench -am package >"$WORK/build.log" 2>&1); then
      log "build failed: $WORK/build.log"; tail -30 "$WORK/build.log" >&2; exit 1
    fi
  fi
  [[ -f "$BENCH_JAR" ]] || { log "missing $BENCH_JAR"; exit 1; }
}

# ---------------------------------------------------------------- 1. processing throughput
processing() {
  log "1. ProcessingBench: $EVENTS events ($EVENT_IDS ids, $WARMUP-event warm-up), engines $ENGINES, raw batches of $BATCH rows"
  bench ProcessingBench --dir "$SCRATCH" --events "$EVENTS" --engines "$ENGINES" --batch "$BATCH" --context "$CONTEXT" \
    --ids "$EVENT_IDS" --warmup "$WARMUP" --json "$WORK/processing.json" || log "ProcessingBench failed; its bars stay pending"
  rm -rf "$SCRATCH"
}

# ---------------------------------------------------------------- 2. and 3. against the real server
server_unavailable() {
  log "server phases skipped: $1"
  jq -n --arg reason "$1" '{available: false, reason: $reason}' >"$WORK/server.json"
}

server_phases() {
  if [[ ! -f "$SERVER_JAR" ]]; then server_unavailable "no server jar at server/target/breakwater.jar"; return; fi
  rm -rf "$DATA"; mkdir -p "$DATA"
  TOKEN=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  log "starting Breakwater on 127.0.0.1:$PORT (data $DATA, JVM options: ${SERVER_OPTS:-none})"
  # shellcheck disable=SC2086 # options are a word list on purpose
  BREAKWATER_ADMIN_TOKEN="$TOKEN" BREAKWATER_INGEST_RATE_LIMIT_PER_SECOND=0 \
    "$JAVA" $SERVER_OPTS -jar "$SERVER_JAR" server --port "$PORT" --data "$DATA" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local started=$SECONDS ready=""
  for _ in $(seq 1 240); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    if curl -fsS -o /dev/null "$BASE/readyz" 2>/dev/null; then ready=1; break; fi
    sleep 0.25
  done
  if [[ -z "$ready" ]]; then
    tail -20 "$WORK/server.log" >&2 || true
    server_unavailable "the server did not become ready within 60 s (see server.log)"; return
  fi
  local startup=$((SECONDS - started))
  admin GET /api/v1/projects >"$WORK/projects.json"
  local dsn
  dsn=$(jq -r '.items[] | select(.slug == "default") | .keys[0].dsn' "$WORK/projects.json")
  [[ -n "$dsn" && "$dsn" != null ]] || { server_unavailable "the server has no default project with a DSN"; return; }

  # a fresh server's ingest and pipeline are not compiled yet: warm both up first, with the lane running
  log "2. warm-up: LoadGenerator flat out for ${RATE_SECONDS}s, then the pipeline drains it"
  bench LoadGenerator --dsn "$dsn" --connections "$CONNS" --warmup 0s --duration "${RATE_SECONDS}s" \
    --label "warm-up" >/dev/null 2>&1 || true
  bench AwaitDrained --base "$BASE" --token "$TOKEN" --timeout 30m >/dev/null || true
  # the sustainable rate: ingest flat out with the events lane paused (so the pipeline takes no CPU from ingest and
  # everything accepted waits), then the server's own drain of that backlog with nothing sending. Above the
  # processing rate the backlog grows without bound, so the lower of the two is what can be sustained.
  log "2. sustainable rate: LoadGenerator flat out for ${RATE_SECONDS}s, $CONNS connections, events lane paused"
  admin POST /api/v1/lanes/events/pause >/dev/null
  bench LoadGenerator --dsn "$dsn" --connections "$CONNS" --warmup 1s --duration "${RATE_SECONDS}s" \
    --label "flat out" --json "$WORK/rate.json" >&2 || true
  log "   resuming the lane and timing the drain of what was accepted (the server's full processing rate)"
  admin POST /api/v1/lanes/events/resume >/dev/null
  bench AwaitDrained --base "$BASE" --token "$TOKEN" --timeout 30m --json "$WORK/drain.json" >&2 || true
  local ingest processing sustainable basis half upper upper_basis
  ingest=$(jq -r '.measured.acceptedPerSecond // 0' "$WORK/rate.json" 2>/dev/null || echo 0)
  processing=$(jq -r '.processedPerSecond // empty' "$WORK/drain.json" 2>/dev/null || true)
  if [[ -n "$processing" ]] && awk -v p="$processing" -v i="$ingest" 'BEGIN {exit !(p < i)}'; then
    upper=$processing; upper_basis="the processing rate alone, lower than the ingest rate alone"
  else
    upper=$ingest; upper_basis="the ingest rate alone"
  fi
  echo '[]' >"$WORK/search.json"
  if [[ -n "$SUSTAINABLE" ]]; then
    sustainable=$SUSTAINABLE; basis="given as BENCH_SUSTAINABLE_RATE"
  else
    # Ingest and processing share the cores, so each rate measured alone only bounds the sustainable rate from
    # above: at a rate both can take at once the backlog stays flat. Search downwards from the bound.
    sustainable_search "$dsn" "$upper"
    sustainable=$(jq -r '[.[] | select(.sustained) | .rate] | max // empty' "$WORK/search.json")
    if [[ -z "$sustainable" ]]; then
      sustainable=$(jq -r '[.[] | .rate] | min' "$WORK/search.json"); basis="the lowest rate searched (no rate searched was sustained)"
    else
      basis="the highest rate searched that was taken in full with the backlog flat, ingest and processing running together"
    fi
  fi
  half=$(awk -v s="$sustainable" 'BEGIN {printf "%.0f", s / 2}')
  if ! awk -v h="$half" 'BEGIN {exit !(h > 0)}'; then
    server_unavailable "no sustainable rate: the flat-out phase accepted nothing"; stop_server; return
  fi
  log "   sustainable ${sustainable}/s ($basis); background load at ${half}/s"

  log "2. end to end: $PROBES probes every $PROBE_INTERVAL under ${half}/s"
  local probe_ms e2e_seconds
  probe_ms=$(awk -v p="$PROBE_INTERVAL" 'BEGIN {v = p + 0; if (p ~ /ms$/) print v; else if (p ~ /s$/) print v * 1000; else print v * 1000}')
  e2e_seconds=$(awk -v n="$PROBES" -v ms="$probe_ms" 'BEGIN {printf "%.0f", 5 + n * ms / 1000 + 15}')
  bench LoadGenerator --dsn "$dsn" --connections "$CONNS" --warmup 0s --duration "${e2e_seconds}s" --rate "$half" \
    --label "half load, visibility" --json "$WORK/e2e-load.json" >"$WORK/e2e-load.txt" 2>&1 &
  LOAD_PID=$!
  bench VisibilityProbe --base "$BASE" --dsn "$dsn" --token "$TOKEN" --probes "$PROBES" --interval "$PROBE_INTERVAL" \
    --poll "$PROBE_POLL" --search "$PROBE_SEARCH" --warmup 5s --timeout 30s --json "$WORK/visibility.json" >&2 || true
  wait "$LOAD_PID" 2>/dev/null || true
  LOAD_PID=""
  sed 's/^/  /' "$WORK/e2e-load.txt" >&2 || true
  bench AwaitDrained --base "$BASE" --token "$TOKEN" --timeout 10m >/dev/null || true

  log "3. catch-up: ${LEAD}s lead-in, pause ${PAUSE_SECONDS}s, then drain (at most ${DRAIN_TIMEOUT}s), all under ${half}/s"
  local catchup_seconds=$((LEAD + PAUSE_SECONDS + DRAIN_TIMEOUT + 30))
  bench LoadGenerator --dsn "$dsn" --connections "$CONNS" --warmup 0s --duration "${catchup_seconds}s" --rate "$half" \
    --label "half load, catch-up" >"$WORK/catchup-load.txt" 2>&1 &
  LOAD_PID=$!
  sample_server_threads "$WORK/catchup-threads.txt" &
  local sampler=$!
  bench CatchUpBench --base "$BASE" --token "$TOKEN" --lead "${LEAD}s" --pause "${PAUSE_SECONDS}s" --eta-after 5s \
    --drain-timeout "${DRAIN_TIMEOUT}s" --json "$WORK/catchup.json" >&2 || true
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  # the background load runs for a fixed time sized for the slowest drain; it has done its job
  stop_load
  wait "$LOAD_PID" 2>/dev/null || true
  LOAD_PID=""

  jq -n --arg opts "$SERVER_OPTS" --argjson startup "$startup" --arg dsn "$dsn" --argjson ingest "$ingest" \
    --arg processing "$processing" --argjson sustainable "$sustainable" --arg basis "$basis" --argjson half "$half" \
    --argjson upper "$upper" --arg upperBasis "$upper_basis" --slurpfile search "$WORK/search.json" \
    '{available: true, javaOpts: $opts, startupSeconds: $startup, dsn: $dsn, engine: "sqlite", ingestPerSecond: $ingest,
      processingPerSecond: (if $processing == "" then null else ($processing | tonumber) end),
      upperBoundPerSecond: $upper, upperBoundBasis: $upperBasis, search: $search[0],
      sustainablePerSecond: $sustainable, sustainableBasis: $basis, halfRatePerSecond: $half}' >"$WORK/server.json"
  stop_server
}

events_backlog() {
  admin GET /api/v1/pipeline | jq -r '.lanes[] | select(.name == "events") | .backlogRecords'
}

# sustainable_search DSN UPPER: open-loop load at UPPER, then bisects (SEARCH_STEPS runs of SEARCH_SECONDS each, the
# backlog drained between runs) for the highest rate that is sustained: accepted within 5 % of the offer, and the backlog
# not grown by more than one second of arrivals over the run; appends one object per run to $WORK/search.json
sustainable_search() {
  local dsn=$1 upper=$2 lo=0 hi rate step before after grew accepted sustained
  hi=$(awk -v u="$upper" 'BEGIN {printf "%.0f", u}')
  rate=$hi
  for step in $(seq 1 "$SEARCH_STEPS"); do
    bench AwaitDrained --base "$BASE" --token "$TOKEN" --timeout 10m >/dev/null || true
    before=$(events_backlog)
    bench LoadGenerator --dsn "$dsn" --connections "$CONNS" --warmup 0s --duration "${SEARCH_SECONDS}s" --rate "$rate" \
      --label "search at $rate/s" --json "$WORK/search-$step.json" >/dev/null 2>&1 || true
    after=$(events_backlog)
    accepted=$(jq -r '.measured.acceptedPerSecond // 0' "$WORK/search-$step.json" 2>/dev/null || echo 0)
    grew=$(awk -v b="$before" -v a="$after" -v r="$rate" 'BEGIN {print (a - b > r && a - b > 2000) ? "true" : "false"}')
    # a rate is sustained only when it was actually taken: accepted within 5 % of what was offered, and the backlog
    # flat (the load generator's accepted/s falls short when the server refuses or answers too slowly)
    sustained=$(awk -v g="$grew" -v acc="$accepted" -v r="$rate" 'BEGIN {print (g == "false" && acc >= 0.95 * r) ? "true" : "false"}')
    log "   search $step: ${rate}/s for ${SEARCH_SECONDS}s, accepted ${accepted}/s, backlog $before -> $after (grew: $grew, sustained: $sustained)"
    jq --argjson rate "$rate" --argjson before "$before" --argjson after "$after" --argjson grew "$grew" \
      --argjson accepted "$accepted" --argjson sustained "$sustained" '. + [{rate: $rate, backlogBefore: $before,
      backlogAfter: $after, grew: $grew, acceptedPerSecond: $accepted, sustained: $sustained}]' "$WORK/search.json" >"$WORK/search.tmp" && mv "$WORK/search.tmp" "$WORK/search.json"
    if [[ $sustained == true ]]; then
      [[ $rate == "$hi" ]] && break  # the upper bound itself is sustainable
      lo=$rate
    else
      hi=$rate
    fi
    rate=$(( (lo + hi) / 2 ))
    (( rate > 0 )) || break
  done
  bench AwaitDrained --base "$BASE" --token "$TOKEN" --timeout 10m >/dev/null || true
}

stop_server() {
  log "stopping Breakwater (SIGTERM)"
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# ---------------------------------------------------------------- main
mkdir -p "$WORK"
log "work directory $WORK (quick=$QUICK, load average $(cut -d' ' -f1-3 /proc/loadavg))"
install_tools
build

jq -n --argjson quick "$([[ $QUICK == 1 ]] && echo true || echo false)" --argjson events "$EVENTS" \
  --arg engines "$ENGINES" --argjson batch "$BATCH" --argjson rateSeconds "$RATE_SECONDS" \
  --argjson probes "$PROBES" --arg interval "$PROBE_INTERVAL" --arg poll "$PROBE_POLL" --arg search "$PROBE_SEARCH" \
  --argjson pause "$PAUSE_SECONDS" --argjson drainTimeout "$DRAIN_TIMEOUT" --argjson conns "$CONNS" \
  --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" --arg opts "$SERVER_OPTS" \
  '{quick: $quick, events: $events, engines: $engines, batchRows: $batch, rateSeconds: $rateSeconds, probes: $probes,
    probeInterval: $interval, probePoll: $poll, probeSearch: $search, pauseSeconds: $pause, drainTimeoutSeconds: $drainTimeout,
    connections: $conns, serverJavaOpts: $opts, loadAverageAtStart: $load}' >"$WORK/params.json"

processing
server_phases

if [[ "$QUICK" == 1 ]]; then
  RESULTS="$ROOT/bench/results/$DATE-processing-quick.json"
  MARKDOWN="$WORK/BENCHMARKS.md"
else
  RESULTS="$ROOT/bench/results/$DATE-processing.json"
  MARKDOWN="$ROOT/BENCHMARKS.md"
fi
log "summarising into ${RESULTS#"$ROOT"/} and ${MARKDOWN#"$ROOT"/}"
mkdir -p "$DATA"
bench ProcessingSummary --work "$WORK" --out "$RESULTS" --markdown "$MARKDOWN" --data "$DATA" --date "$DATE"
log "done; raw outputs in $WORK"
