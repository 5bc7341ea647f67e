#!/usr/bin/env bash
# docker-entrypoint-initdb.d hook of the postgres image (first start only), as ops/lib/postgres.sh does: the owner
# role `ledger_owner` owns database `ledger` and everything db-apply creates in it; the service's role `ledger` owns
# nothing and gets only what db-apply grants it.
set -euo pipefail
: "${LEDGER_DB_PASSWORD:?LEDGER_DB_PASSWORD must be set}"
: "${LEDGER_OWNER_PASSWORD:?LEDGER_OWNER_PASSWORD must be set}"
# \getenv keeps the passwords out of psql's command line.
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" <<'SQL'
\getenv ledger_pw LEDGER_DB_PASSWORD
\getenv owner_pw LEDGER_OWNER_PASSWORD
CREATE ROLE ledger LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'ledger_pw';
CREATE ROLE ledger_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_pw';
CREATE DATABASE ledger OWNER ledger_owner;
SQL
