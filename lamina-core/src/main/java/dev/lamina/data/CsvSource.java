package dev.lamina.data;

import dev.lamina.tensor.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read as training goes, for tables larger than the heap: numbers are parsed straight
 * to float32 by a reading thread, one chunk of rows at a time, and never held as text. Opening
 * scans the file's bytes once (no parsing) to find where its chunks start and count its rows.
 * A shuffled pass reads the chunks in a seeded order and shuffles the rows of each window of
 * chunks with the same seed, so a run is reproducible (as Keras' {@code shuffle_buffer} over
 * shards of a {@code tf.data} pipeline; the order differs from an in-memory shuffle of the same
 * rows, which has the whole table to draw from). Without shuffling, rows come in file order.
 *
 * <pre>{@code
 * CsvSource all = CsvSource.of(Path.of("big.csv"), "quality");
 * CsvSource.Split s = all.split(0.2, 42);
 * model.fit(s.training(), FitOptions.defaults().epochs(10).validationData(s.validation()));
 * }</pre>
 *
 * <p>Every value must be a plain decimal number: a streamed file has no one-hot encoding and no
 * missing values (load the file in memory with {@link TableToDataset} for those). The file must
 * not change while it is used; a pass checks its size and time of change.
 */
public final class CsvSource implements DataSource {
    /** About 1 MB of float32 values per chunk. */
    private static final int CHUNK_VALUES = 1 << 18;
    /** Chunks per shuffle window by default (about 16 MB). */
    private static final int WINDOW = 16;

    private final CsvIndex index;
    private final List<String> features;
    private final List<String> targets;
    private final int[] featureColumns;
    private final int[] targetColumns;
    private final SplitSide side;
    private final int window;
    private final long rows;

    private CsvSource(CsvIndex index, List<String> features, List<String> targets, SplitSide side, int window) {
        String source = index.file.toString();
        this.index = index;
        this.targets = List.copyOf(targets);
        this.features = List.copyOf(features);
        RowsToDataset.distinct(source, "target", this.targets);
        RowsToDataset.distinct(source, "feature", this.features);
        if (this.features.isEmpty()) {
            throw new DataFormatException(source + " has no feature columns besides the target.");
        }
        for (String f : this.features) {
            if (this.targets.contains(f)) {
                throw new DataFormatException(source + ": column '" + f + "' is the target and cannot also be a"
                        + " feature; leave it out of the features.");
            }
        }
        this.featureColumns = RowsToDataset.indices(source, index.columns, this.features);
        this.targetColumns = RowsToDataset.indices(source, index.columns, this.targets);
        this.side = side;
        this.window = window;
        this.rows = countRows();
        if (rows == 0) {
            throw new DataFormatException(source + ": the " + (side.validation() ? "validation" : "training")
                    + " side of the split has no rows; use a fraction that leaves rows on both sides.");
        }
    }

    /**
     * Opens {@code file} for streaming with the given target columns and every other column as a
     * feature (no targets: a source of inputs, for prediction). Scans the file once.
     *
     * @throws DataFormatException naming the file and what is wrong with it
     */
    public static CsvSource of(Path file, String... targets) {
        List<String> header = CsvReader.header(file);
        return of(file, Math.max(256, Math.min(1 << 16, CHUNK_VALUES / Math.max(1, header.size()))), targets);
    }

    /** {@link #of(Path, String...)} with chunks of {@code chunkRows} rows. */
    static CsvSource of(Path file, int chunkRows, String... targets) {
        CsvIndex index = CsvIndex.scan(file, chunkRows);
        List<String> ts = List.of(targets);
        List<String> fs = new ArrayList<>();
        for (String c : index.columns) {
            if (!ts.contains(c)) {
                fs.add(c);
            }
        }
        for (String t : ts) {
            Table.column(file.toString(), index.columns, t);
        }
        return new CsvSource(index, fs, ts, SplitSide.ALL, WINDOW);
    }

    /** This file with only {@code columns} as features, in that order. */
    public CsvSource features(List<String> columns) {
        return new CsvSource(index, columns, targets, side, window);
    }

