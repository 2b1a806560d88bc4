package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.sse.SseHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Browsers that stop reading a live progress stream but keep its connection open (a frozen tab, a client on a dead link)
 * cost the others nothing: no thread waits on them, every other stream gets each tick's frame, and Jetty's idle timeout
 * ends them. Frames of a megabyte fill a stalled connection's buffers in a few ticks.
 */
class LiveProgressStalledStreamsTest {
    private static final int STALLED = LiveProgress.THREADS;
    private static final String MEGABYTE = "x".repeat(1 << 20);

    private final AtomicInteger ticks = new AtomicInteger();
    private final List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private LiveProgress live;
    private Javalin app;

    /** A console's stream route on a feed that changes every tick by a megabyte, Jetty's idle timeout {@code idle}. */
    private void start(Duration idle) {
        live = new LiveProgress(id -> () -> {
            String html = "frame " + ticks.incrementAndGet() + " " + MEGABYTE;
            return new LiveProgress.Frame(false, viewer -> new LinkedHashMap<>(java.util.Map.of("progress", html)));
        }, logged::add);
        SseHandler events = new SseHandler(client -> live.watch("d-1", client));
        app = Javalin.create(config -> config.showJavalinBanner = false).get("/events", events::handle).start("127.0.0.1", 0);
        // Applies to the connections made from now on, the test's.
        Arrays.stream(app.jettyServer().server().getConnectors()).map(ServerConnector.class::cast)
                .forEach(connector -> connector.setIdleTimeout(idle.toMillis()));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (live != null) {
            live.close();
        }
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void streams_whose_browsers_stopped_reading_hold_no_thread_and_a_reading_one_gets_every_tick() throws Exception {
        start(Duration.ofMinutes(10));
        for (int i = 0; i < STALLED; i++) {
            stalled();
        }
        await(() -> live.streams() == STALLED && ticks.get() >= 12, "the stalled streams were sent more than their buffers hold");

        BufferedReader reader = reading();
        Set<String> frames = ConcurrentHashMap.newKeySet();
        await(() -> {
            frames.add(nextFrame(reader));
            return frames.size() >= 5;
        }, "a reading stream gets frame after frame beside " + STALLED + " stalled ones");
        await(() -> threadsSending() == 0, "no thread waits on a stalled stream");
        assertThat(live.streams()).as("the stalled streams are still open").isEqualTo(STALLED + 1);
    }

    @Test
    void a_stream_whose_browser_stopped_reading_ends_at_the_idle_timeout_and_the_others_run_on() throws Exception {
        start(Duration.ofSeconds(2));
        stalled();
        BufferedReader reader = reading();
        await(() -> live.streams() == 2 && ticks.get() >= 8, "the stalled stream was sent more than its buffers hold");

        await(() -> {
            nextFrame(reader);
            return live.streams() == 1;
        }, "the stalled stream ended");
        String before = nextFrame(reader);
        assertThat(nextFrame(reader)).as("the reading stream runs on").isNotEqualTo(before);
    }

    /** A browser that asks for the stream and never reads it, its receive buffer as small as the system allows. */
    private void stalled() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        ask(socket);
    }

    private BufferedReader reading() throws IOException {
        Socket socket = new Socket();
        socket.setSoTimeout(30_000);
        ask(socket);
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private void ask(Socket socket) throws IOException {
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", app.port()));
        socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The next progress frame's number ("frame 7"), read past comments and headers. */
    private static String nextFrame(BufferedReader reader) throws IOException {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("data: frame ")) {
                return line.substring("data: ".length(), line.indexOf(' ', "data: frame ".length()));
            }
        }
        throw new AssertionError("The stream ended");
    }

    /** The threads inside the live progress's sending now. */
    private static long threadsSending() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> Arrays.stream(stack)
                .anyMatch(frame -> frame.getClassName().startsWith(LiveProgress.class.getName() + "$")
                        && frame.getMethodName().equals("send"))).count();
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
