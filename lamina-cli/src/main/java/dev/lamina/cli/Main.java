package dev.lamina.cli;

import dev.lamina.tensor.Backends;
import dev.lamina.tensor.JavaBackend;
import dev.lamina.util.LaminaVersion;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code lamina} command. It runs on the Java backend; {@code -Dlamina.backend=openblas} (through
 * {@code LAMINA_JAVA_OPTS}) runs it on OpenBLAS. Exit codes: 0 success, 1 failure (one clear line, the stack trace
 * only with {@code --verbose}), 2 usage error (picocli's message and the usage).
 */
@Command(name = "lamina", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Deep learning on the JVM: the Dropout and Batch Normalization lesson, and your own CSV files.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                SummaryCommand.class, BenchCommand.class, ImportCommand.class, ExportCommand.class})
public final class Main implements Runnable {
    @Option(names = "--verbose", description = "Print stack traces of errors.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        // The command bundles OpenBLAS for `bench`, but trains on the Java backend unless told
        // otherwise, so that its results are reproducible bit for bit on any machine.
        if (System.getProperty(Backends.PROPERTY) == null) {
            System.setProperty(Backends.PROPERTY, "java");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with the given streams and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("lamina: " + message(e));
            }
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            // Errors (out of memory, a stack overflow) pass picocli's handler; they get one line too.
            boolean verbose = List.of(args).contains("--verbose");
            if (verbose) {
                t.printStackTrace(err);
            } else {
                err.println("lamina: " + message(t));
            }
            err.flush();
            return 1;
        }
    }

    /**
     * A usage error: the message, then where to find the options. An unknown option is named even
     * when picocli also misses a required one (it reports the missing one first).
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        List<String> unmatched = cl.getUnmatchedArguments();
        if (!(e instanceof CommandLine.UnmatchedArgumentException) && !unmatched.isEmpty()) {
            String first = unmatched.get(0);
            err.println((first.startsWith("-") ? "Unknown option: '" : "Unmatched argument: '") + first + "'");
        } else {
            err.println(e.getMessage());
        }
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for its options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The one line to print for {@code e}: its message on one line, or what happened in words. */
    static String message(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            long heapMb = Runtime.getRuntime().maxMemory() >> 20;
            return "out of memory: the JVM's heap is " + heapMb + " MB (" + e.getMessage() + "). Give it more with"
                    + " LAMINA_JAVA_OPTS=-Xmx" + Math.max(2, 2 * heapMb / 1024) + "g, or use less data at once"
                    + " (fewer rows, a smaller --batch-size). --verbose prints the stack trace.";
        }
        if (e instanceof StackOverflowError || e instanceof LinkageError || e instanceof InternalError) {
            return "internal error: " + e + ". --verbose prints the stack trace.";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName() + (e.getCause() != null ? ": " + message(e.getCause()) : "");
        }
        return m.replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The lines of {@code lamina --version}: Lamina's version, then the Java runtime and the matrix
     * kernel it runs on.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lamina " + LaminaVersion.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                        + "), matrix kernel " + JavaBackend.kernelName()};
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
