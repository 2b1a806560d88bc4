package dev.flotilla.run;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.JdbcUrls;
import dev.flotilla.sql.WebhookUrls;
import dev.flotilla.target.ChildEnvironment;
import dev.flotilla.target.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs one hook and fails with the hook's own words when it exits non-zero or answers other than 2xx. */
final class HookRunner {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How much of the end of what a failing hook printed or answered its error quotes, at most. */
    private static final int TAIL = 500;

    /** Built on the first HTTP hook: a client sets up TLS, about 0.1 s that a run without hooks need not pay. */
    private static final class Http {
        static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    private HookRunner() {
    }

    static boolean isSet(String hook) {
        return hook != null && !hook.isBlank();
    }

    /** Runs {@code hook} (if any) for {@code event}; {@code tenant} may be null for deployment hooks. */
    static void run(String hook, String event, String tenant, String deployment) {
        run(hook, event, tenant, deployment, TIMEOUT);
    }

    /** As {@link #run(String, String, String, String)}, the hook given {@code timeout} to end (tests wait seconds, not a minute). */
    static void run(String hook, String event, String tenant, String deployment, Duration timeout) {
        if (!isSet(hook)) {
            return;
        }
        String command = hook.replace("${tenant}", tenant == null ? "" : tenant).replace("${deployment}", deployment);
        try {
            if (command.startsWith("http://") || command.startsWith("https://")) {
                post(command, event, tenant, deployment, timeout);
            } else {
                shell(command, event, tenant, deployment, timeout);
            }
        } catch (IOException e) {
            throw failed(event, command, whatHappened(e, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(event, command, "interrupted");
        } catch (FlotillaException e) {
            throw e;
        } catch (RuntimeException e) {
            // A URL that does not parse (a value put in for ${tenant}, say): a hook's failure, not a bug of ours.
            throw failed(event, command, problemWithUrl(command).orElse(e.getClass().getSimpleName()));
        }
    }

    static java.util.Optional<String> problemWithUrl(String hook) {
        if (hook == null || !(hook.startsWith("http://") || hook.startsWith("https://"))) {
            return java.util.Optional.empty();
        }
        try {
            URI uri = new URI(hook);
            return uri.getHost() == null ? java.util.Optional.of("not a valid URL (it names no host)") : java.util.Optional.empty();
        } catch (java.net.URISyntaxException e) {
            // The exception's message quotes the whole URL; its reason and index do not.
            return java.util.Optional.of("not a valid URL (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
        }
    }

    /** What an I/O failure means, for exceptions that carry no message of their own (a refused connection has none). */
    private static String whatHappened(IOException e, Duration timeout) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "could not connect within " + Http.CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static void shell(String command, String event, String tenant, String deployment, Duration timeout)
            throws IOException, InterruptedException {
        // Output goes to a file, not a pipe: a hook that hangs must not block us past the timeout.
        Path output = Files.createTempFile("flotilla-hook", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            ChildEnvironment.clean(builder.environment());
            builder.environment().put("FLOTILLA_EVENT", event);
            builder.environment().put("FLOTILLA_DEPLOYMENT", deployment);
            if (tenant != null) {
                builder.environment().put("FLOTILLA_TENANT", tenant);
            }
            // In a process group of its own: a deployment's first Ctrl-C lets the tenant in flight finish, its hook too.
            Process process = ChildProcesses.start(builder);
            boolean ended;
            try {
                ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                // Ended by now, unless it ran over or this thread was interrupted: then it is not left running.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                ChildProcesses.ended(process);
            }
            if (ended && process.exitValue() == 0) {
                return;
            }
            // Read once it ended or was killed: a hook hanging on a host says which host, as a failing one says why.
            String said = Files.readString(output, StandardCharsets.UTF_8).strip();
            throw failed(event, command, ended ? "exit " + process.exitValue() + (said.isEmpty() ? "" : ": " + tail(said, command))
                    : "still running after " + timeout.toSeconds() + " s, killed"
                    + (said.isEmpty() ? " (it printed nothing)" : "; it printed: " + tail(said, command)));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void post(String url, String event, String tenant, String deployment, Duration timeout)
            throws IOException, InterruptedException {
        String body = "{\"event\":\"" + event + "\",\"deployment\":\"" + deployment + "\",\"tenant\":"
                + (tenant == null ? "null" : "\"" + tenant + "\"") + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            URI uri = request.uri();
            int port = uri.getPort() >= 0 ? uri.getPort() : url.startsWith("https:") ? 443 : 80;
            throw failed(event, url, "connection refused by " + uri.getHost() + ":" + port);
        }
        if (response.statusCode() / 100 != 2) {
            throw failed(event, url, "HTTP " + response.statusCode() + ": " + tail(response.body(), url));
        }
    }

    /**
     * The hook's URL or command is masked as a JDBC URL is (an http hook may carry a token or {@code user:password@}), and
     * every URL in it past its first path segment, where a webhook keeps its secret; so is each of its URLs where what it
     * printed or answered quotes it.
     */
    private static FlotillaException failed(String event, String command, String why) {
        return new FlotillaException(ErrorCode.HOOK_FAILED, JdbcUrls.redact("The " + event + " hook `"
                + WebhookUrls.maskEvery(command) + "` failed: " + maskedAsTheHooks(why, command)));
    }

    /** {@code said} with each of the hook's own URLs ({@code command}'s) masked where it quotes it whole. */
    private static String maskedAsTheHooks(String said, String command) {
        String masked = said;
        for (String url : WebhookUrls.urlsIn(command)) {
            masked = masked.replace(url, WebhookUrls.maskEvery(url));
        }
        return masked;
    }

    /**
     * The end of what a hook printed or answered, masked before it is cut (a URL cut in two is no longer recognised, a
     * secret cut in two leaves its end bare), and cut where a word starts: a password the hook printed is masked later,
     * by what keeps the message, only where it stands whole.
     */
    static String tail(String said, String command) {
        String text = JdbcUrls.redact(maskedAsTheHooks(said, command));
        if (text.length() <= TAIL) {
            return text;
        }
        int cut = text.length() - TAIL;
        int start = wordStart(text, cut, Character::isWhitespace);
        if (start < 0) {
            // One long word (a minified JSON answer, say): cut where one of its values starts instead.
            start = wordStart(text, cut, c -> "\"',;:{}[]<>=".indexOf(c) >= 0);
        }
        return start < 0 ? "... (" + text.length() + " characters, not shown: no place to cut them)" : "..." + text.substring(start);
    }

    /** Where the first word at or after {@code from} starts, words parted by {@code boundary}; -1 when none does. */
    private static int wordStart(String text, int from, java.util.function.IntPredicate boundary) {
        int at = from;
        if (!boundary.test(text.charAt(at - 1))) {
            while (at < text.length() && !boundary.test(text.charAt(at))) {
                at++;
            }
        }
        while (at < text.length() && boundary.test(text.charAt(at))) {
            at++;
        }
        return at < text.length() ? at : -1;
    }
}
