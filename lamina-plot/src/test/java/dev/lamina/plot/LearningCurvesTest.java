package dev.lamina.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lamina.callbacks.History;
import dev.lamina.callbacks.Logs;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class LearningCurvesTest {
    private static History history(double[] loss, double[] val) {
        History h = new History();
        for (int e = 0; e < loss.length; e++) {
            Logs l = new Logs();
            l.put("loss", loss[e]);
            if (val != null) {
                l.put("val_loss", val[e]);
            }
            h.onEpochEnd(e, l);
        }
        return h;
    }

    /** A run that settles near 0.5 after a val_loss spike of 18 in its first epoch. */
    private static History spiky() {
        double[] loss = new double[40];
        double[] val = new double[40];
        for (int i = 0; i < 40; i++) {
            loss[i] = 0.45 + 2.0 / (i + 1);
            val[i] = i == 0 ? 18 : 0.5 + 0.3 / i + (i == 30 ? -0.04 : 0);
        }
        return history(loss, val);
    }

    @Test
    void theRangeLeavesEarlySpikesOffTheTopAndShowsWhereTheCurvesSettle() {
        YRange r = YRange.covering(List.of(spiky()), List.of("loss", "val_loss"));
        assertTrue(r.clipped());
        assertTrue(r.min() <= 0.46 && r.min() >= 0, r.toString());
        assertTrue(r.max() < 3, "the spike of 18 is off the chart: " + r);
        History h = spiky();
        for (String key : List.of("loss", "val_loss")) {
            for (int i = 10; i < 40; i++) {
                double v = h.get(key).get(i);
                assertTrue(v >= r.min() && v <= r.max(), key + " of epoch " + (i + 1) + " is inside: " + v + " " + r);
            }
        }
    }

    @Test
    void aRangeThatHoldsEverythingClipsNothing() {
        History h = history(new double[] {1, 0.8, 0.7}, new double[] {1.1, 0.9, 0.85});
        YRange r = YRange.covering(List.of(h), List.of("loss", "val_loss"));
        assertFalse(r.clipped());
        assertTrue(r.min() <= 0.7 && r.max() >= 1.1, r.toString());
    }

    @Test
    void chartsOfComparedRunsShareTheGivenRangeAndMarkTheBestEpoch() {
        History a = spiky();
        History b = history(new double[] {3, 2, 1}, new double[] {3.5, 2.5, 2});
        YRange shared = YRange.covering(List.of(a, b), List.of("loss", "val_loss"));
        XYChart ca = LearningCurves.of(a).yLabel("MAE").yRange(shared).chart();
        XYChart cb = LearningCurves.of(b).yLabel("MAE").yRange(shared).chart();
        assertEquals(shared.max(), ca.getStyler().getYAxisMax());
        assertEquals(shared.max(), cb.getStyler().getYAxisMax());
        assertEquals(shared.min(), cb.getStyler().getYAxisMin());
        assertTrue(ca.getSeriesMap().containsKey("lowest val_loss 0.47 (epoch 31)"), ca.getSeriesMap().keySet().toString());
        assertTrue(ca.getYAxisTitle().contains("clipped above"), ca.getYAxisTitle());
    }

    @Test
    void writesPngAndSvgAndSurvivesADivergedRun(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("c.png");
        LearningCurves.of(spiky()).title("spiky").savePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(720, img.getWidth());
        Path svg = dir.resolve("c.svg");
        LearningCurves.of(spiky()).saveSvg(svg);
        assertTrue(Files.readString(svg).contains("<svg"));
        History diverged = history(new double[] {5, 1e9, Double.NaN}, new double[] {6, Double.NaN, Double.NaN});
        Path d = dir.resolve("d.png");
        LearningCurves.of(diverged).savePng(d);
        assertTrue(Files.size(d) > 1000);
        CurveComparison.of("val_loss").add("spiky", spiky()).add("diverged", diverged).savePng(dir.resolve("v.png"));
        assertTrue(Files.size(dir.resolve("v.png")) > 1000);
    }

    @Test
    void mistakesAreNamed() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> LearningCurves.of(new History()));
        assertTrue(empty.getMessage().contains("at least one epoch of 'loss'"), empty.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> CurveComparison.of("val_mae").add("a", spiky()));
        assertTrue(key.getMessage().contains("run 'a' has no such curve"), key.getMessage());
        assertThrows(IllegalArgumentException.class, () -> YRange.of(1, 1));
    }
}
