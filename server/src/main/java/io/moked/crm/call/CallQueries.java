package io.moked.crm.call;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.PhoneNumbers;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.tenant.Tenant;
import io.moked.db.SqlWhere;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads of a tenant's calls for the people who look into them (call list, call show, call replay). Every query
 * filters by tenant. Listings page by keyset on (started_at, id) descending, so a page costs the same however deep
 * it is and new calls do not shift the pages; the SQL is built from fixed fragments with bound parameters, plain SQL
 * valid on SQLite and PostgreSQL (docs/database.md).
 */
@Singleton
public class CallQueries {
    /** Largest page; a listing wanting more pages on. */
    public static final int MAX_PAGE = 1000;
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})");
    private static final Pattern ID = Pattern.compile("\\d{1,18}");

    private final JdbcOperations jdbc;
    private final CallService calls;
    private final LeadService leads;
    private final PromptService prompts;
    private final PhoneNumbers phones;

    CallQueries(JdbcOperations jdbc, CallService calls, LeadService leads, PromptService prompts,
                PhoneNumbers phones) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.leads = leads;
        this.prompts = prompts;
        this.phones = phones;
    }

    /**
     * Newest first, at most {@code limit}; {@code after} is the {@link CallPage#next()} of the previous page.
     *
     * @throws ValidationException for a bad limit, cursor or phone
     */
    @Transactional(readOnly = true)
    public CallPage list(Tenant tenant, CallFilter filter, int limit, @Nullable String after) {
        if (limit <= 0 || limit > MAX_PAGE) {
            throw new ValidationException("limit must be 1.." + MAX_PAGE + ", got " + limit);
        }
        SqlWhere where = where(tenant, filter);
        if (after != null) {
            Matcher m = CURSOR.matcher(after.strip());
            if (!m.matches()) {
                throw new ValidationException("not a call list cursor: '" + after + "'");
            }
            Timestamp at = Timestamp.from(Instant.ofEpochMilli(Long.parseLong(m.group(1))));
            long id = Long.parseLong(m.group(2));
            where.add("(started_at < ? OR (started_at = ? AND id < ?))", at, at, id);
        }
        String sql = "SELECT * FROM calls WHERE " + where.sql() + " ORDER BY started_at DESC, id DESC LIMIT ?";
        List<Call> found = jdbc.prepareStatement(sql, ps -> {
            where.bind(ps);
            ps.setInt(where.size() + 1, limit + 1);
            List<Call> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(CallService.toDto(jdbc.readEntity(rs, CallEntity.class)));
                }
            }
            return rows;
        });
        if (found.size() <= limit) {
            return new CallPage(found, null);
        }
        Call last = found.get(limit - 1);
        return new CallPage(List.copyOf(found.subList(0, limit)),
                last.startedAt().toEpochMilli() + "." + last.id());
    }

    /**
     * One call with its lead, prompt version and turns. {@code ref} is the CallSid (CA...) or the call's id.
     *
     * @throws NotFoundException when the tenant has no such call (another tenant's call is not found either)
     */
    @Transactional(readOnly = true)
    public CallDetail detail(Tenant tenant, String ref) {
        Call call = find(tenant, ref);
        Lead lead = null;
        if (call.leadId() != null) {
            try {
                lead = leads.get(tenant, call.leadId());
            } catch (NotFoundException e) {
                lead = null;  // forgotten since
            }
        }
        PromptVersion prompt = call.promptVersionId() == null ? null
                : prompts.byId(tenant, call.promptVersionId()).orElse(null);
        return new CallDetail(call, lead, prompt, calls.turns(tenant, call.id()));
    }

    /** The call named by its CallSid or id; not found when it is not this tenant's. */
    @Transactional(readOnly = true)
    public Call find(Tenant tenant, String ref) {
        String r = ref == null ? "" : ref.strip();
        if (r.isEmpty()) {
            throw new ValidationException("a call SID or id is required");
        }
        if (ID.matcher(r).matches()) {
            return calls.get(tenant, Long.parseLong(r));
        }
        return calls.getBySid(tenant, r);
    }

    private SqlWhere where(Tenant tenant, CallFilter filter) {
        SqlWhere w = new SqlWhere();
        w.add("tenant_id = ?", tenant.id());
        if (filter.since() != null) {
            w.add("started_at >= ?", Timestamp.from(filter.since()));
        }
        if (filter.status() != null) {
            w.add("status = ?", filter.status().twilioName());
        }
        if (filter.outcome() != null) {
            w.add("outcome = ?", filter.outcome().id());
        }
        if (filter.phone() != null) {
            String e164 = phones.toE164(filter.phone());
            Optional<Lead> lead = leads.findByPhone(tenant, e164);
            if (lead.isPresent()) {
                w.add("(from_number = ? OR lead_id = ?)", e164, lead.get().id());
            } else {
                w.add("from_number = ?", e164);
            }
        }
        return w;
    }
}
