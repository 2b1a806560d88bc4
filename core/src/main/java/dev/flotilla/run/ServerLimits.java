package dev.flotilla.run;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** At most {@code perServer} pieces of work at once on one database server. Thread-safe. */
final class ServerLimits {
    private final int perServer;
    private final Map<String, Semaphore> servers = new ConcurrentHashMap<>();

    ServerLimits(int perServer) {
        this.perServer = perServer;
    }

    <T> T within(TenantTarget target, Callable<T> work) throws Exception {
        Semaphore server = servers.computeIfAbsent(target.serverKey(), k -> new Semaphore(perServer));
        server.acquire();
        try {
            return work.call();
        } finally {
            server.release();
        }
    }
}
