package dev.lamina.cli;

import dev.lamina.data.CsvReader;
import dev.lamina.data.Dataset;
import dev.lamina.data.TableToDataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The data sets bundled with the command: {@code red-wine} and {@code concrete}. */
enum BundledData {
    RED_WINE("red-wine", "red-wine.csv", "quality", "Wine Quality (red), Cortez et al. 2009, UCI, CC BY 4.0"),
    CONCRETE("concrete", "concrete.csv", "compressive_strength",
            "Concrete Compressive Strength, Yeh 1998, UCI (via R modeldata, MIT)");

    final String id;
    final String file;
    final String target;
    final String credit;

    BundledData(String id, String file, String target, String credit) {
        this.id = id;
        this.file = file;
        this.target = target;
        this.credit = credit;
    }

    /** The data set named {@code id}. */
    static BundledData of(String id) {
        for (BundledData d : values()) {
            if (d.id.equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown data set '" + id + "'; bundled: red-wine, concrete.");
    }

    /** The rows as a dataset (all columns but the target are features). */
    Dataset load() {
        try (InputStream in = open(file)) {
            return TableToDataset.of(CsvReader.read(id, in)).target(target).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Kaggle lesson's split: the training rows of pandas' {@code df.sample(frac=0.7, random_state=0)}
     * in that order, and the other rows in file order for validation (written by
     * {@code tools/reference/lesson_splits.py}).
     */
    dev.lamina.data.Splits.Split lessonSplit(Dataset all) {
        try (InputStream in = open(id + ".lesson-split.txt")) {
            int[] train = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank())
                    .mapToInt(Integer::parseInt).toArray();
            boolean[] used = new boolean[all.rows()];
            for (int i : train) {
                used[i] = true;
            }
            int[] valid = java.util.stream.IntStream.range(0, all.rows()).filter(i -> !used[i]).toArray();
            return new dev.lamina.data.Splits.Split(all.select(train), all.select(valid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The provenance notes of the bundled data sets. */
    static String provenance() {
        try (InputStream in = open("PROVENANCE.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = BundledData.class.getResourceAsStream("datasets/" + name);
        if (in == null) {
            throw new IllegalStateException("The bundled file datasets/" + name + " is missing from the jar.");
        }
        return in;
    }
}
