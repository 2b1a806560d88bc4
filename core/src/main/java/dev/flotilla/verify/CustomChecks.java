package dev.flotilla.verify;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.sql.Dialect;
import dev.flotilla.sql.SqlParseException;
import dev.flotilla.sql.SqlStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the checks folder. {@code *.scenario.sql} files hold scenarios, each starting at a
 * {@code -- scenario: name} line; other {@code *.sql} files hold assertions, each a {@code -- check: name}
 * line, an {@code -- expect: ...} line and one query. A {@code -- since: VERSION} line applies the check it
 * follows from that migration on; one before the first check, every check of the file. {@code ${tenant}} in a
 * statement is bound to the tenant's id ({@link CheckSql}); written inside quotes it is refused. Every problem in the
 * folder is reported at once.
 */
final class CustomChecks {
    private static final Pattern HEADER = Pattern.compile("^\\s*--\\s*(check|scenario|expect|since)\\s*:\\s*(.*)$");

    private CustomChecks() {
    }

    static List<CustomCheck> load(Path folder, Dialect dialect) {
        if (folder == null) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "The checks folder " + folder + " does not exist. Create it,"
                    + " or point checks.folder somewhere else.");
        }
        List<CustomCheck> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                try {
                    checks.addAll(parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8), dialect));
                } catch (FlotillaException e) {
                    problems.add(e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new FlotillaException(ErrorCode.UNREADABLE_FILE, "Cannot read the checks folder " + folder + ": " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, "The checks folder " + folder + " has " + problems.size()
                    + " problem(s): " + String.join(" | ", problems));
        }
        return checks;
    }

    static List<CustomCheck> parse(String file, String text, Dialect dialect) {
        boolean scenarios = file.endsWith(".scenario.sql");
        Headers headers = Headers.read(file, text, scenarios);
        List<SqlStatement> statements;
        try {
            statements = dialect.split(text);
        } catch (SqlParseException e) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, file + ":" + e.line() + ": " + e.getMessage());
        }
        Map<Integer, List<CustomCheck.Step>> blocks = blocks(file, statements, headers, dialect);
        List<CustomCheck> checks = new ArrayList<>();
        for (Map.Entry<Integer, String> header : headers.names().entrySet()) {
            List<CustomCheck.Step> steps = blocks.getOrDefault(header.getKey(), List.of());
            String where = file + ":" + header.getKey();
            Since since = since(headers.sinces(), headers.names(), header.getKey(), where);
            checks.add(scenarios ? scenario(header.getValue(), file, where, steps, since)
                    : assertion(header.getValue(), file, where, steps, since));
        }
        return checks;
    }

    /**
     * A file's header lines by line number: each check's or scenario's name, the {@code -- expect:} and
     * {@code -- since:} lines; refused when one does not belong in the file or names nothing.
     */
    private record Headers(TreeMap<Integer, String> names, TreeMap<Integer, Expectation> expectations,
                           TreeMap<Integer, Since> sinces, String word) {
        static Headers read(String file, String text, boolean scenarios) {
            Headers headers = new Headers(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), scenarios ? "scenario" : "check");
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher m = HEADER.matcher(lines[i]);
                if (m.find()) {
                    headers.add(m, i + 1, file + ":" + (i + 1), scenarios);
                }
            }
            return headers;
        }

        private void add(Matcher m, int line, String where, boolean scenarios) {
            if (m.group(1).equals("expect")) {
                expectations.put(line, Expectation.parse(m.group(2), where));
            } else if (m.group(1).equals("since")) {
                sinces.put(line, Since.of(m.group(2).isBlank() ? null : m.group(2), where + ": '-- since:'"));
                if (sinces.get(line) == null) {
                    throw new FlotillaException(ErrorCode.BAD_CONFIG, where + ": '-- since:' names no version; write"
                            + " '-- since: VERSION', the migration the check applies from.");
                }
            } else if (m.group(1).equals(word) && !m.group(2).isBlank()) {
                names.put(line, m.group(2).strip());
            } else {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, where + ": '-- " + m.group(1) + ":' does not belong in "
                        + (scenarios ? "a scenario file" : "an assertion file") + ", or names nothing; start each with '-- "
                        + word + ": name'.");
            }
        }
    }

    /** Each statement under the header above it, by the header's line, with the expectation between them, if any. */
    private static Map<Integer, List<CustomCheck.Step>> blocks(String file, List<SqlStatement> statements, Headers headers,
                                                               Dialect dialect) {
        Map<Integer, List<CustomCheck.Step>> blocks = new TreeMap<>();
        for (SqlStatement statement : statements) {
            Map.Entry<Integer, String> header = headers.names().floorEntry(statement.line());
            if (header == null) {
                throw new FlotillaException(ErrorCode.BAD_CONFIG, file + ":" + statement.line() + ": a statement before the"
                        + " first '-- " + headers.word() + ": name' line.");
            }
            Map.Entry<Integer, Expectation> expect = headers.expectations().floorEntry(statement.line());
            boolean own = expect != null && expect.getKey() > header.getKey()
                    && blocks.getOrDefault(header.getKey(), List.of()).stream().noneMatch(s -> s.line() > expect.getKey());
            blocks.computeIfAbsent(header.getKey(), k -> new ArrayList<>())
                    .add(new CustomCheck.Step(statement.line(), sql(statement, file, dialect), own ? expect.getValue() : null));
        }
        return blocks;
    }

    private static CustomCheck scenario(String name, String file, String where, List<CustomCheck.Step> steps, Since since) {
        if (steps.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, where + ": scenario '" + name + "' has no statements.");
        }
        return new CustomCheck.Scenario(name, file, steps, since);
    }

    private static CustomCheck assertion(String name, String file, String where, List<CustomCheck.Step> steps, Since since) {
        if (steps.size() != 1 || steps.get(0).expectation() == null) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, where + ": check '" + name + "' needs one"
                    + " '-- expect:' line and one query; it has " + steps.size() + " statement(s).");
        }
        CustomCheck.Step step = steps.get(0);
        return new CustomCheck.Assertion(name, file, step.line(), step.sql(), step.expectation(), since);
    }

    /** The statement as it runs; {@code ${tenant}} in quotes is refused, where a parameter cannot stand. */
    private static CheckSql sql(SqlStatement statement, String file, Dialect dialect) {
        CheckSql sql = CheckSql.of(statement.sql(), dialect);
        if (sql.quoted()) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, file + ":" + statement.line() + ": " + CheckSql.TENANT
                    + " is written inside quotes; write it bare, as a value (WHERE tenant_id = " + CheckSql.TENANT + "):"
                    + " the tenant's id is bound as a parameter, never pasted into the SQL.");
        }
        return sql;
    }

    /**
     * The since of the check whose header is at line {@code header}: its own (between its header and the next), else
     * the file's (before the first header), else none. Two of its own are refused.
     */
    private static Since since(TreeMap<Integer, Since> sinces, TreeMap<Integer, String> headers, int header, String where) {
        Integer next = headers.higherKey(header);
        var own = sinces.subMap(header, false, next == null ? Integer.MAX_VALUE : next, false);
        if (own.size() > 1) {
            throw new FlotillaException(ErrorCode.BAD_CONFIG, where + ": '" + headers.get(header) + "' has "
                    + own.size() + " '-- since:' lines (" + own.keySet().stream().map(l -> "line " + l).toList()
                    + "); keep one.");
        }
        if (!own.isEmpty()) {
            return own.firstEntry().getValue();
        }
        var file = sinces.headMap(headers.firstKey(), false);
        return file.isEmpty() ? null : file.lastEntry().getValue();
    }
}
