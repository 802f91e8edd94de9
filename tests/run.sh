#!/usr/bin/env bash
# Runs every test project. First installs, when missing, what the tests need from Debian/Ubuntu:
# Chromium (browser tests), Noto CJK fonts (Japanese in screenshots), MeCab with IPADIC (search),
# aiosmtpd (the SMTP server the mail tests send to), Redis (the chat backplane across two instances) and PostgreSQL
# (the integration tests run a second time on it). (No "grep -q" after a pipe: with pipefail, the writer cut off by
# grep's early exit would count as a failure.)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ -z "${HELPCENTER_CHROMIUM:-}" ] && ! [ -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! fc-list 2>/dev/null | grep "Noto Sans CJK" >/dev/null; then missing+=(fonts-noto-cjk fontconfig); fi
if ! ldconfig -p 2>/dev/null | grep "libmecab.so.2" >/dev/null; then missing+=(libmecab2); fi
if ! [ -d /var/lib/mecab/dic/ipadic-utf8 ]; then missing+=(mecab-ipadic-utf8); fi
if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then missing+=(python3-aiosmtpd); fi
if ! [ -x /usr/bin/redis-server ]; then missing+=(redis-server); fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

log="$(mktemp)"
cleanup=('rm -f "$log"')
trap 'for step in "${cleanup[@]}"; do eval "$step" || true; done' EXIT

# --- Redis for the run (issue 18): one redis-server on loopback, no persistence, in a temp dir; tests that need Redis
# read HELPCENTER_TEST_REDIS (host:port) and start their own when it is missing. Stopped by the trap above.
if [ -z "${HELPCENTER_TEST_REDIS:-}" ]; then
  redis_dir="$(mktemp -d)"
  redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  /usr/bin/redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$redis_dir" \
    --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log"
  cleanup+=('kill "$(cat "$redis_dir/redis.pid" 2>/dev/null)" 2>/dev/null; rm -rf "$redis_dir"')
  for _ in $(seq 1 50); do
    if /usr/bin/redis-cli -p "$redis_port" ping >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  export HELPCENTER_TEST_REDIS="127.0.0.1:$redis_port"
  echo "Redis for the tests on $HELPCENTER_TEST_REDIS"
fi
# --- end Redis

# --- PostgreSQL for the run (issue 18): a throw-away cluster on loopback in a temp dir, no service (postgres refuses
# to run as root: then it runs as the postgres user the Debian package creates, or nobody). Durability is off: the
# data dies with the run. Integration tests run a second time on it (HELPCENTER_TEST_POSTGRES). Stopped by the trap.
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pg_dir="$(mktemp -d)"
pg_as=""
if [ "$(id -u)" -eq 0 ]; then
  pg_user=postgres; id -u postgres >/dev/null 2>&1 || pg_user=nobody
  chown "$pg_user" "$pg_dir"
  pg_as="runuser -u $pg_user --"
fi
pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
$pg_as "$pg_bin/initdb" -D "$pg_dir/data" -U helpcenter --auth=trust --no-locale -E UTF8 >/dev/null
cleanup+=('$pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"')
$pg_as "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" start >/dev/null
export HELPCENTER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=helpcenter;Database=postgres"
echo "PostgreSQL for the tests on 127.0.0.1:$pg_port"
# --- end PostgreSQL

status=0
HELPCENTER_TEST_DATABASE=Sqlite dotnet test HelpCenter.sln -c Release 2>&1 | tee "$log" || status=$?

# Every database-facing integration test again on PostgreSQL (browser tests stay on SQLite).
HELPCENTER_TEST_DATABASE=PostgreSQL dotnet test tests/HelpCenter.IntegrationTests -c Release --no-build 2>&1 | tee -a "$log" || status=$?

# One plain summary line over all projects, e.g. "tests: 230 passed, 0 failed, 0 skipped".
passed=$(grep -oE "Passed: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE "Failed: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE "Skipped: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
