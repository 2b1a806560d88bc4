package dev.flotilla.migration;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A migration version: numbers compared part by part ({@code 1 < 1.2 < 1.10 < 2 < 2025.11}). Trailing zero
 * parts do not count, so {@code 1}, {@code 1.0} and {@code 001} are one version. Immutable.
 *
 * <p>A version parsed from text keeps that text as written ({@link #label}: {@code 2025_10_01_060201}, as users search
 * their logs and repositories for it); equality, ordering and hashing ignore it, and the history table records the
 * canonical text ({@link #toString}).
 *
 * <p>A class, not a record, to keep its canonical text: a deploy asks a file's version for it several times a tenant
 * (its plan's statuses, the task's outcome, the history row), and writing it joins the parts each time.
 */
public final class MigrationVersion implements Comparable<MigrationVersion> {
    private static final Pattern TEXT = Pattern.compile("\\d+([._]\\d+)*");

    private final List<BigInteger> parts;
    private final String text;
    /** The text as written, when it reads otherwise than {@link #text}; else null. */
    private final String spelling;

    public MigrationVersion(List<BigInteger> parts) {
        this(parts, null);
    }

    private MigrationVersion(List<BigInteger> parts, String written) {
        this.parts = trimmed(List.copyOf(parts));
        if (this.parts.stream().anyMatch(p -> p.signum() < 0)) {
            throw new IllegalArgumentException("version parts cannot be negative: " + this.parts);
        }
        this.text = String.join(".", this.parts.stream().map(BigInteger::toString).toList());
        this.spelling = written == null || written.equals(text) ? null : written;
    }

    /** Parses digits separated by dots or underscores: {@code 1}, {@code 1.2}, {@code 2025_11_01}, {@code 001}. */
    public static MigrationVersion parse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version: use digits separated by '.' or '_'");
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : text.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        return new MigrationVersion(parts, text);
    }

    private static List<BigInteger> trimmed(List<BigInteger> parts) {
        int end = parts.size();
        while (end > 1 && parts.get(end - 1).signum() == 0) {
            end--;
        }
        if (end == 0) {
            throw new IllegalArgumentException("a version needs at least one part");
        }
        return parts.subList(0, end);
    }

    /** The numbers, without trailing zero parts. */
    public List<BigInteger> parts() {
        return parts;
    }

    @Override
    public int compareTo(MigrationVersion other) {
        int length = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < length; i++) {
            BigInteger mine = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger theirs = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int order = mine.compareTo(theirs);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MigrationVersion other && parts.equals(other.parts);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(parts);
    }

    /**
     * How the version is shown to people: as written where it was parsed from text ({@code 2025_10_01_060201},
     * {@code 032}), else the canonical text. Never recorded: the history table keeps {@link #toString}.
     */
    public String label() {
        return spelling != null ? spelling : text;
    }

    /** The canonical text: parts joined by dots, without leading zeros or trailing zero parts. */
    @Override
    public String toString() {
        return text;
    }
}
