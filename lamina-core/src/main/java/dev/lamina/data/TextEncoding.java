package dev.lamina.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The encoding of a CSV file's text: UTF-8, unless its first mebibyte is not valid UTF-8, in which
 * case Windows-1252, what spreadsheet programs write in Western Europe and the Americas when they
 * are not asked for UTF-8. Read as UTF-8, such a file's accented letters became replacement
 * characters: a header's {@code Größe} could not be named on the command line, and labels came
 * back changed from {@code predict}. (pandas raises an error for such files and takes an
 * {@code encoding} argument; plain ASCII, a subset of both, reads the same either way.)
 */
final class TextEncoding {
    /** How much of a file decides its encoding. */
    static final int SAMPLE = 1 << 20;
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextEncoding() {}

    /** The encoding of the text {@code in} starts with; reads up to {@link #SAMPLE} bytes and resets. */
    static Charset of(BufferedInputStream in) throws IOException {
        in.mark(SAMPLE + 1);
        byte[] head = in.readNBytes(SAMPLE);
        in.reset();
        return isUtf8(head, head.length < SAMPLE) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    /**
     * Whether {@code bytes} are valid UTF-8; when they are not the whole text ({@code whole} false),
     * a character cut at their end does not count against them.
     */
    static boolean isUtf8(byte[] bytes, boolean whole) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = decoder.decode(in, out, whole);
            if (r.isError()) {
                return false;
            }
            if (r.isUnderflow()) {
                return !whole || decoder.flush(out.clear()).isUnderflow();
            }
            out.clear();
        }
    }
}
