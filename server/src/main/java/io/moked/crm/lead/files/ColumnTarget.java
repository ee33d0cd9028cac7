package io.moked.crm.lead.files;

import io.micronaut.core.annotation.Nullable;
import io.moked.error.ValidationException;

import java.util.regex.Pattern;

/**
 * What an import column (or JSON key) holds: one of the lead's own values, a qualification field, or nothing.
 *
 * @param field the qualification key, for {@link Kind#FIELD} only
 */
public record ColumnTarget(Kind kind, @Nullable String field) {
    /** Qualification keys named in a header map or --map: the assistant's own style (issue 9): snake_case. */
    private static final Pattern FIELD_KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** Prefix of qualification columns in an export whose key is not in the header map (read back on import). */
    public static final String FIELD_PREFIX = "fields.";

    public static final ColumnTarget PHONE = new ColumnTarget(Kind.PHONE, null);
    public static final ColumnTarget NAME = new ColumnTarget(Kind.NAME, null);
    public static final ColumnTarget FIRST_NAME = new ColumnTarget(Kind.FIRST_NAME, null);
    public static final ColumnTarget LAST_NAME = new ColumnTarget(Kind.LAST_NAME, null);
    public static final ColumnTarget EMAIL = new ColumnTarget(Kind.EMAIL, null);
    public static final ColumnTarget STATUS = new ColumnTarget(Kind.STATUS, null);
    public static final ColumnTarget IGNORE = new ColumnTarget(Kind.IGNORE, null);

    public enum Kind { PHONE, NAME, FIRST_NAME, LAST_NAME, EMAIL, STATUS, FIELD, IGNORE }

    public static ColumnTarget field(String key) {
        return new ColumnTarget(Kind.FIELD, key);
    }

    /**
     * A target as written in a header map or --map: phone, name, first-name, last-name, email, status, ignore, or a
     * qualification key (lower-case letters, digits and '_').
     */
    public static ColumnTarget parse(String target) {
        String t = target == null ? "" : target.strip();
        return switch (t) {
            case "phone" -> PHONE;
            case "name" -> NAME;
            case "first-name" -> FIRST_NAME;
            case "last-name" -> LAST_NAME;
            case "email" -> EMAIL;
            case "status" -> STATUS;
            case "ignore", "-" -> IGNORE;
            default -> {
                if (!FIELD_KEY.matcher(t).matches()) {
                    throw new ValidationException("unknown import target '" + target + "': use phone, name, "
                            + "first-name, last-name, email, status, ignore, or a field key (a-z, 0-9, _)");
                }
                yield field(t);
            }
        };
    }

    @Override
    public String toString() {
        return kind == Kind.FIELD ? field : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
