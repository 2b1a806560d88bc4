package dev.flotilla.sql;

/** Finds matching parentheses in SQL text, skipping those inside string literals. */
public final class Parentheses {
    private Parentheses() {
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1 when it is never closed. */
    public static int closing(String text, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
