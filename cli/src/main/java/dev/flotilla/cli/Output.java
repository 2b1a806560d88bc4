package dev.flotilla.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Secret;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a command's results go. In text mode, lines for people on stdout and errors on stderr; with
 * {@code --json}, exactly one JSON envelope on stdout, also on failure. Every line passes through
 * {@link #scrub} so that a password that slipped into a driver message never reaches the terminal.
 */
final class Output {
    /** Loaded on the first JSON document, not by commands that print text (Jackson costs a cold JVM ~50 ms). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Answers answers;
    /** Added to while tenants' tasks run (a tenant's own login read), read by them: hence copy-on-write. */
    private final List<Secret> secrets = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean json;
    /** The warnings said on stderr, for the JSON document's {@code warnings} (with --json only). */
    private final List<String> warnings = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private boolean color;
    private boolean verbose;
    private boolean terminal;
    private boolean progressShown;
    /** Whether the one JSON document was printed (guarded by itself): by {@link #finish} or {@link #interrupted}. */
    private final Object document = new Object();
    private boolean documentPrinted;
    /** The exit code of the signal that ended the command before it printed its document; 0 when none did. */
    private int interruptedExit;

    Output(PrintStream out, PrintStream err) {
        this(out, err, Answers.terminal());
    }

    /** @param answers where a command's question before it changes tenants is answered ({@link Confirmation}) */
    Output(PrintStream out, PrintStream err, Answers answers) {
        this.out = out;
        this.err = err;
        this.answers = answers;
    }

    /** @param terminal whether stdout is a terminal: only there is a live progress line drawn */
    void configure(boolean json, boolean color, boolean verbose, boolean terminal) {
        this.json = json;
        this.color = color;
        this.verbose = verbose;
        this.terminal = terminal;
    }

    Answers answers() {
        return answers;
    }

    void addSecret(Secret secret) {
        secrets.add(secret);
    }

    /** Masks every password written inside {@code jdbcUrl}; null is ignored. */
    void addSecretsOf(String jdbcUrl) {
        if (jdbcUrl != null) {
            dev.flotilla.sql.JdbcUrls.secretsIn(jdbcUrl).forEach(value -> secrets.add(Secret.of(value)));
        }
    }

    boolean json() {
        return json;
    }

    /** A line for people; dropped in JSON mode. */
    synchronized void line(String text) {
        if (!json) {
            clearProgress();
            out.println(scrub(text));
        }
    }

    /**
     * Many lines for people at once (each ending in a newline), in one write instead of one per line; dropped
     * in JSON mode.
     */
    synchronized void lines(CharSequence block) {
        if (!json && !block.isEmpty()) {
            clearProgress();
            // Encoded at once in the stream's charset, the bytes print(String) writes: it encodes through a CharBuffer
            // over the String one char at a time, cold code for the 700 kB of a 10,000-tenant status.
            out.writeBytes(scrub(block.toString()).getBytes(out.charset()));
            out.flush();
        }
    }

    /** Redraws the one live progress line of a terminal (elsewhere it is left out); the next {@link #line} replaces it. */
    synchronized void progress(String text) {
        if (!json && terminal) {
            out.print("\r\u001b[K" + scrub(text));
            out.flush();
            progressShown = true;
        }
    }

    private void clearProgress() {
        if (progressShown) {
            out.print("\r\u001b[K");
            progressShown = false;
        }
    }

    String green(String text) {
        return paint("32", text);
    }

    String red(String text) {
        return paint("31", text);
    }

    String yellow(String text) {
        return paint("33", text);
    }

    private String paint(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /** Ends a command: prints the envelope in JSON mode, and returns the exit code. */
    int finish(String command, Map<String, Object> data, List<Map<String, Object>> errors) {
        int exit = exitCode(errors);
        if (json) {
            synchronized (document) {
                if (documentPrinted) { // a signal ended the command meanwhile: its document is out, its exit code stands
                    return interruptedExit != 0 ? interruptedExit : exit;
                }
                documentPrinted = true;
                out.println(scrub(toJson(envelope(command, data, errors))));
            }
        } else {
            clearProgress();
            for (Map<String, Object> error : errors) {
                // One line per tenant says whose it is, as the JSON's "tenant" does.
                Object tenant = error.get("tenant");
                String message = String.valueOf(error.get("message"));
                String whose = tenant == null || message.startsWith(tenant + ":") ? "" : tenant + ": ";
                String check = (String) error.get("check");
                // verify's own messages start with the check's id already
                String which = check == null || message.startsWith(check + ":") ? ""
                        : checkOf(check, (String) error.get("migration"));
                err.println(scrub(red("error") + " [" + error.get("code") + "] " + whose + which + message));
            }
        }
        return exit;
    }

    /**
     * What a failed check's line says first, as its JSON entry's {@code check} and {@code migration} do ("check
     * unique-keys, migration 3: "); nothing for an error that is no check's.
     */
    static String checkOf(String check, String migration) {
        return check == null ? "" : "check " + check + (migration == null ? "" : ", migration " + migration) + ": ";
    }

    /**
     * The document of a command that SIGINT or SIGTERM ends (see {@link JsonOnSignal}), unless it has printed its own:
     * ok false and one {@code INTERRUPTED} error. The signal's exit code is the JVM's (130, 143).
     */
    void interrupted(String command, String signal, int exit) {
        synchronized (document) {
            if (!json || documentPrinted) {
                return;
            }
            documentPrinted = true;
            interruptedExit = exit;
            String message = "flotilla " + command + " was ended by " + signal + " before it finished (exit " + exit
                    + "): what it had done stays done, nothing more was started. If it had started a deployment, that"
                    + " one is interrupted: `flotilla deployments list` shows it, `flotilla deploy --resume ID` continues it.";
            List<Map<String, Object>> errors = List.of(Errors.of(new FlotillaException(ErrorCode.INTERRUPTED, message)));
            out.println(scrub(toJson(envelope(command, Map.of(), errors))));
            out.flush();
        }
    }

    /** The document; {@code warnings} only when a warning was said, as an error names {@code commands} only when it has any. */
    private Map<String, Object> envelope(String command, Map<String, Object> data, List<Map<String, Object>> errors) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("ok", errors.isEmpty());
        envelope.put("command", command);
        envelope.put("data", data);
        envelope.put("errors", errors);
        synchronized (warnings) {
            if (!warnings.isEmpty()) {
                envelope.put("warnings", List.copyOf(warnings));
            }
        }
        return envelope;
    }

    /** Ends a command that threw: the message (the stack trace only with --verbose). */
    int fail(String command, FlotillaException e) {
        if (verbose && !json) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.println(scrub(trace.toString()));
        }
        return finish(command, Map.of(), List.of(Errors.of(e)));
    }

    /**
     * {@code text} with every secret the command knows masked, and the passwords any URL, connection string or client
     * option in it writes ({@code password=x}, {@code --password=x}, {@code PGPASSWORD=x}), whatever their values: one a
     * command did not read (a URL template's, a file's) is masked too.
     */
    String scrub(String text) {
        String masked = text;
        for (Secret secret : secrets) {
            masked = secret.scrub(masked);
        }
        return dev.flotilla.sql.JdbcUrls.redact(masked);
    }

    private static int exitCode(List<Map<String, Object>> errors) {
        int exit = 0;
        for (Map<String, Object> error : errors) {
            ErrorCode code = ErrorCode.valueOf(String.valueOf(error.get("code")));
            exit = Math.max(exit, code.category() == ErrorCode.Category.INPUT ? 2 : 1);
        }
        return exit;
    }

    private static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report not serialisable", e);
        }
    }

    /**
     * A warning for people, on stderr so that JSON on stdout stays clean; with --json it is also in the document's
     * {@code warnings}, as written here, for a pipeline that reads stdout alone.
     */
    void warn(String text) {
        err.println(scrub(yellow("warning") + " " + text));
        if (json) {
            warnings.add(text);
        }
    }

    void raw(String text) {
        err.println(scrub(text));
    }
}
