package dev.lamina.bench.jmh;

import dev.lamina.bench.Workloads;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Backends;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.Tensor;
import dev.lamina.tensor.WorkerPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One training step of W1's model (11 → [Dense(1024, relu) → Dropout(0.3) → BatchNormalization] × 3
 * → Dense(1), MAE, Adam) on a batch of 256 rows, through {@code Sequential.trainOnBatch}. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes a step allocates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainStepBenchmark {
    @Param({"1", "2"})
    public int threads;

    private Sequential model;
    private Tensor x;
    private Tensor y;

    /** Builds and compiles the model and draws a batch. */
    @Setup
    public void setup() {
        Backends.use(new JavaBackend(new WorkerPool(threads)));
        model = Workloads.wineModel();
        x = LayerBenchmark.random(256, 11, 1);
        y = LayerBenchmark.random(256, 1, 2);
    }

    /** One step: forward, backward, Adam. */
    @Benchmark
    public double step() {
        return model.trainOnBatch(x, y);
    }
}
