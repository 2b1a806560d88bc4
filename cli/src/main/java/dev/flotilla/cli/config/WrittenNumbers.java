package dev.flotilla.cli.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML's safe types, but a number that reading would change is kept as written: {@code 2025_12_01_060100}
 * (YAML 1.1 takes underscores as digit separators: 20251201060100), {@code 035} (octal: 29; so are {@code 0x23},
 * {@code 0b11} and {@code 1:30} read otherwise) and {@code 2025.10} (a float: 2025.1). All are migration versions in
 * flotilla.yml ({@code since:}, {@code lint.since}), and no key takes a fraction or a number so written, so a version
 * written without quotes means what it says; a plain decimal integer stays a number.
 */
final class WrittenNumbers extends SafeConstructor {
    private static final java.util.regex.Pattern PLAIN_DECIMAL = java.util.regex.Pattern.compile("[-+]?(0|[1-9][0-9]*)");

    WrittenNumbers(LoaderOptions options) {
        super(options);
        Construct integers = yamlConstructors.get(Tag.INT);
        yamlConstructors.put(Tag.INT, new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                String text = ((ScalarNode) node).getValue();
                return PLAIN_DECIMAL.matcher(text).matches() ? integers.construct(node) : text;
            }
        });
        yamlConstructors.put(Tag.FLOAT, new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                return ((ScalarNode) node).getValue();
            }
        });
    }
}
