package dev.flotilla.web;

import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Advice;
import dev.flotilla.plan.Remedy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a refusal or notice tells its reader to run ({@link Advice}), said for a reader of the console: each command it
 * names as a value ({@link Remedy}) that the console has a button or page for is said as that button and where it is,
 * the command kept after it as the command line's way ({@code “Resume” on deployment d-12's page (on the command line:
 * `flotilla deploy --resume d-12`)}); a command the console has no way for stays as the command line runs it. The
 * engine's words around the commands are unchanged. Stateless.
 */
public final class ConsoleAdvice {
    private static final java.util.regex.Pattern SHOW = java.util.regex.Pattern.compile("`flotilla deployments show ([^\\s`]+)`");

    private ConsoleAdvice() {
    }

    /**
     * What {@code failure} says, its commands as values: those it was built with, else those its text names that take a
     * selection in the fleet ({@link Advice#read}: a producer that still writes its commands as text, a task's error
     * read back as it was kept).
     */
    static Advice of(FlotillaException failure) {
        return of(failure.advice());
    }

    /** {@code said}, with the commands of one whose commands are text read as values ({@link Advice#read}). */
    static Advice of(Advice said) {
        return said.hasRemedies() ? said : Advice.read(said.text());
    }

    /**
     * A task's error or a tenant's last one, as the control plane keeps it (its commands as the command line runs them),
     * as the console's pages say it: each command the console has a button for as that button; null stays null. The API
     * and the command line give it as kept.
     */
    public static String kept(String error) {
        return error == null ? null : text(Advice.plain(error));
    }

    /** The message as a page of the console says it. */
    static String text(Advice said) {
        StringBuilder text = new StringBuilder();
        for (Object part : of(said).parts()) {
            if (part instanceof Remedy remedy) {
                String step = step(remedy);
                text.append(step == null ? remedy.toString() : step + " (on the command line: " + remedy + ")");
            } else {
                text.append(pages((String) part));
            }
        }
        return text.toString();
    }

    /**
     * {@code text} with each {@code `flotilla deployments show ID`} in it said as that deployment's page, the command kept
     * after it: it shows one deployment, so it takes no tenants and {@link Advice#read} leaves it as text.
     */
    private static String pages(String text) {
        return SHOW.matcher(text).replaceAll(shown -> java.util.regex.Matcher.quoteReplacement("deployment "
                + shown.group(1) + "'s page (on the command line: " + shown.group() + ")"));
    }

    /** The console's way to do what {@code remedy} runs, as words naming the button and its page; null where it has none. */
    static String step(Remedy remedy) {
        if (!remedy.runnable()) {
            return null; // a deployment it does not know: no page to name
        }
        List<String> arguments = remedy.arguments();
        return switch (remedy.command()) {
            case "deploy" -> deploy(arguments);
            case "dry-run" -> "the migration wizard's Test step (its files, these tenants, then Test)";
            case "repair" -> repair(remedy);
            case "rollback" -> rollback(arguments);
            case "status" -> arguments.equals(List.of("--fleet")) ? "the dashboard" : null;
            default -> null;
        };
    }

    /** A resume, a resume past failures or a retry of a deployment, as its page's buttons; a new deployment, the wizard. */
    private static String deploy(List<String> arguments) {
        if (arguments.equals(List.of("--all"))) {
            return "a new deployment from the migration wizard";
        }
        if (arguments.isEmpty()) { // a deploy of the tenants it is for
            return "a deploy from the migration wizard";
        }
        DeploymentAction action = null;
        if (arguments.size() == 2 && arguments.get(0).equals("--resume")) {
            action = DeploymentAction.RESUME;
        } else if (arguments.size() == 3 && arguments.get(0).equals("--resume") && arguments.get(2).equals("--continue-on-error")) {
            action = DeploymentAction.RESUME_PAST_FAILURES;
        } else if (arguments.size() == 2 && arguments.get(0).equals("--retry-failed")) {
            action = DeploymentAction.RETRY_FAILED;
        }
        return action == null ? null : "“" + action.title() + "” on deployment " + arguments.get(1) + "'s page";
    }

    /**
     * A rollback's resume as the Resume button of its page (which continues a rollback as a rollback); a deployment's
     * rollback as the Roll back button of the deployment's page.
     */
    private static String rollback(List<String> arguments) {
        if (arguments.size() != 2) {
            return null;
        }
        return switch (arguments.get(0)) {
            case "--resume" -> "“" + DeploymentAction.RESUME.title() + "” on rollback " + arguments.get(1) + "'s page";
            case "--deployment" -> "“" + DeploymentAction.ROLLBACK.title() + "” on deployment " + arguments.get(1) + "'s page";
            default -> null;
        };
    }

    /**
     * A repair of one tenant, as the form on its page does it: plain, or with its --rerun-from-start box ticked; marking a
     * version applied or undone, or realigning checksums, only the command line does.
     */
    private static String repair(Remedy remedy) {
        List<String> tenants = new ArrayList<>(remedy.tenants().stream().map(t -> t.value()).toList());
        List<String> rest = new ArrayList<>(remedy.arguments());
        int selected = rest.indexOf("--tenants");
        if (selected >= 0 && selected + 1 < rest.size()) {
            tenants = new ArrayList<>(Arrays.asList(rest.get(selected + 1).split(",")));
            rest.subList(selected, selected + 2).clear();
        }
        if (tenants.size() != 1 || !(rest.isEmpty() || rest.equals(List.of("--rerun-from-start")))) {
            return null;
        }
        String tenant = tenants.get(0);
        return "“Repair " + tenant + "” on tenant " + tenant + "'s page" + (rest.isEmpty() ? "" : ", its --rerun-from-start box ticked");
    }
}
