package dev.flotilla.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A write queued for the control plane's writer ({@link WriteBehind}): what it is doing (for a failure's message), the
 * writes, what to do once they are committed, and what a later write of its key takes in of it, if anything.
 *
 * @param coalescing what a later write of its key takes in ({@link WriteBehind.Coalescing}), or null: written as queued
 */
record Write(String doing, Runnable writes, Runnable afterCommit, WriteBehind.Coalescing<?> coalescing) {
    Write(String doing, Runnable writes, Runnable afterCommit) {
        this(doing, writes, afterCommit, null);
    }

    /** This write and {@code later}, of the same key, as one: told as the later, each told after the commit. */
    Write then(Write later) {
        WriteBehind.Coalescing<?> both = joined(coalescing, later.coalescing);
        return new Write(later.doing, both::write, () -> {
            afterCommit.run();
            later.afterCommit.run();
        }, both);
    }

    @SuppressWarnings("unchecked")
    private static <T extends WriteBehind.Coalescing<T>> WriteBehind.Coalescing<?> joined(WriteBehind.Coalescing<?> earlier,
                                                                                         WriteBehind.Coalescing<?> later) {
        return ((T) earlier).then((T) later);
    }

    /**
     * The batch with each write that has a key taken into the next write of that key, at the later one's place: the
     * writes of different keys, and those with none, keep their order.
     */
    static List<Write> coalesced(List<Write> batch) {
        List<Write> writes = new ArrayList<>(batch.size());
        Map<Object, Integer> lastOfKey = new HashMap<>();
        for (Write write : batch) {
            if (write.coalescing() != null) {
                Integer earlier = lastOfKey.put(write.coalescing().key(), writes.size());
                if (earlier != null) {
                    write = writes.get(earlier).then(write);
                    writes.set(earlier, null);
                }
            }
            writes.add(write);
        }
        writes.removeIf(Objects::isNull);
        return writes;
    }
}
