package dev.flotilla.schema;

import dev.flotilla.sql.DdlObject.Kind;
import java.util.List;

/**
 * How the netting of a run's changes ({@link ChangeNetting}) finds a function or a procedure by what a statement names:
 * a function and a procedure of one name are two, but PostgreSQL's {@code DROP | ALTER ROUTINE} (and a log from before
 * they were told apart) names either; where routines overload, {@code f(integer)} and {@code f(text)} are two, but a
 * name without its types ({@code DROP FUNCTION f}) names the one of that name. Stateless.
 */
final class RoutineNames {
    private RoutineNames() {
    }

    /** What ones that may be the same object are found under: a routine's name without its types, any of its kinds. */
    static String key(Kind kind, String name) {
        return kind.routine() ? Kind.ROUTINE + " " + unsigned(name) : kind + " " + name;
    }

    /** Whether {@code kind} {@code name} names the one known as {@code knownKind} {@code known}, of the same key. */
    static boolean names(Kind kind, String name, Kind knownKind, String known) {
        if (!kind.routine()) {
            return true;
        }
        boolean kinds = kind == knownKind || kind == Kind.ROUTINE || knownKind == Kind.ROUTINE;
        return kinds && (name.equals(known) || signature(name).isEmpty() || signature(known).isEmpty());
    }

    /**
     * Whether {@code kind} {@code name}, a statement naming one there (dropping, renaming it), names the one known as
     * {@code knownKind} {@code known}: as {@link #names}, or a procedure named by all its parameters' types.
     */
    static boolean namesThere(Kind kind, String name, Kind knownKind, String known) {
        return names(kind, name, knownKind, known) || kind.routine() && (kind == knownKind || kind == Kind.ROUTINE)
                && knownKind == Kind.PROCEDURE && inputsAmong(signature(known), signature(name));
    }

    /**
     * Whether a procedure's input types, {@code inputs}, are some of {@code all} in their order: PostgreSQL (14 and
     * later) finds a procedure by all its parameters' types too, OUT ones among them ({@code DROP PROCEDURE p(int, int)}
     * drops {@code p(a int, OUT b int)}, known as {@code p(integer)}), when none has those as its inputs.
     */
    private static boolean inputsAmong(String inputs, String all) {
        List<String> in = types(inputs);
        List<String> every = types(all);
        int at = 0;
        for (String type : every) {
            at += at < in.size() && in.get(at).equals(type) ? 1 : 0;
        }
        return in.size() < every.size() && at == in.size();
    }

    private static List<String> types(String signature) {
        String inside = signature.isEmpty() ? "" : signature.substring(1, signature.length() - 1);
        return inside.isEmpty() ? List.of() : List.of(inside.split(","));
    }

    /** {@code name}, a routine's with the types of {@code known} when it says none: one renamed by its name alone. */
    static String typed(Kind kind, String name, String known) {
        return !kind.routine() || name == null || known == null || !signature(name).isEmpty() ? name : name + signature(known);
    }

    private static String unsigned(String name) {
        return name.substring(0, name.length() - signature(name).length());
    }

    private static String signature(String name) {
        int open = name.indexOf('(');
        return open < 0 || !name.endsWith(")") ? "" : name.substring(open);
    }
}
