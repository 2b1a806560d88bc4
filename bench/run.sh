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
# into ~/.m2; each module writes its own target/classpath.txt). Offline first: where ~/.m2 holds every plugin and
# dependency (any machine that has built the project) Maven asks no repository; on a fresh machine that build stops
# for want of an artifact, and the same build runs again with the network.
build=(mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
if ! "${build[@]}" -o >/dev/null 2>&1; then
    echo "bench/run.sh: the offline build failed (a fresh ~/.m2, or a build error); building with the network." >&2
    "${build[@]}" >/dev/null
fi
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.flotilla.bench.Bench "$@"
