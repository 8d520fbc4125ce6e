package dev.lamina.cli;

import dev.lamina.plot.CurveComparison;
import dev.lamina.plot.LearningCurves;
import java.io.IOException;
import java.nio.file.Path;

/** The command's charts, written as PNG and, beside it, SVG (same name, {@code .svg}). */
final class Charts {
    private Charts() {}

    static void write(LearningCurves curves, Path png) throws IOException {
        curves.savePng(png);
        curves.saveSvg(svgBeside(png));
    }

    static void write(CurveComparison comparison, Path png) throws IOException {
        comparison.savePng(png);
        comparison.saveSvg(svgBeside(png));
    }

    static Path svgBeside(Path png) {
        String name = png.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4)
                : name;
        return png.resolveSibling(base + ".svg");
    }
}
