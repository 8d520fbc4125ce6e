package dev.lamina.layers.regularization;

import dev.lamina.layers.ConfigMap;
import dev.lamina.util.Check;
import java.util.Map;

/**
 * What the noise layers' Keras configs share: the amount of noise under its Keras key
 * ({@code rate} or {@code stddev}) and the layer's own {@code seed}. The configs are records,
 * which cannot share a base class, so they call these.
 */
final class NoiseConfig {
    private NoiseConfig() {}

    /** Checks a drop rate, in [0, 1), naming the layer class. */
    static void checkRate(String layer, double rate) {
        Check.arg(rate >= 0 && rate < 1, layer, "rate", rate, "a number in [0, 1)");
    }

    /** The Keras map: the base keys, then {@code amountKey} and {@code seed}. */
    static Map<String, Object> toMap(String name, String amountKey, double amount, Long seed) {
        Map<String, Object> m = ConfigMap.layerBase(name, true);
        m.put(amountKey, amount);
        m.put("seed", seed);
        return m;
    }

    /**
     * A reader of {@code map}, which must hold {@code amountKey}; the error otherwise is
     * "LAYER config needs 'KEY'" followed by {@code hint}.
     */
    static ConfigMap read(String layer, Map<String, Object> map, String amountKey, String hint) {
        ConfigMap c = new ConfigMap(layer + " config", map);
        Check.that(map != null && map.get(amountKey) != null, layer + " config needs '" + amountKey + "'" + hint + ".");
        return c;
    }

    /** The config's {@code seed}, or null when it has none. */
    static Long seed(ConfigMap c) {
        double s = c.number("seed", Double.NaN);
        return Double.isNaN(s) ? null : (long) s;
    }
}
