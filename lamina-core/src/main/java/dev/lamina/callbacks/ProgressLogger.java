package dev.lamina.callbacks;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Keras-style progress output. With verbose 1, each epoch shows
 * <pre>
 * Epoch 3/10
 * 32/32 ━━━━━━━━━━━━━━━━━━━━ 0s 4ms/step - loss: 0.5123 - mae: 0.5511 - val_loss: 0.5301 - val_mae: 0.5620
 * </pre>
 * updated in place while the epoch runs when the output is a terminal (only the final line
 * otherwise); with verbose 2 one line per epoch ({@code 32/32 - 0s - 4ms/step - loss: ...}).
 * Values print as Keras prints them: 4 decimals, or scientific notation below 1e-3.
 */
public final class ProgressLogger implements Callback {
    private static final int BAR_WIDTH = 20;
    private static final long REFRESH_NANOS = 50_000_000L;
    private final int verbose;
    private final PrintStream out;
    private final int epochs;
    private int steps;
    /** Steps done so far this epoch. */
    private int stepsDone;
    private final boolean interactive;
    private long epochStart;
    private long lastRefresh;
    private final StringBuilder line = new StringBuilder(256);

    /**
     * @param verbose 1 for a progress bar, 2 for one line per epoch
     * @param out where to print
     * @param epochs the total number of epochs
     * @param steps the number of batches per epoch, or -1 when the data cannot tell before it has
     *     been read (the first epoch then counts them, as Keras' {@code Unknown})
     * @param interactive whether to redraw the line in place while the epoch runs
     */
    public ProgressLogger(int verbose, PrintStream out, int epochs, int steps, boolean interactive) {
        this.verbose = verbose;
        this.out = out;
        this.epochs = epochs;
        this.steps = steps;
        this.interactive = interactive;
    }

    @Override
    public void onEpochBegin(int epoch) {
        out.println("Epoch " + (epoch + 1) + "/" + epochs);
        epochStart = System.nanoTime();
        lastRefresh = epochStart;
    }

    @Override
    public void onTrainBatchEnd(int batch, Logs logs) {
        stepsDone = batch + 1;
        if (verbose != 1 || !interactive) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastRefresh < REFRESH_NANOS && (steps < 0 || batch + 1 < steps)) {
            return;
        }
        lastRefresh = now;
        out.print("\r" + format(batch + 1, now, logs));
        out.flush();
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        if (steps < 0) {
            steps = stepsDone; // learned from the first epoch
        }
        String text = format(steps, System.nanoTime(), logs);
        out.println((verbose == 1 && interactive ? "\r" : "") + text);
        out.flush();
    }

    /** The progress line after {@code done} steps. */
    String format(int done, long now, Logs logs) {
        line.setLength(0);
        double seconds = (now - epochStart) / 1e9;
        double perStep = done == 0 ? 0 : seconds / done;
        line.append(done).append('/').append(steps < 0 ? "Unknown" : Integer.toString(steps));
        if (verbose == 1 && steps < 0) {
            line.append(' ').append(Math.round(seconds)).append("s ").append(stepTime(perStep));
        } else if (verbose == 1) {
            int filled = steps == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / steps);
            line.append(' ');
            for (int i = 0; i < BAR_WIDTH; i++) {
                line.append(i < filled ? '━' : '─');
            }
            line.append(' ').append(Math.round(seconds)).append("s ").append(stepTime(perStep));
        } else {
            line.append(" - ").append(Math.round(seconds)).append("s - ").append(stepTime(perStep));
        }
        for (String k : logs.keys()) {
            line.append(" - ").append(k).append(": ").append(value(logs.get(k)));
        }
        return line.toString();
    }

    /** Keras' time per step: {@code 4ms/step}, {@code 120us/step} or {@code 2s/step}. */
    static String stepTime(double seconds) {
        if (seconds >= 1) {
            return Math.round(seconds) + "s/step";
        }
        if (seconds >= 1e-3) {
            return Math.round(seconds * 1e3) + "ms/step";
        }
        return Math.round(seconds * 1e6) + "us/step";
    }

    /** Keras' value format: {@code %.4f}, or {@code %.4e} when the magnitude is below 1e-3. */
    static String value(double v) {
        if (v != 0 && Math.abs(v) < 1e-3) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
