# Sourced by bin/flotilla, bin/test and .ci/run: points JAVA_HOME at a JDK of version 21 or newer.
# Keeps a JAVA_HOME that is already good; otherwise looks under /usr/lib/jvm and /opt; otherwise says what to install.

flotilla_java_major() {
  # Sets FLOTILLA_JAVA_MAJOR. Bash alone reads the JDK's release file: every command starts here, and each process
  # forked on the way (a subshell, sed, cksum) cost bin/flotilla ~5 ms; else ask java, which costs ~100 ms.
  local line
  FLOTILLA_JAVA_MAJOR=""
  if [ -r "$1/release" ]; then
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then FLOTILLA_JAVA_MAJOR=${BASH_REMATCH[1]}; return 0; fi
    done < "$1/release"
  fi
  FLOTILLA_JAVA_MAJOR=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1 | cut -d. -f1)
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
    flotilla_java_major "$JAVA_HOME"
    major=$FLOTILLA_JAVA_MAJOR
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then flotilla_quiet_maven "$major"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$candidate/bin/javac" ] || continue
    flotilla_java_major "$candidate"
    major=$FLOTILLA_JAVA_MAJOR
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

# Sets the array FLOTILLA_CDS_OPTS to the JVM options that start Flotilla fast from an archive beside the jar:
# on JDK 25+ an AOT cache (classes loaded and linked, and method profiles, from a first run: JEP 483/515), on
# JDK 19-24 a class-data archive (AppCDS). Each command (the first argument: status, deploy, tenants...) has an
# archive of its own, recorded by its own first run after the jar changes (FLOTILLA_TRAINING is then set to the
# archive it makes, see flotilla_finish_archive_after_exit); its later runs start from the result. One archive for
# all, made by whichever command ran first, started the others from the wrong classes: `status --fleet` over 10,000
# tenants took 0.67-0.92 s from one trained on `tenants list`, 0.39-0.49 s from its own, and 7% longer from one
# trained on `plan` (369 vs 342 ms, medians of 15 in turn). A command line that loads little (the version, help)
# trains none: it starts from its command's archive if there is one, else without. Files are named after the JDK and
# the command they belong to (17-33 MB each); a training run removes the archives the jar has outdated. The JVM's
# own messages stay off stdout, so that it keeps exactly what the command prints (one JSON document with --json;
# LauncherJarIT). FLOTILLA_CDS=off leaves the array empty. Arguments: the jar, then the command's own arguments.
flotilla_cds_options() {
  local major jar="$1" base jdk archive stale fresh=no
  shift
  FLOTILLA_CDS_OPTS=()
  FLOTILLA_TRAINING=""
  [ "${FLOTILLA_CDS:-on}" = "off" ] && return 0
  # Only a command's name keys an archive (not --version): anything else is refused by the command line anyway.
  [[ ${1:-} =~ ^[a-z][a-z-]*$ ]] || return 0
  flotilla_java_major "$JAVA_HOME"
  major=$FLOTILLA_JAVA_MAJOR
  [ -n "$major" ] && [ "$major" -ge 19 ] || return 0
  jdk=${JAVA_HOME//[^A-Za-z0-9.-]/_}
  base="${jar%.jar}-jdk${major}-${jdk}"
  archive="$base-$1.jsa"
  [ "$major" -ge 25 ] && archive="$base-$1.aot"
  [ -f "$archive" ] && [ "$archive" -nt "$jar" ] && fresh=yes
  if [ "$fresh" = no ]; then
    flotilla_loads_little "$@" && return 0
    for stale in "$base"*.aot "$base"*.jsa; do
      if [ -f "$stale" ] && [ ! "$stale" -nt "$jar" ]; then rm -f "$stale"; fi
    done
    rm -f "$base.aot" "$base.jsa" # one archive for every command, as the launcher made until 2026-12
    FLOTILLA_TRAINING="$archive"
  fi
  if [ "$major" -lt 25 ]; then
    FLOTILLA_CDS_OPTS=("-XX:SharedArchiveFile=$archive" -XX:+AutoCreateSharedArchive)
  elif [ "$fresh" = yes ]; then
    FLOTILLA_CDS_OPTS=("-XX:AOTCache=$archive")
  else
    # A training run ends with the VM's "AOTConfiguration recorded: <file>" on the terminal, a line of no use to
    # anyone: the VM's own output is off for that run (a diagnostic switch; its warnings show on the next run).
    FLOTILLA_CDS_OPTS=(-XX:AOTMode=record "-XX:AOTConfiguration=${archive%.aot}.aotconf.$$"
      -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput)
  fi
  # The VM's own lines go to stderr, never into what the command prints on stdout (its JSON document).
  FLOTILLA_CDS_OPTS+=(-XX:+DisplayVMOutputToStderr -Xlog:disable -Xlog:all=warning,cds*=off,aot*=off:stderr)
}

# Sets the array FLOTILLA_JVM_OPTS for a command line (the command's own arguments): the serial collector, a heap
# in huge pages where Linux has them, and for every command but the long-running console (serve) the client
# compiler only. A command lives for seconds and waits on its databases; on a small machine the optimising
# compiler's threads take the cores from the work they are compiling for (status --fleet over 10,000 tenants:
# 0.39 s -> 0.27 s; a 300-tenant deploy no slower). FLOTILLA_JAVA_OPTS is added last, so it can override these
# (-XX:TieredStopAtLevel=4, -XX:-UseTransparentHugePages).
flotilla_jvm_options() {
  FLOTILLA_JVM_OPTS=(-XX:+UseSerialGC)
  local arg tiered=no thp=""
  for arg in "$@"; do
    [ "$arg" = "serve" ] && tiered=yes
  done
  [ "$tiered" = "yes" ] || FLOTILLA_JVM_OPTS+=(-XX:TieredStopAtLevel=1)
  # The heap in 2 MB pages where Linux gives them on request: a command touches tens of megabytes of fresh heap,
  # and each 4 kB page was a page fault (status --fleet over 10,000 tenants: 16,800 faults, 9,800 with these;
  # 491 -> 416 ms, median of 20 in turn). Not where the kernel has them off ("never"), nor off Linux (no such flag).
  if [ -r /sys/kernel/mm/transparent_hugepage/enabled ]; then
    read -r thp < /sys/kernel/mm/transparent_hugepage/enabled || true
    case "$thp" in *"[always]"* | *"[madvise]"*) FLOTILLA_JVM_OPTS+=(-XX:+UseTransparentHugePages) ;; esac
  fi
  if [ -n "${FLOTILLA_JAVA_OPTS:-}" ]; then
    # Word-split on purpose: several options in one variable.
    # shellcheck disable=SC2206
    FLOTILLA_JVM_OPTS+=($FLOTILLA_JAVA_OPTS)
  fi
}

