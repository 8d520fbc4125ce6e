package dev.lamina.bench.jmh;

import dev.lamina.openblas.OpenBlasBackend;
import dev.lamina.random.RandomStream;
import dev.lamina.tensor.Backend;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.Transpose;
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
 * The K1 products, {@code C = op(A) op(B)}, on a backend and thread count: time per product
 * (GFLOP/s = 2 m k n / time). Shapes as "LAYOUT MxKxN".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"NN 256x1024x1024", "TN 256x1024x1024", "NT 256x1024x1024", "NN 1024x1024x1024", "TN 1024x1024x1024",
        "NT 1024x1024x1024", "TN 1024x256x1024", "NN 256x11x1024", "NN 32x512x512"})
    public String shape;

    @Param({"java", "openblas"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    private Backend be;
    private Transpose ta;
    private Transpose tb;
    private int m;
    private int n;
    private int k;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Parses the shape and fills A and B with uniform values in [-0.5, 0.5). */
    @Setup
    public void setup() {
        String[] parts = shape.split(" ");
        String[] dims = parts[1].split("x");
        ta = parts[0].charAt(0) == 'T' ? Transpose.YES : Transpose.NO;
        tb = parts[0].charAt(1) == 'T' ? Transpose.YES : Transpose.NO;
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        be = backend.equals("openblas") ? new OpenBlasBackend(threads) : new JavaBackend(new WorkerPool(threads));
        RandomStream r = new RandomStream(0, 0);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
        }
    }

    /** One product. */
    @Benchmark
    public float[] gemm() {
        be.gemm(ta, tb, m, n, k, 1f, a, ta == Transpose.NO ? k : m, b, tb == Transpose.NO ? n : k, 0f, c, n);
        return c;
    }
}
