package dev.lamina.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures how long a cache line takes to go from one thread's core to another's and back: two
 * threads hand a flag to each other many times, and the median of several such runs, divided by
 * the hand-offs, is one round trip.
 *
 * <p>On a virtual machine the host decides which physical cores the virtual CPUs run on, and it
 * moves them: two cores on one chiplet answer in about 60 ns, two on different chiplets in about
 * 330 ns (measured on the 2-vCPU machines these benchmarks were tuned on). Training shares every
 * weight matrix between the threads each step, so in the far placement a parallel step is slower
 * (W3's Adam update seven times, its epoch about twice). Benchmarks record the round trip before
 * and after their workloads so that such runs can be recognized.
 */
final class CoreToCore {
    private static final int HAND_OFFS = 20_000;
    private static final int RUNS = 7;

    private CoreToCore() {}

    /** The median round trip in nanoseconds, or NaN when the machine has a single processor. */
    static double roundTripNanos() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return Double.NaN;
        }
        AtomicInteger flag = new AtomicInteger();
        Thread other = new Thread(() -> {
            for (int r = 0; r < RUNS + 1; r++) {
                for (int i = 0; i < HAND_OFFS; i++) {
                    while (flag.get() != 1) {
                        Thread.onSpinWait();
                    }
                    flag.set(0);
                }
            }
        }, "lamina-core-to-core");
        other.setDaemon(true);
        other.start();
        List<Double> runs = new ArrayList<>();
        for (int r = 0; r < RUNS + 1; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < HAND_OFFS; i++) {
                flag.set(1);
                while (flag.get() != 0) {
                    Thread.onSpinWait();
                }
            }
            if (r > 0) {
                runs.add((System.nanoTime() - t0) / (double) HAND_OFFS);
            }
        }
        try {
            other.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Stats.median(runs);
    }
}
