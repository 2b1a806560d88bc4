package dev.flotilla.sql;

/**
 * Whether a text may hold what {@link JdbcUrls}' masking patterns look for: a name holding a secret's word
 * ({@code password}, {@code token}...) right before an {@code =}. Every task log chunk, driver message and audit detail is
 * masked, most of them with an {@code =} somewhere ({@code WHERE id = 1}, {@code sslmode=require}, the control plane's
 * {@code ;AUTO_SERVER=TRUE}) and no secret's word before one; there the patterns' work, a scan of the whole text from
 * every position, is skipped (bench round 28).
 *
 * <p>The checks may say yes where no pattern matches (the regex decides then), never no where one does: a name is read as
 * the whole run of letters, digits and {@code _.-} before the {@code =} (any letter, where the patterns take ASCII ones),
 * and its words are compared ignoring case as {@link String#regionMatches(boolean, int, String, int, int)} does, which
 * finds every ASCII-case match the patterns' {@code (?i)} finds.
 */
final class SecretNames {
    /** The words of a secret parameter's name (see JdbcUrls.SECRET_PARAMETER): passw for password and passwd, sig for signature. */
    private static final String[] PARAMETER_WORDS = {"passw", "pwd", "secret", "token", "key", "sig"};
    /** The words of a keyword-written password (see JdbcUrls.KEYWORD_SECRET), whose {@code =} may have blanks before it. */
    private static final String[] KEYWORD_WORDS = {"passw", "pwd", "secret", "token"};

    private SecretNames() {
    }

    /** Whether some {@code =} has a name holding a parameter secret's word right before it ({@code ?api_key=}). */
    static boolean mayNameParameter(String text) {
        return nameBeforeEquals(text, false, PARAMETER_WORDS);
    }

    /** Whether some {@code =} has a name holding a password's word before it, blanks between ({@code Password = }). */
    static boolean mayNameKeyword(String text) {
        return nameBeforeEquals(text, true, KEYWORD_WORDS);
    }

    private static boolean nameBeforeEquals(String text, boolean blanksBefore, String[] words) {
        for (int equals = text.indexOf('='); equals >= 0; equals = text.indexOf('=', equals + 1)) {
            int end = equals;
            while (blanksBefore && end > 0 && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
                end--;
            }
            int start = end;
            while (start > 0 && isNameChar(text.charAt(start - 1))) {
                start--;
            }
            if (holdsWord(text, start, end, words)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holdsWord(String text, int start, int end, String[] words) {
        for (String word : words) {
            for (int at = start; at + word.length() <= end; at++) {
                if (text.regionMatches(true, at, word, 0, word.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }
}