    /**
     * This file with {@code chunks} chunks (about 1 MB of values each) per shuffle window: more
     * mixes rows from further apart, at that many MB of heap.
     */
    public CsvSource shuffleWindow(int chunks) {
        if (chunks < 1 || chunks > 1024) {
            throw new IllegalArgumentException("shuffleWindow must be 1 to 1024 chunks; got " + chunks + ".");
        }
        return new CsvSource(index, features, targets, side, chunks);
    }

    /** A training and a validation source over one file. */
    public record Split(CsvSource training, CsvSource validation) {}

    /**
     * Splits the rows in two: each row goes to validation with probability {@code fraction}, by a
     * seeded draw that depends on the row's position only (so the sides are fixed by the seed,
     * and no list of rows is kept).
     */
    public Split split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("A validation fraction must be in (0, 1); got " + fraction + ".");
        }
        if (side != SplitSide.ALL) {
            throw new IllegalStateException("This source is already one side of a split; split the whole file.");
        }
        return new Split(new CsvSource(index, features, targets, new SplitSide(fraction, seed, false, -1), window),
                new CsvSource(index, features, targets, new SplitSide(fraction, seed, true, -1), window));
    }

    /**
     * Splits the rows in two as Keras' {@code validation_split} does: the last {@code fraction} of
     * the rows (after {@code floor(rows * (1 - fraction))}) for validation.
     */
    public Split splitLast(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("A validation fraction must be in (0, 1); got " + fraction + ".");
        }
        if (side != SplitSide.ALL) {
            throw new IllegalStateException("This source is already one side of a split; split the whole file.");
        }
        long cut = (long) Math.floor(index.records * (1 - fraction));
        return new Split(new CsvSource(index, features, targets, new SplitSide(fraction, 0, false, cut), window),
                new CsvSource(index, features, targets, new SplitSide(fraction, 0, true, cut), window));
    }

    /** The feature columns, in order. */
    public List<String> featureNames() {
        return features;
    }

    /** The target columns, in order (empty for a source of inputs). */
    public List<String> targetNames() {
        return targets;
    }

    @Override
    public Shape inputShape() {
        return Shape.of(features.size());
    }

    @Override
    public Shape targetShape() {
        return targets.isEmpty() ? null : Shape.of(targets.size());
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public Batches batches(BatchPlan plan) {
        return new CsvPass(this, plan);
    }

    /** The file, its size and time of change, the columns and the side of the split. */
    @Override
    public String fingerprint() {
        return index.file.toAbsolutePath() + ", " + index.size + " bytes, changed " + index.modified + ", " + rows
                + " rows, features " + features + ", targets " + targets + (side == SplitSide.ALL ? ""
                : ", " + (side.validation() ? "validation" : "training") + " side of a " + side.fraction()
                + (side.cut() >= 0 ? " split of the last rows" : " split with seed " + side.seed()));
    }

    CsvIndex index() {
        return index;
    }

    int[] featureColumns() {
        return featureColumns;
    }

    int[] targetColumns() {
        return targetColumns;
    }

    SplitSide side() {
        return side;
    }

    int window() {
        return window;
    }

    /** The chunks that hold rows of this source, in file order (a split by position skips the other side's). */
    int[] chunksToRead() {
        int[] all = new int[index.chunks()];
        int n = 0;
        for (int c = 0; c < all.length; c++) {
            long first = (long) c * index.chunkRows;
            boolean any = side.cut() < 0 || (side.validation() ? first + index.rowsIn(c) > side.cut() : first < side.cut());
            if (any) {
                all[n++] = c;
            }
        }
        return java.util.Arrays.copyOf(all, n);
    }

    private long countRows() {
        if (side == SplitSide.ALL) {
            return index.records;
        }
        if (side.cut() >= 0) {
            return side.validation() ? index.records - side.cut() : side.cut();
        }
        long n = 0;
        for (long r = 0; r < index.records; r++) {
            n += side.keeps(r) ? 1 : 0;
        }
        return n;
    }
}
