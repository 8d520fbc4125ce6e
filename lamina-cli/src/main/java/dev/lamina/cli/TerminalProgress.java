package dev.lamina.cli;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.Logs;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A live progress bar per epoch on a terminal (me.tongfei:progressbar), showing the running loss;
 * at the end of the epoch one line with the epoch's values, validation included.
 */
final class TerminalProgress implements Callback {
    private final int epochs;
    private final int steps;
    private final PrintStream out;
    private ProgressBar bar;

    TerminalProgress(int epochs, int steps, PrintStream out) {
        this.epochs = epochs;
        this.steps = steps;
        this.out = out;
    }

    @Override
    public void onEpochBegin(int epoch) {
        bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "Epoch %d/%d", epoch + 1, epochs))
                .setInitialMax(steps).setUnit(" steps", 1).setConsumer(new ConsoleProgressBarConsumer(out)).build();
    }

    @Override
    public void onTrainBatchEnd(int batch, Logs logs) {
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", logs.get("loss")));
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        bar.close();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "Epoch %d/%d", epoch + 1, epochs));
        for (String k : logs.keys()) {
            line.append(String.format(Locale.ROOT, " - %s: %.4f", k, logs.get(k)));
        }
        out.println(line);
    }
}
