#!/usr/bin/env bash
# Breakwater benchmarks, all ceilings and the server measured in one run on this machine (127.0.0.1 only):
#   (a) nginx reading each body and answering 200: the machine's HTTP ceiling (wrk, same bodies and connections)
#   (a2) the Netty probe (bench/netty): the same hot path on a leaner HTTP server, "hello" (read the body, 200) and
#       "full" (auth, gunzip, envelope parse, durable append, 200 after the fsync), wrk as in (a)
#   (b2) SpoolGroupCommitBench: the spool's group commit with 1..256 appenders, taking turns in half-second slices
#   (b) with the raw append + fdatasync loop (FsyncCeiling) at the records per force of the spool slice before: the
#       disk ceiling at the same batch size; then the raw loop alone at B = appenders, for context
#   (c) Breakwater: wrk with the same script and connections, then the LoadGenerator (unique event ids, ack latency)
#   (d) overload: the LoadGenerator open-loop at 3x the sustainable rate, server RSS sampled every second,
#       then the server is stopped and `spool stats` must hold at least every acknowledged request
#   (d2) the overload's control: the same open-loop load against nginx refusing every request at once with 429,
#       to tell a server that holds the excess from a machine that cannot offer it
# Writes bench/results/<YYYY-MM-DD>.json and regenerates the table in BENCHMARKS.md. See BENCHMARKS.md.
#
# Environment (all optional):
#   BENCH_QUICK=1                 ~2-minute smoke run with short phases; writes bench/results/<date>-quick.json and
#                                 leaves BENCHMARKS.md alone, so a smoke run never replaces the published numbers
#   BENCH_JAVA_HOME               JDK to build and run with (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   BENCH_SKIP_BUILD=1            use the jars already in server/target and bench/target
#   BENCH_CONNECTIONS=64          connections for the wrk and flat-out phases
#   BENCH_WRK_THREADS=2           wrk threads
#   BENCH_DURATION=30             seconds of each measured HTTP phase (quick: 8)
#   BENCH_DISK_SECONDS=5          seconds per batch size / appender count in (b) and (b2) (quick: 1)
#   BENCH_OVERLOAD_FACTOR=3       overload rate as a multiple of the flat-out accepted rate
#   BENCH_OVERLOAD_SECONDS=60     length of the overload phase (quick: 20)
#   BENCH_OVERLOAD_CONNECTIONS=4096  the server's http.max-connections, so RSS is measured with as many connections
#                                 as it serves (and a server that queues needs many to be offered 3x)
#   BENCH_RSS_LIMIT_MB=512
#   BENCH_PORT=18080 BENCH_NGINX_PORT=18081 BENCH_NETTY_PORT=18082
#   BENCH_NETTY=1                 measure the Netty probe in (a2); 0 leaves it out
#   BENCH_DATA=/tmp/bw-bench-data        server data directory (wiped at start)
#   BENCH_SCRATCH=/tmp/bw-bench-scratch  files for the disk benchmarks (wiped at start and end)
#   BENCH_SERVER_JAVA_OPTS        JVM options for the server (default: the ./breakwater launcher's DEFAULT_JAVA_OPTS)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
export JAVA_HOME=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
QUICK=${BENCH_QUICK:-0}
if [[ "$QUICK" == 1 ]]; then
  D_HTTP=8; D_WARM=3; D_DISK=1; D_OVER=20; D_LARGE=4
else
  D_HTTP=30; D_WARM=10; D_DISK=5; D_OVER=60; D_LARGE=15
fi
D_HTTP=${BENCH_DURATION:-$D_HTTP}
D_DISK=${BENCH_DISK_SECONDS:-$D_DISK}
D_OVER=${BENCH_OVERLOAD_SECONDS:-$D_OVER}
CONNS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
OVER_FACTOR=${BENCH_OVERLOAD_FACTOR:-3}
OVER_CONNS=${BENCH_OVERLOAD_CONNECTIONS:-4096}
RSS_LIMIT=${BENCH_RSS_LIMIT_MB:-512}
PORT=${BENCH_PORT:-18080}
NGINX_PORT=${BENCH_NGINX_PORT:-18081}
NETTY_PORT=${BENCH_NETTY_PORT:-18082}
NETTY=${BENCH_NETTY:-1}
DATA=${BENCH_DATA:-/tmp/bw-bench-data}
SCRATCH=${BENCH_SCRATCH:-/tmp/bw-bench-scratch}
# the server is measured as ./breakwater starts it: with the launcher's bounded heap
SERVER_OPTS=${BENCH_SERVER_JAVA_OPTS:-$(launcher_java_opts)}
DATE=$(date +%F)
WORK="$ROOT/bench/results/tmp/run-$(date +%Y%m%dT%H%M%S)"
BENCH_JAR="$ROOT/bench/target/breakwater-bench.jar"
SERVER_JAR="$ROOT/server/target/breakwater.jar"

