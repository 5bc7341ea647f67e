# shellcheck shell=bash
# shellcheck disable=SC2034 # LEDGER_PG_STARTED / LEDGER_PG_BIN are read by the sourcing scripts
# Private PostgreSQL clusters for ops/run and ops/test. Sourced, not executed.
#
# A cluster lives in one folder under the repo's git-ignored .local/ (e.g. .local/pg):
#   data/               PGDATA (initdb)
#   run/                unix socket dir (-k), private to this cluster
#   postgres.log        server log (pg_ctl -l)
#   superuser.password  password of the `postgres` superuser (0600)
#   ledger.password     password of the `ledger` role, the service's: owns nothing (0600)
#   ledger_owner.password  password of the `ledger_owner` role: owns database `ledger` and its schema (0600)
#   pgpass              libpq password file for our own psql calls (0600)
# It listens on 127.0.0.1 only, on its own port, with scram-sha-256 everywhere.
#
# Public functions:
#   ledger_pg_ensure_installed         install Debian's postgresql when no initdb exists
#   ledger_pg_start DIR PORT           init if absent, start if not running, ensure roles+db,
#                                      export ConnectionStrings__Ledger (the service's role) and
#                                      ConnectionStrings__LedgerOwner (db-apply's); sets LEDGER_PG_STARTED=1
#                                      only when this call started the server
#   ledger_pg_stop DIR                 pg_ctl -m fast stop, if running
#   ledger_pg_destroy DIR              stop (immediate) and delete the folder

ledger_pg_log() { printf '[postgres] %s\n' "$*" >&2; }
ledger_pg_die() { printf '[postgres] ERROR: %s\n' "$*" >&2; return 1; }

LEDGER_PG_BIN=""
LEDGER_PG_STARTED=0

_ledger_pg_is_root() { [[ ${EUID:-$(id -u)} -eq 0 ]]; }

# Run a PostgreSQL program as the cluster owner: the `postgres` OS user when we are root
# (initdb and postgres refuse to run as root), the current user otherwise. cd / first so a
# cwd postgres cannot read (e.g. /root) does not produce warnings or failures.
_ledger_pg_as() {
  if _ledger_pg_is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Highest installed major version, unless an existing cluster needs its own version's binaries.
_ledger_pg_pick_bin() {
  local data=$1 want="" dir
  if [[ -f $data/PG_VERSION ]]; then
    want=$(<"$data/PG_VERSION")
    if [[ -x /usr/lib/postgresql/$want/bin/initdb ]]; then
      LEDGER_PG_BIN=/usr/lib/postgresql/$want/bin
      return 0
    fi
  fi
  dir=$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/initdb' -printf '%h\n' 2>/dev/null |
    sort -V | tail -n 1)
  [[ -n $dir ]] || ledger_pg_die "no /usr/lib/postgresql/*/bin/initdb found" || return 1
  if [[ -n $want ]]; then
    ledger_pg_die "cluster in ${data%/data} was made by PostgreSQL $want, whose binaries are not installed" \
      "(found $dir); install postgresql-$want or delete ${data%/data} to start afresh" || return 1
  fi
  LEDGER_PG_BIN=$dir
}

ledger_pg_ensure_installed() {
  if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null &&
    { ! _ledger_pg_is_root || id -u postgres >/dev/null 2>&1; }; then
    return 0
  fi
  _ledger_pg_is_root ||
    ledger_pg_die "PostgreSQL is not installed; run as root once, or: sudo apt-get install -y postgresql" || return 1
  ledger_pg_log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update || return 1
  # postgresql-common first, told not to create (and so not to start) the default 5432 cluster:
  # we only ever use private clusters under .local/.
  apt-get install -y postgresql-common || return 1
  if ! grep -Eq '^[[:space:]]*create_main_cluster' /etc/postgresql-common/createcluster.conf; then
    echo 'create_main_cluster = false' >>/etc/postgresql-common/createcluster.conf || return 1
  fi
  apt-get install -y postgresql || return 1
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null ||
    ledger_pg_die "apt-get install postgresql did not provide /usr/lib/postgresql/*/bin/initdb"
}

