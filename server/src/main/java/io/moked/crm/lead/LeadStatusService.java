package io.moked.crm.lead;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.audit.AuditService;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A tenant's ordered lead statuses (its pipeline). A status has a <b>code</b> and a <b>label</b>: leads, exports,
 * scripts and scoring rules refer to the code, which never changes once created; people see the label, which
 * {@link #rename} changes. So renaming never touches a lead. The first status in the order is given to new leads.
 */
@Singleton
public class LeadStatusService {
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final int MAX_LABEL_CHARS = 100;
    private static final String ENTITY = "lead-status";

    private final LeadStatusRepository statuses;
    private final LeadService leads;
    private final AuditService audit;
    private final Clock clock;

    LeadStatusService(LeadStatusRepository statuses, LeadService leads, AuditService audit, Clock clock) {
        this.statuses = statuses;
        this.leads = leads;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<LeadStatus> list(Tenant tenant) {
        return leads.statuses(tenant);
    }

    /**
     * Adds a status at {@code position} (1 = first; null = last).
     *
     * @throws ConflictException   when the code or the label is taken
     * @throws ValidationException for a malformed code, an empty label or a position out of range
     */
    @Transactional
    public List<LeadStatus> add(Tenant tenant, String code, String label, @Nullable Integer position, String actor) {
        String c = code(code);
        String l = label(label);
        List<LeadStatusEntity> current = statuses.findByTenantIdOrderByPosition(tenant.id());
        if (current.stream().anyMatch(s -> s.code().equals(c))) {
            throw new ConflictException("lead status '" + c + "' already exists");
        }
        requireUniqueLabel(current, l, null);
        int index = position == null ? current.size() : position - 1;
        if (index < 0 || index > current.size()) {
            throw new ValidationException("position must be between 1 and " + (current.size() + 1) + ", got " + position);
        }
        List<LeadStatus> before = leads.statuses(tenant);
        LeadStatusEntity added = statuses.save(new LeadStatusEntity(null, tenant.id(), c, l, index,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        List<LeadStatusEntity> ordered = new ArrayList<>(current);
        ordered.add(index, added);
        renumber(ordered);
        List<LeadStatus> after = leads.statuses(tenant);
        audit.record(tenant.id(), actor, "lead-status.add", ENTITY, c, before, after);
        return after;
    }

    /** Changes the label people see; the code (what leads store) stays. */
    @Transactional
    public List<LeadStatus> rename(Tenant tenant, String codeOrLabel, String newLabel, String actor) {
        String l = label(newLabel);
        List<LeadStatusEntity> current = statuses.findByTenantIdOrderByPosition(tenant.id());
        LeadStatusEntity target = find(current, codeOrLabel);
        if (target.label().equals(l)) {
            return leads.statuses(tenant);
        }
        requireUniqueLabel(current, l, target.code());
        List<LeadStatus> before = leads.statuses(tenant);
        statuses.update(new LeadStatusEntity(target.id(), target.tenantId(), target.code(), l, target.position(),
                target.createdAt()));
        List<LeadStatus> after = leads.statuses(tenant);
        audit.record(tenant.id(), actor, "lead-status.rename", ENTITY, target.code(), before, after);
        return after;
    }

    /**
     * Puts the statuses in the given order. Every status must be named exactly once (code or label), so a
     * forgotten one is an error rather than silently moved to the end.
     */
    @Transactional
    public List<LeadStatus> reorder(Tenant tenant, List<String> order, String actor) {
        List<LeadStatusEntity> current = statuses.findByTenantIdOrderByPosition(tenant.id());
        List<LeadStatusEntity> ordered = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (String item : order) {
            LeadStatusEntity s = find(current, item);
            if (!named.add(s.code())) {
                throw new ValidationException("lead status '" + s.code() + "' is named twice");
            }
            ordered.add(s);
        }
        if (ordered.size() != current.size()) {
            throw new ValidationException("name every lead status once; missing: " + current.stream()
                    .map(LeadStatusEntity::code).filter(c -> !named.contains(c)).collect(Collectors.joining(", ")));
        }
        List<LeadStatus> before = leads.statuses(tenant);
        if (!renumber(ordered)) {
            return before;
        }
        List<LeadStatus> after = leads.statuses(tenant);
        audit.record(tenant.id(), actor, "lead-status.reorder", ENTITY, null, before, after);
        return after;
    }

    /**
     * The code of a status given by code or label (codes first, labels ignore case).
     *
     * @throws ValidationException naming the known codes
     */
    @Transactional(readOnly = true)
    public String resolve(Tenant tenant, String codeOrLabel) {
        return find(statuses.findByTenantIdOrderByPosition(tenant.id()), codeOrLabel).code();
    }

    private static LeadStatusEntity find(List<LeadStatusEntity> current, String codeOrLabel) {
        String wanted = codeOrLabel == null ? "" : codeOrLabel.strip();
        return current.stream().filter(s -> s.code().equals(wanted)).findFirst()
                .or(() -> current.stream().filter(s -> s.label().equalsIgnoreCase(wanted)).findFirst())
                .orElseThrow(() -> new NotFoundException("unknown lead status '" + wanted + "' (known: "
                        + current.stream().map(s -> s.code() + " (" + s.label() + ")")
                        .collect(Collectors.joining(", ")) + ")"));
    }

    /** Writes positions 0..n-1 in list order; returns whether anything moved. */
    private boolean renumber(List<LeadStatusEntity> ordered) {
        boolean moved = false;
        for (int i = 0; i < ordered.size(); i++) {
            LeadStatusEntity s = ordered.get(i);
            if (s.position() != i) {
                statuses.update(new LeadStatusEntity(s.id(), s.tenantId(), s.code(), s.label(), i, s.createdAt()));
                moved = true;
            }
        }
        return moved;
    }

    private static void requireUniqueLabel(List<LeadStatusEntity> current, String label, @Nullable String except) {
        for (LeadStatusEntity s : current) {
            if (!s.code().equals(except) && (s.label().equalsIgnoreCase(label) || s.code().equals(label))) {
                throw new ConflictException("lead status '" + s.code() + "' already uses '" + label + "'");
            }
        }
    }

    private static String code(String code) {
        String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        if (!CODE.matcher(c).matches()) {
            throw new ValidationException("status code '" + code + "' must be 1-32 characters: a-z, 0-9 and '-', "
                    + "starting with a letter (it is what leads and exports store; the label is what people see)");
        }
        return c;
    }

    private static String label(String label) {
        if (label == null || label.isBlank()) {
            throw new ValidationException("status label is empty");
        }
        String l = label.strip();
        if (l.length() > MAX_LABEL_CHARS) {
            throw new ValidationException("status label is longer than " + MAX_LABEL_CHARS + " characters");
        }
        return l;
    }
}
