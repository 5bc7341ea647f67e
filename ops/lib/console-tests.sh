# shellcheck shell=bash
# What the console's browser tests (tests/Ledger.Console.Tests) need beside .NET: Debian's chromium, which
# Playwright drives (never a browser build downloaded by Playwright), and npm's axe-core, which they inject into
# the page. Installed when missing, the way ops/lib/postgres.sh installs PostgreSQL.

ledger_console_tools() {
  local root=$1 project=$1/tests/Ledger.Console.Tests
  if [[ ! -x /usr/bin/chromium ]]; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "ops: chromium is not installed; run as root once, or: sudo apt-get install -y chromium" >&2
      return 1
    fi
    echo "ops: installing chromium from Debian's packages (for the console's browser tests)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q && apt-get install -y -q chromium || return 1
  fi
  if [[ ! -f $project/node_modules/axe-core/axe.min.js ]]; then
    if ! command -v npm >/dev/null; then
      [[ $(id -u) -eq 0 ]] || { echo "ops: npm is not installed; sudo apt-get install -y npm" >&2; return 1; }
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm || return 1
    fi
    echo "ops: installing axe-core with npm into tests/Ledger.Console.Tests/node_modules" >&2
    (cd "$project" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
}
