package dev.lamina.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    @Test
    void formatsMediansInThePeersColumnsWithDashesForWorkloadsNotRun() {
        Map<String, Object> results = Map.of(
                "W1", Map.of("epoch_s", Stats.summarize(List.of(0.15, 0.14, 0.16)),
                        "train_rows_per_s", Stats.summarize(List.of(8000.0, 9000.0))),
                "W4", Map.of("batch4096_rows_per_s", Stats.summarize(List.of(37940.0)),
                        "latency_us", Map.of("median", 153.8)));
        String[] lines = SummaryTable.format("lamina (t2)", results).split("\n");
        assertEquals(3, lines.length);
        assertEquals("|---|---|---|---|---|---|---|", lines[1]);
        assertEquals("| lamina (t2) | 0.150 | 8,500 | — | — | 37,940 | 154 |", lines[2]);
    }
}
