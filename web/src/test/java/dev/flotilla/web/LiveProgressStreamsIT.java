package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The live progress of a running deployment's page (server-sent events) as browsers open and leave it: the threads that
 * serve the streams stay few however many are open, a stream the browser left ends while the deployment still runs, and
 * one still open gets the results when it ends.
 */
class LiveProgressStreamsIT extends ConsoleOverHttp {
    private static final int STREAMS = 12;
    Path gate;

    @Override
    DemoConsole newDemo() throws Exception {
        gate = Files.createDirectories(folder.resolve("gate"));
        return new DemoConsole(folder.resolve("held"), DemoConsole.heldTenants(gate));
    }

    @Test
    void streams_of_a_running_deployment_the_browsers_left_end_while_it_runs_on_a_few_threads_and_one_left_open_gets_the_results()
            throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        String id = json(post("/api/v1/deployments", token, "{\"versions\": [\"3\"], \"all\": true}")).path("deployment").asText();
        await(() -> !DemoConsole.started(gate).isEmpty(), "a tenant is held in flight");
        String session = adminSession();

        List<EventStream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            EventStream stream = EventStream.open(demo.console.port(), id, session);
            assertThat(stream.readUntil("event: progress")).as("stream " + i + " shows the progress").contains("data: ");
            streams.add(stream);
        }
        EventStream kept = EventStream.open(demo.console.port(), id, session);
        kept.readUntil("event: progress");

        assertThat(threadsServingStreams()).as("threads serving %d open streams", STREAMS + 1)
                .isLessThanOrEqualTo(LiveProgress.THREADS);
        assertThat(demo.console.liveStreams()).isEqualTo(STREAMS + 1);
        for (EventStream stream : streams) {
            stream.close();
        }
        await(() -> demo.console.liveStreams() == 1, "the streams the browsers left ended, the deployment still running");
        await(() -> threadsServingStreams() == 0, "no thread waits on a stream");
        assertThat(json(get("/api/v1/deployments/" + id, token)).path("deployment").path("status").asText()).isEqualTo("running");

        Files.createFile(gate.resolve("release"));
        String end = kept.readUntil("event: done");
        assertThat(kept.readToEnd()).as("the server ends the stream after the results").doesNotContain("event: progress");
        assertThat(end).contains("data: ");
        kept.close();
        await(() -> demo.console.liveStreams() == 0, "the last stream ended with its deployment");
        assertThat(demo.console.awaitIdle(java.time.Duration.ofSeconds(60))).isTrue();
    }

    /** The threads inside the console's live progress code now (sending, reading the plane, or waiting on a stream). */
    private static long threadsServingStreams() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> Arrays.stream(stack)
                .anyMatch(frame -> in(frame, LiveProgress.class) || in(frame, DeploymentRoutes.class))).count();
    }

    /** Whether {@code frame} is code of {@code type}: its own, a nested class's, or a lambda's. */
    private static boolean in(StackTraceElement frame, Class<?> type) {
        return frame.getClassName().equals(type.getName()) || frame.getClassName().startsWith(type.getName() + "$");
    }

    /** A browser's EventSource on a deployment's events, over a socket the test drops as a closed tab does. */
    private record EventStream(Socket socket, BufferedReader in) implements AutoCloseable {
        static EventStream open(int port, String deployment, String session) throws IOException {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET /deployments/" + deployment + "/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\nCookie: " + session + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new EventStream(socket, new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)));
        }

        /** What came up to and including the first line after {@code line}: its data. */
        String readUntil(String line) throws IOException {
            StringBuilder read = new StringBuilder();
            for (String next = in.readLine(); next != null; next = in.readLine()) {
                read.append(next).append('\n');
                if (next.equals(line)) {
                    read.append(in.readLine()).append('\n');
                    return read.toString();
                }
            }
            throw new AssertionError("The stream ended before '" + line + "': " + read);
        }

        /** Reads until the server closes the connection; what came. */
        String readToEnd() throws IOException {
            StringBuilder read = new StringBuilder();
            for (String next = in.readLine(); next != null; next = in.readLine()) {
                read.append(next).append('\n');
            }
            return read.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Something the test waits for, read again until true or a deadline. */
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
