package dev.flotilla.schema;

import dev.flotilla.sql.DdlObject;
import dev.flotilla.sql.DdlObject.Change;
import dev.flotilla.sql.DdlObject.Kind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did to each object in the end, from what its steps did in order: an object created and dropped is neither,
 * one dropped and created again is recreated, a rename is followed (a created {@code new_serials} renamed to
 * {@code serials} after {@code serials} was dropped, SQLite's table rebuild, is {@code serials} recreated), an
 * {@code IF NOT EXISTS} of one already made is nothing more, a table's added columns, constraints and indexes follow its
 * rename and go with its drop, and a unique constraint and its index made in the run go together (dropping either drops
 * both, as the databases do). Each object is tracked from its name before the run ({@code from}, null when it was not
 * there) to its name after ({@code to}, null when gone). Stateless.
 */
final class ChangeNetting {
    private ChangeNetting() {
    }

    /** One object's track through the run. */
    static final class Track {
        /** Its kind; a routine dropped as {@code ROUTINE} (either) and made again takes the kind it is made as. */
        Kind kind;
        String from;
        String to;
        /** The table a named index, constraint or trigger is on, followed through its renames; null when not known. */
        String table;
        boolean replaced;
        /** ENSURED or REPLACED: one that may have been there before, said so unless dropped or renamed; else null. */
        Change ensured;
        /** A unique constraint's index, or the unique constraint an index is, made with it in the run; else null. */
        Track pair;

        Track(Kind kind, String from, String to, boolean replaced, Change ensured) {
            this.kind = kind;
            this.from = from;
            this.to = to;
            this.replaced = replaced;
            this.ensured = ensured;
        }

        static Track of(DdlObject object) {
            Track track = untabled(object);
            track.table = object.table();
            return track;
        }

        private static Track untabled(DdlObject object) {
            return switch (object.change()) {
                case CREATED -> new Track(object.kind(), null, object.name(), false, null);
                case ENSURED, REPLACED -> new Track(object.kind(), object.name(), object.name(), false, object.change());
                case DROPPED -> new Track(object.kind(), object.name(), null, false, null);
                case RECREATED -> new Track(object.kind(), object.name(), object.name(), true, null);
                case RENAMED -> new Track(object.kind(), object.from(), object.name(), false, null);
            };
        }

        /** What it comes to; null for nothing. */
        DdlObject object() {
            DdlObject object = untabledObject();
            return object == null ? null : object.on(table);
        }

        private DdlObject untabledObject() {
            if (ensured != null && (to == null || to.equals(from))) {
                return new DdlObject(kind, to == null ? Change.DROPPED : ensured, to == null ? from : to);
            }
            if (from == null) {
                return to == null ? null : new DdlObject(kind, Change.CREATED, to);
            }
            if (to == null) {
                return new DdlObject(kind, Change.DROPPED, from);
            }
            return !from.equals(to) ? new DdlObject(kind, Change.RENAMED, to, from).arrived()
                    : replaced ? new DdlObject(kind, Change.RECREATED, to) : null;
        }
    }

    /**
     * What a run came to: its objects, and the constraints among them made with an index of their name on their table
     * that is not theirs (a check and a key of one name: two objects, {@link UniquePairs}).
     */
    record Net(List<DdlObject> objects, List<DdlObject> apart) {
    }

    /** The objects {@code statements}' come to (a migration's statements' objects), each after the one before it. */
    static Net inOrder(List<List<DdlObject>> statements) {
        List<Track> tracks = new ArrayList<>();
        for (List<DdlObject> statement : statements) {
            DdlObject previous = null;
            for (DdlObject step : statement) {
                step(tracks, List.of(step));
                if (previous != null && UniquePairs.madeTogether(previous, step)) {
                    UniquePairs.link(tracks, step.name(), step.table());
                }
                previous = step;
            }
        }
        return new Net(objects(tracks), UniquePairs.apart(tracks));
    }

    /**
     * What {@code before}, then {@code after}, come to: each a run's outcome (a migration's, as its log says it), its
     * renames taken at once (a swap of two names stays a swap); a constraint and an index of its name made in one run
     * are one unique key unless that run said them {@code apart}, and made in two (a check, then a key of its name, in
     * a later migration) are two.
     */
    static Net then(Net before, Net after) {
        List<Track> tracks = new ArrayList<>(before.objects().stream().map(Track::of).toList());
        UniquePairs.linkAll(tracks, before.apart());
        java.util.Set<Track> known = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(tracks);
        step(tracks, after.objects());
        UniquePairs.linkAll(tracks.stream().filter(track -> !known.contains(track)).toList(), after.apart());
        return new Net(objects(tracks), UniquePairs.apart(tracks));
    }

    /**
     * Tracks by kind and name, each name with those of it: one name may be on several tables (a constraint's name in
     * PostgreSQL, an index's in MySQL), found by the table when both say it.
     */
    private static final class ByName {
        private final Map<String, List<Named>> tracks = new HashMap<>();

        private record Named(String name, Track track) {
        }

        void put(String name, Track track) {
            tracks.computeIfAbsent(RoutineNames.key(track.kind, name), k -> new ArrayList<>(1)).add(new Named(name, track));
        }

        /**
         * The one of {@code kind} named {@code name} on {@code table} (or on a table not said); null when none. A routine
         * is found as {@link RoutineNames} names it.
         */
        Track find(Kind kind, String name, String table) {
            return find(kind, name, table, false);
        }

        /** As above; {@code there}: for a statement naming one there, a procedure by all its parameters' types too. */
        Track find(Kind kind, String name, String table, boolean there) {
            List<Named> named = tracks.get(RoutineNames.key(kind, name));
            if (named == null) {
                return null;
            }
            return named.stream().filter(n -> table == null || n.track.table == null || table.equals(n.track.table))
                    .filter(n -> there ? RoutineNames.namesThere(kind, name, n.track.kind, n.name)
                            : RoutineNames.names(kind, name, n.track.kind, n.name))
                    .min(java.util.Comparator.comparing(n -> !n.name.equals(name))) // its own name first
                    .map(Named::track).orElse(null);
        }

        void removeIf(java.util.function.Predicate<Track> gone) {
            tracks.values().forEach(named -> named.removeIf(n -> gone.test(n.track)));
        }
    }

    private static void step(List<Track> tracks, List<DdlObject> step) {
        ByName byName = new ByName();
        Map<Track, String> named = new IdentityHashMap<>();
        Map<Track, String> onTables = new IdentityHashMap<>();
        for (Track track : tracks) {
            if (track.to != null) {
                byName.put(track.to, track);
                named.put(track, track.to);
            }
            if (track.table != null) {
                onTables.put(track, track.table);
            }
        }
        for (DdlObject object : step) {
            Track next = Track.of(viewByTableWords(byName, object));
            Track known = next.from == null ? null : byName.find(next.kind, next.from, next.table, true);
            if (known != null) {
                known.to = RoutineNames.typed(known.kind, next.to, known.to);
                known.replaced |= next.replaced;
                known.table = next.table != null ? next.table : known.table;
            } else if (next.from != null || byName.find(next.kind, next.to, next.table) == null) {
                tracks.add(next);
            }
            if (next.kind == Kind.TABLE && next.from != null && next.to != null && !next.from.equals(next.to)) {
                followColumns(named, next.from, next.to);
                onTables.forEach((track, table) -> track.table = table.equals(next.from) ? next.to : track.table);
            } else if (next.kind == Kind.TABLE && next.to == null) {
                tracks.removeIf(track -> onTable(track, next.from));
                byName.removeIf(track -> onTable(track, next.from));
            } else if (next.to == null && known != null && known.pair != null) {
                dropPair(byName, known.pair);
            }
        }
        merge(tracks);
    }

    /**
     * PostgreSQL's {@code ALTER TABLE} takes a view too ({@code ALTER TABLE v SET SCHEMA other}, {@code RENAME TO}): one
     * that names no table known but a view made earlier is that view.
     */
    private static DdlObject viewByTableWords(ByName byName, DdlObject object) {
        if (object.kind() != Kind.TABLE || object.from() == null && object.change() != Change.DROPPED) {
            return object;
        }
        String from = object.from() != null ? object.from() : object.name();
        return byName.find(Kind.TABLE, from, null) == null && byName.find(Kind.VIEW, from, null) != null
                ? new DdlObject(Kind.VIEW, object.change(), object.name(), object.from(), object.table()) : object;
    }

    /** A renamed table's columns and unnamed constraints made before the rename are said under its new name. */
    private static void followColumns(Map<Track, String> named, String from, String to) {
        named.forEach((track, name) -> {
            if (track.kind == Kind.COLUMN && name.startsWith(from + ".")) {
                track.to = to + name.substring(from.length());
            } else if (track.kind == Kind.CONSTRAINT && name.startsWith(from + ": ")) {
                track.to = to + name.substring(from.length());
            }
        });
    }

    /** A column, a constraint, an index or a trigger of {@code table}: gone with it when it is dropped. */
    private static boolean onTable(Track track, String table) {
        String name = track.to != null ? track.to : track.from;
        if (name == null) {
            return false; // made and dropped in the run: nothing to say
        }
        return track.kind == Kind.COLUMN && name.startsWith(table + ".") || table.equals(track.table)
                || track.kind == Kind.CONSTRAINT && name.startsWith(table + ": ")
                || track.kind == Kind.INDEX && name.startsWith("on " + table + " (");
    }

    /**
     * The index (or constraint) made in the run with a unique constraint (or index) just dropped: dropped with it
     * (PostgreSQL drops a unique constraint's index; a unique key on MariaDB and SQLite is both). A check or a foreign
     * key and an index of its name are two objects (MariaDB): either stays when the other is dropped.
     */
    private static void dropPair(ByName byName, Track pair) {
        if (pair.to != null && (pair.from == null || pair.ensured != null)) {
            pair.to = null;
            byName.removeIf(track -> track == pair);
        }
    }

    /**
     * One made under the name of one dropped earlier (on the same table, for a named index or constraint) is that one
     * recreated.
     */
    private static void merge(List<Track> tracks) {
        ByName dropped = new ByName();
        tracks.stream().filter(track -> track.to == null && track.from != null)
                .forEach(track -> dropped.put(track.from, track));
        if (dropped.tracks.isEmpty()) {
            return;
        }
        tracks.removeIf(made -> {
            Track gone = made.to == null || made.from != null && made.ensured == null ? null
                    : dropped.find(made.kind, made.to, made.table);
            if (gone == null || gone == made) {
                return false;
            }
            dropped.removeIf(track -> track == gone);
            gone.from = RoutineNames.typed(gone.kind, gone.from, made.to); // DROP FUNCTION f, then CREATE FUNCTION f(int): f(int)
            gone.kind = gone.kind == Kind.ROUTINE ? made.kind : gone.kind;
            gone.to = made.to;
            gone.table = made.table != null ? made.table : gone.table;
            gone.replaced = true;
            gone.pair = made.pair;
            if (made.pair != null) {
                made.pair.pair = gone;
            }
            return true;
        });
    }

    private static List<DdlObject> objects(List<Track> tracks) {
        return tracks.stream().map(Track::object).filter(java.util.Objects::nonNull).toList();
    }

}
