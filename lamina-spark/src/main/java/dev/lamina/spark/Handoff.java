package dev.lamina.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * How a round's bytes travel between the driver and the tasks. On a cluster the state goes out as
 * a broadcast and comes back as task results, serialized and sent. In local mode the tasks run in
 * the driver's JVM, so the same bytes are handed over in memory instead (a map keyed by the run,
 * the round and the partition): the arrays are the same, only Spark's copies and serialization of
 * tens of megabytes a round are saved. A retried task hands over the same bytes again.
 */
final class Handoff {
    private static final Map<String, Object> HELD = new ConcurrentHashMap<>();

    /** Off only for tests that run local mode through the cluster's path. */
    static volatile boolean inLocalMode = true;

    private final JavaSparkContext jsc;
    private final String run;
    private final boolean inMemory;
    private long round;

    Handoff(JavaSparkContext jsc, String run) {
        this.jsc = jsc;
        this.run = run;
        this.inMemory = inLocalMode && jsc.sc().isLocal();
    }

    /**
     * The driver model's state sent to every task of a round (with its optimizer's when
     * {@code withOptimizer}): in local mode a view of the model's own arrays, which the driver leaves
     * alone until the round's job is over; else its bytes, broadcast.
     */
    Payload send(dev.lamina.models.Sequential model, boolean withOptimizer) {
        round++;
        if (inMemory) {
            String key = run + "/state/" + round;
            HELD.put(key, ReplicaState.of(model, withOptimizer, false));
            return new Payload(null, key, round);
        }
        return new Payload(jsc.broadcast(StateCodec.encode(model, withOptimizer)), null, round);
    }

    /** Forgets what {@code p} sent. */
    void release(Payload p) {
        if (p.broadcast != null) {
            p.broadcast.destroy();
        } else {
            HELD.remove(p.key);
        }
    }

    /**
     * What partition {@code partition} answered to {@code p} ({@link Payload#reply}): the bytes it
     * returned, or in local mode what it handed over (bytes, or a {@link ReplicaState} of its
     * replica's own arrays); empty bytes for no answer.
     */
    Object answer(Payload p, int partition, byte[] returned) {
        if (!inMemory || returned.length == 0) {
            return returned;
        }
        Object b = HELD.remove(p.replyKey(partition));
        if (b == null) {
            throw new IllegalStateException("Partition " + partition + " of round " + p.round + " handed over nothing.");
        }
        return b;
    }

    /** Forgets everything this run still holds (a failed fit). */
    void close() {
        HELD.keySet().removeIf(k -> k.startsWith(run + "/"));
    }

    /** What a task gets: a broadcast, or the key of bytes held in this JVM. */
    static final class Payload implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> broadcast;
        private final String key;
        private final long round;

        private Payload(Broadcast<byte[]> broadcast, String key, long round) {
            this.broadcast = broadcast;
            this.key = key;
            this.round = round;
        }

        /** The state sent: bytes, or in local mode a {@link ReplicaState} view of the driver's arrays. */
        Object value() {
            if (broadcast != null) {
                return broadcast.value();
            }
            Object b = HELD.get(key);
            if (b == null) {
                throw new IllegalStateException("The state of round " + round + " is no longer held.");
            }
            return b;
        }

        /** What a task returns for {@code bytes}: the bytes, or in memory a one-byte token (empty stays empty). */
        byte[] reply(int partition, byte[] bytes) {
            if (broadcast != null || bytes.length == 0) {
                return bytes;
            }
            HELD.put(replyKey(partition), bytes);
            return new byte[] {1};
        }

        /**
         * What a local-SGD task returns for its replica's state: in memory, the replica's own arrays
         * (read by the driver before the next round writes them); else their bytes.
         */
        byte[] reply(int partition, dev.lamina.models.Sequential replica) {
            if (broadcast != null) {
                return StateCodec.encode(replica, true);
            }
            HELD.put(replyKey(partition), ReplicaState.of(replica, true, false));
            return new byte[] {1};
        }

        private String replyKey(int partition) {
            return key + "/reply/" + partition;
        }
    }
}
