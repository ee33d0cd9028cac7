package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a lead that an import can set: name, email, status code and qualification fields. Null or absent
 * means "not given". Field values are stripped, non-empty strings.
 */
public record LeadValues(@Nullable String name, @Nullable String email, @Nullable String status,
                         Map<String, String> fields) {

    public LeadValues {
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }
}
