#!/usr/bin/env bash
# xvfb-run for the tests, without xvfb-run's two races.
# 1. Xvfb tells xvfb-run it is ready with SIGUSR1, and sends it again at every server reset, that is
#    when its last client (the command) disconnects: just as xvfb-run cleans up. A trapped signal
#    arriving while dash runs a command of the EXIT trap makes that command look failed, so
#    xvfb-run prints "problem while cleaning up temporary directory", exits 5 instead of the
#    command's status and leaves its Xvfb running.
# 2. xvfb-run -a takes the first display number without a /tmp/.X*-lock file, then starts Xvfb on
#    it: two started at the same moment (ctest -j, or another checkout's tests on this machine) can
#    take the same number, and Xvfb's lock file does not always stop the second server.
# Here Xvfb picks the number itself (-displayfd: the first whose sockets it alone can bind) and
# writes it to a pipe once it accepts connections; no signals. Its output goes to a log, printed
# only when it fails to start; it is stopped before its directory is removed.
#
#   tests/support/xvfb_run.sh [-a] [-s "XVFB ARGUMENTS"] COMMAND [ARGUMENT...]
#
# The options are xvfb-run's (-a is accepted: the number is always chosen so). The exit status is
# COMMAND's, or 1 when Xvfb does not start. Needs Xvfb and xauth (Debian packages xvfb, xauth).
set -euo pipefail

server_args="-screen 0 1280x1024x24"
while [ $# -gt 0 ]; do
  case $1 in
    -a) shift ;;
    -s) server_args=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "xvfb_run.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "usage: xvfb_run.sh [-a] [-s \"XVFB ARGUMENTS\"] COMMAND [ARGUMENT...]" >&2
  exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/optviz-xvfb.XXXXXX")
server=
# shellcheck disable=SC2317  # called by the EXIT trap
stop() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# A cookie, so that only this command's clients use the server. The server accepts every cookie of
# its file whatever display an entry names; a client looks for the entry that names its display.
cookie=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
touch "$dir/auth"
xauth -q -f "$dir/auth" add :0 . "$cookie"
mkfifo "$dir/display"
# shellcheck disable=SC2086  # the server's arguments are words, as xvfb-run takes them
Xvfb -displayfd 3 $server_args -nolisten tcp -auth "$dir/auth" 3>"$dir/display" >"$dir/log" 2>&1 &
server=$!
number=
read -r number <"$dir/display" || true
if ! [[ $number =~ ^[0-9]+$ ]]; then
  echo "xvfb_run.sh: Xvfb did not start:" >&2
  cat "$dir/log" >&2
  exit 1
fi
xauth -q -f "$dir/auth" add ":$number" . "$cookie"

status=0
DISPLAY=":$number" XAUTHORITY="$dir/auth" "$@" || status=$?
exit $status
