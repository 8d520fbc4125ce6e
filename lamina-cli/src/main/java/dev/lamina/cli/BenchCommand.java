package dev.lamina.cli;

import dev.lamina.bench.SummaryTable;
import dev.lamina.bench.Workloads;
import dev.lamina.openblas.OpenBlasBackend;
import dev.lamina.tensor.Backends;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.tensor.WorkerPool;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code lamina bench}: the peers' workloads, with JSON under the same keys as the peers' scripts. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the benchmark workloads of shared/peers/RESULTS.md: W1 (the lesson's model, batch 256),",
                "W2 (100,000 rows), W3 (batch 32), W4 (prediction), K1 (matrix products) and, when asked for, C1",
                "(single-row predictions from 16 threads sharing one model)."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workloads", defaultValue = "W1,W2,W3,W4,K1", split = ",",
            description = "Workloads to run: W1, W2, S2 (W2 streamed from a CSV file), W3, W4, C1, K1"
                    + " (default: ${DEFAULT-VALUE}).")
    Set<String> workloads;

    @Option(names = "--threads", defaultValue = "2", description = "Threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--epochs", defaultValue = "7", description = "Timed epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", defaultValue = "2", description = "Warm-up epochs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--w2-rows", defaultValue = "100000", description = "Rows of W2 (default: ${DEFAULT-VALUE}).")
    int w2Rows;

    @Option(names = "--backend", defaultValue = "java",
            description = "Backend for W1-W4: java or openblas (default: ${DEFAULT-VALUE}); K1 always runs both.")
    String backend;

    @Option(names = "--json", description = "Write the results to this JSON file.")
    Path json;

    @Override
    public Integer call() throws Exception {
        switch (backend) {
            case "java" -> Backends.use(new JavaBackend(new WorkerPool(threads)));
            case "openblas" -> Backends.use(new OpenBlasBackend(threads));
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--backend must be java or openblas, received '" + backend + "'.");
        }
        Map<String, Object> r = new Workloads(threads, System.out).run(workloads, epochs, warmup, w2Rows);
        if (workloads.stream().anyMatch(w -> w.startsWith("W"))) {
            System.out.println();
            System.out.println(SummaryTable.format("lamina " + backend + " t" + threads, r));
        }
        if (json != null) {
            Workloads.writeJson(r, json);
            System.out.println("Wrote " + json + ".");
        }
        return 0;
    }
}
