package dev.flotilla.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a list command's {@code --limit N}: a whole number, 1 or more (0 would list nothing, a negative one means nothing). */
final class LimitConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number; --limit takes 1 or more.");
        }
        if (limit < 1) {
            throw new TypeConversionException("--limit must be 1 or more, not " + limit + ".");
        }
        return limit;
    }
}
