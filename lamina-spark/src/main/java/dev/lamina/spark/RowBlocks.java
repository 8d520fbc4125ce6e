package dev.lamina.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A data set cut into the workers' rows as {@link RowOrder} says: one cached partition per worker,
 * holding one {@link WorkerRows}. Rows travel between executors as arrays of floats (features,
 * label, weight), never as objects of Lamina's.
 */
final class RowBlocks {
    private final JavaRDD<WorkerRows> blocks;
    private final long[] rows;
    private final long[] keySums;

    private RowBlocks(JavaRDD<WorkerRows> blocks, long[] rows, long[] keySums) {
        this.blocks = blocks;
        this.rows = rows;
        this.keySums = keySums;
    }

    /**
     * The training rows (validation false) or the held-out rows (true) of {@code data} for
     * {@code workers} workers.
     *
     * @throws IllegalArgumentException naming a row whose features are not {@code features} wide
     *     or hold a value that is not finite
     */
    static RowBlocks of(Dataset<Row> data, String featuresCol, String labelCol, String weightCol, int features,
            int workers, long seed, double validationFraction, boolean validation) {
        boolean weighted = weightCol != null && !weightCol.isEmpty();
        Dataset<Row> columns = weighted ? data.select(featuresCol, labelCol, weightCol)
                : data.select(featuresCol, labelCol);
        JavaPairRDD<Long, float[]> keyed = columns.javaRDD().mapToPair(r -> {
            float[] packed = pack(r, features, weighted);
            float[] x = java.util.Arrays.copyOf(packed, features);
            return new Tuple2<>(RowOrder.key(seed, x, packed[features], packed[features + 1]), packed);
        }).filter(t -> RowOrder.validation(t._1(), validationFraction) == validation);
        // Global rank by key; rank r goes to worker r mod P, in rank order there, with its key.
        JavaPairRDD<Long, Tuple2<Long, float[]>> ranked = keyed.sortByKey(true, workers).zipWithIndex()
                .mapToPair(t -> new Tuple2<>(t._2(), t._1()));
        JavaRDD<WorkerRows> blocks = ranked.repartitionAndSortWithinPartitions(new WorkerPartitioner(workers))
                .mapPartitions(it -> block(it, features, weighted), true)
                .persist(StorageLevel.MEMORY_ONLY());
        List<long[]> counts = blocks.map(b -> new long[] {b.rows(), b.keySum()}).collect();
        long[] rows = new long[workers];
        long[] keys = new long[workers];
        for (int p = 0; p < workers; p++) {
            rows[p] = counts.get(p)[0];
            keys[p] = counts.get(p)[1];
        }
        return new RowBlocks(blocks, rows, keys);
    }

    private static float[] pack(Row r, int features, boolean weighted) {
        Vector v = r.getAs(0);
        if (v == null || v.size() != features) {
            throw new IllegalArgumentException("A row's features hold " + (v == null ? "null" : v.size() + " values")
                    + " where the model takes " + features + "; assemble every row's features to the same width.");
        }
        float[] packed = new float[features + 2];
        for (int j = 0; j < features; j++) {
            packed[j] = finite((float) v.apply(j), "feature " + j);
        }
        packed[features] = finite((float) r.getDouble(1), "label");
        packed[features + 1] = weighted ? finite((float) r.getDouble(2), "weight") : 1f;
        if (packed[features + 1] < 0) {
            throw new IllegalArgumentException("A row has a negative weight " + packed[features + 1]
                    + "; sample weights must be 0 or more.");
        }
        return packed;
    }

    private static float finite(float v, String what) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("A row's " + what + " is " + v + "; impute or drop rows with missing"
                    + " or infinite values before training (Imputer, na().drop()).");
        }
        return v;
    }

    private static Iterator<WorkerRows> block(Iterator<Tuple2<Long, Tuple2<Long, float[]>>> it, int features,
            boolean weighted) {
        List<float[]> packed = new ArrayList<>();
        long keySum = 0;
        while (it.hasNext()) {
            Tuple2<Long, float[]> keyed = it.next()._2();
            keySum += keyed._1();
            packed.add(keyed._2());
        }
        int n = packed.size();
        float[] x = new float[n * features];
        float[] y = new float[n];
        float[] w = weighted ? new float[n] : null;
        for (int i = 0; i < n; i++) {
            float[] r = packed.get(i);
            System.arraycopy(r, 0, x, i * features, features);
            y[i] = r[features];
            if (w != null) {
                w[i] = r[features + 1];
            }
        }
        return List.of(new WorkerRows(n, features, x, y, w, keySum)).iterator();
    }

    JavaRDD<WorkerRows> blocks() {
        return blocks;
    }

    /** Rows per worker, in worker order. */
    long[] rows() {
        return rows.clone();
    }

    /** The rows' content, per worker, as the sum of their keys (for a checkpoint's fingerprint). */
    String contentFingerprint() {
        return java.util.Arrays.toString(rows) + java.util.Arrays.toString(keySums);
    }

    long total() {
        long t = 0;
        for (long r : rows) {
            t += r;
        }
        return t;
    }

    void release() {
        blocks.unpersist(false);
    }

    /** Rank r to partition r mod P. */
    static final class WorkerPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int workers;

        WorkerPartitioner(int workers) {
            this.workers = workers;
        }

        @Override
        public int numPartitions() {
            return workers;
        }

        @Override
        public int getPartition(Object key) {
            return (int) ((Long) key % workers);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WorkerPartitioner w && w.workers == workers;
        }

        @Override
        public int hashCode() {
            return workers;
        }
    }
}
