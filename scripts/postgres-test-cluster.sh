#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for the tests of the PostgreSQL
# store (internal/store/postgres), which read its address from
# SITREP_TEST_POSTGRES:
#
#   eval "$(scripts/postgres-test-cluster.sh start)"   # prints: export SITREP_TEST_POSTGRES=...
#   go test ./internal/store/postgres/
#   scripts/postgres-test-cluster.sh stop              # stops it and deletes its files
#
# start installs PostgreSQL with apt-get when no server binaries are found
# (as root), creates the cluster in $SITREP_PG_DIR (default
# /tmp/sitrep-postgres-test) owned by the postgres user, listening on
# 127.0.0.1 at the first free port from $SITREP_PG_PORT (default 55432) and
# on a unix socket in that directory only, and creates a role and database
# "sitrep" with a random password. It runs without fsync: the data is for
# tests. start is idempotent: on a running cluster it only prints the line.
# Only the export line goes to stdout; progress goes to stderr.
set -euo pipefail

dir="${SITREP_PG_DIR:-/tmp/sitrep-postgres-test}"
first_port="${SITREP_PG_PORT:-55432}"

log() { echo "postgres-test-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

# bindir finds the newest installed server, /usr/lib/postgresql/N/bin on
# Debian, or the one named by $PG_BINDIR.
bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then
		echo "$PG_BINDIR"
		return
	fi
	local d
	d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
	if [ -n "$d" ] && [ -x "$d/initdb" ]; then
		echo "$d"
	elif command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
		dirname "$(command -v initdb)"
	fi
}

# as_owner runs a command as the cluster's owner: initdb and postgres refuse
# to run as root.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

ensure_server() {
	bin="$(bindir)"
	if [ -z "$bin" ]; then
		[ "$(id -u)" -eq 0 ] || die "no PostgreSQL server found; install postgresql or run as root"
		log "installing postgresql"
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >&2
		apt-get install -y -qq postgresql >&2
		bin="$(bindir)"
		[ -n "$bin" ] || die "postgresql installed but no initdb found"
	fi
	if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
		useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
	fi
}

running() { [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
	local p
	for p in $(seq "$first_port" $((first_port + 50))); do
		if ! port_in_use "$p"; then
			echo "$p"
			return
		fi
	done
	die "no free port in $first_port to $((first_port + 50))"
}

create_cluster() {
	log "creating cluster in $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	chmod 700 "$dir"
	[ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
	head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$dir/password"
	chmod 600 "$dir/password"
	[ "$(id -u)" -ne 0 ] || chown postgres: "$dir/password"
	as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --no-locale \
		--auth-local=trust --auth-host=scram-sha-256 --no-sync --no-instructions >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; die "initdb failed"; }
	cat >>"$dir/data/postgresql.conf" <<-EOF

		# postgres-test-cluster.sh: loopback and a private socket only; no
		# durability, the data is for tests.
		listen_addresses = '127.0.0.1'
		unix_socket_directories = '$dir'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
	EOF
}

start() {
	ensure_server
	[ -f "$dir/data/PG_VERSION" ] || create_cluster
	local port
	if running; then
		port="$(cat "$dir/port")"
	else
		port="$(free_port)"
		echo "$port" >"$dir/port"
		log "starting on 127.0.0.1:$port"
		as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "-p $port" -w -t 60 start >&2 ||
			{ cat "$dir/postgres.log" >&2; die "server did not start"; }
	fi
	local password
	password="$(cat "$dir/password")"
	local psql=("$bin/psql" -X -q -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1)
	as_owner "${psql[@]}" -d postgres -v pw="$password" >&2 <<-'EOF'
		SELECT format('CREATE ROLE sitrep LOGIN CREATEDB PASSWORD %L', :'pw')
		WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sitrep') \gexec
		SELECT 'CREATE DATABASE sitrep OWNER sitrep'
		WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'sitrep') \gexec
	EOF
	echo "export SITREP_TEST_POSTGRES='postgres://sitrep:$password@127.0.0.1:$port/sitrep?sslmode=disable'"
}

stop() {
	bin="$(bindir)"
	if [ -n "$bin" ] && [ -f "$dir/data/PG_VERSION" ] && running; then
		log "stopping"
		as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2
	fi
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
*)
	echo "usage: $0 start|stop" >&2
	exit 2
	;;
esac
