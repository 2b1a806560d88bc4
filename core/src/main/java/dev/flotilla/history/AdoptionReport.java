package dev.flotilla.history;

import java.util.List;

/**
 * What adopting another tool's history did on one target.
 *
 * @param recorded the files (and baseline) now recorded in Flotilla's history, in the order they ran
 * @param written false for a dry run, which only reports what it would record
 */
public record AdoptionReport(String target, String source, List<String> recorded, List<String> unmatched,
                             List<String> notes, boolean written) {
    public AdoptionReport {
        recorded = List.copyOf(recorded);
        unmatched = List.copyOf(unmatched);
        notes = List.copyOf(notes);
    }
}
