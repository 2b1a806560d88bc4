#!/usr/bin/env bash
# Runs the benchmark harness: Flotilla against raw SQL and Flyway on the local PostgreSQL and MariaDB.
#   bench/run.sh                  1,000 schemas, 200 databases, concurrency 1,2,4, 3 runs (tens of minutes)
#   bench/run.sh --quick          50 schemas, 10 databases, concurrency 1,4 (about 3 minutes, the build included)
#   bench/run.sh --schemas 500 --databases 100 --runs 5 --concurrency 2,4
#   bench/run.sh --only postgres  (or mariadb, or registered: the 10,000-tenant status and plan)
#   bench/run.sh --only postgres --first-deploy-only  (only the first deploys: raw SQL, raw SQL + history table, the
#                                                      API and the CLI; for A/B runs of a change)
# Results: bench/results/latest.md and a dated .md/.json pair. Not a test: nothing is asserted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. "$root/bin/jdk.sh"
flotilla_select_jdk
"$root/bin/services"
# One reactor build: the CLI's jar, and the harness's classpath with core's jar from this build (nothing is installed
# into ~/.m2; each module writes its own target/classpath.txt).
mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.flotilla.bench.Bench "$@"