NGINX_PID=""
SERVER_PID=""
PROBE_PID=""
SAMPLER_PID=""

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

# Stops only what this script started, by pid.
cleanup() {
  local status=$?
  [[ -n "$SAMPLER_PID" ]] && kill "$SAMPLER_PID" 2>/dev/null || true
  stop_process "$SERVER_PID"
  stop_process "$PROBE_PID"
  stop_process "$NGINX_PID" QUIT
  rm -rf "$SCRATCH"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# bench CLASS ARGS...: runs one of the bench module's programs
bench() {
  local program=$1
  shift
  "$JAVA" -cp "$BENCH_JAR" "dev.breakwater.bench.$program" "$@"
}

# wrk_run NAME URL DURATION KEY: wrk with the corpus script; the WRK_JSON line goes to $WORK/NAME.json
wrk_run() {
  local name=$1 url=$2 duration=$3 key=$4
  BENCH_BODIES="$WORK/bodies" BENCH_SENTRY_KEY="$key" \
    wrk -t"$WRK_THREADS" -c"$CONNS" -d"${duration}s" --timeout 10s --latency \
      -s "$ROOT/bench/wrk/envelopes.lua" "$url" >"$WORK/$name.txt" 2>&1 || true
  sed -n 's/^WRK_JSON //p' "$WORK/$name.txt" >"$WORK/$name.json"
  grep -E 'Requests/sec|Non-2xx|Socket errors' "$WORK/$name.txt" | sed "s/^/  $name: /" >&2 || true
}

# ---------------------------------------------------------------- tools and build
install_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  [[ -f /usr/lib/nginx/modules/ngx_http_echo_module.so ]] || missing+=(libnginx-mod-http-echo)
  command -v wrk >/dev/null || missing+=(wrk)
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
      log "server build failed (see $WORK/build.log); building bench alone against the installed spool"
      SERVER_BUILD_FAILED=1
      (cd "$ROOT" && mvn -q -DskipTests -pl bench package >>"$WORK/build.log" 2>&1) || {
        log "bench build failed: $WORK/build.log"; tail -30 "$WORK/build.log" >&2; exit 1; }
    fi
  fi
  [[ -f "$BENCH_JAR" ]] || { log "missing $BENCH_JAR"; exit 1; }
}

# ---------------------------------------------------------------- (a) nginx ceiling
nginx_start() {
  local dir="$WORK/nginx"
  mkdir -p "$dir/nginx-tmp"
  sed -e "s|@WORK@|$dir|g" -e "s|@PORT@|$NGINX_PORT|g" "$ROOT/bench/wrk/nginx.conf.template" >"$dir/nginx.conf"
  nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' >>"$dir/stdout.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break; sleep 0.1; done
}

nginx_stop() {
  kill -QUIT "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true
  NGINX_PID=""
}

nginx_ceiling() {
  log "(a) nginx HTTP ceiling: wrk -t$WRK_THREADS -c$CONNS -d${D_HTTP}s"
  local dir="$WORK/nginx"
  nginx_start
  # proof that the handler reads the whole body: the same directive in /__echo_body sends it back byte for byte
  curl -sS -o "$dir/echo.bin" --data-binary @"$WORK/bodies/body-00000.bin" \
    -H 'Content-Type: application/x-sentry-envelope' -H 'Content-Encoding: gzip' \
    "http://127.0.0.1:$NGINX_PORT/__echo_body"
  cmp -s "$dir/echo.bin" "$WORK/bodies/body-00000.bin" || { log "nginx did not read the body back intact"; exit 1; }
  wrk_run nginx-warmup "http://127.0.0.1:$NGINX_PORT/api/1/envelope/" 3 bench
  wrk_run nginx-wrk "http://127.0.0.1:$NGINX_PORT/api/1/envelope/" "$D_HTTP" bench
  nginx_stop
}

