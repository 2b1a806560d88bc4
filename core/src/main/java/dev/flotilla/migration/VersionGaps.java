package dev.flotilla.migration;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gaps in a folder's numbering ({@code 031 is missing between 030 and 032}), a notice for whoever reads {@code validate}:
 * Flotilla runs the files in order all the same, as Flyway does, but a missing number is often a file left out of a
 * merge. Only for versions that look sequential: neighbours (in version order) with the same number of parts and the
 * same parts but the last are compared by that last part, and at least half of those neighbours must step by 1 (so a
 * folder numbered 10, 20, 30 gets none). A folder with a version that reads as a timestamp ({@code 20240101120000},
 * {@code 2025_11_06_143000}) gets none: its numbers are not meant to follow each other.
 */
public final class VersionGaps {
    private static final LocalDateTime ANY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private VersionGaps() {
    }

    /** One sentence per gap, in version order; empty where the numbering does not look sequential. */
    public static List<String> of(LoadedMigrations migrations) {
        List<Spelled> versions = new ArrayList<>();
        for (Migration file : migrations.versioned()) {
            if (migrations.isTestOnly(file)) {
                continue; // numbered apart on purpose (seed 004's 988-991 after 035): no gap between them and the rest
            }
            String text = MigrationFileName.parse(file.script()).map(MigrationFileName::versionText).orElse(null);
            if (text == null || TimestampVersion.next(text, ANY_TIME).isPresent()) {
                return List.of();
            }
            versions.add(new Spelled(text, file.version()));
        }
        versions.sort(Comparator.comparing(Spelled::version));
        List<String> gaps = new ArrayList<>();
        int compared = 0;
        int byOne = 0;
        for (int i = 1; i < versions.size(); i++) {
            Spelled lower = versions.get(i - 1);
            Spelled upper = versions.get(i);
            if (!lower.prefix().equals(upper.prefix()) || lower.parts().length != upper.parts().length) {
                continue;
            }
            compared++;
            BigInteger step = upper.last().subtract(lower.last());
            if (step.equals(BigInteger.ONE)) {
                byOne++;
            } else if (step.compareTo(BigInteger.ONE) > 0) {
                gaps.add(sentence(lower, upper, step.subtract(BigInteger.ONE)));
            }
        }
        return compared >= 2 && byOne * 2 >= compared ? List.copyOf(gaps) : List.of();
    }

    private static String sentence(Spelled lower, Spelled upper, BigInteger missing) {
        String first = lower.plus(BigInteger.ONE);
        String between = " missing between " + lower.text() + " and " + upper.text();
        if (missing.equals(BigInteger.ONE)) {
            return first + " is" + between;
        }
        String last = lower.plus(missing);
        return missing.equals(BigInteger.TWO) ? first + " and " + last + " are" + between
                : first + " to " + last + " (" + missing + " versions) are" + between;
    }

    /** A version as its file spells it ({@code 030}, {@code 1.2}), for naming its missing neighbours alike. */
    private record Spelled(String text, MigrationVersion version) {
        String[] parts() {
            return text.split("[._]");
        }

        String prefix() {
            return text.substring(0, lastSeparator() + 1);
        }

        BigInteger last() {
            return new BigInteger(text.substring(lastSeparator() + 1));
        }

        /** The version {@code n} after this one in its last part, as wide as this one's last part. */
        String plus(BigInteger n) {
            String digits = last().add(n).toString();
            int width = text.length() - lastSeparator() - 1;
            return prefix() + "0".repeat(Math.max(0, width - digits.length())) + digits;
        }

        private int lastSeparator() {
            return Math.max(text.lastIndexOf('.'), text.lastIndexOf('_'));
        }
    }
}
