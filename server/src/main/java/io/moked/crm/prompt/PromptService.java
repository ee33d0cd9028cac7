package io.moked.crm.prompt;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import io.moked.crm.DbErrors;
import io.moked.crm.audit.AuditService;
import io.moked.crm.tenant.Tenant;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Versioned prompts per tenant and channel. Versions are immutable; activation is an append-only history so
 * rollback can walk back. Calls read {@link #active}/{@link #render} when they start, so an activation applies to
 * the next call without a restart.
 */
@Singleton
public class PromptService {
    private static final String ENTITY = "prompt";
    private static final int MAX_BODY_CHARS = 100_000;
    private static final int DIFF_CONTEXT_LINES = 3;

    private final PromptRepository prompts;
    private final PromptVersionRepository versions;
    private final PromptActivationRepository activations;
    private final AuditService audit;
    private final Clock clock;

    PromptService(PromptRepository prompts, PromptVersionRepository versions, PromptActivationRepository activations,
                  AuditService audit, Clock clock) {
        this.prompts = prompts;
        this.versions = versions;
        this.activations = activations;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Stores {@code body} as the next version (not active until {@link #activate}).
     *
     * @throws ValidationException when the body is empty or uses unknown placeholders (the message lists the known)
     */
    @Transactional
    /**
     * Text for the model: no NUL (PostgreSQL cannot store it, SQLite would) and no other C0 control or DEL besides
     * tab and line breaks, so both databases refuse the same prompts (ValidationException, agentctl exit 2).
     */
    static void requirePlainText(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                throw new ValidationException(what + " contains control character U+" + String.format("%04X", (int) c)
                        + " at position " + i + "; prompts are plain UTF-8 text");
            }
        }
    }

    public PromptVersion push(Tenant tenant, Channel channel, String body, @Nullable String note, String author) {
        if (body == null || body.isBlank()) {
            throw new ValidationException("prompt body is empty");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new ValidationException("prompt body is longer than " + MAX_BODY_CHARS + " characters");
        }
        requirePlainText(body, "prompt body");
        if (note != null) {
            requirePlainText(note, "prompt note");
        }
        Placeholders.requireKnown(body, "prompt");
        if (author == null || author.isBlank()) {
            throw new ValidationException("author is required");
        }
        PromptEntity prompt = promptFor(tenant, channel);
        int next = versions.findMaxVersionByTenantIdAndPromptId(tenant.id(), prompt.id()).orElse(0) + 1;
        PromptVersionEntity saved;
        try {
            saved = versions.save(new PromptVersionEntity(null, prompt.id(), tenant.id(), next, body,
                    note == null || note.isBlank() ? null : note.strip(), author.strip(), now()));
        } catch (DataAccessException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw new ConflictException("another " + channel.id() + " prompt version was pushed at the same "
                        + "time; push again", e);
            }
            throw e;
        }
        PromptVersion pushed = toDto(saved, channel, false);
        audit.record(tenant.id(), author, "prompt.push", ENTITY, channel.id() + " v" + next, null, summary(pushed));
        return pushed;
    }

    /** All versions, oldest first. */
    @Transactional(readOnly = true)
    public List<PromptVersion> list(Tenant tenant, Channel channel) {
        Optional<PromptEntity> prompt = prompts.findByTenantIdAndChannel(tenant.id(), channel.id());
        if (prompt.isEmpty()) {
            return List.of();
        }
        Long activeId = activeVersionId(tenant, prompt.get()).orElse(null);
        return versions.findByTenantIdAndPromptIdOrderByVersion(tenant.id(), prompt.get().id()).stream()
                .map(v -> toDto(v, channel, v.id().equals(activeId))).toList();
    }

    /** @throws NotFoundException when the version does not exist for this tenant and channel */
    @Transactional(readOnly = true)
    public PromptVersion show(Tenant tenant, Channel channel, int version) {
        PromptEntity prompt = existingPrompt(tenant, channel, version);
        PromptVersionEntity v = versionEntity(tenant, prompt, channel, version);
        return toDto(v, channel, activeVersionId(tenant, prompt).map(v.id()::equals).orElse(false));
    }

    /** The version calls use now; empty when none was ever activated. */
    @Transactional(readOnly = true)
    public Optional<PromptVersion> active(Tenant tenant, Channel channel) {
        return prompts.findByTenantIdAndChannel(tenant.id(), channel.id())
                .flatMap(p -> activeVersionId(tenant, p))
                .flatMap(id -> versions.findByTenantIdAndId(tenant.id(), id))
                .map(v -> toDto(v, channel, true));
    }

    /** A version by its database id (as stored on a call), if it belongs to this tenant. */
    @Transactional(readOnly = true)
    public Optional<PromptVersion> byId(Tenant tenant, long versionId) {
        return versions.findByTenantIdAndId(tenant.id(), versionId).flatMap(v -> prompts
                .findByTenantIdAndId(tenant.id(), v.promptId())
                .map(p -> toDto(v, Channel.parse(p.channel()), activeVersionId(tenant, p).map(v.id()::equals)
                        .orElse(false))));
    }

    /** Unified diff from version {@code from} to version {@code to}; empty text when they are identical. */
    @Transactional(readOnly = true)
    public String diff(Tenant tenant, Channel channel, int from, int to) {
        PromptEntity prompt = existingPrompt(tenant, channel, from);
        List<String> a = lines(versionEntity(tenant, prompt, channel, from).body());
        List<String> b = lines(versionEntity(tenant, prompt, channel, to).body());
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(channel.id() + " v" + from, channel.id() + " v" + to,
                a, DiffUtils.diff(a, b), DIFF_CONTEXT_LINES);
        return diff.isEmpty() ? "" : String.join("\n", diff) + "\n";
    }

    /** Makes {@code version} the active one for the next call. */
    @Transactional
    public PromptActivation activate(Tenant tenant, Channel channel, int version, String actor) {
        PromptEntity prompt = existingPrompt(tenant, channel, version);
        PromptVersionEntity v = versionEntity(tenant, prompt, channel, version);
        Optional<PromptActivationEntity> current = activations.findFirstByTenantIdAndPromptIdOrderByIdDesc(
                tenant.id(), prompt.id());
        PromptActivationEntity saved = activations.save(new PromptActivationEntity(null, prompt.id(), tenant.id(),
                v.id(), current.map(PromptActivationEntity::id).orElse(null), PromptActivation.ACTIVATE,
                requireActor(actor), now()));
        PromptActivation result = toDto(saved, channel, version);
        audit.record(tenant.id(), actor, "prompt.activate", ENTITY, channel.id() + " v" + version,
                current.map(c -> Map.of("activeVersionId", c.versionId())).orElse(null),
                Map.of("activeVersionId", v.id(), "version", version));
        return result;
    }

    /**
     * Re-activates the version that was active before the current activation (repeated rollbacks keep walking
     * back through the history).
     *
     * @throws ConflictException when there is nothing to roll back to
     */
    @Transactional
    public PromptActivation rollback(Tenant tenant, Channel channel, String actor) {
        PromptEntity prompt = prompts.findByTenantIdAndChannel(tenant.id(), channel.id())
                .orElseThrow(() -> new NotFoundException("tenant '" + tenant.slug() + "' has no " + channel.id()
                        + " prompt"));
        PromptActivationEntity current = activations.findFirstByTenantIdAndPromptIdOrderByIdDesc(tenant.id(),
                prompt.id()).orElseThrow(() -> new ConflictException("no " + channel.id()
                + " prompt version was ever activated; nothing to roll back"));
        if (current.previousActivationId() == null) {
            throw new ConflictException("the active " + channel.id() + " prompt has no earlier activation to roll "
                    + "back to");
        }
        PromptActivationEntity target = activations.findByTenantIdAndId(tenant.id(), current.previousActivationId())
                .orElseThrow(() -> new IllegalStateException("activation history is broken for prompt " + prompt.id()));
        PromptActivationEntity saved = activations.save(new PromptActivationEntity(null, prompt.id(), tenant.id(),
                target.versionId(), target.previousActivationId(), PromptActivation.ROLLBACK, requireActor(actor),
                now()));
        int version = versionNumber(tenant, target.versionId());
        audit.record(tenant.id(), actor, "prompt.rollback", ENTITY, channel.id() + " v" + version,
                Map.of("activeVersionId", current.versionId()), Map.of("activeVersionId", target.versionId(),
                        "version", version));
        return toDto(saved, channel, version);
    }

    /** Activation history, newest first. */
    @Transactional(readOnly = true)
    public List<PromptActivation> history(Tenant tenant, Channel channel) {
        return prompts.findByTenantIdAndChannel(tenant.id(), channel.id())
                .map(p -> activations.findByTenantIdAndPromptIdOrderByIdDesc(tenant.id(), p.id()).stream()
                        .map(a -> toDto(a, channel, versionNumber(tenant, a.versionId()))).toList())
                .orElse(List.of());
    }

    /**
     * The active prompt with every placeholder filled for this call.
     *
     * @throws NotFoundException when the tenant has no active prompt for the channel (the message names the fix)
     */
    @Transactional(readOnly = true)
    public RenderedPrompt render(Tenant tenant, Channel channel, PromptContext context) {
        return render(tenant, channel, context, null);
    }

    /**
     * Like {@link #render(Tenant, Channel, PromptContext)}, with {@code version} instead of the active one when not
     * null (a simulated call re-run with another version, {@link io.moked.call.SimulationPrompt}).
     *
     * @throws NotFoundException when there is no such version, or no active one
     */
    @Transactional(readOnly = true)
    public RenderedPrompt render(Tenant tenant, Channel channel, PromptContext context, @Nullable Integer version) {
        return render(tenant, runVersion(tenant, channel, version), context);
    }

    /**
     * The version a call runs with: {@code version} when not null, else the active one. The voice webhook looks it
     * up before answering (no prompt = degraded mode) and renders it once the caller's context is known.
     *
     * @throws NotFoundException when there is no such version, or no active one
     */
    @Transactional(readOnly = true)
    public PromptVersion runVersion(Tenant tenant, Channel channel, @Nullable Integer version) {
        return version != null ? show(tenant, channel, version) : active(tenant, channel)
                .orElseThrow(() -> new NotFoundException("tenant '" + tenant.slug() + "' has no active "
                        + channel.id() + " prompt (agentctl prompt push ... then prompt activate V)"));
    }

    /** {@code v} with every placeholder filled for {@code context}; no database access. */
    public RenderedPrompt render(Tenant tenant, PromptVersion v, PromptContext context) {
        Map<String, String> values = PromptRenderer.values(tenant, context);
        return new RenderedPrompt(v.id(), v.version(), v.channel(), Placeholders.fill(v.body(), values),
                values.get("greeting"), PromptRenderer.recordingDisclosure(tenant));
    }

    /**
     * A given version (active or not) with every placeholder filled: what a prompt eval or a re-run tries before
     * the version is activated.
     *
     * @throws NotFoundException when the version does not exist for this tenant and channel
     */
    @Transactional(readOnly = true)
    public RenderedPrompt render(Tenant tenant, Channel channel, int version, PromptContext context) {
        PromptVersion v = show(tenant, channel, version);
        Map<String, String> values = PromptRenderer.values(tenant, context);
        return new RenderedPrompt(v.id(), v.version(), channel, Placeholders.fill(v.body(), values),
                values.get("greeting"), PromptRenderer.recordingDisclosure(tenant));
    }

    /** Placeholder names with descriptions, for help texts and error messages. */
    public Map<String, String> knownPlaceholders() {
        return Placeholders.KNOWN;
    }

    // -----------------------------------------------------------------------------------------------------------

    private PromptEntity promptFor(Tenant tenant, Channel channel) {
        return prompts.findByTenantIdAndChannel(tenant.id(), channel.id())
                .orElseGet(() -> prompts.save(new PromptEntity(null, tenant.id(), channel.id(), now())));
    }

    private PromptEntity existingPrompt(Tenant tenant, Channel channel, int version) {
        return prompts.findByTenantIdAndChannel(tenant.id(), channel.id())
                .orElseThrow(() -> versionNotFound(tenant, channel, version));
    }

    private PromptVersionEntity versionEntity(Tenant tenant, PromptEntity prompt, Channel channel, int version) {
        return versions.findByTenantIdAndPromptIdAndVersion(tenant.id(), prompt.id(), version)
                .orElseThrow(() -> versionNotFound(tenant, channel, version));
    }

    private Optional<Long> activeVersionId(Tenant tenant, PromptEntity prompt) {
        return activations.findFirstByTenantIdAndPromptIdOrderByIdDesc(tenant.id(), prompt.id())
                .map(PromptActivationEntity::versionId);
    }

    private int versionNumber(Tenant tenant, long versionId) {
        return versions.findByTenantIdAndId(tenant.id(), versionId).map(PromptVersionEntity::version)
                .orElseThrow(() -> new IllegalStateException("prompt version " + versionId + " vanished"));
    }

    private static NotFoundException versionNotFound(Tenant tenant, Channel channel, int version) {
        return new NotFoundException(channel.id() + " prompt version " + version + " not found for tenant '"
                + tenant.slug() + "'");
    }

    private static String requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new ValidationException("actor is required for every write");
        }
        return actor.strip();
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\r?\n", -1));
    }

    private static Map<String, Object> summary(PromptVersion v) {
        return Map.of("version", v.version(), "channel", v.channel().id(), "chars", v.body().length(),
                "note", v.note() == null ? "" : v.note());
    }

    private static PromptVersion toDto(PromptVersionEntity v, Channel channel, boolean active) {
        return new PromptVersion(v.id(), v.tenantId(), channel, v.version(), v.body(), v.note(), v.author(),
                v.createdAt(), active);
    }

    private static PromptActivation toDto(PromptActivationEntity a, Channel channel, int version) {
        return new PromptActivation(a.id(), channel, version, a.versionId(), a.action(), a.actor(), a.activatedAt());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
