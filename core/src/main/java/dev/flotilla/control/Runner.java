package dev.flotilla.control;

/**
 * Names the process that runs a deployment ("host:pid") for people reading about it. Only a label: two containers
 * can share a host name and a pid; whether the process still runs is told by the deployment's {@link Heartbeat}.
 */
final class Runner {
    private static final String HOST = host();

    private Runner() {
    }

    static String current() {
        return HOST + ":" + ProcessHandle.current().pid();
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host"; // a label only: nothing is decided by it
        }
    }
}
