package dev.lamina.bench.jmh;

import dev.lamina.layers.Parameter;
import dev.lamina.layers.core.Dense;
import dev.lamina.layers.core.Input;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.Optimizer;
import dev.lamina.optimizers.Optimizers;
import dev.lamina.tensor.Backends;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.WorkerPool;
import java.util.List;
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
 * One optimizer step on a Dense(1024) layer's 1,049,600 parameters (W1's largest layer). With
 * {@code gradients=dead} every gradient has been zero for 900 steps, as for the weights of a ReLU
 * unit that no longer fires, so that a moment decaying by a factor per step has reached the
 * subnormal range, where it stays ({@code m - 0.1 m} rounds back to {@code m} near the smallest
 * subnormal) and where each operation costs the processor a microcode assist.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class OptimizerBenchmark {
    @Param({"adam", "adamw", "sgd"})
    public String optimizer;

    @Param({"2"})
    public int threads;

    @Param({"live", "dead"})
    public String gradients;

    private Optimizer opt;
    private List<Parameter> params;

    /** Builds the layer and fills its gradients. */
    @Setup
    public void setup() {
        Backends.use(new JavaBackend(new WorkerPool(threads)));
        Sequential m = Sequential.of(Input.of(1024), Dense.of(1024)).seed(0);
        m.build(1024);
        params = m.weights();
        for (Parameter p : params) {
            float[] g = p.grad().data();
            for (int i = 0; i < g.length; i++) {
                g[i] = ((i * 2654435761L) % 1000) / 1000f - 0.5f;
            }
        }
        opt = Optimizers.get(optimizer);
        if (gradients.equals("dead")) {
            opt.apply(params);
            for (Parameter p : params) {
                java.util.Arrays.fill(p.grad().data(), 0f);
            }
            for (int i = 0; i < 900; i++) {
                opt.apply(params);
            }
        }
    }

    /** One update of every parameter. */
    @Benchmark
    public Optimizer step() {
        opt.apply(params);
        return opt;
    }
}
