package dev.flotilla.plan;

import dev.flotilla.migration.MigrationVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * What a tenant's history records as baselined, as the control plane keeps it ({@code tenants.baseline_version}): the
 * versions up to {@code upTo} were recorded there without running, but those in {@code ran}, whose rows say they ran (a
 * file added below the baseline later and deployed out of order, a version an adopted history had run). Lint counts a
 * baselined version as never run there: its checksum is never compared. Immutable.
 *
 * <p>The column says it in a few words: {@code none} (no baseline), {@code 3}, or {@code 3 ran 2.5,2.7}; a null column is a
 * tenant whose history the plane has not read since it kept baselines ({@link #parse} gives null: unknown).
 *
 * @param upTo the highest version recorded as baselined, null for none
 * @param ran the versions at or below {@code upTo} that ran there all the same
 */
public record Baselined(String upTo, List<String> ran) {
    public static final Baselined NONE = new Baselined(null, List.of());
    private static final String NONE_WORD = "none";
    private static final String RAN = " ran ";
    /** The width of the plane's {@code tenants.baseline_version} column (V27). */
    private static final int COLUMN_WIDTH = 50;

    public Baselined {
        ran = List.copyOf(ran);
    }

    /**
     * From a history's reading: {@code baselined} the versions its rows record as baselined, {@code inEffect} every version
     * in effect there (applied, baselined, drifted, missing), in any order.
     */
    public static Baselined of(List<String> baselined, List<String> inEffect) {
        MigrationVersion upTo = null;
        for (String version : baselined) {
            MigrationVersion read = MigrationVersion.parse(version);
            upTo = upTo == null || read.compareTo(upTo) > 0 ? read : upTo;
        }
        if (upTo == null) {
            return NONE;
        }
        List<MigrationVersion> ran = new ArrayList<>();
        for (String version : inEffect) {
            MigrationVersion read = MigrationVersion.parse(version);
            if (read.compareTo(upTo) <= 0 && !baselined.contains(version)) {
                ran.add(read);
            }
        }
        ran.sort(null);
        Baselined exact = new Baselined(upTo.toString(), ran.stream().map(MigrationVersion::toString).toList());
        return exact.column().length() <= COLUMN_WIDTH ? exact : belowFirstRan(baselined, ran.get(0));
    }

    /**
     * Too many versions ran below the baseline to name in the column: the baselined ones below the first of them only,
     * so that none that ran is ever counted as baselined (one baselined above it counts as run: lint advises leaving it be).
     */
    private static Baselined belowFirstRan(List<String> baselined, MigrationVersion firstRan) {
        MigrationVersion upTo = null;
        for (String version : baselined) {
            MigrationVersion read = MigrationVersion.parse(version);
            if (read.compareTo(firstRan) < 0 && (upTo == null || read.compareTo(upTo) > 0)) {
                upTo = read;
            }
        }
        return upTo == null ? NONE : new Baselined(upTo.toString(), List.of());
    }

    /**
     * This baseline once {@code versions} ran too (a deploy's pending versions: one below the baseline, deployed out of
     * order, runs there). When the column cannot name them all, none is kept as baselined: every version counts as run.
     */
    public Baselined ranAlso(List<String> versions) {
        if (upTo == null) {
            return this;
        }
        MigrationVersion highest = MigrationVersion.parse(upTo);
        List<MigrationVersion> all = new ArrayList<>(ran.stream().map(MigrationVersion::parse).toList());
        for (String version : versions) {
            MigrationVersion read = readable(version);
            if (read != null && read.compareTo(highest) <= 0 && !all.contains(read)) {
                all.add(read);
            }
        }
        all.sort(null);
        Baselined after = new Baselined(upTo, all.stream().map(MigrationVersion::toString).toList());
        return after.column().length() <= COLUMN_WIDTH ? after : NONE;
    }

    /** A pending entry's version, null for a repeatable's script. */
    private static MigrationVersion readable(String version) {
        try {
            return MigrationVersion.parse(version);
        } catch (IllegalArgumentException script) {
            return null;
        }
    }

    /** What the column holds: {@code none}, {@code 3}, or {@code 3 ran 2.5,2.7}. */
    public String column() {
        if (upTo == null) {
            return NONE_WORD;
        }
        return ran.isEmpty() ? upTo : upTo + RAN + String.join(",", ran);
    }

    /** The column read back; null for a null column (not learned yet) or one Flotilla cannot read. */
    public static Baselined parse(String column) {
        if (column == null || column.isBlank()) {
            return null;
        }
        if (column.strip().equals(NONE_WORD)) {
            return NONE;
        }
        try {
            int split = column.indexOf(RAN);
            String upTo = MigrationVersion.parse(split < 0 ? column.strip() : column.substring(0, split).strip()).toString();
            List<String> ran = split < 0 ? List.of() : List.of(column.substring(split + RAN.length()).strip().split(","));
            return new Baselined(upTo, ran.stream().map(v -> MigrationVersion.parse(v.strip()).toString()).toList());
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** Whether {@code version} was recorded there without running. */
    public boolean recordedWithoutRunning(MigrationVersion version) {
        return upTo != null && version.compareTo(MigrationVersion.parse(upTo)) <= 0 && !ran.contains(version.toString());
    }
}
