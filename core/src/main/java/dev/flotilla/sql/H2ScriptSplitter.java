package dev.flotilla.sql;

/** H2: standard quoting, {@code $$ .. $$} bodies (Java source of aliases), {@code --} and {@code //} comments. */
final class H2ScriptSplitter extends ScriptSplitter {
    @Override
    DollarQuotes dollarQuotes() {
        return DollarQuotes.UNTAGGED;
    }

    @Override
    boolean isLineComment(String script, int pos) {
        return script.startsWith("--", pos) || script.startsWith("//", pos);
    }
}
