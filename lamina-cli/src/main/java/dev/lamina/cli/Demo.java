package dev.lamina.cli;

import dev.lamina.callbacks.Callback;
import dev.lamina.callbacks.CurveReading;
import dev.lamina.callbacks.History;
import dev.lamina.callbacks.Logs;
import dev.lamina.callbacks.TerminateOnNaN;
import dev.lamina.data.Dataset;
import dev.lamina.data.LastBatch;
import dev.lamina.data.Splits;
import dev.lamina.losses.Losses;
import dev.lamina.models.FitOptions;
import dev.lamina.models.Sequential;
import dev.lamina.optimizers.Adam;
import dev.lamina.optimizers.SGD;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The lesson's experiment. Red wine (unscaled, as the lesson): the same network trained as
 * baseline, with Dropout(0.3), with BatchNormalization and with both; Adam, MAE, batch 256, the
 * lesson's 70/30 split (pandas {@code sample(frac=0.7, random_state=0)}) or a seeded random one. Concrete (unscaled): SGD at 0.01 with MAE and batch 64, without and with
 * BatchNormalization.
 */
final class Demo {
    /**
     * The settings of a run.
     *
     * @param data the data set
     * @param epochs epochs per variant
     * @param units units per hidden layer
     * @param seed the seed of every model (and of a random split)
     * @param lessonSplit whether to use the lesson's split rather than a seeded random one
     */
    record Settings(BundledData data, int epochs, int units, long seed, boolean lessonSplit) {
        /** With the lesson's split. */
        Settings(BundledData data, int epochs, int units, long seed) {
            this(data, epochs, units, seed, true);
        }
    }

    private Demo() {}

    /** The variants for a data set. */
    static List<DemoVariant> variants(BundledData data) {
        if (data == BundledData.CONCRETE) {
            return List.of(new DemoVariant("sgd", false, false, false), new DemoVariant("sgd+batchnorm", false, true, true));
        }
        return List.of(new DemoVariant("baseline", false, false, false), new DemoVariant("dropout", true, false, false),
                new DemoVariant("batchnorm", false, true, false),
                new DemoVariant("dropout+batchnorm", true, true, false));
    }

    /** Trains every variant; reports progress on {@code progress} (one line per epoch unless {@code bars}). */
    static List<DemoRun> run(Settings s, PrintStream progress, boolean bars) {
        Dataset all = s.data().load();
        Splits.Split split = s.lessonSplit() ? s.data().lessonSplit(all) : Splits.random(all, 0.7, s.seed());
        List<DemoRun> runs = new ArrayList<>();
        for (DemoVariant v : variants(s.data())) {
            Sequential model = v.model(all.x().cols(), s.units(), s.seed());
            boolean concrete = s.data() == BundledData.CONCRETE;
            model.compile(concrete ? SGD.of(0.01) : new Adam(), Losses.get("mae"));
            EpochProgress bar = new EpochProgress(v.name(), s.epochs(), progress, bars);
            long t0 = System.nanoTime();
            History h = model.fit(split.train().x(), split.train().y(), FitOptions.defaults().epochs(s.epochs())
                    .batchSize(concrete ? 64 : 256).validationData(split.validation().x(), split.validation().y())
                    .lastBatchOfOne(LastBatch.MERGE).verbose(0).callbacks(new TerminateOnNaN(), bar));
            bar.close();
            double seconds = (System.nanoTime() - t0) / 1e9 / h.epochs().size();
            runs.add(new DemoRun(v, h, seconds, CurveReading.of(h), model.summary()));
        }
        return runs;
    }

    /** The table of results. */
    static String table(List<DemoRun> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-18s %12s %6s %11s %14s %9s %8s  %s%n", "variant", "min val_loss",
                "epoch", "final loss", "final val_loss", "gap", "s/epoch", "reading"));
        for (DemoRun r : runs) {
            CurveReading c = r.reading();
            sb.append(String.format(Locale.ROOT, "%-18s %12s %6d %11s %14s %9s %8.3f  %s%n", r.variant().name(),
                    fmt(c.bestValLoss()), c.bestEpoch(), fmt(c.finalLoss()), fmt(c.finalValLoss()), fmt(c.gap()),
                    r.secondsPerEpoch(), c.verdict().label()));
        }
        return sb.toString();
    }

    /** One paragraph reading the curves of all variants together. */
    static String interpretation(BundledData data, List<DemoRun> runs) {
        StringBuilder sb = new StringBuilder();
        for (DemoRun r : runs) {
            sb.append(r.variant().name()).append(": ").append(r.reading().text()).append('\n');
        }
        if (data == BundledData.CONCRETE) {
            DemoRun plain = runs.get(0);
            DemoRun bn = runs.get(1);
            sb.append(String.format(Locale.ROOT, "On unscaled inputs plain SGD %s, while with BatchNormalization"
                            + " the same network reaches a validation MAE of %s: normalizing inside the network does"
                            + " what scaling the data would have done.",
                    plain.reading().verdict() == CurveReading.Verdict.DIVERGED ? "diverges"
                            : "gets stuck at a validation MAE of " + fmt(plain.reading().bestValLoss()),
                    fmt(bn.reading().bestValLoss())));
        } else {
            DemoRun bn = find(runs, "batchnorm");
            DemoRun both = find(runs, "dropout+batchnorm");
            sb.append(String.format(Locale.ROOT, "With BatchNormalization, adding Dropout moves the final gap between"
                    + " val_loss and loss from %s to %s%s. ", fmt(bn.reading().gap()), fmt(both.reading().gap()),
                    both.reading().gap() < bn.reading().gap() ? ", narrowing it as the lesson says" : ""));
            List<DemoRun> ranked = new ArrayList<>(runs);
            ranked.sort(Comparator.comparingDouble(r -> r.reading().bestValLoss()));
            sb.append("Ranked by lowest val_loss (what the verdicts above do not compare): ");
            for (int i = 0; i < ranked.size(); i++) {
                CurveReading c = ranked.get(i).reading();
                sb.append(i == 0 ? "" : ", ").append(ranked.get(i).variant().name()).append(' ')
                        .append(fmt(c.bestValLoss())).append(" (epoch ").append(c.bestEpoch()).append(')');
            }
            sb.append('.');
        }
        return sb.toString().trim();
    }

    static DemoRun find(List<DemoRun> runs, String name) {
        return runs.stream().filter(r -> r.variant().name().equals(name)).findFirst().orElseThrow();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v) || Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Progress of one variant: a bar on a terminal, else one line per epoch. */
    static final class EpochProgress implements Callback {
        private final String name;
        private final int epochs;
        private final PrintStream out;
        private final me.tongfei.progressbar.ProgressBar bar;

        EpochProgress(String name, int epochs, PrintStream out, boolean bars) {
            this.name = name;
            this.epochs = epochs;
            this.out = out;
            this.bar = bars ? new me.tongfei.progressbar.ProgressBarBuilder().setTaskName(String.format("%-18s", name))
                    .setInitialMax(epochs).setUnit(" epochs", 1)
                    .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(out)).build() : null;
        }

        @Override
        public void onEpochEnd(int epoch, Logs logs) {
            String text = String.format(Locale.ROOT, "loss %s val_loss %s", fmt(logs.get("loss")), fmt(logs.get("val_loss")));
            if (bar != null) {
                bar.step();
                bar.setExtraMessage(" " + text);
            } else {
                out.printf(Locale.ROOT, "%s epoch %d/%d - %s%n", name, epoch + 1, epochs, text);
            }
        }

        void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
