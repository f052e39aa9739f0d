# Shell functions both benchmark scripts use; sourced by bench/run.sh and bench/processing.sh.

# stop_process PID [SIGNAL]: asks the process to stop (TERM by default), waits up to 20 s, then kills it.
stop_process() {
  local pid=$1 signal=${2:-TERM}
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

# apt_install PACKAGE...: installs the packages named (nothing when none), quietly.
apt_install() {
  (($#)) || return 0
  log "installing $* with apt-get"
  apt-get update -qq
  # the Debian nginx package may try to start a system nginx; policy-rc.d keeps it from doing so where present
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
