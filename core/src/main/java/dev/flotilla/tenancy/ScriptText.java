package dev.flotilla.tenancy;

/** Builds a generated script: statements ended by semicolons, comments and blank lines between them. */
final class ScriptText {
    private final StringBuilder text = new StringBuilder();

    ScriptText comment(String line) {
        text.append("-- ").append(line).append('\n');
        return this;
    }

    /** A line that is read as written, such as a backfill directive. */
    ScriptText line(String line) {
        text.append(line).append('\n');
        return this;
    }

    ScriptText statement(String sql) {
        text.append(sql).append(";\n");
        return this;
    }

    ScriptText blank() {
        if (!text.isEmpty() && !text.toString().endsWith("\n\n")) {
            text.append('\n');
        }
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
