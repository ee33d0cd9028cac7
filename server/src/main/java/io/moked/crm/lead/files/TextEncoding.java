package io.moked.crm.lead.files;

import io.moked.error.ValidationException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text encoding of an import file. Israeli spreadsheets come as UTF-8 (with or without a byte order mark) or, from
 * older Excel "CSV" saves, Windows-1255. Detection: a UTF-8 or UTF-16 BOM decides; otherwise a file that decodes as
 * strict UTF-8 from start to end is UTF-8, and anything else is read as Windows-1255 (every byte is a character
 * there, so nothing is lost; {@code --encoding} overrides).
 */
public final class TextEncoding {
    public static final Charset WINDOWS_1255 = Charset.forName("windows-1255");
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final char BOM = '\uFEFF';

    private TextEncoding() {
    }

    /** A charset by name (utf-8, windows-1255, cp1255, iso-8859-8, ...). */
    public static Charset named(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ValidationException("unknown encoding '" + name + "' (e.g. utf-8, windows-1255)");
        }
    }

    /** Reads the file once, in chunks (constant memory). */
    public static Charset detect(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK_BYTES)) {
            in.mark(3);
            byte[] head = in.readNBytes(3);
            in.reset();
            if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                return StandardCharsets.UTF_8;
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
                return StandardCharsets.UTF_16BE;
            }
            if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
                return StandardCharsets.UTF_16LE;
            }
            return isUtf8(in) ? StandardCharsets.UTF_8 : WINDOWS_1255;
        }
    }

    private static boolean isUtf8(InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK_BYTES);
        CharBuffer chars = CharBuffer.allocate(CHUNK_BYTES);
        byte[] chunk = new byte[CHUNK_BYTES];
        while (true) {
            int n = in.read(chunk, 0, bytes.remaining());
            if (n < 0) {
                break;
            }
            bytes.put(chunk, 0, n);
            bytes.flip();
            CoderResult result = decoder.decode(bytes, chars, false);
            if (result.isError()) {
                return false;
            }
            chars.clear();
            bytes.compact();
        }
        bytes.flip();
        if (decoder.decode(bytes, chars, true).isError()) {
            return false;
        }
        return !decoder.flush(chars).isError() && !bytes.hasRemaining();
    }

    /**
     * A reader of the file in {@code charset} without the byte order mark. Undecodable bytes become U+FFFD (the
     * row then fails its checks, e.g. a phone number, instead of the whole import).
     */
    public static Reader open(Path file, Charset charset) throws IOException {
        Reader reader = new InputStreamReader(Files.newInputStream(file), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        java.io.PushbackReader pushback = new java.io.PushbackReader(new java.io.BufferedReader(reader, CHUNK_BYTES), 1);
        int first = pushback.read();
        if (first >= 0 && first != BOM) {
            pushback.unread(first);
        }
        return pushback;
    }
}
