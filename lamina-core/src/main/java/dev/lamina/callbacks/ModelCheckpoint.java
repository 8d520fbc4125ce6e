package dev.lamina.callbacks;

import dev.lamina.util.Check;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves the model at the end of epochs, as Keras' {@code ModelCheckpoint}: every epoch, or only
 * when the monitored value improves ({@code saveBestOnly}). The file name is a pattern with
 * {@code {epoch}} (from 1, or {@code {epoch:03d}}) and any logged value ({@code {val_loss:.4f}}),
 * e.g. {@code "checkpoints/model-{epoch:02d}-{val_loss:.3f}.lamina"}. Saves are atomic; with
 * {@code weightsOnly} a {@code .safetensors} of the weights is written instead.
 */
public final class ModelCheckpoint implements Callback, Resumable {
    private static final Pattern FIELD = Pattern.compile("\\{([a-z_]+)(?::([^}]*))?}");
    private final String pattern;
    private String monitorKey = "val_loss";
    private String mode = "auto";
    private boolean saveBestOnly;
    private boolean weightsOnly;
    private Monitor monitor;
    private double best = Double.NaN;
    private TrainableModel model;

    /** Saves to files named by {@code pattern} every epoch. */
    public ModelCheckpoint(String pattern) {
        this.pattern = Check.notNull(pattern, "ModelCheckpoint", "filepath");
    }

    /** The value to monitor for {@link #saveBestOnly} (default {@code val_loss}). */
    public ModelCheckpoint monitor(String key) {
        this.monitorKey = key;
        return this;
    }

    /** {@code auto}, {@code min} or {@code max}. */
    public ModelCheckpoint mode(String mode) {
        this.mode = mode;
        return this;
    }

    /** Save only when the monitored value improves. */
    public ModelCheckpoint saveBestOnly(boolean on) {
        this.saveBestOnly = on;
        return this;
    }

    /** Save the weights alone ({@code .safetensors}). */
    public ModelCheckpoint weightsOnly(boolean on) {
        this.weightsOnly = on;
        return this;
    }

    @Override
    public void setModel(TrainableModel model) {
        this.model = model;
    }

    @Override
    public void onTrainBegin(Logs logs) {
        monitor = new Monitor("ModelCheckpoint", monitorKey, mode, 0);
    }

    @Override
    public void onEpochEnd(int epoch, Logs logs) {
        if (saveBestOnly) {
            if (!logs.has(monitorKey)) {
                return;
            }
            double current = logs.get(monitorKey);
            if (!monitor.improved(current, best)) {
                return;
            }
            best = current;
        }
        Path path = Path.of(fileName(pattern, epoch, logs));
        try {
            if (path.toAbsolutePath().getParent() != null) {
                java.nio.file.Files.createDirectories(path.toAbsolutePath().getParent());
            }
            if (weightsOnly) {
                model.saveWeights(path);
            } else {
                model.save(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint cannot save " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file name for an epoch (counted from 0) and its logs. */
    static String fileName(String pattern, int epoch, Logs logs) {
        Matcher m = FIELD.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String fmt = m.group(2);
            String value;
            if (key.equals("epoch")) {
                value = fmt == null ? Integer.toString(epoch + 1) : String.format(Locale.ROOT, "%" + fmt, epoch + 1);
            } else if (logs.has(key)) {
                value = fmt == null ? Double.toString(logs.get(key)) : String.format(Locale.ROOT, "%" + fmt, logs.get(key));
            } else {
                throw new IllegalArgumentException("ModelCheckpoint file pattern '" + pattern + "' uses {" + key
                        + "}, which is not logged; available: epoch, " + logs.keys() + ".");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Override
    public java.util.Map<String, Object> state() {
        return java.util.Map.of("best", Double.doubleToRawLongBits(best));
    }

    @Override
    public void restore(java.util.Map<String, Object> state, java.util.List<float[]> arrays) {
        best = Double.longBitsToDouble(((Number) state.get("best")).longValue());
    }
}
