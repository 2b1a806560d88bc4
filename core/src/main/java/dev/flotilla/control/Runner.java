package dev.flotilla.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the process that runs a deployment ("host:pid", and on Linux its pid namespace: "host:pid pidns 4026531836").
 * Two containers can share a host name and a pid, so whether the process still runs is told by the deployment's
 * {@link Heartbeat}; only a process recorded with this host name and this pid namespace can be looked up here, and
 * when it is gone (killed, crashed) the deployment is interrupted at once, not after its heartbeat goes stale.
 */
final class Runner {
    private static final String HOST = host();
    private static final String PID_NAMESPACE = pidNamespace();
    private static final Pattern LABEL = Pattern.compile("^(.*):(\\d+) pidns (\\d+)$");

    private Runner() {
    }

    static String current() {
        return HOST + ":" + ProcessHandle.current().pid() + (PID_NAMESPACE == null ? "" : " pidns " + PID_NAMESPACE);
    }

    /**
     * Whether the process {@code label} names is known here to be gone: same host and pid namespace, and its pid is
     * not alive, or is held by a process started after the deployment was last seen alive (a pid used again).
     *
     * @param seenAgo how long ago the deployment last beat
     */
    static boolean goneHere(String label, Duration seenAgo) {
        Matcher matcher = label == null || PID_NAMESPACE == null ? null : LABEL.matcher(label);
        if (matcher == null || !matcher.matches() || !matcher.group(1).equals(HOST) || !matcher.group(3).equals(PID_NAMESPACE)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(matcher.group(2)));
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // A second of slack: the beat's age is the control plane's, the start time this machine's.
        Instant lastSeen = Instant.now().minus(seenAgo).plusSeconds(1);
        return process.get().info().startInstant().map(started -> started.isAfter(lastSeen)).orElse(false);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host"; // a label only: nothing is decided by it
        }
    }

    /** The inode of this process's pid namespace (Linux), which tells containers sharing a host name apart; else null. */
    private static String pidNamespace() {
        try {
            Matcher inode = Pattern.compile("pid:\\[(\\d+)]").matcher(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString());
            return inode.matches() ? inode.group(1) : null;
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return null; // not Linux: only the heartbeat tells
        }
    }
}
