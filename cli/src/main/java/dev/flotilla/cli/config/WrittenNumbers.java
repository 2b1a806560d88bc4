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
 * (YAML 1.1 takes underscores as digit separators: 20251201060100) and {@code 2025.10} (a float: 2025.1).
 * Both are migration versions in flotilla.yml ({@code since:}), and no key takes a fraction, so a version
 * written without quotes means what it says.
 */
final class WrittenNumbers extends SafeConstructor {
    WrittenNumbers(LoaderOptions options) {
        super(options);
        Construct integers = yamlConstructors.get(Tag.INT);
        yamlConstructors.put(Tag.INT, new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
                String text = ((ScalarNode) node).getValue();
                return text.contains("_") ? text : integers.construct(node);
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