# ---------------------------------------------------------------- (a2) a leaner front: the Netty probe
# The durable-ack bar asks, when the chosen server cannot reach it, for a leaner server measured in the same run.
netty_probe() {
  [[ "$NETTY" == 1 ]] || { log "(a2) Netty probe skipped (BENCH_NETTY=$NETTY)"; return; }
  local mode
  for mode in hello full; do
    log "(a2) Netty probe, mode $mode: wrk -t$WRK_THREADS -c$CONNS, 3s warm-up, then ${D_HTTP}s"
    rm -rf "$SCRATCH/netty-$mode"
    # shellcheck disable=SC2086 # options are a word list on purpose
    "$JAVA" $SERVER_OPTS --enable-native-access=ALL-UNNAMED -cp "$BENCH_JAR" dev.breakwater.bench.netty.NettyIngestProbe \
      --mode "$mode" --data "$SCRATCH/netty-$mode" --port "$NETTY_PORT" --key bench --project 1 \
      >"$WORK/netty-$mode.log" 2>&1 &
    PROBE_PID=$!
    local ready=""
    for _ in $(seq 1 100); do
      kill -0 "$PROBE_PID" 2>/dev/null || break
      grep -q 'NettyIngestProbe ready' "$WORK/netty-$mode.log" 2>/dev/null && { ready=1; break; }
      sleep 0.1
    done
    if [[ -z "$ready" ]]; then
      log "(a2) the Netty probe did not start (see $WORK/netty-$mode.log)"
      stop_process "$PROBE_PID"; PROBE_PID=""
      continue
    fi
    wrk_run "netty-$mode-warmup" "http://127.0.0.1:$NETTY_PORT/api/1/envelope/" 3 bench
    wrk_run "netty-$mode" "http://127.0.0.1:$NETTY_PORT/api/1/envelope/" "$D_HTTP" bench
    stop_process "$PROBE_PID"; PROBE_PID=""
  done
  rm -rf "$SCRATCH/netty-hello" "$SCRATCH/netty-full"
}

# ---------------------------------------------------------------- (b) disk ceilings
disk() {
  rm -rf "$SCRATCH"; mkdir -p "$SCRATCH"
  log "(b2)+(b) spool group commit in turns with the raw fdatasync loop at the same batch size, ${D_DISK}s each"
  # T closed-loop appenders share forces about T/2 at a time (half wait on the running force while the other half
  # queue the next batch), so the raw loop runs at the records per force the spool formed ("the same batch size"),
  # in slices alternating with the spool's so that both see the same disk and neighbours, then alone at B = T
  bench SpoolGroupCommitBench --dir "$SCRATCH/spool" --seconds "${D_DISK}s" --json "$WORK/spool.json" \
    --raw-json "$WORK/fsync.json" >&2 || true
  if ! jq -e '.available' "$WORK/spool.json" >/dev/null 2>&1; then
    log "(b) raw fdatasync ceiling alone, ${D_DISK}s per batch size"
    bench FsyncCeiling --dir "$SCRATCH/fsync" --seconds "${D_DISK}s" --json "$WORK/fsync.json" >&2
  fi
  rm -rf "$SCRATCH"
}

# ---------------------------------------------------------------- (c) + (d) Breakwater
breakwater_unavailable() {
  log "Breakwater phases skipped: $1"
  jq -n --arg reason "$1" '{available: false, reason: $reason}' >"$WORK/breakwater.json"
}

sample_rss() {
  while kill -0 "$SERVER_PID" 2>/dev/null; do
    awk -v t="$(date +%s)" '/^VmRSS:/ {r=$2} /^VmHWM:/ {h=$2} END {if (r) print t, r, h}' "/proc/$SERVER_PID/status" 2>/dev/null || true
    sleep 1
  done
}

