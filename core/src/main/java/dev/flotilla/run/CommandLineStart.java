package dev.flotilla.run;

import dev.flotilla.control.Runner;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deployment the command line started was asked for, and where: its selection flag ({@code --all},
 * {@code --group G}, {@code --tenants a,b}) and the host and process it started in, said at the end of its
 * {@code deploy.started} audit entry ("...; --all; from ci-runner-3, process 4242") and read back from there. The
 * deployment's runner label names the process that ran it last (a resume elsewhere overwrites it); this one stays. No
 * secret is in it: flags and a process only.
 *
 * @param selection the selection flag as given
 * @param host      the host the command ran on
 * @param pid       its process
 */
public record CommandLineStart(String selection, String host, long pid) {
    private static final Pattern AT_END = Pattern.compile("; (--[^;]+); from ([^;]+), process (\\d{1,18})$");

    /** {@code selection} asked of this process. */
    public static CommandLineStart here(String selection) {
        Runner.Label label = Runner.Label.parse(Runner.current()).orElse(new Runner.Label("unknown-host", ProcessHandle.current().pid()));
        return new CommandLineStart(selection, label.host(), label.pid());
    }

    /** Read back from the end of a {@code deploy.started} entry's details; empty for one the console or an older Flotilla wrote. */
    public static Optional<CommandLineStart> in(String details) {
        Matcher matcher = details == null ? null : AT_END.matcher(details);
        return matcher == null || !matcher.find() ? Optional.empty()
                : Optional.of(new CommandLineStart(matcher.group(1), matcher.group(2), Long.parseLong(matcher.group(3))));
    }

    /** As the entry says it, after its options: "--all; from ci-runner-3, process 4242". */
    public String asked() {
        return selection + "; from " + host + ", process " + pid;
    }
}
