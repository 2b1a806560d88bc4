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
 * when it is gone (killed, crashed) the deployment is interrupted at once, not after its heartbeat goes stale. The same
 * test tells whose scratch databases and schemas a cleanup may drop: a name made here carries {@link #place()} and the pid.
 */
public final class Runner {
    private static final String HOST = host();
    private static final String PID_NAMESPACE = pidNamespace();
    private static final String PLACE = PID_NAMESPACE == null ? null : hash(HOST + " pidns " + PID_NAMESPACE);
    private static final Pattern LABEL = Pattern.compile("^(.*):(\\d+) pidns (\\d+)$");
    private static final Pattern HOST_PID = Pattern.compile("^(.+):(\\d{1,18})(?: pidns \\d+)?$");

    private Runner() {
    }

    /** This process's label, "host:pid pidns N". */
    public static String current() {
        return HOST + ":" + ProcessHandle.current().pid() + (PID_NAMESPACE == null ? "" : " pidns " + PID_NAMESPACE);
    }

    /** The host and pid a label of {@link #current()} names: where a deployment's process ran. */
    public record Label(String host, long pid) {
        /** The label read back; empty for one not written by {@link #current()} (null, or by hand). */
        public static Optional<Label> parse(String label) {
            Matcher matcher = label == null ? null : HOST_PID.matcher(label);
            return matcher == null || !matcher.matches() ? Optional.empty()
                    : Optional.of(new Label(matcher.group(1), Long.parseLong(matcher.group(2))));
        }
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
        // A second of slack: the beat's age is the control plane's, the start time this machine's.
        return pidGone(Long.parseLong(matcher.group(2)), Instant.now().minus(seenAgo).plusSeconds(1));
    }

    /**
     * This machine and pid namespace as 8 hex digits, short enough for a database name and the same in every process
     * here; null where the pid namespace is unknown (not Linux), where no process can be looked up.
     */
    public static String place() {
        return PLACE;
    }

    /**
     * Whether process {@code pid} of {@code place} is known here to be gone: {@code place} is this one's, and the pid is
     * not alive, or is held by a process started after {@code since} (a pid used again since its owner made something).
     */
    public static boolean goneHere(String place, long pid, Instant since) {
        return PLACE != null && PLACE.equals(place) && pidGone(pid, since);
    }

    private static boolean pidGone(long pid, Instant since) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        return process.get().info().startInstant().map(started -> started.isAfter(since)).orElse(false);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host"; // a label only: nothing is decided by it
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
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
