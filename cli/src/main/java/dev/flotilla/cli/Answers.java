package dev.flotilla.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where the question of a command that changes tenants ({@link Confirmation}) is answered: on the terminal, for people;
 * or, for the in-process tests ({@link Main}'s package-private constructor), from lines of a given input, the question
 * printed on the given stdout as a terminal shows it. Only the terminal's is reachable from the command line: without
 * one, such a command needs --yes. Asked from the command's thread only.
 */
interface Answers {
    /** Whether there is anyone to ask: never, without a terminal, for the terminal's. */
    boolean canAsk();

    /** What was answered to {@code prompt}, or null when nothing was (the input ended, or could not be read). */
    String answer(String prompt);

    /** The terminal's answers: asked when there is one (System.console, and stdout a terminal). */
    static Answers terminal() {
        return new Answers() {
            @Override
            public boolean canAsk() {
                return System.console() != null && OutputOptions.terminal();
            }

            @Override
            public String answer(String prompt) {
                return System.console().readLine("%s", prompt);
            }
        };
    }

    /**
     * The lines of {@code in}, each read when a question is asked (not before: what reading it does happens while the
     * question waits), the question printed on {@code prompts} first.
     */
    static Answers from(InputStream in, PrintStream prompts) {
        return new Answers() {
            private BufferedReader lines;

            @Override
            public boolean canAsk() {
                return true;
            }

            @Override
            public String answer(String prompt) {
                prompts.print(prompt);
                prompts.flush();
                try {
                    lines = lines != null ? lines : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                    return lines.readLine();
                } catch (IOException e) {
                    return null; // no answer read is no yes
                }
            }
        };
    }
}
