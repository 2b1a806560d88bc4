package dev.flotilla.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A request body the API cannot read, said in the API's words (the field, what it takes, the fields accepted), not in
 * Jackson's, which name the console's own Java classes.
 */
final class BodyErrors {
    private static final String SEE = " (see /api/v1/openapi.json).";

    private BodyErrors() {
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String accepted = accepted(unknown).stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(", "));
            return "Unknown field \"" + unknown.getPropertyName() + "\" in the request body; this endpoint takes " + accepted + SEE;
        }
        if (e instanceof InvalidFormatException unfit && unfit.getTargetType() == String.class && !unfit.getPath().isEmpty()) {
            // InputLimits.JsonStrings: the value is not repeated (a control character, or thousands of them).
            return "Field \"" + field(unfit) + "\" " + unfit.getOriginalMessage() + SEE;
        }
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getPath().isEmpty()) {
                return "The request body must be a JSON object" + SEE;
            }
            return "Field \"" + field(mismatch) + "\" must be " + kind(mismatch.getTargetType()) + SEE;
        }
        if (e instanceof JsonParseException parse) {
            return "The request body is not JSON: " + parse.getOriginalMessage() + " (line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ")" + SEE;
        }
        return "The request body is not what this endpoint takes" + SEE;
    }

    /** The fields the body takes, in the order the OpenAPI file lists them (the record's), not Jackson's. */
    private static java.util.List<String> accepted(UnrecognizedPropertyException e) {
        java.util.Set<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toSet());
        Class<?> body = e.getReferringClass();
        if (body != null && body.isRecord()) {
            return java.util.Arrays.stream(body.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                    .filter(known::contains).toList();
        }
        return known.stream().sorted().toList();
    }

    /** {@code tenants[2]}, {@code versions}: where in the body, as the body writes it. */
    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list, e.g. [\"a\", \"b\"]";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return "an object";
    }
}
