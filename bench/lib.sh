# Shell functions both benchmark scripts use; sourced by bench/run.sh and bench/processing.sh.

# stop_process PID [SIGNAL]: asks the process to stop (TERM by default), waits up to 20 s, then kills it.
stop_process() {
  local pid=$1 signal=${2:-TERM}
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

# launcher_java_opts: the JVM options ./breakwater starts the server with when JAVA_OPTS is not set, read from its
# DEFAULT_JAVA_OPTS line, so that a benchmark measures the server as users run it; fails when the line is missing
# (a server left to the JVM's own heap sizing would take a quarter of the machine's memory and void the RSS bar).
launcher_java_opts() {
  local opts
  opts=$(sed -n 's/^DEFAULT_JAVA_OPTS="\(.*\)"$/\1/p' "$ROOT/breakwater")
  if [[ -z "$opts" ]]; then
    echo "no DEFAULT_JAVA_OPTS=\"...\" line in $ROOT/breakwater; set BENCH_SERVER_JAVA_OPTS" >&2
    return 1
  fi
  echo "$opts"
}

# apt_install PACKAGE...: installs the packages named (nothing when none), quietly.
apt_install() {
  (($#)) || return 0
  log "installing $* with apt-get"
  apt-get update -qq
  # the Debian nginx package may try to start a system nginx; policy-rc.d keeps it from doing so where present
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
