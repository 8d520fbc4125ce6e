package dev.lamina.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.models.Sequential;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same fit on other masters gives the same bits: local[1] (one core) against this JVM's
 * local[2], and a standalone cluster (a Master and two Workers, each a JVM of its own, so the
 * tasks and their results cross processes) against both.
 */
class OtherMastersTest {
    private static byte[] here(String strategy) {
        Sequential m = OtherSessionRun.estimator(strategy).fit(SparkTests.frame(SparkTests.regression(180, 4, 41), 3))
                .laminaModel();
        int n = 0;
        for (float[] w : m.getWeights()) {
            n += w.length;
        }
        ByteBuffer b = ByteBuffer.allocate(4 * n);
        for (float[] w : m.getWeights()) {
            for (float v : w) {
                b.putFloat(v);
            }
        }
        return b.array();
    }

    private static byte[] elsewhere(Path dir, String master, String strategy, String... more) throws Exception {
        Path out = dir.resolve("out-" + strategy + ".bin");
        List<String> args = new ArrayList<>(List.of(master, out.toString(), strategy));
        args.addAll(List.of(more));
        File log = dir.resolve("run-" + strategy + ".log").toFile();
        Process p = Jvms.start(Jvms.command(OtherSessionRun.class.getName(), args.toArray(String[]::new)), Map.of(),
                log);
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the other JVM's fit timed out");
        assertEquals(0, p.exitValue(), Files.readString(log.toPath()));
        return Files.readAllBytes(out);
    }

    @Test
    void oneCoreGivesTheBitsOfTwo(@TempDir Path dir) throws Exception {
        assertArrayEquals(here("sync"), elsewhere(dir, "local[1]", "sync"));
    }

    @Test
    void aSavedPipelinePredictsTheSameBitsInAnotherJvm(@TempDir Path dir) throws Exception {
        org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> data = SparkTests.frame(
                SparkTests.regression(180, 4, 41), 3);
        org.apache.spark.ml.PipelineModel model = new org.apache.spark.ml.Pipeline().setStages(
                new org.apache.spark.ml.PipelineStage[] {OtherSessionRun.estimator("sync").setEpochs(1)}).fit(data);
        String path = dir.resolve("pipeline").toString();
        model.write().overwrite().save(path);
        ByteBuffer expected = ByteBuffer.allocate(8 * 180);
        for (org.apache.spark.sql.Row r : model.transform(data.orderBy("label")).select("prediction").collectAsList()) {
            expected.putDouble(r.getDouble(0));
        }
        assertArrayEquals(expected.array(), elsewhere(dir, "local[1]", "predict", path));
    }

    @Test
    void aStandaloneClusterGivesTheSameBits(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        Map<String, String> env = Map.of("SPARK_HOME", dir.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_TESTING", "1");
        // The Master and Workers log at INFO, so that the test sees the workers register.
        Path logConfig = dir.resolve("log4j2-info.properties");
        Files.writeString(logConfig, "rootLogger.level = info\nrootLogger.appenderRef.stdout.ref = console\n"
                + "appender.console.type = Console\nappender.console.name = console\n"
                + "appender.console.layout.type = PatternLayout\nappender.console.layout.pattern = %p %c{1}: %m%n\n");
        List<Process> cluster = new ArrayList<>();
        try {
            List<String> master = Jvms.command("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--webui-port", "0");
            master.add(1, "-Dlog4j2.configurationFile=" + logConfig);
            cluster.add(Jvms.start(master, env, dir.resolve("master.log").toFile()));
            for (int w = 0; w < 2; w++) {
                Path work = Files.createDirectories(dir.resolve("worker" + w));
                List<String> worker = Jvms.command("org.apache.spark.deploy.worker.Worker", url, "--host",
                        "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", "0", "--work-dir",
                        work.toString());
                worker.add(1, "-Dlog4j2.configurationFile=" + logConfig);
                cluster.add(Jvms.start(worker, env, dir.resolve("worker" + w + ".log").toFile()));
            }
            waitForWorkers(dir, 2);
            byte[] cluster2 = elsewhere(dir, url, "local_sgd", System.getProperty("java.class.path"));
            assertArrayEquals(here("local_sgd"), cluster2);
            String log = Files.readString(dir.resolve("run-local_sgd.log"));
            assertTrue(log.contains("executors=3"), "a driver and two executors: " + log);
        } finally {
            for (Process p : cluster) {
                p.destroy();
            }
            for (Process p : cluster) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void waitForWorkers(Path dir, int workers) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String master = Files.exists(dir.resolve("master.log")) ? Files.readString(dir.resolve("master.log")) : "";
            if (master.split("Registering worker", -1).length - 1 >= workers) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the workers did not register:\n" + Files.readString(dir.resolve("master.log"))
                + Files.readString(dir.resolve("worker0.log")));
    }
}
