package io.moked.crm.tenant;

import io.micronaut.transaction.annotation.Transactional;
import io.moked.config.SecretStore;
import io.moked.crm.DbErrors;
import io.moked.crm.PhoneNumbers;
import io.moked.crm.audit.AuditService;
import io.moked.crm.lead.LeadService;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants, their phone numbers and Twilio credentials. Every write is audited with the given actor. */
@Singleton
public class TenantService {
    private static final String ENTITY = "tenant";

    private final TenantRepository tenants;
    private final TenantPhoneNumberRepository numbers;
    private final TenantMapper mapper;
    private final TenantDefaults defaults;
    private final PhoneNumbers phones;
    private final SecretStore secrets;
    private final LeadService leads;
    private final AuditService audit;
    private final Clock clock;

    TenantService(TenantRepository tenants, TenantPhoneNumberRepository numbers, TenantMapper mapper,
                  TenantDefaults defaults, PhoneNumbers phones, SecretStore secrets, LeadService leads,
                  AuditService audit, Clock clock) {
        this.tenants = tenants;
        this.numbers = numbers;
        this.mapper = mapper;
        this.defaults = defaults;
        this.phones = phones;
        this.secrets = secrets;
        this.leads = leads;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates the tenant with defaults for every field the spec leaves out, assigns its numbers and seeds its lead
     * statuses, all in one transaction.
     *
     * @throws ConflictException when the slug exists or a number belongs to another tenant (named)
     */
    @Transactional
    public Tenant create(TenantSpec spec, String actor) {
        String slug = TenantRules.slug(spec.slug());
        if (tenants.findBySlug(slug).isPresent()) {
            throw new ConflictException("tenant '" + slug + "' already exists");
        }
        Instant now = now();
        Map<String, String> messages = new LinkedHashMap<>(defaults.messages());
        if (spec.messages() != null) {
            messages.putAll(spec.messages());
        }
        Persona persona = PersonaRules.persona(spec.persona() == null ? mapper.defaultPersona()
                : spec.persona().over(mapper.defaultPersona()), messages);
        ScoringRules scoring = PersonaRules.scoring(spec.scoring() == null ? mapper.defaultScoring()
                : spec.scoring().over(mapper.defaultScoring()));
        TenantEntity entity = new TenantEntity(null, slug,
                TenantRules.text("business name", spec.businessName(), 200),
                TenantRules.text("assistant name", spec.assistantName(), 100),
                TenantRules.locale(or(spec.locale(), defaults.locale())),
                TenantRules.timeZone(or(spec.timeZone(), defaults.timeZone())),
                TenantRules.greeting(or(spec.greetingTemplate(), defaults.greetingTemplate())),
                mapper.hoursJson(BusinessHours.parse(or(spec.businessHours(), defaults.businessHours()))),
                meetingMinutes(or(spec.meetingMinutes(), defaults.meetingMinutes())),
                spec.transferNumber() == null ? null : phones.toE164(spec.transferNumber()),
                or(spec.recordingEnabled(), defaults.recordingEnabled()),
                retentionDays(or(spec.retentionDays(), defaults.retentionDays())),
                maxCalls(or(spec.maxConcurrentCalls(), defaults.maxConcurrentCalls())),
                spec.endOfTurnSilenceMs() == null ? null : silence(spec.endOfTurnSilenceMs()),
                mapper.mapJson(TenantRules.dtmf(or(spec.dtmfActions(), defaults.dtmfActions()))),
                mapper.mapJson(TenantRules.messages(messages)),
                spec.voice() != null ? TenantRules.voice(spec.voice())
                        : defaults.voice() == null || defaults.voice().isBlank() ? null : defaults.voice(),
                null, null, now, now, mapper.personaJson(persona), mapper.scoringJson(scoring));
        TenantEntity saved = save(entity);
        if (spec.phoneNumbers() != null) {
            for (String number : spec.phoneNumbers()) {
                assignNumber(saved, phones.toE164(number), now);
            }
        }
        Tenant created = toDto(saved);
        leads.seedDefaultStatuses(created, actor);
        audit.record(created.id(), actor, "tenant.create", ENTITY, created.slug(), null, created);
        return created;
    }

    @Transactional(readOnly = true)
    public List<Tenant> list() {
        return tenants.listOrderBySlug().stream().map(this::toDto).toList();
    }

    /** @throws NotFoundException when no tenant has this slug */
    @Transactional(readOnly = true)
    public Tenant get(String slug) {
        return toDto(entity(slug));
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> find(String slug) {
        return tenants.findBySlug(slug).map(this::toDto);
    }

    @Transactional
    public Tenant update(String slug, TenantPatch patch, String actor) {
        TenantEntity old = entity(slug);
        Tenant before = toDto(old);
        TenantEntity updated = tenants.update(TenantPatcher.apply(old, before, patch, this, now()));
        Tenant after = toDto(updated);
        audit.record(after.id(), actor, "tenant.update", ENTITY, slug, before, after);
        return after;
    }

    /**
     * Routes a number to the tenant. Assigning a number the tenant already has changes nothing.
     *
     * @throws ConflictException naming the tenant that owns the number
     * @throws ValidationException when the number is invalid
     */
    @Transactional
    public Tenant addNumber(String slug, String phone, String actor) {
        TenantEntity tenant = entity(slug);
        String e164 = phones.toE164(phone);
        Tenant before = toDto(tenant);
        if (before.phoneNumbers().contains(e164)) {
            return before;
        }
        assignNumber(tenant, e164, now());
        Tenant after = toDto(tenant);
        audit.record(after.id(), actor, "tenant.add-number", ENTITY, slug, before, after);
        return after;
    }

    /** @throws NotFoundException when the number is not one of this tenant's */
    @Transactional
    public Tenant removeNumber(String slug, String phone, String actor) {
        TenantEntity tenant = entity(slug);
        String e164 = phones.toE164(phone);
        Tenant before = toDto(tenant);
        if (numbers.deleteByTenantIdAndE164(tenant.id(), e164) == 0) {
            throw new NotFoundException("phone number " + e164 + " is not assigned to tenant '" + slug + "'");
        }
        Tenant after = toDto(tenant);
        audit.record(after.id(), actor, "tenant.remove-number", ENTITY, slug, before, after);
        return after;
    }

    /** The tenant an incoming call to {@code number} belongs to (Twilio's "To"). */
    @Transactional(readOnly = true)
    public Optional<Tenant> findByPhoneNumber(String number) {
        return numbers.findByE164(phones.toE164(number))
                .flatMap(n -> tenants.findById(n.tenantId()))
                .map(this::toDto);
    }

    /**
     * Stores the tenant's Twilio account SID and auth token. The token goes to a 0600 file under
     * {@code <data-dir>/secrets/}; the database and the audit log only see a reference.
     */
    @Transactional
    public Tenant setTwilio(String slug, String accountSid, String authToken, String actor) {
        TenantEntity old = entity(slug);
        String sid = TenantRules.accountSid(accountSid);
        if (authToken == null || authToken.isBlank()) {
            throw new ValidationException("Twilio auth token is empty");
        }
        String ref = secrets.put("twilio-" + old.slug() + ".token", authToken.strip());
        Tenant before = toDto(old);
        Tenant after = toDto(tenants.update(old.withTwilio(sid, ref, now())));
        audit.record(after.id(), actor, "tenant.set-twilio", ENTITY, slug, before, after);
        return after;
    }

    /** Empty when not configured or when the secret file is missing on this appliance. */
    @Transactional(readOnly = true)
    public Optional<TwilioCredentials> twilioCredentials(Tenant tenant) {
        TenantEntity e = tenants.findById(tenant.id())
                .orElseThrow(() -> NotFoundException.of("tenant", tenant.slug()));
        if (e.twilioAccountSid() == null || e.twilioAuthTokenRef() == null) {
            return Optional.empty();
        }
        return secrets.get(e.twilioAuthTokenRef()).map(token -> new TwilioCredentials(e.twilioAccountSid(), token));
    }

    // --- helpers used by TenantPatcher -------------------------------------------------------------------------

    String normalisePhone(String raw) {
        return phones.toE164(raw);
    }

    TenantMapper mapper() {
        return mapper;
    }

    static int meetingMinutes(int v) {
        return TenantRules.range("meeting minutes", v, TenantRules.MIN_MEETING_MINUTES, TenantRules.MAX_MEETING_MINUTES);
    }

    static int retentionDays(int v) {
        return TenantRules.range("retention days", v, 0, TenantRules.MAX_RETENTION_DAYS);
    }

    static int maxCalls(int v) {
        return TenantRules.range("max concurrent calls", v, 1, TenantRules.MAX_CONCURRENT_CALLS);
    }

    static int silence(int v) {
        return TenantRules.range("end-of-turn silence ms", v, TenantRules.MIN_END_OF_TURN_SILENCE_MS,
                TenantRules.MAX_END_OF_TURN_SILENCE_MS);
    }

    // -----------------------------------------------------------------------------------------------------------

    private TenantEntity entity(String slug) {
        return tenants.findBySlug(slug).orElseThrow(() -> NotFoundException.of("tenant", slug));
    }

    private TenantEntity save(TenantEntity entity) {
        try {
            return tenants.save(entity);
        } catch (DataAccessException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw new ConflictException("tenant '" + entity.slug() + "' already exists", e);
            }
            throw e;
        }
    }

    private void assignNumber(TenantEntity tenant, String e164, Instant now) {
        Optional<TenantPhoneNumberEntity> owner = numbers.findByE164(e164);
        if (owner.isPresent()) {
            String ownerSlug = tenants.findById(owner.get().tenantId()).map(TenantEntity::slug).orElse("?");
            throw new ConflictException("phone number " + e164 + " already belongs to tenant '" + ownerSlug + "'");
        }
        try {
            numbers.save(new TenantPhoneNumberEntity(null, tenant.id(), e164, now));
        } catch (DataAccessException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw new ConflictException("phone number " + e164 + " was just assigned to another tenant", e);
            }
            throw e;
        }
    }

    private Tenant toDto(TenantEntity e) {
        List<String> own = numbers.findByTenantIdOrderByE164(e.id()).stream().map(TenantPhoneNumberEntity::e164).toList();
        return mapper.toDto(e, own);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
