#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
# Installed when missing and this machine allows it (root with apt-get); a failed
# install fails the test run. Where it cannot be installed (no root, no apt-get)
# the browser tests are skipped and say why.
set -u
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (apt-get install chromium)..."
  if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); then
    echo "error: could not install chromium with apt-get; the browser tests need it" >&2
    exit 1
  fi
else
  echo "chromium not found and not installable here (needs root and apt-get); the browser tests will be skipped"
fi
exit 0
