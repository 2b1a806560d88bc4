package dev.flotilla.control;

/**
 * Names the process that runs a deployment ("host:pid"), so a deployment whose process died (a crash,
 * {@code kill -9}) can be told from one still running. A runner on another host is taken as alive.
 */
final class Runner {
    private static final String HOST = host();

    private Runner() {
    }

    static String current() {
        return HOST + ":" + ProcessHandle.current().pid();
    }

    static boolean isAlive(String runner) {
        int colon = runner == null ? -1 : runner.lastIndexOf(':');
        if (colon < 0 || !runner.substring(0, colon).equals(HOST)) {
            return true;
        }
        try {
            long pid = Long.parseLong(runner.substring(colon + 1));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
