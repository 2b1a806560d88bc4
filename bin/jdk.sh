# Sourced by bin/flotilla, bin/test and .ci/run: points JAVA_HOME at a JDK of version 21 or newer.
# Keeps a JAVA_HOME that is already good; otherwise looks under /usr/lib/jvm and /opt; otherwise says what to install.

flotilla_java_major() {
  # The JDK's release file says it without starting a JVM (which costs a CLI call ~100 ms); else ask java.
  local version
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  if [ -n "$version" ]; then echo "$version"; return 0; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1 | cut -d. -f1
}

# Maven 3.8/3.9 itself calls sun.misc.Unsafe, which JDK 23+ warns about on every run.
flotilla_quiet_maven() {
  if [ "$1" -ge 23 ]; then
    case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
  fi
}

flotilla_select_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(flotilla_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then flotilla_quiet_maven "$major"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(flotilla_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      flotilla_quiet_maven "$major"
      return 0
    fi
  done
  echo "flotilla: needs a JDK 21 or newer and found none (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm)." >&2
  echo "  Install one, e.g. 'apt-get install openjdk-21-jdk' (Debian 13) or Temurin 21 from adoptium.net, then set JAVA_HOME." >&2
  return 1
}

# Sets the array FLOTILLA_CDS_OPTS to the JVM options that start Flotilla from a class-data archive beside the
# jar (AppCDS, JDK 19+): created at the end of the first run, re-created when the jar or the JDK changes. The
# JVM's own warnings go to stderr, so that stdout keeps exactly what the command prints (one JSON document
# with --json). FLOTILLA_CDS=off leaves it empty.
flotilla_cds_options() {
  local major
  FLOTILLA_CDS_OPTS=()
  [ "${FLOTILLA_CDS:-on}" = "off" ] && return 0
  major=$(flotilla_java_major "$JAVA_HOME")
  [ -n "$major" ] && [ "$major" -ge 19 ] || return 0
  FLOTILLA_CDS_OPTS=("-XX:SharedArchiveFile=${1%.jar}.jsa" -XX:+AutoCreateSharedArchive -Xlog:disable
    -Xlog:all=warning,cds*=off,aot*=off:stderr)
}