breakwater() {
  if [[ -n "${SERVER_BUILD_FAILED:-}" ]]; then breakwater_unavailable "the server did not build in this checkout"; return; fi
  if [[ ! -f "$SERVER_JAR" ]]; then breakwater_unavailable "no server jar at server/target/breakwater.jar"; return; fi
  rm -rf "$DATA"; mkdir -p "$DATA"
  log "(c) starting Breakwater on 127.0.0.1:$PORT (data $DATA, JVM options: ${SERVER_OPTS:-none})"
  # shellcheck disable=SC2086 # options are a word list on purpose
  BREAKWATER_INGEST_RATE_LIMIT_PER_SECOND=0 "$JAVA" $SERVER_OPTS -jar "$SERVER_JAR" server --port "$PORT" --data "$DATA" \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local started=$SECONDS ready=""
  for _ in $(seq 1 240); do
    kill -0 "$SERVER_PID" 2>/dev/null || break
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null && [[ -s "$DATA/admin-token" ]]; then ready=1; break; fi
    sleep 0.25
  done
  if [[ -z "$ready" ]]; then
    tail -20 "$WORK/server.log" >&2 || true
    breakwater_unavailable "the server did not become ready within 60 s (see server.log)"; return
  fi
  local startup=$((SECONDS - started))
  curl -fsS -H "Authorization: Bearer $(tr -d '[:space:]' <"$DATA/admin-token")" \
    "http://127.0.0.1:$PORT/api/v1/projects" >"$WORK/projects.json"
  # this run measures ingest: the pipeline would otherwise process the same events on the same 2 cores (processing is
  # measured by bench/processing.sh); the paused lane keeps every record in the spool for the durability check
  curl -fsS -X POST -H "Authorization: Bearer $(tr -d '[:space:]' <"$DATA/admin-token")" \
    "http://127.0.0.1:$PORT/api/v1/lanes/events/pause" >"$WORK/pause.json"
  local dsn key project
  dsn=$(jq -r '.items[0].keys[0].dsn' "$WORK/projects.json")
  key=$(jq -r '.items[0].keys[0].publicKey' "$WORK/projects.json")
  project=${dsn##*/}
  local url="http://127.0.0.1:$PORT/api/$project/envelope/"
  local probe
  probe=$(curl -sS -o "$WORK/probe.txt" -w '%{http_code}' --data-binary @"$WORK/bodies/body-00000.bin" \
    -H 'Content-Type: application/x-sentry-envelope' -H 'Content-Encoding: gzip' \
    -H "X-Sentry-Auth: Sentry sentry_version=7, sentry_client=bench/1.0, sentry_key=$key" "$url")
  if [[ "$probe" != 200 ]]; then
    breakwater_unavailable "a corpus envelope was answered $probe, not 200: $(head -c 300 "$WORK/probe.txt")"; return
  fi
  local phases=()

  log "(c) wrk against Breakwater: ${D_WARM}s warm-up, then ${D_HTTP}s"
  wrk_run bw-wrk-warmup "$url" "$D_WARM" "$key"; phases+=(wrk-warmup)
  wrk_run bw-wrk "$url" "$D_HTTP" "$key"; phases+=(wrk)

  log "(c) LoadGenerator flat out, $CONNS connections, ${D_HTTP}s"
  bench LoadGenerator --dsn "$dsn" --connections "$CONNS" --warmup 5s --duration "${D_HTTP}s" \
    --label "flat out" --json "$WORK/bw-load.json" >&2 || true
  phases+=(load)
  log "(c) LoadGenerator flat out with ~50 KB events, ${D_LARGE}s"
  bench LoadGenerator --dsn "$dsn" --connections "$CONNS" --warmup 2s --duration "${D_LARGE}s" --size large \
    --templates 128 --label "flat out, large" --json "$WORK/bw-load-large.json" >&2 || true
  phases+=(load-large)

  local sustainable rate=""
  sustainable=$(jq -r '.measured.acceptedPerSecond // 0' "$WORK/bw-load.json" 2>/dev/null || echo 0)
  local overload_reason=""
  if awk -v s="$sustainable" 'BEGIN {exit !(s > 0)}'; then
    rate=$(awk -v s="$sustainable" -v f="$OVER_FACTOR" 'BEGIN {printf "%.0f", s * f}')
    log "(d) overload: ${OVER_FACTOR}x ${sustainable}/s = ${rate}/s open loop for ${D_OVER}s, $OVER_CONNS connections"
    sample_rss >"$WORK/rss.txt" &
    SAMPLER_PID=$!
    bench LoadGenerator --dsn "$dsn" --connections "$OVER_CONNS" --threads virtual --warmup 0s --duration "${D_OVER}s" --rate "$rate" \
      --timeout 30s --label overload --json "$WORK/bw-overload.json" >&2 || true
    phases+=(overload)
    kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
  else
    overload_reason="no sustainable rate: the flat-out LoadGenerator phase accepted nothing"
    log "(d) skipped: $overload_reason"
  fi

  log "stopping Breakwater (SIGTERM) and reading spool stats"
  kill -TERM "$SERVER_PID"
  local stopped=""
  for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || { stopped=1; break; }; sleep 0.2; done
  if [[ -z "$stopped" ]]; then
    log "server still running 60 s after SIGTERM: killing it (the spool must still hold every acknowledged record)"
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
  "$JAVA" -jar "$SERVER_JAR" spool stats --data "$DATA" >"$WORK/spool-stats.json" 2>"$WORK/spool-stats.err" || true
  jq -c '.lanes[]? | select(.lane == "events")' "$WORK/spool-stats.json" 2>/dev/null | sed 's/^/  spool stats: /' >&2 || true

  jq -n --arg opts "$SERVER_OPTS" --argjson startup "$startup" --argjson clean "$([[ -n $stopped ]] && echo true || echo false)" \
    --arg rate "$rate" --arg reason "$overload_reason" --arg phases "${phases[*]}" --arg dsn "$dsn" \
    '{available: true, javaOpts: $opts, startupSeconds: $startup, stoppedCleanly: $clean, dsn: $dsn,
      overloadRatePerSecond: (if $rate == "" then null else ($rate | tonumber) end),
      overloadReason: (if $reason == "" then null else $reason end),
      phases: ($phases | split(" "))}' >"$WORK/breakwater.json"
}

