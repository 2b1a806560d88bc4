package dev.flotilla.migration;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version that reads as a date or time: Laravel's {@code 2025_11_06_143000}, {@code 2025_11} (year and month),
 * {@code 2025_11_06}, {@code 2025_11_06_1430}, or the same digits run together ({@code 20251106143000}). Its
 * successor is a valid timestamp in the same shape, never "month 13": now, when that sorts after it, else the
 * next month, day, minute or second.
 */
final class TimestampVersion {
    private static final Pattern PART = Pattern.compile("\\d+");
    private static final int FIRST_YEAR = 1900;

    private record Shape(List<Integer> widths, String pattern, ChronoUnit step) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape(List.of(4, 2), "uuuuMM", ChronoUnit.MONTHS),
            new Shape(List.of(4, 2, 2), "uuuuMMdd", ChronoUnit.DAYS),
            new Shape(List.of(4, 2, 2, 4), "uuuuMMddHHmm", ChronoUnit.MINUTES),
            new Shape(List.of(4, 2, 2, 6), "uuuuMMddHHmmss", ChronoUnit.SECONDS),
            new Shape(List.of(8), "uuuuMMdd", ChronoUnit.DAYS),
            new Shape(List.of(12), "uuuuMMddHHmm", ChronoUnit.MINUTES),
            new Shape(List.of(14), "uuuuMMddHHmmss", ChronoUnit.SECONDS));

    private TimestampVersion() {
    }

    /** The version after {@code text} in its own shape, or empty when {@code text} does not read as a timestamp. */
    static Optional<String> next(String text, LocalDateTime now) {
        List<int[]> parts = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        StringBuilder digits = new StringBuilder();
        Matcher matcher = PART.matcher(text);
        while (matcher.find()) {
            parts.add(new int[] {matcher.start(), matcher.end()});
            widths.add(matcher.end() - matcher.start());
            digits.append(matcher.group());
        }
        for (Shape shape : SHAPES) {
            if (!shape.widths().equals(widths)) {
                continue;
            }
            DateTimeFormatter format = formatter(shape.pattern());
            LocalDateTime newest;
            try {
                newest = LocalDateTime.parse(digits, format);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
            if (newest.getYear() < FIRST_YEAR) {
                return Optional.empty();
            }
            LocalDateTime current = LocalDateTime.parse(format.format(now), format);
            String next = format.format(current.isAfter(newest) ? current : newest.plus(1, shape.step()));
            return Optional.of(inShape(text, parts, next));
        }
        return Optional.empty();
    }

    private static DateTimeFormatter formatter(String pattern) {
        return new DateTimeFormatterBuilder().appendPattern(pattern)
                .parseDefaulting(ChronoField.DAY_OF_MONTH, 1).parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
                .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0).parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                .toFormatter().withResolverStyle(ResolverStyle.STRICT);
    }

    /** {@code digits} laid over the number parts of {@code text}, keeping its separators. */
    private static String inShape(String text, List<int[]> parts, String digits) {
        StringBuilder result = new StringBuilder();
        int copied = 0;
        int used = 0;
        for (int[] part : parts) {
            result.append(text, copied, part[0]);
            int width = part[1] - part[0];
            result.append(digits, used, used + width);
            used += width;
            copied = part[1];
        }
        return result.append(text.substring(copied)).toString();
    }
}
