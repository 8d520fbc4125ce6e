package dev.lamina.models;

import dev.lamina.layers.Layer;
import dev.lamina.layers.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Formats {@link Sequential#summary()} as Keras 3 prints it. */
final class Summary {
    private static final int[] WIDTHS = {37, 29, 16};

    private Summary() {}

    static String of(Sequential model) {
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        sb.append(border('┏', '━', '┳', '┓'));
        sb.append(row('┃', "Layer (type)", "Output Shape", "Param #"));
        sb.append(border('┡', '━', '╇', '┩'));
        List<Layer> layers = model.layers();
        long trainable = 0;
        long nonTrainable = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String shape = l.built() ? l.outputShape().toKerasString() : "?";
            sb.append(row('│', l.name() + " (" + l.className() + ")", shape,
                    l.built() ? String.format(Locale.ROOT, "%,d", l.countParams()) : "0 (unbuilt)"));
            if (i + 1 < layers.size()) {
                sb.append(border('├', '─', '┼', '┤'));
            }
            for (Parameter p : l.weights()) {
                if (p.trainable()) {
                    trainable += p.value().size();
                } else {
                    nonTrainable += p.value().size();
                }
            }
        }
        sb.append(border('└', '─', '┴', '┘'));
        sb.append(" Total params: ").append(count(trainable + nonTrainable)).append('\n');
        sb.append(" Trainable params: ").append(count(trainable)).append('\n');
        sb.append(" Non-trainable params: ").append(count(nonTrainable)).append('\n');
        return sb.toString();
    }

    private static String count(long params) {
        return String.format(Locale.ROOT, "%,d", params) + " (" + memory(params * 4) + ")";
    }

    /** Keras' readable size: 1024-based units with two decimals. */
    static String memory(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        int u = 0;
        while (bytes >= 1024 && u < units.length - 1) {
            bytes /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", bytes, units[u]);
    }

    private static String border(char left, char fill, char mid, char right) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int c = 0; c < WIDTHS.length; c++) {
            sb.append(String.valueOf(fill).repeat(WIDTHS[c] + 2)).append(c + 1 < WIDTHS.length ? mid : right);
        }
        return sb.append('\n').toString();
    }

    private static String row(char edge, String name, String shape, String params) {
        List<String> cells = new ArrayList<>(List.of(fit(name, WIDTHS[0]), fit(shape, WIDTHS[1])));
        String p = fit(params, WIDTHS[2]);
        StringBuilder sb = new StringBuilder().append(edge);
        sb.append(' ').append(pad(cells.get(0), WIDTHS[0], false)).append(' ').append(edge);
        sb.append(' ').append(pad(cells.get(1), WIDTHS[1], false)).append(' ').append(edge);
        sb.append(' ').append(pad(p, WIDTHS[2], true)).append(' ').append(edge);
        return sb.append('\n').toString();
    }

    private static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }

    private static String pad(String s, int width, boolean right) {
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }
}
