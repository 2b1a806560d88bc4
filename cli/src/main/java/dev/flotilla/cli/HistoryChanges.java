package dev.flotilla.cli;

import dev.flotilla.run.HistoryChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints what repair or baseline changed. */
final class HistoryChanges {
    private HistoryChanges() {
    }

    static int finish(Output output, String command, HistoryChange change) {
        output.line(change.target() + ":");
        change.actions().forEach(action -> output.line("  " + action));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("target", change.target());
        data.put("actions", change.actions());
        return output.finish(command, data, List.of());
    }
}
