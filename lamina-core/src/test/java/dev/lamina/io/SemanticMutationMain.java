package dev.lamina.io;

import dev.lamina.models.ModelFiles;
import dev.lamina.models.Sequential;
import dev.lamina.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * Loads {@code args[0]} semantically mutated archives of a model with every kind of layer, its
 * optimizer state and preprocessing (manifest recomputed each time), and checks each outcome: a
 * {@link ModelFormatException} with a one-line message, or a model that predicts; never another
 * throwable, never more than 2 seconds, and never more allocation than the file justifies
 * (64 bytes per byte of file, plus 16 MiB). Prints one summary line, or a FINDING line and exits 1.
 * Run by {@link SemanticMutationTest} in a JVM with a 512 MB heap.
 */
public final class SemanticMutationMain {
    private SemanticMutationMain() {}

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        // Every layer, and a model whose preprocessing is a feature spec (vocabularies, imputation), in turn.
        SemanticMutations[] bases = {
            new SemanticMutations(ModelFiles.members(ModelFilesTest.everyLayer(11)), Long.parseLong(args[1])),
            new SemanticMutations(ModelFiles.members(ModelFilesTest.withFeatureSpec(12)), Long.parseLong(args[1]) + 1)};
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int refused = 0;
        int loaded = 0;
        long mostAllocated = 0;
        for (int i = 0; i < count; i++) {
            byte[] file = bases[i % 2].next();
            long before = threads.getThreadAllocatedBytes(thread);
            long t0 = System.nanoTime();
            try {
                Sequential m = ModelFiles.load(ModelArchive.read(file, "mutant.lamina"), "mutant.lamina");
                m.predict(Tensor.zeros(m.inputShape().withBatch(2)));
                loaded++;
            } catch (ModelFormatException e) {
                if (e.getMessage() == null || e.getMessage().contains("\n")) {
                    finding(i, "the message is not one line: " + e.getMessage(), file);
                }
                refused++;
            } catch (Throwable t) {
                finding(i, t.toString(), file);
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            long ms = (System.nanoTime() - t0) / 1_000_000;
            mostAllocated = Math.max(mostAllocated, allocated);
            if (allocated > 64L * file.length + (16L << 20)) {
                finding(i, "allocated " + allocated + " bytes for a file of " + file.length, file);
            }
            if (ms > 2000) {
                finding(i, "took " + ms + " ms", file);
            }
        }
        System.out.println("mutations " + count + " refused " + refused + " loaded " + loaded + " most-allocated "
                + mostAllocated);
    }

    private static void finding(int i, String what, byte[] file) throws ModelFormatException {
        Map<String, byte[]> members = ModelArchive.read(file, "finding");
        System.out.println("FINDING mutation " + i + ": " + what);
        for (String m : new String[] {"config.json", "preprocessing.json"}) {
            if (members.containsKey(m)) {
                String text = SemanticMutations.text(members.get(m)).replaceAll("\\s+", " ");
                System.out.println(m + ": " + (text.length() > 3000 ? text.substring(0, 3000) + "..." : text));
            }
        }
        System.exit(1);
    }
}
