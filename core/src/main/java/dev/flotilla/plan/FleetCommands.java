package dev.flotilla.plan;

import dev.flotilla.tenant.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands a message about one target names as text (`flotilla repair --rerun-from-start`), made runnable as
 * printed for one tenant of the fleet: a fleet command needs its tenants (`flotilla repair --tenants m07
 * --rerun-from-start`), and without them it is refused as bad usage. Only for messages whose commands are not
 * {@link Remedy} values ({@link Advice} uses it then): ones read back from a history record, and the producers that
 * still write their commands as text. Stateless.
 */
public final class FleetCommands {
    /**
     * The commands that take a selection in the fleet, with what follows them up to the closing backtick; a deploy only
     * where it continues a deployment it names (`flotilla deploy --retry-failed d-12`): its tenants are that deployment's,
     * so it reads as it is for any tenant, and a deploy that selects is left as text, as it was written.
     */
    private static final String VERBS = "(repair|rollback|verify|restore|baseline|drift|adopt"
            + "|deploy(?= --(?:resume|retry-failed) ))";
    private static final Pattern COMMAND = Pattern.compile("`flotilla " + VERBS + "\\b([^`]*)`");

    private FleetCommands() {
    }

    /** {@code message} with {@code --tenants <tenant>} in each command of it that names no tenants; null stays null. */
    public static String forTenant(String message, TenantId tenant) {
        return message == null || tenant == null ? message : read(message).forTenant(tenant).text();
    }

    /**
     * {@code message} with each command that takes a selection in the fleet as a {@link Remedy} value, the rest as text;
     * a command the value would not write as the message does (two spaces between its words) stays text.
     */
    static Advice read(String message) {
        List<Object> parts = new ArrayList<>();
        Matcher command = COMMAND.matcher(message);
        int from = 0;
        while (command.find()) {
            String rest = command.group(2).strip();
            Remedy remedy = Remedy.of(command.group(1), rest.isEmpty() ? new String[0] : rest.split(" "));
            if (remedy.toString().equals(command.group())) {
                parts.add(message.substring(from, command.start()));
                parts.add(remedy);
                from = command.end();
            }
        }
        parts.add(message.substring(from));
        return new Advice(parts.stream().filter(p -> !"".equals(p)).toList());
    }

    /**
     * {@code message}, whose commands {@link #forTenant(String, TenantId)} wrote for {@code from}, for {@code to}: another
     * tenant sharing its target.
     */
    public static String retarget(String message, TenantId from, TenantId to) {
        if (message == null || from.equals(to)) {
            return message;
        }
        return Pattern.compile("(`flotilla " + VERBS + " --tenants )" + Pattern.quote(from.value()) + "(?=[ `])")
                .matcher(message).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + to.value()));
    }

}