# Whether a command line loads little of Flotilla: none, the version, or help (which picocli answers before
# anything else is loaded). Only the first argument can be the help command: later ones may be a tenant's name.
flotilla_loads_little() {
  local arg
  [ $# -eq 0 ] && return 0
  [ "$1" = "help" ] && return 0
  for arg in "$@"; do
    case "$arg" in --version | -V | --help | -h) return 0 ;; esac
  done
  return 1
}

# Before the JVM of a training run takes the launcher's place (exec: its pid is the launcher's, so a signal sent to that
# pid or its group reaches Flotilla once, as on every other run), starts what finishes the archive once that pid has
# ended, in the background and silently, so the command's own exit is not delayed. On JDK 25+ it builds the AOT cache
# from what the run recorded (a concurrent first run builds its own and the last one wins); on JDK 19-24 the JVM wrote
# the class-data archive itself as it exited. A command refused for bad usage or configuration (exit 2) stopped before
# loading most of Flotilla: no exit status reaches a process that is not the JVM's parent, so Flotilla itself leaves
# the file "<archive>.refused.<its pid>" then (Main; FLOTILLA_TRAINING is exported for it), and what the run recorded
# is thrown away, so the next command trains again. The builder ignores the signals a terminal or a CI runner sends
# to the whole group (Ctrl-C, hang-up, TERM): they are Flotilla's. Argument: the jar.
flotilla_finish_archive_after_exit() {
  local jar="$1" pid=$$ cache="$FLOTILLA_TRAINING" polls=0
  local config="${cache%.aot}.aotconf.$pid" refused="$cache.refused.$pid"
  export FLOTILLA_TRAINING
  (
    trap '' INT TERM HUP TSTP
    # Polled: the JVM is not this shell's child, there is nothing to wait on. A command lasts seconds, `serve` days.
    while kill -0 "$pid" 2>/dev/null; do
      polls=$((polls + 1))
      if [ "$polls" -le 50 ]; then sleep 0.1; else sleep 2; fi
    done
    if [ -f "$refused" ]; then
      rm -f "$refused" "$config"
      case "$cache" in *.jsa) rm -f "$cache" ;; esac
    elif [ "${cache%.aot}" != "$cache" ] && [ -f "$config" ]; then
      "$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:AOTMode=create "-XX:AOTConfiguration=$config" \
        "-XX:AOTCache=$cache.$pid" -Xlog:disable -cp "$jar" && mv -f "$cache.$pid" "$cache"
      rm -f "$config" "$cache.$pid"
    fi
  ) </dev/null >/dev/null 2>&1 &
}
