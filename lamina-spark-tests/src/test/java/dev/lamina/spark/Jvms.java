package dev.lamina.spark;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Other JVMs on the test's class path and options: another SparkSession, a standalone Master and Workers. */
final class Jvms {
    private Jvms() {}

    /** The command that runs {@code mainClass} with {@code args} like this JVM (class path, --add-opens). */
    static List<String> command(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-D") || a.startsWith("-XX:+Ignore")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts {@code command} with {@code env} added, its output to {@code log}. */
    static Process start(List<String> command, Map<String, String> env, File log) throws IOException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        b.environment().putAll(env);
        b.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return b.start();
    }

    /** The JVM options Spark needs, as one string (for the executors of a standalone cluster). */
    static String sparkOptions() {
        StringBuilder b = new StringBuilder();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-XX:+Ignore") || a.startsWith("-Dio.netty")
                    || a.startsWith("-Djdk.reflect")) {
                b.append(b.length() == 0 ? "" : " ").append(a);
            }
        }
        return b.toString();
    }
}
