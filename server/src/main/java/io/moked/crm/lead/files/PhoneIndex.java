package io.moked.crm.lead.files;

/**
 * What the first pass of an import learnt about phones: the first and last line of every number, so duplicates
 * inside the file are resolved the same way however the file is split into batches, and each record's normalised
 * number, so the second pass does not parse it again. Phones are E.164, i.e. at most 15 digits, so each is kept as
 * a {@code long}: 8 bytes per record plus about 32 bytes per distinct number in an open-addressing table
 * (100,000 rows ≈ 4 MB), whatever the rows hold, instead of the rows themselves.
 */
final class PhoneIndex {
    private static final int INITIAL_CAPACITY = 1024;
    private static final long EMPTY = 0L;

    private long[] keys = new long[INITIAL_CAPACITY];
    private int[] first = new int[INITIAL_CAPACITY];
    private int[] last = new int[INITIAL_CAPACITY];
    private int size;
    private long[] byRecord = new long[INITIAL_CAPACITY];
    private int records;

    /** Notes that {@code e164} appears at {@code line} (lines must be given in increasing order). */
    void add(String e164, long line) {
        int l = toInt(line);
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        long key = key(e164);
        int slot = slot(keys, key);
        if (keys[slot] == EMPTY) {
            keys[slot] = key;
            first[slot] = l;
            size++;
        }
        last[slot] = l;
    }

    /** Notes the next record's number (null: the record has no valid number). */
    void addRecord(String e164) {
        if (records == byRecord.length) {
            byRecord = java.util.Arrays.copyOf(byRecord, records * 2);
        }
        byRecord[records++] = e164 == null ? EMPTY : key(e164);
    }

    /** The number of the record at this position (0-based, in file order), null when it had no valid one. */
    String recordPhone(int record) {
        return record < records && byRecord[record] != EMPTY ? "+" + byRecord[record] : null;
    }

    /** The first line with this phone, or 0 when it is not in the file. */
    long first(String e164) {
        int slot = slot(keys, key(e164));
        return keys[slot] == EMPTY ? 0 : first[slot];
    }

    /** The last line with this phone, or 0 when it is not in the file. */
    long last(String e164) {
        int slot = slot(keys, key(e164));
        return keys[slot] == EMPTY ? 0 : last[slot];
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldFirst = first;
        int[] oldLast = last;
        keys = new long[oldKeys.length * 2];
        first = new int[keys.length];
        last = new int[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != EMPTY) {
                int slot = slot(keys, oldKeys[i]);
                keys[slot] = oldKeys[i];
                first[slot] = oldFirst[i];
                last[slot] = oldLast[i];
            }
        }
    }

    /** Linear probing from a mixed hash; the table is never more than half full, so a free slot always exists. */
    private static int slot(long[] table, long key) {
        int mask = table.length - 1;
        int i = (int) (mix(key) & mask);
        while (table[i] != EMPTY && table[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    /** "+972501234567" -> 972501234567 (never 0: E.164 starts with a non-zero digit). */
    private static long key(String e164) {
        return Long.parseLong(e164.substring(1));
    }

    private static int toInt(long line) {
        if (line > Integer.MAX_VALUE) {
            throw new IllegalStateException("import files are limited to " + Integer.MAX_VALUE + " lines");
        }
        return (int) line;
    }
}
