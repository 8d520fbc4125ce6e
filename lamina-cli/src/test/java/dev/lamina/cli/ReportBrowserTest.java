package dev.lamina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's report in a real browser: headless Chromium (Debian's package, which {@code .ci/run}
 * installs) loads {@code report.html} with no console errors, the rendered DOM holds the table and
 * every chart, and a screenshot shows a real page. CI sets {@code LAMINA_REQUIRE_BROWSER=1}, so
 * there a missing browser fails the test instead of skipping it.
 */
class ReportBrowserTest {
    private static Path chromium() {
        for (String c : new String[] {System.getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (c != null && Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        boolean required = "1".equals(System.getenv("LAMINA_REQUIRE_BROWSER"));
        if (required) {
            throw new AssertionError("Chromium is required (LAMINA_REQUIRE_BROWSER=1) but not installed.");
        }
        Assumptions.abort("Chromium is not installed; .ci/run installs it (apt-get install chromium).");
        return null;
    }

    private static String[] run(Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium timed out");
        return new String[] {new String(out, StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8)};
    }

    @Test
    void theReportRendersInHeadlessChromium(@TempDir Path dir) throws Exception {
        Path browser = chromium();
        Path out = dir.resolve("demo");
        int code = Main.run(new String[] {"demo", "--epochs", "2", "--units", "16", "--out", out.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        String url = out.resolve("report.html").toUri().toString();
        List<String> base = List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + dir.resolve("profile"), "--enable-logging=stderr", "--v=0");
        List<String> dump = new ArrayList<>(base);
        dump.addAll(List.of("--dump-dom", url));
        String[] r = run(dir, dump);
        String dom = r[0];
        assertTrue(dom.contains("<pre id=\"table\">") && dom.contains("dropout+batchnorm"), "table in the DOM");
        int images = dom.split("<img ", -1).length - 1;
        assertEquals(5, images, "the overlay and four variants' charts");
        assertTrue(dom.contains("Reading the curves") && dom.contains("Cortez"), "reading and provenance");
        assertTrue(!r[1].contains(":CONSOLE(") && !r[1].contains("Uncaught"), "console errors: " + r[1]);
        List<String> shot = new ArrayList<>(base);
        shot.addAll(List.of("--window-size=1000,2000", "--screenshot=" + dir.resolve("shot.png"), url));
        run(dir, shot);
        BufferedImage img = ImageIO.read(dir.resolve("shot.png").toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(2000, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the screenshot shows a rendered page, " + colours.size() + " colours");
    }
}
