package io.moked.hebrew.time;

/**
 * One word of a time expression after normalisation: the prefix letters that were split off (ו, ב, ל, מ, ה in the
 * order said, e.g. "ול" of "ולארבע") and the core word or number ("ארבע", "15", "10:30", "-").
 */
record Token(String prefix, String core) {

    boolean has(char prefixLetter) {
        return prefix.indexOf(prefixLetter) >= 0;
    }

    boolean is(String word) {
        return core.equals(word);
    }

    boolean isDigits() {
        return !core.isEmpty() && core.chars().allMatch(Character::isDigit);
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? core : prefix + "+" + core;
    }
}
