#!/usr/bin/env bash
# axe-core from npm (package.json, pinned in package-lock.json) for the accessibility
# test. Installed when missing and npm is here; a failed install fails the test run.
# Without npm the accessibility test is skipped and says why.
set -u
cd "$(dirname "$0")/.."
if [ -f node_modules/axe-core/axe.min.js ]; then
  exit 0
fi
if command -v npm >/dev/null 2>&1; then
  echo "installing axe-core for the accessibility test (npm ci)..."
  if ! npm ci --no-audit --no-fund --loglevel=error >/dev/null; then
    echo "error: npm ci failed; the accessibility test needs axe-core" >&2
    exit 1
  fi
else
  echo "npm not found: the accessibility test will be skipped"
fi
exit 0
