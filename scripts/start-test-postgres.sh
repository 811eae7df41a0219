#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL server on 127.0.0.1:5432 with a superuser
# role kgov/kgov that the tests use to create one throw-away database per suite. Idempotent.
set -euo pipefail
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  runuser -u postgres -- psql -qtAc 'SELECT 1' >/dev/null 2>&1 && break
  sleep 1
done
runuser -u postgres -- psql -qtAc "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kgov') THEN
    CREATE ROLE kgov LOGIN SUPERUSER PASSWORD 'kgov';
  END IF;
END \$\$;" >/dev/null
echo "PostgreSQL $version ready on 127.0.0.1:5432"
