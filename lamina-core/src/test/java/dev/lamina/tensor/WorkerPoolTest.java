package dev.lamina.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    /** Every part of every job runs exactly once, with fewer, as many and more parts than threads (and past 32). */
    @Test
    void runsEveryPartExactlyOnce() {
        WorkerPool pool = new WorkerPool(3);
        for (int parts : new int[] {1, 2, 3, 5, 31, 32, 33, 70}) {
            for (int round = 0; round < 200; round++) {
                AtomicIntegerArray runs = new AtomicIntegerArray(parts);
                int[] seenParts = new int[1];
                pool.run((part, n) -> {
                    runs.incrementAndGet(part);
                    seenParts[0] = n;
                }, parts);
                for (int p = 0; p < parts; p++) {
                    assertEquals(1, runs.get(p), parts + " parts, round " + round + ", part " + p);
                }
                assertEquals(parts, seenParts[0]);
            }
        }
    }

    /**
     * Each thread takes the part of its own index first: with every part waiting until all have
     * started, no thread can take a second part, so the mapping shows which part each chose.
     */
    @Test
    void eachThreadTakesItsOwnPartFirst() {
        WorkerPool pool = new WorkerPool(3);
        for (int round = 0; round < 50; round++) {
            String[] ranOn = new String[3];
            java.util.concurrent.CyclicBarrier allStarted = new java.util.concurrent.CyclicBarrier(3);
            pool.run((part, n) -> {
                ranOn[part] = Thread.currentThread().getName();
                try {
                    allStarted.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, 3);
            assertEquals(Thread.currentThread().getName(), ranOn[0], "round " + round);
            assertEquals("lamina-worker-1", ranOn[1], "round " + round);
            assertEquals("lamina-worker-2", ranOn[2], "round " + round);
        }
    }
}
