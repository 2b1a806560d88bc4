package dev.flotilla.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What is typed to a command's questions ({@link CliRun#answering}), for a test: {@code meanwhile} runs when the first
 * question reads its answer, as something done while the question waited on a terminal; then the typed lines are read.
 */
final class TypedAnswers extends InputStream {
    private final byte[] typed;
    private final ThrowingRunnable meanwhile;
    private int next;
    private boolean asked;

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private TypedAnswers(String typed, ThrowingRunnable meanwhile) {
        this.typed = typed.getBytes(StandardCharsets.UTF_8);
        this.meanwhile = meanwhile;
    }

    /** {@code lines} typed, nothing done meanwhile. */
    static TypedAnswers of(String lines) {
        return new TypedAnswers(lines, () -> { });
    }

    /** {@code lines} typed once {@code meanwhile} ran. */
    static TypedAnswers after(ThrowingRunnable meanwhile, String lines) {
        return new TypedAnswers(lines, meanwhile);
    }

    /** Whether a question read its answer (and so what was done meanwhile was done). */
    boolean asked() {
        return asked;
    }

    @Override
    public int read() {
        if (!asked) {
            asked = true;
            try {
                meanwhile.run();
            } catch (Exception e) {
                throw new AssertionError("what the test does while the question waits failed", e);
            }
        }
        return next < typed.length ? typed[next++] & 0xff : -1;
    }
}
