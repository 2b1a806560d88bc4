package dev.flotilla.history;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The changesets a Liquibase formatted SQL file declares ({@code --changeset author:id}), as {@code author:id}, in
 * the file's order. Liquibase records each one as a row of its own: a file is applied only when all of them are.
 */
final class LiquibaseChangesets {
    private static final Pattern CHANGESET = Pattern.compile(
            "^[ \\t]*--[ \\t]*changeset[ \\t]+(\"[^\"]+\"|[^:\\s]+)[ \\t]*:[ \\t]*(\"[^\"]+\"|\\S+)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private LiquibaseChangesets() {
    }

    static List<String> of(String sql) {
        List<String> changesets = new ArrayList<>();
        Matcher matcher = CHANGESET.matcher(sql);
        while (matcher.find()) {
            changesets.add(key(unquote(matcher.group(1)), unquote(matcher.group(2))));
        }
        return changesets;
    }

    /** How a changeset is named: {@code author:id}. */
    static String key(String author, String id) {
        return author + ":" + id;
    }

    private static String unquote(String text) {
        return text.length() > 1 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
