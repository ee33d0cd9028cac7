package io.moked.crm.lead.files;

import io.moked.crm.PhoneNumbers;
import io.moked.crm.lead.ImportRow;
import io.moked.crm.lead.LeadMerge;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadStatus;
import io.moked.crm.lead.LeadValues;
import io.moked.error.ValidationException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link SourceRecord} into an {@link ImportRow}, or says why it cannot be one. The same checks as leads
 * entered any other way: the phone must be a valid number (stored as E.164), name and email as {@link LeadService}
 * accepts them, the status one of the tenant's (code or label), fields bounded in number and size.
 */
final class RowMapper {
    static final int MAX_FIELD_CHARS = 2000;
    static final int MAX_FIELD_KEY_CHARS = 64;
    static final int MAX_FIELDS = 50;
    private static final int MAX_COLUMNS_REMEMBERED = 1000;
    private static final int MAX_REASON_CHARS = 300;

    private final HeaderMap headers;
    private final PhoneNumbers phones;
    private final Map<String, String> statusByName = new HashMap<>();
    private final String knownStatuses;
    private final Map<String, Optional<ColumnTarget>> targets = new HashMap<>();
    private final Set<String> ignored = new LinkedHashSet<>();

    RowMapper(HeaderMap headers, PhoneNumbers phones, List<LeadStatus> statuses) {
        this.headers = headers;
        this.phones = phones;
        for (LeadStatus s : statuses) {
            statusByName.putIfAbsent(s.label().strip().toLowerCase(Locale.ROOT), s.code());
        }
        statuses.forEach(s -> statusByName.put(s.code(), s.code()));
        this.knownStatuses = statuses.stream().map(LeadStatus::code).collect(Collectors.joining(", "));
    }

    sealed interface Result permits Row, Rejected, Empty {
    }

    record Row(ImportRow row) implements Result {
    }

    record Rejected(String reason) implements Result {
    }

    record Empty() implements Result {
    }

    Result map(SourceRecord record) {
        return map(record, null);
    }

    /** @param knownPhone the record's number as an earlier pass normalised it (skips parsing it again), or null */
    Result map(SourceRecord record, String knownPhone) {
        if (record.problem() != null) {
            return new Rejected(oneLine(record.problem()));
        }
        Map<ColumnTarget.Kind, String> own = new EnumMap<>(ColumnTarget.Kind.class);
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < record.columns().size(); i++) {
            String value = record.values().get(i).strip();
            Optional<ColumnTarget> target = target(record.columns().get(i));
            if (value.isEmpty() || target.isEmpty()) {
                continue;
            }
            ColumnTarget t = target.get();
            if (t.kind() == ColumnTarget.Kind.FIELD) {
                fields.putIfAbsent(t.field(), value);
            } else if (t.kind() != ColumnTarget.Kind.IGNORE) {
                own.putIfAbsent(t.kind(), value);
            }
        }
        for (Map.Entry<String, String> nested : record.fields().entrySet()) {
            String key = nested.getKey().strip();
            String value = nested.getValue().strip();
            if (key.isEmpty() || key.length() > MAX_FIELD_KEY_CHARS) {
                return new Rejected("field names must be 1-" + MAX_FIELD_KEY_CHARS + " characters");
            }
            if (!value.isEmpty()) {
                fields.putIfAbsent(key, value);
            }
        }
        if (own.isEmpty() && fields.isEmpty()) {
            return new Empty();
        }
        try {
            String phone = knownPhone != null ? knownPhone : phone(own.get(ColumnTarget.Kind.PHONE));
            return new Row(new ImportRow(record.line(), phone, values(own, fields)));
        } catch (ValidationException e) {
            return new Rejected(oneLine(e.getMessage()));
        }
    }

    /** Columns seen that mean nothing to the header map (reported, never guessed). */
    List<String> ignoredColumns() {
        return new ArrayList<>(ignored);
    }

    /** @throws ValidationException when an entry of --map names a column the CSV header does not have */
    void requireMapped(List<String> header, Map<String, String> overrides) {
        Set<String> present = header.stream().map(HeaderMap::normalize).collect(Collectors.toSet());
        for (String column : overrides.keySet()) {
            if (!present.contains(HeaderMap.normalize(column))) {
                throw new ValidationException("--map names column '" + column + "', which the file does not have "
                        + "(columns: " + String.join(", ", header) + ")");
            }
        }
    }

    /** @throws ValidationException when no CSV column is a phone */
    void requirePhoneColumn(List<String> header) {
        boolean hasPhone = header.stream().map(this::target)
                .anyMatch(t -> t.isPresent() && t.get().kind() == ColumnTarget.Kind.PHONE);
        if (!hasPhone) {
            throw new ValidationException("no phone column among the headers (" + String.join(", ", header)
                    + "); name it with --map 'COLUMN=phone'");
        }
    }

    private Optional<ColumnTarget> target(String column) {
        Optional<ColumnTarget> known = targets.get(column);
        if (known != null) {
            return known;
        }
        Optional<ColumnTarget> target = headers.target(column);
        if (targets.size() < MAX_COLUMNS_REMEMBERED) {
            targets.put(column, target);
            if (target.isEmpty() && !column.isBlank()) {
                ignored.add(column);
            }
        }
        return target;
    }

    private String phone(String raw) {
        if (raw == null) {
            throw new ValidationException("no phone number");
        }
        return phones.toE164(raw);
    }

    private LeadValues values(Map<ColumnTarget.Kind, String> own, Map<String, String> rawFields) {
        String name = own.get(ColumnTarget.Kind.NAME);
        if (name == null) {
            String joined = (own.getOrDefault(ColumnTarget.Kind.FIRST_NAME, "") + " "
                    + own.getOrDefault(ColumnTarget.Kind.LAST_NAME, "")).strip();
            name = joined.isEmpty() ? null : joined;
        }
        String status = own.get(ColumnTarget.Kind.STATUS);
        String code = null;
        if (status != null) {
            code = statusByName.getOrDefault(status, statusByName.get(status.toLowerCase(Locale.ROOT)));
            if (code == null) {
                throw new ValidationException("unknown lead status '" + status + "' (known: " + knownStatuses + ")");
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : rawFields.entrySet()) {
            if (f.getValue().length() > MAX_FIELD_CHARS) {
                throw new ValidationException("'" + f.getKey() + "' is longer than " + MAX_FIELD_CHARS + " characters");
            }
            String value = headers.listFields().contains(f.getKey()) ? LeadMerge.normalizeList(f.getValue())
                    : f.getValue();
            if (value != null) {
                fields.put(f.getKey(), value);
            }
        }
        if (fields.size() > MAX_FIELDS) {
            throw new ValidationException("more than " + MAX_FIELDS + " fields");
        }
        return new LeadValues(LeadService.name(name), LeadService.email(own.get(ColumnTarget.Kind.EMAIL)), code,
                fields);
    }

    /** Reasons go into one CSV cell and one terminal line: no line breaks, bounded length. */
    private static String oneLine(String text) {
        String t = text == null ? "invalid row" : text.replaceAll("\\s+", " ").strip();
        return t.length() > MAX_REASON_CHARS ? t.substring(0, MAX_REASON_CHARS - 1) + "…" : t;
    }
}
