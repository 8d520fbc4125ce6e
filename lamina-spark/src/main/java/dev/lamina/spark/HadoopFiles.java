package dev.lamina.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Whole files through Hadoop's FileSystem (local, HDFS, S3...): written to a temporary name, then renamed. */
final class HadoopFiles {
    private HadoopFiles() {}

    static void write(Path path, byte[] bytes, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            Path tmp = new Path(path.getParent(), "." + path.getName() + ".tmp");
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(bytes);
            }
            fs.delete(path, false);
            if (!fs.rename(tmp, path)) {
                throw new IOException("could not rename " + tmp + " to " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes; refuses a file over {@code maxBytes} before reading it. */
    static byte[] read(Path path, long maxBytes, Configuration conf) {
        try {
            FileSystem fs = path.getFileSystem(conf);
            long size = fs.getFileStatus(path).getLen();
            if (size > maxBytes) {
                throw new IOException("it has " + size + " bytes, more than the " + maxBytes + " a model may have");
            }
            byte[] bytes = new byte[(int) size];
            try (InputStream in = fs.open(path)) {
                int at = 0;
                while (at < bytes.length) {
                    int n = in.read(bytes, at, bytes.length - at);
                    if (n < 0) {
                        throw new IOException("it ended after " + at + " of " + size + " bytes");
                    }
                    at += n;
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage(), e);
        }
    }
}
