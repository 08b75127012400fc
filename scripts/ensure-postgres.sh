#!/usr/bin/env bash
# Make PostgreSQL server binaries available for the journal's tests, when this
# machine allows it: already there, or installable as root with apt-get. The
# tests start their own throwaway server; without binaries they skip the
# PostgreSQL runs and say why.
set -u
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing PostgreSQL for the journal tests (apt-get install postgresql)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
    || echo "could not install PostgreSQL; its tests will be skipped with the reason"
else
  echo "PostgreSQL server binaries not found and not installable here; its tests will be skipped"
fi
exit 0
