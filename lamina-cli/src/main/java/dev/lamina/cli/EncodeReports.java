package dev.lamina.cli;

import dev.lamina.data.ColumnNames;
import dev.lamina.data.EncodeReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints what encoding a file met that training did not (missing cells, unseen categories), one line
 * per column for the first {@link ColumnNames#LISTED} such columns, then how many more there are: a
 * wide table with a gap here and there would otherwise print thousands of lines.
 */
final class EncodeReports {
    private EncodeReports() {}

    static void print(EncodeReport report, Path file, PrintWriter err) {
        if (report.isEmpty()) {
            return;
        }
        List<String> lines = report.lines();
        int shown = Math.min(lines.size(), ColumnNames.LISTED);
        for (String line : lines.subList(0, shown)) {
            err.println("lamina: " + file.getFileName() + ": " + line);
        }
        if (lines.size() > shown) {
            err.println(String.format(Locale.ROOT, "lamina: %s: and %,d more columns with missing or unseen values.",
                    file.getFileName(), lines.size() - shown));
        }
        err.flush();
    }
}
