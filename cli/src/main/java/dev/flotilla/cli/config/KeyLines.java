package dev.flotilla.cli.config;

import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The line each key of a flotilla.yml is written on ({@code deploy.concurrency} -> 12), so that a problem with a key
 * says where it is as {@code file:line}. Read from YAML's node tree, which keeps positions; the parsed values do not.
 */
final class KeyLines {
    private final String text;
    /** Read from the text when a key's line is first asked for: a file without problems is not read twice. */
    private Map<String, Integer> lines;

    private KeyLines(String text) {
        this.text = text;
    }

    /** The lines of {@code text}'s keys; none when it does not compose (its parse reports why). */
    static KeyLines of(String text) {
        return new KeyLines(text);
    }

    private Map<String, Integer> lines() {
        if (lines == null) {
            lines = new HashMap<>();
            try {
                walk("", new Yaml(new LoaderOptions()).compose(new java.io.StringReader(text)));
            } catch (RuntimeException e) {
                // Only positions are lost: the parse of the same text reports what is wrong with it.
            }
        }
        return lines;
    }

    private void walk(String prefix, Node node) {
        if (!(node instanceof MappingNode mapping)) {
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                String path = prefix.isEmpty() ? key.getValue() : prefix + "." + key.getValue();
                lines.putIfAbsent(path, key.getStartMark().getLine() + 1);
                walk(path, tuple.getValueNode());
            }
        }
    }

    /** {@code file:line} of the key {@code path}, or {@code file} when its line is not known. */
    String where(String file, String path) {
        Integer line = lines().get(path);
        return line == null ? file : file + ":" + line;
    }
}
