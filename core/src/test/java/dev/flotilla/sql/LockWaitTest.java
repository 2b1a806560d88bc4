package dev.flotilla.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LockWaitTest {
    /** SHA-256("abc"), the test vector of FIPS 180-2. */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void lock_names_and_ids_are_the_leading_part_of_the_keys_sha_256() {
        assertThat(LockWait.hashHex("abc", 40)).isEqualTo(ABC.substring(0, 40));
        assertThat(LockWait.hashHex("abc", 64)).isEqualTo(ABC);
        assertThat(LockWait.hash64("abc")).isEqualTo(Long.parseUnsignedLong(ABC.substring(0, 16), 16));
    }

    @Test
    void threads_hashing_at_once_each_get_their_own_keys_hash() throws Exception {
        String expected = LockWait.hashHex("flotilla|db|t1|tenant_migrations", 40);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = IntStream.range(0, 4).mapToObj(worker -> pool.submit(() ->
                    IntStream.range(0, 2_000).allMatch(i -> i % 2 == 0
                            ? LockWait.hashHex("flotilla|db|t1|tenant_migrations", 40).equals(expected)
                            : LockWait.hashHex("flotilla|db|t" + i + "|tenant_migrations", 40).length() == 40))).toList();
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
