package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.DbErrors;
import io.moked.crm.JsonColumns;
import io.moked.crm.PhoneNumbers;
import io.moked.crm.audit.AuditService;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantDefaults;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Leads and lead statuses of a tenant. Every query is filtered by the tenant passed in. Every lead row is written
 * through {@link #write}, which recomputes the score from the tenant's scoring rules and audits a changed score:
 * a new writer (an importer, a tool) must go through it too.
 */
@Singleton
public class LeadService {
    private static final String ENTITY = "lead";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_QUALIFICATION_KEYS = 50;

    private final LeadRepository leads;
    private final LeadStatusRepository statuses;
    private final TenantDefaults defaults;
    private final PhoneNumbers phones;
    private final JsonColumns json;
    private final AuditService audit;
    private final Clock clock;

    LeadService(LeadRepository leads, LeadStatusRepository statuses, TenantDefaults defaults, PhoneNumbers phones,
                JsonColumns json, AuditService audit, Clock clock) {
        this.leads = leads;
        this.statuses = statuses;
        this.defaults = defaults;
        this.phones = phones;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** Seeds the configured default statuses (moked.tenant-defaults.lead-statuses); called when a tenant is created. */
    @Transactional
    public List<LeadStatus> seedDefaultStatuses(Tenant tenant, String actor) {
        if (!statuses.findByTenantIdOrderByPosition(tenant.id()).isEmpty()) {
            throw new ConflictException("tenant '" + tenant.slug() + "' already has lead statuses");
        }
        if (defaults.leadStatuses() == null || defaults.leadStatuses().isEmpty()) {
            throw new IllegalStateException("moked.tenant-defaults.lead-statuses is empty");
        }
        Instant now = now();
        int position = 0;
        for (String code : defaults.leadStatuses()) {
            String label = defaults.leadStatusLabels() == null ? code : defaults.leadStatusLabels().getOrDefault(code, code);
            statuses.save(new LeadStatusEntity(null, tenant.id(), code, label, position++, now));
        }
        List<LeadStatus> seeded = statuses(tenant);
        audit.record(tenant.id(), actor, "lead-status.seed", "lead-status", tenant.slug(), null, seeded);
        return seeded;
    }

    @Transactional(readOnly = true)
    public List<LeadStatus> statuses(Tenant tenant) {
        return statuses.findByTenantIdOrderByPosition(tenant.id()).stream()
                .map(s -> new LeadStatus(s.code(), s.label(), s.position())).toList();
    }

    /**
     * Finds the tenant's lead with this phone or creates it (first status of the pipeline).
     *
     * @throws ValidationException for an invalid phone or email
     */
    @Transactional
    public Lead upsert(Tenant tenant, LeadUpsert request, String actor) {
        String phone = phones.toE164(request.phone());
        String name = name(request.name());
        String email = email(request.email());
        if (request.source() == null) {
            throw new ValidationException("lead source is required");
        }
        Optional<LeadEntity> existing = leads.findByTenantIdAndPhone(tenant.id(), phone);
        if (existing.isPresent()) {
            LeadEntity e = existing.get();
            if ((name == null || name.equals(e.name())) && (email == null || email.equals(e.email()))) {
                return toDto(e);
            }
            Lead before = toDto(e);
            Lead after = toDto(write(tenant, e, new LeadEntity(e.id(), e.tenantId(), e.phone(),
                    name != null ? name : e.name(), email != null ? email : e.email(), e.source(), e.status(),
                    e.qualification(), e.score(), e.tier(), e.createdAt(), now()), actor));
            audit.record(tenant.id(), actor, "lead.update", ENTITY, after.id(), before, after);
            return after;
        }
        Instant now = now();
        LeadEntity created;
        try {
            created = write(tenant, null, new LeadEntity(null, tenant.id(), phone, name, email,
                    request.source().id(), firstStatus(tenant), "{}", null, null, now, now), actor);
        } catch (DataAccessException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw new ConflictException("lead " + phone + " was just created concurrently; retry", e);
            }
            throw e;
        }
        Lead after = toDto(created);
        audit.record(tenant.id(), actor, "lead.create", ENTITY, after.id(), null, after);
        return after;
    }

    /** @throws NotFoundException when the tenant has no lead with this id */
    @Transactional(readOnly = true)
    public Lead get(Tenant tenant, long id) {
        return toDto(entity(tenant, id));
    }

    @Transactional(readOnly = true)
    public Optional<Lead> findByPhone(Tenant tenant, String phone) {
        return leads.findByTenantIdAndPhone(tenant.id(), phones.toE164(phone)).map(this::toDto);
    }

    /** Most recently updated first; {@code status} null = all. */
    @Transactional(readOnly = true)
    public List<Lead> list(Tenant tenant, @Nullable String status, int limit) {
        if (limit <= 0) {
            throw new ValidationException("limit must be positive, got " + limit);
        }
        Pageable page = Pageable.from(0, limit, Sort.of(Sort.Order.desc("updatedAt"), Sort.Order.desc("id")));
        List<LeadEntity> rows = status == null ? leads.findByTenantId(tenant.id(), page)
                : leads.findByTenantIdAndStatus(tenant.id(), requireStatus(tenant, status), page);
        return rows.stream().map(this::toDto).toList();
    }

    @Transactional
    public Lead update(Tenant tenant, long id, LeadPatch patch, String actor) {
        LeadEntity e = entity(tenant, id);
        Lead before = toDto(e);
        Map<String, String> qualification = new LinkedHashMap<>(before.qualification());
        if (patch.qualification() != null) {
            patch.qualification().forEach((k, v) -> {
                if (k == null || k.isBlank()) {
                    throw new ValidationException("qualification keys must not be empty");
                }
                if (v == null || v.isBlank()) {
                    qualification.remove(k.strip());
                } else {
                    qualification.put(k.strip(), v.strip());
                }
            });
            if (qualification.size() > MAX_QUALIFICATION_KEYS) {
                throw new ValidationException("a lead keeps at most " + MAX_QUALIFICATION_KEYS + " qualification facts");
            }
        }
        if (patch.score() != null && (patch.score() < 0 || patch.score() > 100)) {
            throw new ValidationException("score must be between 0 and 100, got " + patch.score());
        }
        if ((patch.score() != null || patch.tier() != null) && tenant.scoring().isEnabled()) {
            throw new ValidationException("the score is computed from tenant '" + tenant.slug() + "''s scoring "
                    + "rules; to set scores by hand, turn them off (scoring: enabled: false)");
        }
        LeadEntity updated = write(tenant, e, new LeadEntity(e.id(), e.tenantId(), e.phone(),
                patch.name() != null ? name(patch.name()) : e.name(),
                patch.email() != null ? email(patch.email()) : e.email(),
                e.source(),
                patch.status() != null ? requireStatus(tenant, patch.status()) : e.status(),
                json.write(qualification),
                patch.score() != null ? patch.score() : e.score(),
                patch.tier() != null ? patch.tier().id() : e.tier(),
                e.createdAt(), now()), actor);
        Lead after = toDto(updated);
        audit.record(tenant.id(), actor, "lead.update", ENTITY, id, before, after);
        return after;
    }

    @Transactional
    public Lead setStatus(Tenant tenant, long id, String status, String actor) {
        return update(tenant, id, LeadPatch.status(status), actor);
    }

    /**
     * Writes a lead row (insert when {@code before} is null): with the tenant's scoring on, score and tier are
     * computed from the row's facts first; a score that changes on an existing lead is audited (lead.score, score
     * and tier before and after).
     */
    private LeadEntity write(Tenant tenant, @Nullable LeadEntity before, LeadEntity row, String actor) {
        LeadEntity scored = row;
        if (tenant.scoring().isEnabled()) {
            LeadScore s = LeadScorer.score(json.readStringMap(row.qualification()), tenant.scoring());
            scored = new LeadEntity(row.id(), row.tenantId(), row.phone(), row.name(), row.email(), row.source(),
                    row.status(), row.qualification(), s.score(), s.tier().id(), row.createdAt(), row.updatedAt());
        }
        if (before == null) {
            return leads.save(scored);
        }
        LeadEntity saved = leads.update(scored);
        if (!java.util.Objects.equals(before.score(), saved.score())
                || !java.util.Objects.equals(before.tier(), saved.tier())) {
            audit.record(tenant.id(), actor, "lead.score", ENTITY, saved.id(), scoreOf(before), scoreOf(saved));
        }
        return saved;
    }

    private static Map<String, Object> scoreOf(LeadEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", e.score());
        m.put("tier", e.tier());
        return m;
    }

    /**
     * Writes one batch of a lead import in one transaction ({@code io.moked.crm.lead.files.LeadImporter}). A row
     * whose phone is not a lead yet creates one (source import; the tenant's first status unless the row has one);
     * otherwise {@code merge} decides (skip / update / merge) and a row that would change nothing writes nothing.
     * Leads are written through {@link #write} like every other lead write, so they are scored (and a changed score
     * of an existing lead is audited); the rows themselves are not audited one by one: the importer records one
     * audit entry per import.
     *
     * @param actor   who imports (for the score audit of updated leads)
     * @param dryRun  decide only, write nothing
     * @param pending dry run only: values that earlier batches of the same file would have written, by phone (the
     *                database does not have them); not modified
     * @throws ValidationException when a row would leave a lead with too many qualification fields
     */
    @Transactional
    public List<ImportOutcome> importBatch(Tenant tenant, List<ImportRow> rows, LeadMerge merge, String actor,
                                           boolean dryRun, Map<String, LeadValues> pending) {
        Map<String, LeadEntity> stored = new HashMap<>();
        if (!rows.isEmpty()) {
            Set<String> phones = rows.stream().map(ImportRow::phone).collect(Collectors.toSet());
            leads.findByTenantIdAndPhoneIn(tenant.id(), phones).forEach(e -> stored.put(e.phone(), e));
        }
        Map<String, LeadValues> seen = new HashMap<>();
        String firstStatus = null;
        Instant now = now();
        List<ImportOutcome> outcomes = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            LeadEntity entity = stored.get(row.phone());
            LeadValues before = seen.containsKey(row.phone()) ? seen.get(row.phone())
                    : dryRun && pending.containsKey(row.phone()) ? pending.get(row.phone())
                    : entity == null ? null : importValues(entity);
            LeadMerge.Decision decision = merge.apply(before, row.values());
            LeadValues after = decision.after();
            if (decision.kind() == ImportOutcome.Kind.CREATED && after.status() == null) {
                firstStatus = firstStatus != null ? firstStatus : firstStatus(tenant);
                after = new LeadValues(after.name(), after.email(), firstStatus, after.fields());
            }
            if (after.fields().size() > MAX_QUALIFICATION_KEYS) {
                throw new ValidationException("a lead keeps at most " + MAX_QUALIFICATION_KEYS
                        + " qualification fields; line " + row.line() + " would give " + row.phone() + " "
                        + after.fields().size());
            }
            if (decision.kind() == ImportOutcome.Kind.CREATED || decision.kind() == ImportOutcome.Kind.UPDATED) {
                seen.put(row.phone(), after);
                if (!dryRun) {
                    LeadEntity written = entity == null
                            ? write(tenant, null, new LeadEntity(null, tenant.id(), row.phone(), after.name(),
                                    after.email(), LeadSource.IMPORT.id(), after.status(), json.write(after.fields()),
                                    null, null, now, now), actor)
                            : write(tenant, entity, new LeadEntity(entity.id(), entity.tenantId(), entity.phone(),
                                    after.name(), after.email(), entity.source(), after.status(),
                                    json.write(after.fields()), entity.score(), entity.tier(), entity.createdAt(),
                                    now), actor);
                    stored.put(row.phone(), written);
                }
            }
            outcomes.add(new ImportOutcome(row.line(), row.phone(), decision.kind(),
                    decision.kind() == ImportOutcome.Kind.SKIPPED_EXISTING ? null : after));
        }
        return outcomes;
    }

    private LeadEntity entity(Tenant tenant, long id) {
        return leads.findByTenantIdAndId(tenant.id(), id).orElseThrow(() -> NotFoundException.of("lead", id));
    }

    private String firstStatus(Tenant tenant) {
        return statuses.findByTenantIdOrderByPosition(tenant.id()).stream().findFirst()
                .map(LeadStatusEntity::code)
                .orElseThrow(() -> new IllegalStateException("tenant '" + tenant.slug() + "' has no lead statuses"));
    }

    private String requireStatus(Tenant tenant, String status) {
        List<LeadStatusEntity> known = statuses.findByTenantIdOrderByPosition(tenant.id());
        return known.stream().map(LeadStatusEntity::code).filter(c -> c.equals(status.strip())).findFirst()
                .orElseThrow(() -> new ValidationException("unknown lead status '" + status + "' (known: "
                        + known.stream().map(LeadStatusEntity::code).collect(Collectors.joining(", ")) + ")"));
    }

    private LeadValues importValues(LeadEntity e) {
        return new LeadValues(e.name(), e.email(), e.status(), json.readStringMap(e.qualification()));
    }

    /** Validated, stripped lead name; null for blank. Shared with the import's row checks. */
    public static String name(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip();
        if (n.length() > 200) {
            throw new ValidationException("lead name is longer than 200 characters");
        }
        return n;
    }

    /** Validated, stripped email; null for blank. Shared with the import's row checks. */
    public static String email(@Nullable String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String e = email.strip();
        if (e.length() > 254 || !EMAIL.matcher(e).matches()) {
            throw new ValidationException("invalid email address '" + email + "'");
        }
        return e;
    }

    Lead toDto(LeadEntity e) {
        return new Lead(e.id(), e.tenantId(), e.phone(), e.name(), e.email(), LeadSource.parse(e.source()), e.status(),
                json.readStringMap(e.qualification()), e.score(), e.tier() == null ? null : Tier.parse(e.tier()),
                e.createdAt(), e.updatedAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
