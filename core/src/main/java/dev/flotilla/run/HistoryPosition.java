package dev.flotilla.run;

import dev.flotilla.migration.MigrationKind;
import dev.flotilla.target.AppliedMigration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a target's history stands: its last rank and a digest of its rows up to that rank (rank, version, kind,
 * script, checksum, success; not who ran them or when), so that a history whose rows up to there were since removed or
 * rewritten (repair, realigned checksums) is told from one that only grew.
 *
 * @param label the newest version in effect, as people read it ("version 5": one a rollback undid since is not), or
 *     "an empty history"
 */
public record HistoryPosition(int lastRank, String digest, String label) {
    /** The position of {@code history} as it stands. */
    public static HistoryPosition of(List<AppliedMigration> history) {
        int last = history.stream().mapToInt(AppliedMigration::rank).max().orElse(0);
        // Each version as its newest row leaves it: one a rollback undid since (an UNDO row after it) is not in effect.
        Map<String, AppliedMigration> latest = new LinkedHashMap<>();
        for (AppliedMigration row : history) {
            if (row.version() != null) {
                latest.remove(row.version());
                latest.put(row.version(), row);
            }
        }
        String newest = latest.values().stream().filter(r -> r.success() && r.kind() != MigrationKind.UNDO)
                .reduce((a, b) -> b).map(r -> "version " + r.version() + (r.description() == null ? "" : " (" + r.description()
                        + ")")).orElse(history.isEmpty() ? "an empty history" : "no version applied");
        return new HistoryPosition(last, digestUpTo(history, last), newest + ", rank " + last);
    }

    /** The digest of {@code history}'s rows up to {@code rank}, to compare with {@link #digest}. */
    static String digestUpTo(List<AppliedMigration> history, int rank) {
        StringBuilder rows = new StringBuilder();
        for (AppliedMigration row : history) {
            if (row.rank() <= rank) {
                rows.append(row.rank()).append('|').append(row.version()).append('|').append(row.kind()).append('|')
                        .append(row.script()).append('|').append(row.checksum()).append('|').append(row.success()).append('\n');
            }
        }
        return sha256(rows.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
