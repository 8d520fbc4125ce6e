package dev.lamina.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Summaries in the peers' JSON shape: {@code {"median", "min", "max", "n"}}. */
final class Stats {
    private Stats() {}

    static Map<String, Object> summarize(List<Double> v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", median(v));
        m.put("min", Collections.min(v));
        m.put("max", Collections.max(v));
        m.put("n", v.size());
        return m;
    }

    /** Python's {@code statistics.median}: the mean of the middle two for an even count. */
    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