# The postgres OS user must be able to traverse every parent of the cluster folder. Fix only
# what is missing, with the minimum o+x, and say so.
_ledger_pg_ensure_traversable() {
  local dir=$1 parent ancestors=() i
  _ledger_pg_is_root || return 0
  parent=$(dirname "$dir")
  while :; do
    ancestors+=("$parent")
    [[ $parent == / ]] && break
    parent=$(dirname "$parent")
  done
  # Top-down: a folder can only be tested once everything above it is traversable.
  for ((i = ${#ancestors[@]} - 1; i >= 0; i--)); do
    parent=${ancestors[i]}
    if ! runuser -u postgres -- test -x "$parent"; then
      ledger_pg_log "chmod o+x $parent (the postgres user must traverse it to reach $dir)"
      chmod o+x "$parent" || return 1
      runuser -u postgres -- test -x "$parent" ||
        ledger_pg_die "postgres user still cannot traverse $parent (ACL or mount option?)" || return 1
    fi
  done
}

_ledger_pg_password() {
  # 32 alphanumeric chars: safe unquoted in Npgsql connection strings, pgpass and SQL literals.
  local pw
  pw=$(head -c 96 /dev/urandom | base64 -w 0 | tr -dc 'A-Za-z0-9' | cut -c 1-32)
  [[ ${#pw} -eq 32 ]] || ledger_pg_die "could not generate a password" || return 1
  printf '%s' "$pw"
}

# Write a secret file 0600, owned by the cluster owner (it is read by initdb/psql as that user).
_ledger_pg_write_secret() {
  local file=$1 content=$2
  (umask 077 && printf '%s\n' "$content" >"$file") || return 1
  chmod 600 "$file" || return 1
  if _ledger_pg_is_root; then chown postgres:postgres "$file" || return 1; fi
}

# Prints the postmaster PID if a server is really running from DIR/data. Checks the PID's cwd
# (the postmaster chdirs to its data dir), because after a kill -9 or a reboot the PID in a
# stale postmaster.pid may belong to an unrelated process, even another postgres.
_ledger_pg_running_pid() {
  local data=$1/data pid cwd
  [[ -f $data/postmaster.pid ]] || return 1
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -d /proc/$pid ]] || return 1
  cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || return 1
  [[ $cwd == "$(readlink -f "$data")" ]] || return 1
  printf '%s' "$pid"
}

_ledger_pg_port_in_use() {
  # A TCP connect that succeeds means someone else already listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

_ledger_pg_psql() {
  local dir=$1 port=$2
  shift 2
  # PGPASSFILE rather than PGPASSWORD or -v: the password never appears in argv or our env.
  PGPASSFILE=$dir/pgpass _ledger_pg_as "$LEDGER_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h "$dir/run" -p "$port" -U postgres -d postgres "$@"
}

ledger_pg_start() {
  local dir=$1 port=$2 data pid su_pw app_pw sock
  [[ $dir == /* ]] || ledger_pg_die "cluster folder must be absolute: $dir" || return 1
  [[ $port =~ ^[0-9]+$ ]] || ledger_pg_die "bad port: $port" || return 1
  [[ $dir != *"'"* ]] || ledger_pg_die "cluster folder must not contain a single quote: $dir" || return 1
  data=$dir/data
  sock=$dir/run
  LEDGER_PG_STARTED=0

  # '|| return 1' everywhere: set -e does not apply inside a function called from a condition.
  ledger_pg_ensure_installed || return 1
  _ledger_pg_pick_bin "$data" || return 1

  mkdir -p "$dir" "$sock" || return 1
  chmod 700 "$dir" "$sock" || return 1
  if _ledger_pg_is_root; then chown postgres:postgres "$dir" "$sock" || return 1; fi
  _ledger_pg_ensure_traversable "$dir" || return 1
  _ledger_pg_as test -w "$dir" ||
    ledger_pg_die "$dir is not writable by the cluster owner (made by another user?); delete it to start afresh" ||
    return 1
  # Unix socket paths are limited to 107 bytes.
  ((${#sock} + 17 <= 107)) ||
    ledger_pg_die "socket path $sock/.s.PGSQL.$port is too long for a unix socket; use a shorter checkout path" ||
    return 1

  if [[ ! -f $data/PG_VERSION ]]; then
    if [[ -e $data ]]; then
      # No PG_VERSION means initdb never finished: nothing usable in there.
      ledger_pg_log "removing incomplete data folder $data"
      rm -rf "$data" || return 1
    fi
    su_pw=$(_ledger_pg_password) || return 1
    _ledger_pg_write_secret "$dir/superuser.password" "$su_pw" || return 1
    ledger_pg_log "initdb $data (PostgreSQL $(basename "$(dirname "$LEDGER_PG_BIN")"))"
    # --pwfile needs a real file: process substitution does not survive runuser.
    _ledger_pg_as "$LEDGER_PG_BIN/initdb" -D "$data" -U postgres --pwfile="$dir/superuser.password" \
      --auth=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      ledger_pg_die "initdb failed"
      return 1
    }
  fi
  [[ -s $dir/superuser.password ]] ||
    ledger_pg_die "$dir/superuser.password is missing, so the cluster cannot be administered; delete $dir to start afresh" ||
    return 1
  su_pw=$(head -n 1 "$dir/superuser.password") || return 1
  _ledger_pg_write_secret "$dir/pgpass" "*:*:*:postgres:$su_pw" || return 1

  if pid=$(_ledger_pg_running_pid "$dir"); then
    # Someone else started it: use it, and leave it running afterwards (LEDGER_PG_STARTED=0).
    port=$(sed -n 4p "$data/postmaster.pid")
    ledger_pg_log "already running (pid $pid, port $port); will not stop it"
  else
    if [[ -f $data/postmaster.pid ]]; then
      # Left by a killed run. Its PID is not our server (checked above), so the lock files are stale;
      # postgres would refuse to start if the PID had been reused by another process.
      ledger_pg_log "removing stale postmaster.pid and socket locks left by a killed run"
      rm -f "$data/postmaster.pid" "$sock"/.s.PGSQL.* || return 1
    fi
    if _ledger_pg_port_in_use "$port"; then
      ledger_pg_die "port $port on 127.0.0.1 is already in use; set LEDGER_PG_PORT to another port" || return 1
    fi
    ledger_pg_log "starting $dir on 127.0.0.1:$port"
    # Set before starting, so a signal that lands while pg_ctl runs still stops the server;
    # stopping a server that never came up is a no-op.
    LEDGER_PG_STARTED=1
    # -w: return only when it accepts connections. listen_addresses: loopback only. -k: private socket dir.
    if ! _ledger_pg_as "$LEDGER_PG_BIN/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 \
      -o "-p $port -k '$sock' -c listen_addresses=127.0.0.1" start >&2; then
      tail -n 20 "$dir/postgres.log" >&2 || true
      ledger_pg_die "pg_ctl start failed (log: $dir/postgres.log)"
      return 1
    fi
  fi

  # Two roles: `ledger_owner` owns the database and everything db-apply creates in it; `ledger`, the service's,
  # owns nothing and gets only the privileges db-apply grants, so the service cannot rewrite or empty the ledger.
  # Idempotent; the passwords are (re)set from their files every time. A database made before there were two
  # roles is handed to the owner, with everything the service's role owned in it.
  local owner_pw
  if [[ ! -s $dir/ledger.password ]]; then
    app_pw=$(_ledger_pg_password) || return 1
    _ledger_pg_write_secret "$dir/ledger.password" "$app_pw" || return 1
  fi
  if [[ ! -s $dir/ledger_owner.password ]]; then
    owner_pw=$(_ledger_pg_password) || return 1
    _ledger_pg_write_secret "$dir/ledger_owner.password" "$owner_pw" || return 1
  fi
  app_pw=$(head -n 1 "$dir/ledger.password") || return 1
  owner_pw=$(head -n 1 "$dir/ledger_owner.password") || return 1
  # SQL comes on stdin so the passwords never show up in a process list.
  _ledger_pg_psql "$dir" "$port" <<SQL || ledger_pg_die "could not create roles/database ledger" || return 1
SELECT 'CREATE ROLE ledger LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger') \gexec
SELECT 'CREATE ROLE ledger_owner LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ledger_owner') \gexec
ALTER ROLE ledger WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$app_pw';
ALTER ROLE ledger_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$owner_pw';
SELECT 'CREATE DATABASE ledger OWNER ledger_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ledger') \gexec
ALTER DATABASE ledger OWNER TO ledger_owner;
\connect ledger
REASSIGN OWNED BY ledger TO ledger_owner;
SQL

  export ConnectionStrings__Ledger="Host=127.0.0.1;Port=$port;Database=ledger;Username=ledger;Password=$app_pw"
  export ConnectionStrings__LedgerOwner="Host=127.0.0.1;Port=$port;Database=ledger;Username=ledger_owner;Password=$owner_pw"
  ledger_pg_log "ready: database ledger on 127.0.0.1:$port (ConnectionStrings__Ledger and ConnectionStrings__LedgerOwner exported)"
}

ledger_pg_stop() {
  local dir=$1 mode=${2:-fast}
  [[ -f $dir/data/PG_VERSION ]] || return 0
  _ledger_pg_running_pid "$dir" >/dev/null || return 0
  _ledger_pg_pick_bin "$dir/data" || return 1
  ledger_pg_log "stopping $dir (-m $mode)"
  if ! _ledger_pg_as "$LEDGER_PG_BIN/pg_ctl" -D "$dir/data" -m "$mode" -w -t 60 stop >&2; then
    ledger_pg_log "fast stop did not finish; stopping immediately"
    _ledger_pg_as "$LEDGER_PG_BIN/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >&2 || return 1
  fi
}

ledger_pg_destroy() {
  local dir=$1
  # Throwaway data: no need for a clean shutdown checkpoint.
  ledger_pg_stop "$dir" immediate || return 1
  rm -rf "$dir"
}
