package io.moked.crm.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.JsonColumns;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The audit log: every administrative write records who did what to which entity, with the before/after state.
 * Services call {@link #record} inside their own transaction, so the entry commits or rolls back with the change.
 */
@Singleton
public class AuditService {
    private static final int MAX_ACTOR_LENGTH = 100;

    private final AuditRepository repository;
    private final JsonColumns json;
    private final Clock clock;

    AuditService(AuditRepository repository, JsonColumns json, Clock clock) {
        this.repository = repository;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param tenantId null for appliance-wide actions
     * @param before   state before the write (a DTO, serialised to JSON), null on create
     * @param after    state after the write, null on delete
     */
    @Transactional
    public AuditEntry record(@Nullable Long tenantId, String actor, String action, String entity,
                             @Nullable Object entityId, @Nullable Object before, @Nullable Object after) {
        String who = requireActor(actor);
        AuditEntity saved = repository.save(new AuditEntity(null, tenantId, who, action, entity,
                entityId == null ? null : entityId.toString(),
                before == null ? null : json.write(before),
                after == null ? null : json.write(after),
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return toDto(saved);
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> forTenant(Tenant tenant, int limit) {
        return repository.findByTenantId(tenant.id(), newestFirst(limit)).stream().map(AuditService::toDto).toList();
    }

    /** Newest first, all tenants and appliance-wide entries (support staff view). */
    @Transactional(readOnly = true)
    public List<AuditEntry> recent(int limit) {
        return repository.findAll(newestFirst(limit)).stream().map(AuditService::toDto).toList();
    }

    static String requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new ValidationException("actor is required for every write");
        }
        String trimmed = actor.strip();
        return trimmed.length() > MAX_ACTOR_LENGTH ? trimmed.substring(0, MAX_ACTOR_LENGTH) : trimmed;
    }

    private static Pageable newestFirst(int limit) {
        if (limit <= 0) {
            throw new ValidationException("limit must be positive, got " + limit);
        }
        return Pageable.from(0, limit, Sort.of(Sort.Order.desc("id")));
    }

    private static AuditEntry toDto(AuditEntity e) {
        return new AuditEntry(e.id(), e.tenantId(), e.actor(), e.action(), e.entity(), e.entityId(), e.beforeJson(),
                e.afterJson(), e.at());
    }
}
