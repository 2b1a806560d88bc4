package dev.flotilla.cli;

import dev.flotilla.migration.LoadedMigrations;
import dev.flotilla.migration.VersionGaps;
import java.util.List;

/** What {@code validate} and {@code lint} say of gaps in the folder's numbering: notices, which change no exit code. */
final class VersionGapNotices {
    private VersionGapNotices() {
    }

    /** Prints each gap as a notice line and returns them, for the JSON's {@code notices}. */
    static List<String> print(Output output, LoadedMigrations migrations) {
        List<String> gaps = VersionGaps.of(migrations);
        gaps.forEach(gap -> output.line(output.yellow("notice") + " " + gap));
        return gaps;
    }
}
