package dev.lamina.bench.jmh;

import dev.lamina.layers.Layer;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.layers.normalization.BatchNormalization;
import dev.lamina.layers.regularization.Dropout;
import dev.lamina.models.Sequential;
import dev.lamina.random.RandomStream;
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
 * One layer's training forward and backward pass on a W1-sized batch (256 rows of 1024 units):
 * BatchNormalization, Dropout(0.3) and Dense(1024, relu). Run with {@code -prof gc} to see that a
 * pass allocates nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class LayerBenchmark {
    @Param({"batch_normalization", "dropout", "dense_relu"})
    public String layer;

    @Param({"2"})
    public int threads;

    private Layer target;
    private Tensor x;
    private Tensor gradOut;

    /** Builds the layer on 1024 inputs and draws a 256-row batch and output gradient. */
    @Setup
    public void setup() {
        Backends.use(new JavaBackend(new WorkerPool(threads)));
        Layer l = switch (layer) {
            case "batch_normalization" -> BatchNormalization.of();
            case "dropout" -> Dropout.of(0.3);
            case "dense_relu" -> Dense.of(1024, "relu");
            default -> throw new IllegalArgumentException("unknown layer " + layer);
        };
        Sequential.of(Input.of(1024), l).seed(0).build(1024);
        target = l;
        x = random(256, 1024, 1);
        gradOut = random(256, 1024, 2);
    }

    static Tensor random(int rows, int cols, long seed) {
        RandomStream r = new RandomStream(seed, 0);
        Tensor t = Tensor.zeros(rows, cols);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return t;
    }

    /** Forward in training mode alone. */
    @Benchmark
    public Tensor forward() {
        return target.forward(x, dev.lamina.layers.Mode.TRAINING);
    }

    /** Forward in training mode, then backward. */
    @Benchmark
    public Tensor forwardBackward() {
        target.forward(x, dev.lamina.layers.Mode.TRAINING);
        return target.backward(gradOut);
    }
}
