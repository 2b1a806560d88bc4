package dev.flotilla.sql;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;

/** A script that cannot be split: an unterminated string, quoted identifier, comment or body. */
public class SqlParseException extends FlotillaException {
    private final int line;

    public SqlParseException(int line, String message) {
        super(ErrorCode.SQL_PARSE_ERROR, message);
        this.line = line;
    }

    /** The 1-based line where the offending construct starts. */
    public int line() {
        return line;
    }
}
