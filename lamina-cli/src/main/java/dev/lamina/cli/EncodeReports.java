package dev.lamina.cli;

import dev.lamina.data.EncodeReport;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Prints what encoding a file met that training did not (missing cells, unseen categories), one line per column. */
final class EncodeReports {
    private EncodeReports() {}

    static void print(EncodeReport report, Path file, PrintWriter err) {
        if (report.isEmpty()) {
            return;
        }
        for (String line : report.lines()) {
            err.println("lamina: " + file.getFileName() + ": " + line);
        }
        err.flush();
    }
}
