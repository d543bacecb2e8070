#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on this machine: for the tests, the database
# benchmark, and for trying a shared line database before a real server exists.
#
#   postgres-cluster.sh start DIR [--port N] [--fast]
#       initdb into DIR/data (first time only), then start the server on
#       127.0.0.1:PORT (a free port when none is given) with its unix socket in
#       DIR. Prints the server address, postgresql://defectlens@127.0.0.1:PORT/
#       --fast: no fsync, no synchronous commit (tests only: a crash loses data).
#   postgres-cluster.sh createdb DIR NAME    creates database NAME; prints its address
#   postgres-cluster.sh stop DIR             stops the server (DIR stays)
#
# The cluster trusts local connections of the role "defectlens" (a test
# cluster, loopback only). PostgreSQL refuses to run as root; as root the
# server runs as the "postgres" user that Debian's postgresql package creates.
set -euo pipefail

usage() { sed -n '2,16p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
command="$1"; dir="$2"; shift 2

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
  [ -x "$candidate/initdb" ] && bindir="$candidate"
done
if [ -z "$bindir" ]; then
  echo "postgres-cluster: no PostgreSQL server found under /usr/lib/postgresql (install postgresql-15: bash installer/setup-deps.sh)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

case "$command" in
  start)
    port=""; fast=0
    while [ $# -gt 0 ]; do
      case "$1" in
        --port) port="$2"; shift 2 ;;
        --fast) fast=1; shift ;;
        *) usage ;;
      esac
    done
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || { echo "postgres-cluster: running as root needs the 'postgres' user (install postgresql-15)" >&2; exit 1; }
      chown postgres "$dir"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bindir/initdb" -D "$dir/data" -U defectlens -A trust -E UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    settings_for() {
      local settings="-p $1 -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200"
      if [ "$fast" -eq 1 ]; then
        settings="$settings -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      fi
      echo "$settings"
    }
    if [ -n "$port" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(settings_for "$port")" start >/dev/null \
        || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    else
      # Ports are drawn below the kernel's ephemeral range: a port in that range
      # can be free of listeners yet bound as the local end of a client
      # connection (the tests' own connections to another cluster), and the
      # server's bind then fails with "Address already in use". Another process
      # can still take a port between the check and the bind, so a start that
      # fails that way tries another port.
      ephemeral_low=32768
      if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
        read -r ephemeral_low _ </proc/sys/net/ipv4/ip_local_port_range
      fi
      low=10000; high=$((ephemeral_low - 1))
      [ "$high" -gt $((low + 1000)) ] || { low=20000; high=60000; }
      started=0
      for _ in $(seq 1 50); do
        candidate=$((low + RANDOM % (high - low + 1)))
        port_is_free "$candidate" || continue
        rm -f "$dir/server.log"
        if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(settings_for "$candidate")" start >/dev/null; then
          port="$candidate"; started=1; break
        fi
        grep -q "Address already in use" "$dir/server.log" || { tail -n 20 "$dir/server.log" >&2; exit 1; }
      done
      [ "$started" -eq 1 ] || { echo "postgres-cluster: no free port found" >&2; tail -n 5 "$dir/server.log" >&2; exit 1; }
    fi
    echo "$port" >"$dir/port"
    echo "postgresql://defectlens@127.0.0.1:$port/"
    ;;
  createdb)
    [ $# -eq 1 ] || usage
    port="$(cat "$dir/port")"
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U defectlens "$1"
    echo "postgresql://defectlens@127.0.0.1:$port/$1"
    ;;
  stop)
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    ;;
  *) usage ;;
esac
