#!/usr/bin/env bash
# docker-entrypoint-initdb.d hook of the postgres image (first start only): the app role `ledger`
# owns database `ledger`, so the service (Marten) can create its schema, as with ops/lib/postgres.sh.
set -euo pipefail
: "${LEDGER_DB_PASSWORD:?LEDGER_DB_PASSWORD must be set}"
# \getenv keeps the password out of psql's command line.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" <<'SQL'
\getenv ledger_pw LEDGER_DB_PASSWORD
CREATE ROLE ledger LOGIN PASSWORD :'ledger_pw';
CREATE DATABASE ledger OWNER ledger;
SQL
