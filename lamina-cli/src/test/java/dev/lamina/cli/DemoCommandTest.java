package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.CurveReading;
import dev.lamina.callbacks.History;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void redWineDemoRunsEndToEndAndWritesItsFiles(@TempDir Path dir) throws Exception {
        String[] r = run("demo", "--epochs", "3", "--units", "64", "--out", dir.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("variant") && r[1].contains("dropout+batchnorm"), r[1]);
        for (String f : List.of("val_loss.png", "curves-baseline.png", "curves-dropout.png", "curves-batchnorm.png",
                "curves-dropout-batchnorm.png", "report.html")) {
            Path p = dir.resolve(f);
            assertTrue(Files.size(p) > 1000, f + " is missing or tiny");
        }
        assertTrue(Files.readString(dir.resolve("val_loss.svg")).contains("<svg"), "SVG beside the PNG");
        byte[] png = Files.readAllBytes(dir.resolve("val_loss.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<pre id=\"table\">") && html.contains("data:image/png;base64,"), "report content");
        assertTrue(html.contains("Cortez") && html.contains("CC BY 4.0"), "provenance in the report");
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"),
                "the report is self-contained");
    }

    /** The table and the reading agree with the histories they come from (fixed seed). */
    @Test
    void theDemoTellsTheTruthAboutItsNumbers() {
        Demo.Settings s = new Demo.Settings(BundledData.RED_WINE, 12, 128, 0);
        List<DemoRun> runs = Demo.run(s, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        String table = Demo.table(runs);
        String reading = Demo.interpretation(BundledData.RED_WINE, runs);
        for (DemoRun run : runs) {
            History h = run.history();
            List<Double> val = h.get("val_loss");
            int best = 0;
            for (int i = 1; i < val.size(); i++) {
                if (val.get(i) < val.get(best)) {
                    best = i;
                }
            }
            CurveReading c = run.reading();
            assertEquals(best + 1, c.bestEpoch(), run.variant().name() + ": epochs count from 1");
            assertEquals(val.get(best), c.bestValLoss());
            assertEquals(h.last("val_loss") - h.last("loss"), c.gap(), 1e-12);
            String row = table.lines().filter(l -> l.startsWith(run.variant().name() + " ")).findFirst().orElseThrow();
            assertTrue(row.contains(String.format(Locale.ROOT, "%.4f", val.get(best))), row);
            assertTrue(row.contains(" " + (best + 1) + " "), row);
            assertTrue(reading.contains(run.variant().name() + ": " + c.text()), reading);
        }
        DemoRun bn = Demo.find(runs, "batchnorm");
        DemoRun both = Demo.find(runs, "dropout+batchnorm");
        assertTrue(reading.contains("from " + Demo.fmt(bn.reading().gap()) + " to " + Demo.fmt(both.reading().gap())),
                reading);
    }

    @Test
    void concreteWithoutBatchNormDivergesOrStallsAndWithItLearns(@TempDir Path dir) {
        Demo.Settings s = new Demo.Settings(BundledData.CONCRETE, 40, 128, 0);
        List<DemoRun> runs = Demo.run(s, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        CurveReading plain = runs.get(0).reading();
        CurveReading bn = runs.get(1).reading();
        assertTrue(plain.verdict() == CurveReading.Verdict.DIVERGED || plain.verdict() == CurveReading.Verdict.STALLED,
                plain.toString());
        assertTrue(bn.bestValLoss() < 10, "BN's validation MAE " + bn.bestValLoss());
        assertTrue(!(plain.bestValLoss() < 2 * bn.bestValLoss()), "plain " + plain.bestValLoss());
        String reading = Demo.interpretation(BundledData.CONCRETE, runs);
        assertTrue(reading.contains("plain SGD"), reading);
    }

    @Test
    void usageErrorsExitWith2AndFailuresWith1() {
        String[] unknown = run("demo", "--bogus");
        assertEquals("2", unknown[0]);
        assertTrue(unknown[2].contains("Unknown option: '--bogus'"), unknown[2]);
        String[] badData = run("demo", "--dataset", "iris", "--epochs", "1");
        assertEquals("1", badData[0]);
        assertEquals("lamina: Unknown data set 'iris'; bundled: red-wine, concrete.", badData[2].trim());
    }
}
