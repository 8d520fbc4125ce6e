package dev.lamina.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reading zip members from a file that may be hostile: the members of one archive may decompress
 * to at most {@link #cap(long)} bytes together, checked while reading, so a zip bomb ends in a
 * {@link ModelFormatException} instead of an OutOfMemoryError. Used by the {@code .lamina} reader
 * and the Keras {@code .keras} importer.
 */
public final class BoundedZip {
    /** The most any archive's members may decompress to: 1 GiB. */
    public static final long MAX_TOTAL = 1L << 30;

    private BoundedZip() {}

    /** How many bytes the members of an archive of {@code archiveBytes} may decompress to together. */
    public static long cap(long archiveBytes) {
        return Math.min(MAX_TOTAL, (64L << 20) + 4L * archiveBytes);
    }

    /**
     * The current member of {@code zip}, read whole.
     *
     * @param left how many more bytes the archive's members may decompress to
     * @throws ModelFormatException when the member decompresses to more than {@code left} bytes
     */
    public static byte[] readMember(InputStream zip, long left, String where, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long n = 0;
        int r;
        while ((r = zip.read(buf)) > 0) {
            n += r;
            if (n > left) {
                throw new ModelFormatException(where + ": member '" + name + "' decompresses to more than the "
                        + left + " bytes allowed.");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }
}
