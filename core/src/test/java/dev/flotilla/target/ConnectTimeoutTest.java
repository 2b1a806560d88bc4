package dev.flotilla.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectTimeoutTest {
    private static Properties applied(String dialect) {
        Properties properties = new Properties();
        ConnectTimeout.apply(properties, dialect);
        return properties;
    }

    @Test
    void a_shorter_cap_bounds_the_connections_opened_within_it_and_only_those() {
        Duration setting = ConnectTimeout.current();
        Duration cap = setting.minusMillis(setting.toMillis() / 2);

        Properties capped = ConnectTimeout.within(cap, () -> applied("mariadb"));

        assertThat(capped.getProperty("connectTimeout")).isEqualTo(String.valueOf(cap.toMillis()));
        assertThat(ConnectTimeout.within(cap, ConnectTimeout::describe)).isEqualTo(cap.toMillis() % 1000 == 0
                ? cap.toSeconds() + " s" : cap.toMillis() + " ms");
        assertThat(applied("mariadb").getProperty("connectTimeout")).as("after it").isEqualTo(String.valueOf(setting.toMillis()));
    }

    @Test
    void a_cap_longer_than_the_setting_does_not_lengthen_the_wait() {
        Duration setting = ConnectTimeout.current();

        Properties capped = ConnectTimeout.within(setting.multipliedBy(3), () -> applied("mariadb"));

        assertThat(capped.getProperty("connectTimeout")).isEqualTo(String.valueOf(setting.toMillis()));
        assertThat(ConnectTimeout.within(setting.multipliedBy(3), ConnectTimeout::capped)).isFalse();
    }
}
