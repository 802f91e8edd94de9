#!/usr/bin/env bash
# Runs every test project. First installs, when missing, what the tests need from Debian/Ubuntu:
# Chromium (browser tests), Noto CJK fonts (Japanese in screenshots), MeCab with IPADIC (search),
# aiosmtpd (the SMTP server the mail tests send to) and Redis (the chat backplane across two instances).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if [ -z "${HELPCENTER_CHROMIUM:-}" ] && ! [ -x /usr/bin/chromium ]; then missing+=(chromium); fi
if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then missing+=(fonts-noto-cjk fontconfig); fi
if ! ldconfig -p 2>/dev/null | grep -q "libmecab.so.2"; then missing+=(libmecab2); fi
if ! [ -d /var/lib/mecab/dic/ipadic-utf8 ]; then missing+=(mecab-ipadic-utf8); fi
if ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then missing+=(python3-aiosmtpd); fi
if ! [ -x /usr/bin/redis-server ]; then missing+=(redis-server); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test HelpCenter.sln -c Release 2>&1 | tee "$log" || status=$?

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
