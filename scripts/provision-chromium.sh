#!/usr/bin/env bash
# The dashboard's browser test (test/e2e/dashboard-browser.test.ts) drives Debian's chromium through playwright-core.
# When /usr/bin/chromium is missing this installs it, quietly and once, with apt-get (as root, or through sudo when
# that needs no password); where it cannot, it says in one line what to install, and that test fails saying so.
set -uo pipefail
[ -x /usr/bin/chromium ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "the dashboard browser test needs Chromium at /usr/bin/chromium: install it with your package manager" >&2
  exit 0
fi
if [ "$(id -u)" = 0 ]; then
  as_root=(env)
elif sudo -n true 2>/dev/null; then
  as_root=(sudo -n env)
else
  echo "the dashboard browser test needs Chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
  exit 0
fi
echo "installing chromium for the dashboard browser test (apt-get, once)" >&2
if ! output=$("${as_root[@]}" apt-get update -qq 2>&1 &&
  "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium 2>&1); then
  printf '%s\n' "$output" >&2
  echo "installing chromium failed (see above)" >&2
  exit 1
fi
