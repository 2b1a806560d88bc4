package dev.flotilla.schema;

import dev.flotilla.schema.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The views through which tables' rows can be read: those reading the tables directly, and those reading such views,
 * to any depth. Only PostgreSQL snapshots say what a view reads ({@link View#reads()}); elsewhere none are found.
 */
public final class ViewsOver {
    private ViewsOver() {
    }

    /**
     * The views (plain or materialized) of {@code snapshot} that read any of {@code tables} (names compared
     * case-insensitively), directly or through other views, sorted by name.
     */
    public static List<View> tables(SchemaSnapshot snapshot, Collection<String> tables) {
        Set<String> read = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        read.addAll(tables);
        List<View> found = new ArrayList<>();
        boolean more = true;
        while (more) {
            more = false;
            for (View view : snapshot.views()) {
                if (!found.contains(view) && view.reads().stream().anyMatch(read::contains)) {
                    found.add(view);
                    read.add(view.name());
                    more = true;
                }
            }
        }
        return found.stream().sorted(Comparator.comparing(View::name)).toList();
    }
}
