package dev.flotilla.run;

import dev.flotilla.tenant.TenantId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message about one tenant with the tenant's own names taken out, so that the same failure reads alike for every
 * tenant and groups them (a fleet dry run's groups, a drift check's): its target, its schema (or database) where it
 * stands as a whole identifier ({@code t_acme} -> {@code t_<tenant>}), its id where it stands alone as a word, and the
 * scratch copies made for it ({@code flotilla_dry_...} -> {@code <scratch>}). An id inside a file name or another
 * identifier ({@code V3__add_serials.sql} for tenant {@code add}) is part of what every tenant shares, and stays.
 */
final class TenantWords {
    /** Not inside a longer identifier: no letter, digit, {@code _} or {@code $} next to it. */
    private static final String IDENTIFIER_BEFORE = "(?<![\\p{L}\\p{N}_$])";
    private static final String IDENTIFIER_AFTER = "(?![\\p{L}\\p{N}_$])";
    /** Alone as a word: not inside an identifier, a file name ({@code add.sql}) or a hyphenated word either. */
    private static final String WORD_BEFORE = "(?<![\\p{L}\\p{N}_$.-])";
    private static final String WORD_AFTER = "(?![\\p{L}\\p{N}_$-]|\\.[\\p{L}\\p{N}_])";
    /** A scratch copy's name: its time, a random part and its process differ per tenant (see ScratchNames). */
    private static final Pattern SCRATCH = Pattern.compile(IDENTIFIER_BEFORE + "flotilla_dry_[\\p{L}\\p{N}_]+" + IDENTIFIER_AFTER);

    private TenantWords() {
    }

    /**
     * {@code text} without {@code tenant}'s names: {@code target} (its display name, or null), {@code schema} (or null)
     * and its id. Short names ("a") would match ordinary words; they are left in, and such tenants may group apart.
     */
    static String general(String text, String target, TenantId tenant, String schema) {
        // The target, and the connection id MariaDB's driver puts in every message, differ per tenant.
        String general = (target == null ? text : text.replace(target, "<target>")).replaceAll("\\(conn=\\d+\\) ", "");
        general = SCRATCH.matcher(general).replaceAll("<scratch>");
        String id = tenant.value();
        if (schema != null && schema.length() >= 3) {
            String placeholder = schema.contains(id) ? schema.replace(id, "<tenant>") : "<schema>";
            general = Pattern.compile(IDENTIFIER_BEFORE + Pattern.quote(schema) + IDENTIFIER_AFTER, Pattern.CASE_INSENSITIVE)
                    .matcher(general).replaceAll(Matcher.quoteReplacement(placeholder));
        }
        return id.length() < 3 ? general : general.replaceAll("(?i)" + WORD_BEFORE + Pattern.quote(id) + WORD_AFTER, "<tenant>");
    }
}