# ---------------------------------------------------------------- (d2) the overload's control
# The refusal bar needs the excess offered, and the load generator shares the 2 cores with whatever it loads. So the
# overload phase's load runs once more, same rate, connections and threads, against nginx refusing every request at
# once with 429 + Retry-After: the rate this machine can offer to a server whose refusals cost nothing. When even
# that falls short of the target, the bar cannot be judged here, whatever the server does.
refusal_control() {
  local rate seconds
  rate=$(jq -r '.overloadRatePerSecond // empty' "$WORK/breakwater.json" 2>/dev/null || true)
  if [[ -z "$rate" ]]; then log "(d2) skipped: the overload phase did not run"; return; fi
  seconds=$(( D_OVER < 20 ? D_OVER : 20 ))
  log "(d2) control: the same load, ${rate}/s open loop on $OVER_CONNS connections for ${seconds}s, against nginx answering 429 at once"
  nginx_start
  bench LoadGenerator --dsn "http://bench@127.0.0.1:$NGINX_PORT/refuse/1" --connections "$OVER_CONNS" --threads virtual \
    --warmup 0s --duration "${seconds}s" --rate "$rate" --timeout 30s --label refusal-control \
    --json "$WORK/refusal-control.json" >&2 || true
  nginx_stop
}

# ---------------------------------------------------------------- main
mkdir -p "$WORK"
log "work directory $WORK (quick=$QUICK, load average $(cut -d' ' -f1-3 /proc/loadavg))"
install_tools
build
log "writing the corpus: 2000 regular envelopes"
bench EnvelopeCorpus --out "$WORK/bodies" --count 2000 >&2
cp "$WORK/bodies/corpus.json" "$WORK/corpus.json"

jq -n --argjson quick "$([[ $QUICK == 1 ]] && echo true || echo false)" --argjson conns "$CONNS" \
  --argjson threads "$WRK_THREADS" --argjson http "$D_HTTP" --argjson disk "$D_DISK" --argjson over "$D_OVER" \
  --argjson factor "$OVER_FACTOR" --argjson overConns "$OVER_CONNS" --argjson rss "$RSS_LIMIT" \
  --arg nginx "$(nginx -v 2>&1)" --arg wrk "$(wrk -v 2>&1 | head -1)" --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
  '{quick: $quick, connections: $conns, wrkThreads: $threads, httpSeconds: $http, diskSecondsPerStep: $disk,
    overloadSeconds: $over, overloadFactor: $factor, overloadConnections: $overConns, rssLimitMb: $rss,
    nginx: $nginx, wrk: $wrk, loadAverageAtStart: $load}' >"$WORK/params.json"

nginx_ceiling
netty_probe
disk
breakwater
refusal_control

if [[ "$QUICK" == 1 ]]; then
  RESULTS="$ROOT/bench/results/$DATE-quick.json"
  MARKDOWN="$WORK/BENCHMARKS.md"
else
  RESULTS="$ROOT/bench/results/$DATE.json"
  MARKDOWN="$ROOT/BENCHMARKS.md"
fi
log "summarising into ${RESULTS#"$ROOT"/} and ${MARKDOWN#"$ROOT"/}"
bench RunSummary --work "$WORK" --out "$RESULTS" --markdown "$MARKDOWN" --data "$DATA" --date "$DATE"
rm -rf "$DATA"
log "done; raw outputs in $WORK"
