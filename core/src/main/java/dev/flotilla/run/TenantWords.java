package dev.flotilla.run;

import dev.flotilla.tenant.TenantId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message about one tenant with the tenant's own names taken out, so that the same failure reads alike for every
 * tenant and groups them (a fleet dry run's groups, a drift check's): its target, its schema (or database) where it
 * stands as a whole identifier ({@code t_acme} -> {@code t_<tenant>}), the scratch copies made for it
 * ({@code flotilla_dry_...} -> {@code <scratch>}), and its id where it stands alone as a word, exactly as the id is
 * spelled. An id inside a file name or another identifier ({@code V3__add_serials.sql} for tenant {@code add}) is part
 * of what every tenant shares, and stays; so does a word spelled as the id in another case ({@code WRONGPW} for tenant
 * {@code wrongpw}).
 *
 * <p>A short id ({@code a}, {@code t1}, {@code db}) may be an ordinary word of the message too ("a scratch copy"), so
 * the id is not taken out of one message alone: two tenants' messages are compared ({@link #alike}), and the id is
 * taken out only where one message has its tenant's id and the other its own. A tenant alone in its group keeps its id
 * ({@link #alone}): that text is its own, and its commands run as printed.
 */
final class TenantWords {
    static final String PLACEHOLDER = "<tenant>";
    /** Below this length an id cannot be told from the message's other words by looking at one message. */
    private static final int TOLD_APART_ALONE = 3;
    /** Not inside a longer identifier: no letter, digit, {@code _} or {@code $} next to it. */
    private static final String IDENTIFIER_BEFORE = "(?<![\\p{L}\\p{N}_$])";
    private static final String IDENTIFIER_AFTER = "(?![\\p{L}\\p{N}_$])";
    /**
     * A scratch copy's name: its time, a random part and its process differ per tenant (see ScratchNames), a temporary
     * file's random digits after it. Only names of that form: a user's schema named {@code flotilla_dry_archive} is
     * the user's, and shown.
     */
    private static final Pattern SCRATCH = Pattern.compile(IDENTIFIER_BEFORE
            + "flotilla_dry_\\d{12}_[0-9a-f]{6}(?:_p\\d+_[0-9a-f]{8})?\\p{N}*" + IDENTIFIER_AFTER);

    private TenantWords() {
    }

    /**
     * {@code text} without the names the tenant does not share with the message's words: {@code target} (its display
     * name, or null), {@code schema} (or null; as a whole identifier in any case, since databases fold the case of the
     * identifiers they name), its scratch copies, the connection id MariaDB's driver puts in every message. Its id
     * stays, for {@link #alike} or {@link #alone} to take out.
     */
    static String withoutNames(String text, String target, TenantId tenant, String schema) {
        String general = (target == null ? text : text.replace(target, "<target>")).replaceAll("\\(conn=\\d+\\) ", "");
        general = SCRATCH.matcher(general).replaceAll("<scratch>");
        String id = tenant.value();
        if (schema != null && schema.length() >= TOLD_APART_ALONE) {
            String placeholder = schema.contains(id) ? schema.replace(id, PLACEHOLDER) : "<schema>";
            general = Pattern.compile(IDENTIFIER_BEFORE + Pattern.quote(schema) + IDENTIFIER_AFTER, Pattern.CASE_INSENSITIVE)
                    .matcher(general).replaceAll(Matcher.quoteReplacement(placeholder));
        }
        return general;
    }

    /**
     * The text {@code a} (about tenant {@code idA}) and {@code b} (about {@code idB}) share, with {@link #PLACEHOLDER}
     * where one has its tenant's id as a word and the other its own; null when they differ anywhere else. Either id may
     * be null: that side's text names no tenant, or has it taken out already as the placeholder.
     */
    static String alike(String a, String idA, String b, String idB) {
        String tokenA = idA == null ? PLACEHOLDER : idA;
        String tokenB = idB == null ? PLACEHOLDER : idB;
        StringBuilder shared = new StringBuilder(a.length());
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            if (standsAt(a, i, tokenA) && standsAt(b, j, tokenB)) {
                shared.append(PLACEHOLDER);
                i += tokenA.length();
                j += tokenB.length();
            } else if (i < a.length() && j < b.length() && a.charAt(i) == b.charAt(j)) {
                shared.append(a.charAt(i++));
                j++;
            } else {
                return null;
            }
        }
        return shared.toString();
    }

    /**
     * {@code text} as a group of its tenant alone says it: with the tenant's id, its schema's too, where
     * {@link #withoutNames} put {@link #PLACEHOLDER}, so that a command it names runs as printed
     * ({@code flotilla tenants set-credentials acme ...}, never {@code <tenant>}).
     */
    static String alone(String text, String id) {
        return id == null ? text : text.replace(PLACEHOLDER, id);
    }

    /**
     * Whether {@code word} stands alone at {@code at}: not inside an identifier, a file name ({@code add.sql}) or a
     * hyphenated word either.
     */
    static boolean standsAt(String text, int at, String word) {
        if (!text.startsWith(word, at)) {
            return false;
        }
        int after = at + word.length();
        boolean freeBefore = at == 0 || !partOfWord(text.charAt(at - 1)) && text.charAt(at - 1) != '.';
        boolean freeAfter = after == text.length() || !partOfWord(text.charAt(after))
                && !(text.charAt(after) == '.' && after + 1 < text.length() && identifierChar(text.charAt(after + 1)));
        return freeBefore && freeAfter;
    }

    private static boolean partOfWord(char c) {
        return identifierChar(c) || c == '-';
    }

    private static boolean identifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
