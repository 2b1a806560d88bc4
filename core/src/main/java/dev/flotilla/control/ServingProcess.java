package dev.flotilla.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Names the local process listening on a port, from Linux's /proc (the socket's inode in /proc/net/tcp, then the
 * process holding it among /proc/PID/fd), with its state: "stopped" is what a frozen process shows. Elsewhere, or
 * for another user's process, it says only "a process".
 */
final class ServingProcess {
    private static final String LISTENING = "0A";

    private ServingProcess() {
    }

    /** The pid of the process listening on {@code server}'s port ({@code host:port}) here, if it can be told. */
    static Optional<Long> of(String server) {
        try {
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            return inode(port).flatMap(ServingProcess::holder);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** "process 1234 (java, stopped)", or "a process" when the pid is not known. */
    static String describe(Optional<Long> pid) {
        return pid.map(ServingProcess::named).orElse("a process");
    }

    private static Optional<String> inode(int port) {
        String local = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(local) && fields[3].equals(LISTENING)) {
                        return Optional.of("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException e) {
                // Not Linux, or no IPv6: look in the other table.
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> holder(String socket) {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> holds(p, socket)).map(p -> Long.parseLong(p.getFileName().toString())).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean holds(Path process, String socket) {
        try (Stream<Path> descriptors = Files.list(process.resolve("fd"))) {
            return descriptors.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().equals(socket);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException | SecurityException e) {
            return false; // another user's process, or one that just ended
        }
    }

    /** The name and state from /proc/PID/stat: "1234 (java) T ...", T being stopped. */
    private static String named(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return "process " + pid + " (" + name + (state == 'T' || state == 't' ? ", stopped" : "") + ")";
        } catch (IOException | RuntimeException e) {
            return "process " + pid;
        }
    }
}
