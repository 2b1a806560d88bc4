package dev.flotilla.migration;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a file name says: Flyway ({@code V1__x.sql}, {@code U1__x.sql}, {@code R__x.sql}), numbered
 * ({@code 001_x.sql}, {@code 2025_11_x.sql} with {@code 2025_11_x.down.sql}) and golang-migrate
 * ({@code 000001_x.up.sql} with {@code 000001_x.down.sql}). golang-migrate's version is one integer, the digits before
 * the first {@code _}: {@code 000010_100_users.up.sql} is version 10 titled {@code 100_users}. A down file
 * {@code S.down.sql} belongs to {@code S.up.sql} when the folder has one, else to {@code S.sql}.
 */
record MigrationFileName(Role role, String versionText, String description) {
    /** What the file is for; a repeatable has no down file, so {@code R__x.down.sql} is a mistake to report. */
    enum Role { UP, DOWN, REPEATABLE, REPEATABLE_DOWN }

    static final String ACCEPTED = "name migrations V1__name.sql, 001_name.sql or 000001_name.up.sql, down files"
            + " U1__name.sql or <migration name>.down.sql, repeatables R__name.sql";

    private record Rule(Pattern pattern, Role role) {
    }

    private static final String VERSION = "(\\d+(?:[._]\\d+)*)";
    private static final String NUMBERED = "(\\d+(?:_\\d+)*)";
    private static final String GOLANG = "(\\d+)";
    private static final Pattern GOLANG_DOWN = Pattern.compile(GOLANG + "_(.+)\\.down\\.sql");
    private static final Pattern NUMBERED_DOWN = Pattern.compile(NUMBERED + "_(.+)\\.down\\.sql");
    private static final Pattern GOLANG_TITLE_WITH_NUMBER = Pattern.compile("(\\d+)_(\\d+(?:_\\d+)*)_(.+)\\.up\\.sql");
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("V(.+?)__(.+)\\.down\\.sql"), Role.DOWN),
            new Rule(Pattern.compile("V(.+?)__(.+)\\.sql"), Role.UP),
            new Rule(Pattern.compile("U(.+?)__(.+)\\.sql"), Role.DOWN),
            new Rule(Pattern.compile("R__(.+)\\.down\\.sql"), Role.REPEATABLE_DOWN),
            new Rule(Pattern.compile("R__(.+)\\.sql"), Role.REPEATABLE),
            new Rule(Pattern.compile(GOLANG + "_(.+)\\.up\\.sql"), Role.UP),
            new Rule(NUMBERED_DOWN, Role.DOWN),
            new Rule(Pattern.compile(NUMBERED + "_(.+)\\.sql"), Role.UP));
    private static final Pattern VERSION_TEXT = Pattern.compile(VERSION);

    /** What the name says, read alone (a down file as a numbered one's), or empty when it matches no pattern. */
    static Optional<MigrationFileName> parse(String fileName) {
        return parse(fileName, name -> false);
    }

    /**
     * What the name says in a folder where {@code inFolder} tells which files exist, or empty when it matches no pattern.
     * A down file {@code S.down.sql} has golang-migrate's version when {@code S.up.sql} exists.
     */
    static Optional<MigrationFileName> parse(String fileName, Predicate<String> inFolder) {
        Matcher golangDown = GOLANG_DOWN.matcher(fileName);
        if (golangDown.matches() && inFolder.test(upOf(fileName))) {
            return Optional.of(new MigrationFileName(Role.DOWN, golangDown.group(1), describe(golangDown.group(2))));
        }
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(fileName);
            if (m.matches()) {
                return Optional.of(rule.role() == Role.REPEATABLE || rule.role() == Role.REPEATABLE_DOWN
                        ? new MigrationFileName(rule.role(), null, describe(m.group(1)))
                        : new MigrationFileName(rule.role(), m.group(1), describe(m.group(2))));
            }
        }
        return Optional.empty();
    }

    /**
     * Why the down file {@code fileName} cannot be paired, or empty: the folder has both {@code S.sql} and
     * {@code S.up.sql}, two migrations of different versions it could undo.
     */
    static Optional<String> ambiguousDown(String fileName, Predicate<String> inFolder) {
        Matcher numbered = NUMBERED_DOWN.matcher(fileName);
        String numberedUp = fileName.replaceFirst("\\.down\\.sql$", ".sql");
        if (!numbered.matches() || !inFolder.test(numberedUp) || !inFolder.test(upOf(fileName))) {
            return Optional.empty();
        }
        String golangVersion = parse(upOf(fileName)).map(MigrationFileName::version).map(String::valueOf).orElseThrow();
        return Optional.of("could undo " + numberedUp + " (version " + MigrationVersion.parse(numbered.group(1)) + ") or "
                + upOf(fileName) + " (version " + golangVersion + "). Rename one of the two migrations (and its down"
                + " file with it): a down file undoes the migration whose name it repeats.");
    }

    /**
     * For a golang-migrate name whose title starts with numbers ({@code 2025_12_users.up.sql}): how to keep the version
     * it seems to have, as one integer or as a Flyway name; empty for any other name.
     */
    static Optional<String> renameForVersionParts(String fileName) {
        Matcher m = GOLANG_TITLE_WITH_NUMBER.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        String parts = m.group(1) + "_" + m.group(2);
        return Optional.of("golang-migrate names (.up.sql) have the integer before the first '_' as their version, so "
                + fileName + " is version " + MigrationVersion.parse(m.group(1)) + ": rename it "
                + parts.replace("_", "") + "_" + m.group(3) + ".up.sql, or V" + parts + "__" + m.group(3) + ".sql for a"
                + " version of several parts (its down file with it)");
    }

    private static String upOf(String downFileName) {
        return downFileName.replaceFirst("\\.down\\.sql$", ".up.sql");
    }

    private static final Pattern ENDING = Pattern.compile("(?i)(\\.(?:up|down))?\\.sql$");
    private static final Pattern SUFFIX_IN_DESCRIPTION = Pattern.compile("(?i).*\\.(up|down)$");

    /**
     * The name as a migration's would be, its ending ({@code .sql}, {@code .up.sql}, {@code .down.sql}) in lower case;
     * empty when that is the name itself or no migration's name either. {@code V8__x.Sql} would be {@code V8__x.sql}.
     */
    static Optional<String> lowerCaseEnding(String fileName) {
        Matcher m = ENDING.matcher(fileName);
        if (!m.find()) {
            return Optional.empty();
        }
        String renamed = fileName.substring(0, m.start()) + m.group().toLowerCase(java.util.Locale.ROOT);
        return renamed.equals(fileName) ? Optional.empty() : Optional.of(renamed);
    }

    private static final Pattern ONE_UNDERSCORE = Pattern.compile("([VU]\\d+(?:[._]\\d+)*|R)_([^_].*\\.sql)");

    /**
     * The Flyway name a file written with one underscore after its prefix and version was meant to have ({@code
     * V5_add_color.sql} would be {@code V5__add_color.sql}, {@code R_views.sql} {@code R__views.sql}); empty for any
     * other name. Such a file matches no pattern and is ignored; its warning names the name it needs.
     */
    static Optional<String> withTwoUnderscores(String fileName) {
        Matcher m = ONE_UNDERSCORE.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1) + "__" + m.group(2)) : Optional.empty();
    }

    /**
     * {@code up} or {@code down} when the description ends in that suffix in another case ({@code 000007_x.UP.sql},
     * {@code V3__x.Down.sql}): read as part of the description, as it always was, though it was meant as a suffix.
     */
    Optional<String> suffixInDescription() {
        Matcher m = SUFFIX_IN_DESCRIPTION.matcher(description);
        return m.matches() ? Optional.of(m.group(1).toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
    }

    /**
     * How to rename {@code fileName}, read as {@code parsed}, whose up suffix is not in lower case: the lower-case name
     * when it keeps the version, else ({@code 000010_100_x.UP.sql}, version 10.100, would be golang-migrate's version 10
     * as {@code 000010_100_x.up.sql}) the version that name would have and the Flyway name that keeps this one.
     */
    static String upSuffixRename(String fileName, MigrationFileName parsed) {
        String renamed = lowerCaseEnding(fileName).orElse(fileName);
        MigrationVersion after = parsed.hasValidVersion() ? parse(renamed).map(MigrationFileName::version).orElse(null) : null;
        if (after == null || after.equals(parsed.version())) {
            return "Rename it " + renamed + " (the version stays).";
        }
        String base = fileName.substring(0, fileName.length() - ".up.sql".length());
        String flyway = "V" + parsed.version() + "__" + base.substring(parsed.versionText().length() + 1) + ".sql";
        return "Renamed " + renamed + " it would read as version " + after + ", not " + parsed.version() + " (golang-migrate"
                + " names have one integer as version, the digits before the first '_'): rename it " + flyway + " to keep"
                + " version " + parsed.version() + ", or " + renamed + " for version " + after + ".";
    }

    /** True when the version part is digits separated by dots or underscores. */
    boolean hasValidVersion() {
        return versionText == null || VERSION_TEXT.matcher(versionText).matches();
    }

    MigrationVersion version() {
        return MigrationVersion.parse(versionText);
    }

    private static String describe(String raw) {
        return raw.replace('_', ' ').strip();
    }
}
