package dev.lamina.data;

import dev.lamina.random.CounterRandom;
import dev.lamina.random.Streams;

/**
 * Which records of a streamed file a source reads: all, or one side of a seeded split in which
 * record {@code r} goes to validation when the uniform draw {@code r} of stream {@code SPLIT} of the
 * seed is below the fraction. The draw is a pure function of the seed and the record's position,
 * so both sides agree without a shared list, whatever order the chunks are read in.
 *
 * With a {@code cut} of 0 or more the split is Keras' instead: validation is the records from
 * {@code cut} on, the last ones of the file.
 *
 * @param fraction the validation fraction (0: no split)
 * @param seed the split's seed
 * @param validation whether this is the validation side
 * @param cut the first validation record of a split by position, or -1 for a seeded split
 */
record SplitSide(double fraction, long seed, boolean validation, long cut) {
    /** Every record. */
    static final SplitSide ALL = new SplitSide(0, 0, false, -1);

    /** Whether record {@code r} (0-based, header excluded) is on this side. */
    boolean keeps(long r) {
        if (fraction == 0) {
            return true;
        }
        boolean v = cut >= 0 ? r >= cut : CounterRandom.uniformDouble(CounterRandom.key(seed, Streams.SPLIT), r) < fraction;
        return v == validation;
    }

    /** The records of {@code [first, first + count)} on this side. */
    int count(long first, int count) {
        if (fraction == 0) {
            return count;
        }
        int n = 0;
        for (long r = first; r < first + count; r++) {
            n += keeps(r) ? 1 : 0;
        }
        return n;
    }
}
