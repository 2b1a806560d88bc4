package dev.flotilla.web;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The live progress of deployments' pages, pushed to the browsers watching them (server-sent events): one thread reads
 * each watched deployment from the control plane once a tick, for all its viewers, and a few threads send; no thread
 * waits on a browser, however many watch: a stream is written without blocking, and one whose browser stopped reading
 * (its connection open) is passed over until it reads again or Jetty's idle timeout ends it. Every viewer is written to
 * every tick (a comment when nothing changed), so a browser that left is noticed within a tick or two and its stream
 * ends, the deployment running on. A deployment's last
 * frame (its results) ends its streams. Thread-safe; {@link #close} ends every stream.
 */
final class LiveProgress implements AutoCloseable {
    /** How often a watched deployment is read. */
    static final Duration TICK = Duration.ofMillis(400);
    /** The threads all streams take together: one reads the plane, the others send. */
    static final int THREADS = 4;

    /** What a deployment's viewers are sent now: its events by name, rendered for a viewer; the last ends the stream. */
    record Frame(boolean last, Function<Context, SequencedMap<String, String>> events) {
    }

    /**
     * One watched deployment, read anew each tick; one for all its viewers, so that what it keeps between reads (the
     * shown tenants' checks) is shared. Called on the reading thread only.
     */
    interface Feed {
        Frame next();
    }

    private final Function<String, Feed> feeds;
    private final Consumer<String> log;
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(named("flotilla-console-live"));
    private final ExecutorService senders = Executors.newFixedThreadPool(THREADS - 1, named("flotilla-console-live-send"));

    /** @param feeds the feed of a deployment by its id; {@code log} the operator's line of a stream that failed */
    LiveProgress(Function<String, Feed> feeds, Consumer<String> log) {
        this.feeds = feeds;
        this.log = log;
        reader.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Streams {@code deployment}'s progress to {@code client} from now until it ends or the browser leaves; returns at once. */
    void watch(String deployment, SseClient client) {
        Viewer viewer = new Viewer(client);
        try {
            viewer.start();
        } catch (IOException | IllegalStateException e) {
            log.accept("the live progress of deployment " + deployment + " could not start: " + e);
            client.close();
            return;
        }
        client.onClose(() -> watched.computeIfPresent(deployment, (id, w) -> {
            w.viewers.remove(viewer);
            return w.viewers.isEmpty() ? null : w;
        }));
        client.keepAlive();
        watched.compute(deployment, (id, w) -> {
            Watched now = w != null ? w : new Watched(feeds.apply(id));
            now.viewers.add(viewer);
            return now;
        });
        try {
            reader.execute(() -> push(deployment)); // its first frame now, not at the next tick
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            client.close();
        }
    }

    /** The streams open now. */
    int streams() {
        return watched.values().stream().mapToInt(w -> w.viewers.size()).sum();
    }

    private void tick() {
        for (String deployment : watched.keySet()) {
            push(deployment);
        }
    }

    /** Reads {@code deployment} once and hands the frame to each of its viewers not still sending the one before. */
    private void push(String deployment) {
        Watched w = watched.get(deployment);
        if (w == null) {
            return;
        }
        Frame frame;
        try {
            frame = w.feed.next();
        } catch (RuntimeException e) {
            // The browser's EventSource connects again, and its page reads the deployment anew.
            log.accept("the live progress of deployment " + deployment + " failed: " + e);
            w.viewers.forEach(v -> v.client.close());
            return;
        }
        for (Viewer viewer : w.viewers) {
            if (viewer.sending.compareAndSet(false, true)) {
                try {
                    senders.execute(() -> viewer.send(frame, log));
                } catch (java.util.concurrent.RejectedExecutionException stopped) {
                    viewer.sending.set(false);
                }
            }
        }
    }

    /** Ends every stream and the threads; for the console's stop. */
    @Override
    public void close() {
        reader.shutdownNow();
        senders.shutdownNow();
        watched.values().forEach(w -> w.viewers.forEach(v -> v.client.close()));
    }

    private record Watched(Feed feed, Set<Viewer> viewers) {
        Watched(Feed feed) {
            this(feed, ConcurrentHashMap.newKeySet());
        }
    }

    /**
     * One browser's stream, and what it was last sent, written without blocking (a servlet {@link WriteListener}): a
     * frame is handed to Jetty whole, and a browser still taking an earlier one is passed over, to be sent the newest
     * state once it has taken it; one that takes nothing more is ended by Jetty's idle timeout. Sent to by one thread at
     * a time ({@link #sending}).
     */
    private static final class Viewer implements WriteListener {
        final SseClient client;
        final AtomicBoolean sending = new AtomicBoolean();
        private final SentEvents sent = new SentEvents();
        private ServletOutputStream out;
        /** Its last frame handed to Jetty: the stream ends once Jetty has written it. */
        private volatile boolean ending;

        Viewer(SseClient client) {
            this.client = client;
        }

        /** Puts the stream in non-blocking mode; the request must be asynchronous (Javalin's SSE handler makes it so). */
        void start() throws IOException {
            out = client.ctx().res().getOutputStream();
            out.setWriteListener(this);
        }

        /** Sends what changed of {@code frame} (a comment when nothing did, to notice a browser gone), then lets go. */
        void send(Frame frame, Consumer<String> log) {
            try {
                if (client.terminated() || !out.isReady()) {
                    return; // still taking an earlier frame: the next tick sends it the newest
                }
                ending = frame.last();
                byte[] changed = sent.changed(frame.events().apply(client.ctx()), frame.last());
                if (changed.length > 0) {
                    out.write(changed);
                }
                if (out.isReady()) {
                    out.flush();
                }
                if (ending && out.isReady()) {
                    client.close();
                }
            } catch (IOException gone) {
                client.close(); // the browser left
            } catch (RuntimeException e) {
                log.accept("a live progress stream failed: " + e);
                client.close();
            } finally {
                sending.set(false);
            }
        }

        /** Jetty wrote what it was handed; a last frame's stream ends. Called on a Jetty thread. */
        @Override
        public void onWritePossible() {
            if (ending) {
                client.close();
            }
        }

        /** The browser left, or took nothing for Jetty's idle timeout. Called on a Jetty thread. */
        @Override
        public void onError(Throwable failure) {
            client.close();
        }
    }

    /** What one viewer was sent of each event, and the server-sent events that tell it what changed since. */
    private static final class SentEvents {
        private final Map<String, String> last = new HashMap<>();

        /** The events of {@code events} not sent as they are now, as server-sent events; a comment if none and not last. */
        byte[] changed(Map<String, String> events, boolean lastFrame) {
            StringBuilder text = new StringBuilder();
            for (var event : events.entrySet()) {
                if (!event.getValue().equals(last.get(event.getKey()))) {
                    text.append("event: ").append(event.getKey()).append('\n');
                    for (String line : event.getValue().split("\r\n|\r|\n", -1)) {
                        text.append("data: ").append(line).append('\n');
                    }
                    text.append('\n');
                    last.put(event.getKey(), event.getValue());
                }
            }
            if (text.isEmpty() && !lastFrame) {
                text.append(":\n\n");
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return job -> {
            Thread thread = new Thread(job, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
