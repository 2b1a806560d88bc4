package dev.flotilla.web;

import dev.flotilla.ErrorCode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the console takes from a request before any of it reaches the control plane: no control characters (a NUL,
 * which PostgreSQL refuses with an error naming the control plane), and in a JSON body no string longer than any
 * column that keeps one. A request past these is refused 400 naming the field, never with the database's words.
 */
final class InputLimits {
    /** The longest string a JSON body may carry: a tenant's name, the longest single value the control plane keeps. */
    static final int MAX_JSON_STRING = 200;
    static final String RULE = "without control characters";
    /** A control character written %XX in the address (a path parameter comes from there, decoded). */
    private static final Pattern ENCODED_CONTROL = Pattern.compile("%(?:[01][0-9a-fA-F]|7[fF])");

    private InputLimits() {
    }

    /** Refuses a signed-in request whose address, query or form fields carry control characters (tabs and line ends aside). */
    static void check(Context ctx) {
        if (ENCODED_CONTROL.matcher(ctx.req().getRequestURI()).find()) {
            throw refusal("The address " + ctx.path() + " contains control characters; remove them.");
        }
        check("query parameter", ctx.queryParamMap());
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            check("form field", ctx.formParamMap());
        }
    }

    private static void check(String kind, Map<String, List<String>> fields) {
        fields.forEach((name, values) -> {
            if (controlIn(name, true) || values.stream().anyMatch(v -> controlIn(v, true))) {
                throw refusal("The " + kind + " '" + printable(name) + "' contains control characters; send it " + RULE + ".");
            }
        });
    }

    static boolean controlIn(String text, boolean linesAllowed) {
        return text.chars().anyMatch(c -> Character.isISOControl(c) && !(linesAllowed && (c == '\t' || c == '\n' || c == '\r')));
    }

    private static String printable(String text) {
        String shown = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() <= 50 ? shown : shown.substring(0, 50) + "...";
    }

    private static Console.Refusal refusal(String detail) {
        return new Console.Refusal(400, "Bad request", ErrorCode.BAD_USAGE, detail);
    }

    /** Reads a JSON string as Jackson does, refusing one too long or with control characters ({@link BodyErrors} names the field). */
    static final class JsonStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext context) throws IOException {
            String value = super.deserialize(p, context);
            if (value != null && (value.length() > MAX_JSON_STRING || controlIn(value, false))) {
                throw InvalidFormatException.from(p, "takes at most " + MAX_JSON_STRING + " characters, " + RULE, value, String.class);
            }
            return value;
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }
}
