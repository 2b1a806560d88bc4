package dev.flotilla.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's or procedure's parameters' types, as the guard ({@code dev.flotilla.run.LostRoutineFilters}) and
 * {@link DdlReading} tell overloads apart: read from the catalog's signature ({@code mine(p text, n integer)}) or a statement's parameter list ({@code (n int DEFAULT 0)})
 * alike, without names, modes, defaults or type modifiers, common aliases spelt as PostgreSQL's catalog does ({@code
 * int} is {@code integer}, {@code timestamp} is {@code timestamp without time zone}, {@code int []} is {@code
 * integer[]}). A parameter's first word is its name unless the words are a type of several words: {@code double
 * precision} is a type, {@code double integer} the parameter {@code double}. A textual reading: a type it cannot spell
 * as the catalog does (a column's, {@code orders.item%TYPE}) makes the signature not {@link #comparable}. A quoted or
 * qualified type name reads as the catalog prints it: without its schema, quoted only where its case or characters need
 * it, or it is the one-byte {@code "char"} ({@code pg_catalog."varchar"} is {@code character varying}, {@code
 * "public"."my_type"} is {@code my_type}, {@code "My_Type"} and {@code "char"} stay quoted).
 *
 * @param types the input parameters' types (IN, INOUT, VARIADIC): a routine's identity on PostgreSQL, as {@code
 *     regprocedure} prints it; two procedures of the same input types cannot be, whatever their OUT parameters
 * @param allTypes every parameter's type, OUT ones among them, in order
 */
public record RoutineSignature(List<String> types, List<String> allTypes) {
    private static final Set<String> MODES = Set.of("in", "inout", "variadic");
    /** The types of several words, as written (a name's quotes kept); trailing array brackets aside. */
    private static final Pattern TYPE_OF_WORDS = Pattern.compile("double precision|(national )?(character|char) varying"
            + "|national (character|char)|nchar varying|bit varying|(time|timestamp) with(out)? time zone"
            + "|interval( (year|month|day|hour|minute|second)( to (month|hour|minute|second))?)?"
            + "|(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real)( (signed|unsigned|zerofill))+");
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("int", "integer"), Map.entry("int4", "integer"),
            Map.entry("int8", "bigint"), Map.entry("int2", "smallint"), Map.entry("bool", "boolean"),
            Map.entry("varchar", "character varying"), Map.entry("char varying", "character varying"),
            Map.entry("national character varying", "character varying"), Map.entry("national char varying",
                    "character varying"), Map.entry("nchar varying", "character varying"), Map.entry("char", "character"),
            Map.entry("bpchar", "character"), Map.entry("nchar", "character"), Map.entry("national character", "character"),
            Map.entry("national char", "character"), Map.entry("float8", "double precision"),
            Map.entry("float", "double precision"), Map.entry("float4", "real"), Map.entry("decimal", "numeric"),
            Map.entry("dec", "numeric"), Map.entry("varbit", "bit varying"), Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("time", "time without time zone"),
            Map.entry("timetz", "time with time zone"));
    private static final Pattern DEFAULT = Pattern.compile("(?is)\\s+default\\s.*|\\s*=.*");
    /** {@code float(p)} of at most 24 bits is {@code real}; of more, {@code double precision} (as {@code float}). */
    private static final Pattern SHORT_FLOAT = Pattern.compile("(?i)\\bfloat\\s*\\(\\s*([1-9]|1[0-9]|2[0-4])\\s*\\)");
    private static final Pattern MODIFIERS = Pattern.compile("\\s*\\([^)]*\\)");
    /** Array brackets, any number of dimensions, or SQL's {@code ARRAY[n]}: an array is an array, as the catalog prints it. */
    private static final Pattern ARRAY = Pattern.compile("(?i)(\\s*\\[[^\\]]*\\])+|\\s+array(\\s*\\[[^\\]]*\\])?$");
    /** A word, or a name in double quotes or backquotes (spaces inside), or a qualified name of such parts. */
    private static final Pattern WORD = Pattern.compile("(?:\"(?:[^\"]|\"\")*\"|`(?:[^`]|``)*`|[^\\s\"`])+");
    /** One part of a qualified name: quoted, or a bare word. */
    private static final Pattern QUOTED_PART = Pattern.compile("\"(?:[^\"]|\"\")*\"|[^.\"]+");
    /** A name the server stores, and the catalog prints, bare. */
    private static final Pattern STORED_BARE = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** The aliases that are types' stored names, and so what a quoted name may be: {@code "int4"} is {@code integer}. */
    private static final Set<String> STORED_NAMES = Set.of("int4", "int8", "int2", "bool", "varchar", "bpchar", "float8",
            "float4", "varbit", "timestamp", "timestamptz", "time", "timetz");
    private static final Pattern QUALIFIER = Pattern.compile("^(\"(?:[^\"]|\"\")*\"|[a-z_0-9]+)\\.(?=[a-z_\"])");

    public RoutineSignature {
        types = List.copyOf(types);
        allTypes = List.copyOf(allTypes);
    }

    /** The types of {@code parameters}, the text between a routine's parentheses. */
    public static RoutineSignature of(SqlText text, String parameters) {
        List<String> types = new ArrayList<>();
        List<String> allTypes = new ArrayList<>();
        for (String parameter : parameters.isBlank() ? List.<String>of() : text.splitTopLevel(parameters)) {
            List<String> words = words(parameter);
            String mode = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);
            boolean out = mode.equals("out");
            if (words.size() > 1 && (MODES.contains(mode) || out)) {
                words.remove(0);
            }
            if (words.size() > 1 && !isTypeOfWords(words)) {
                words.remove(0);
            }
            String type = type(words);
            allTypes.add(type);
            if (!out) {
                types.add(type); // OUT parameters are what a routine returns, not part of its identity
            }
        }
        return new RoutineSignature(types, allTypes);
    }

    /** The types of a catalog's signature, {@code name(types)}. */
    public static RoutineSignature ofSignature(SqlText text, String signature) {
        int open = signature.indexOf('(');
        int close = signature.lastIndexOf(')');
        return open < 0 || close < open ? new RoutineSignature(List.of(), List.of())
                : of(text, signature.substring(open + 1, close));
    }

    /**
     * Whether the parameter list {@code written} in a {@code DROP} or {@code ALTER} names a routine of this signature, as
     * PostgreSQL reads it: the same input types; for a procedure also every parameter's, OUT ones among them (PostgreSQL
     * 14+: {@code p(a int, OUT b int)} is {@code p(int)} and {@code p(int, int)}). A {@code CREATE} compares {@link
     * #types} alone.
     */
    public boolean namedBy(RoutineSignature written, boolean procedure) {
        return types.equals(written.types) || procedure && allTypes.equals(written.allTypes);
    }

    /**
     * Whether the types are spelt so that another signature's can be compared with them: false when one is another
     * object's ({@code %TYPE}, {@code %ROWTYPE}), which only the server resolves.
     */
    public boolean comparable() {
        return types.stream().noneMatch(type -> type.contains("%"));
    }

    /** The parameter's words, its default, type modifiers and array dimensions taken off. */
    private static List<String> words(String parameter) {
        String written = DEFAULT.matcher(parameter.strip()).replaceAll("");
        written = SHORT_FLOAT.matcher(written).replaceAll("real");
        written = ARRAY.matcher(MODIFIERS.matcher(written).replaceAll("")).replaceAll("[]");
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(written);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    private static boolean isTypeOfWords(List<String> words) {
        return TYPE_OF_WORDS.matcher(String.join(" ", words).toLowerCase(Locale.ROOT).replace("[]", "")).matches();
    }

    private static String type(List<String> words) {
        String joined = String.join(" ", words);
        String array = joined.endsWith("[]") ? "[]" : "";
        joined = joined.substring(0, joined.length() - array.length());
        if (words.size() == 1 && joined.contains("\"")) {
            return quotedName(joined) + array;
        }
        String type = QUALIFIER.matcher(joined.toLowerCase(Locale.ROOT)).replaceAll(""); // pg_catalog.text is text
        type = type.startsWith("interval ") ? "interval" : type; // its fields are a modifier, which no signature keeps
        return ALIASES.getOrDefault(type, type) + array;
    }

    /**
     * A type's name of quoted parts, as the catalog prints it: its last part, without the schema; bare where a bare
     * name would be stored alike (lower case), then spelt as its type is; else quoted.
     * The server reads a quoted name as the type's stored name, never as a grammar's alias ({@code "integer"} is no type).
     */
    private static String quotedName(String qualified) {
        Matcher part = QUOTED_PART.matcher(qualified);
        String last = qualified;
        while (part.find()) {
            last = part.group();
        }
        if (!last.startsWith("\"")) {
            String bare = last.toLowerCase(Locale.ROOT);
            return ALIASES.getOrDefault(bare, bare);
        }
        String name = last.substring(1, last.length() - 1).replace("\"\"", "\"");
        // "char" is the one-byte type, which the catalog prints quoted: bare, char is character.
        if (!STORED_BARE.matcher(name).matches() || name.equals("char")) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }
        return STORED_NAMES.contains(name) ? ALIASES.get(name) : name;
    }
}
