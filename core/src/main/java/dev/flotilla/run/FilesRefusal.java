package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * A deploy, resume or retry refused before it recorded anything, as the plan of its tenants found applied files edited
 * or gone (or files out of order): one finding per file and kind ({@link FleetValidation}), with how many tenants they
 * block. Its code is the first finding's.
 */
public final class FilesRefusal extends FlotillaException {
    private final transient List<Problem> findings;
    private final int blocked;

    FilesRefusal(List<Problem> findings, int blocked) {
        super(findings.get(0).code(), joined(findings));
        this.findings = List.copyOf(findings);
        this.blocked = blocked;
    }

    /** The findings' messages one after the other, their commands kept as values. */
    private static Advice joined(List<Problem> findings) {
        List<Object> parts = new ArrayList<>();
        for (Problem finding : findings) {
            if (!parts.isEmpty()) {
                parts.add(" ");
            }
            parts.add(finding.advice());
        }
        return Advice.of(parts.toArray());
    }

    /** One per file and kind, each naming its tenants and what to do. */
    public List<Problem> findings() {
        return findings;
    }

    /** How many of the planned tenants the files are wrong on. */
    public int blocked() {
        return blocked;
    }
}
