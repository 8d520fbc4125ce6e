package dev.lamina.models;

import dev.lamina.data.DataSource;
import dev.lamina.layers.Layer;
import dev.lamina.layers.LayerConfig;
import dev.lamina.util.ValueHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes a training run the run it is, for a backup to be resumed only by the same run: the
 * layers and their settings, the optimizer, loss and metrics, the fit settings that shape the
 * steps (batch size, shuffling, seed, validation, the last batch's rule), and the training and
 * validation data (their shapes and a hash of every value). The number of epochs is left out, so a
 * resumed run may train longer. Each entry is a short text, so that a refusal can say what differs.
 */
final class RunFingerprint {
    private RunFingerprint() {}

    static Map<String, String> of(Sequential model, FitOptions options, long seed, DataSource train,
                                  DataSource validation) {
        Map<String, String> f = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        StringBuilder settings = new StringBuilder();
        for (Layer l : model.layers()) {
            classes.add(l.className());
            settings.append(withoutName(l.config())).append(';');
        }
        f.put("layers", String.join(", ", classes));
        f.put("layer settings", hex(hash(settings.toString())));
        f.put("optimizer", model.optimizer().className() + " " + sorted(model.optimizer().config()));
        f.put("loss", model.loss().name() + " " + sorted(model.loss().config()));
        f.put("metrics", model.metricNames().toString());
        f.put("batch size", Integer.toString(options.batchSize()));
        f.put("shuffle", Boolean.toString(options.shuffle()));
        f.put("seed", Long.toString(seed));
        f.put("last batch of one", options.lastBatchOfOne().name());
        f.put("training data", train.fingerprint());
        f.put("validation data", validation == null ? "none" : validation.fingerprint());
        return f;
    }

    /** The layer's Keras config in a fixed order, without its name (automatic names vary between JVMs). */
    private static String withoutName(LayerConfig config) {
        Map<String, Object> m = new TreeMap<>(config.toMap());
        m.remove("name");
        return sorted(m).toString();
    }

    /** Nested maps sorted too, so that the text does not depend on map order. */
    private static Object sorted(Object o) {
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return o;
    }

    private static long hash(String s) {
        return ValueHash.of(s, ValueHash.START);
    }

    private static String hex(long h) {
        return ValueHash.hex(h);
    }
}
