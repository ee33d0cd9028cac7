package io.moked.call;

import io.micronaut.context.BeanProvider;
import io.micronaut.transaction.TransactionOperations;
import io.moked.agent.tools.CallerMemory;
import io.moked.crm.call.Call;
import io.moked.crm.call.CallService;
import io.moked.crm.call.NewCall;
import io.moked.crm.lead.Lead;
import io.moked.crm.lead.LeadService;
import io.moked.crm.lead.LeadSource;
import io.moked.crm.lead.LeadUpsert;
import io.moked.crm.prompt.Channel;
import io.moked.crm.prompt.PromptService;
import io.moked.crm.prompt.PromptVersion;
import io.moked.crm.prompt.RenderedPrompt;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.crm.tenant.TenantSpec;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * The database work of an admitted call, rehearsed in one transaction that is always rolled back, for the webhook's
 * warm-up ({@code io.moked.telephony.twilio.WebhookWarmup}): a throwaway tenant with a voice prompt, the call row,
 * the caller's lead, the caller's history, the rendered prompt and the call's prompt version and lead, through the
 * same services the webhook uses, so their queries and code are compiled before the first real call. The rollback
 * leaves no row behind (on PostgreSQL the id sequences keep the numbers they handed out), and no real tenant's row
 * is written or read. The live-call admission row is not rehearsed: it is written on a connection of its own,
 * which would wait for this transaction's lock on SQLite.
 */
@Singleton
public class CallPathRehearsal {
    private static final String ACTOR = "moked-warm-up";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BeanProvider<TransactionOperations<Connection>> transactions;
    private final TenantService tenants;
    private final PromptService prompts;
    private final CallService calls;
    private final LeadService leads;
    private final CallerMemory memory;
    private final Clock clock;

    public CallPathRehearsal(BeanProvider<TransactionOperations<Connection>> transactions, TenantService tenants,
                             PromptService prompts, CallService calls, LeadService leads, CallerMemory memory,
                             Clock clock) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.prompts = prompts;
        this.calls = calls;
        this.leads = leads;
        this.memory = memory;
        this.clock = clock;
    }

    /**
     * {@code count} rehearsed calls to {@code number} from {@code caller} (the first creates the caller's lead, the
     * others find it, as a returning caller's would), rolled back together with their throwaway tenant.
     *
     * @param number a number no tenant owns (else the throwaway tenant cannot take it and this fails, writing nothing)
     */
    public void rehearse(String number, String caller, int count) {
        transactions.get().executeWrite(status -> {
            status.setRollbackOnly();
            String suffix = HexFormat.of().formatHex(randomBytes(8));
            Tenant created = tenants.create(new TenantSpec("warm-up-" + suffix, "Warm-up", "Warm-up", null, null,
                    null, null, null, null, false, null, null, null, null, null, null, List.of(number)), ACTOR);
            var version = prompts.push(created, Channel.VOICE, "{{assistant_name}}, {{business_name}}.", "warm-up",
                    ACTOR);
            prompts.activate(created, Channel.VOICE, version.version(), ACTOR);
            for (int i = 0; i < count; i++) {
                call(number, caller);
            }
            return null;
        });
    }

    /** What the webhook and the call's preparation do with the database for one admitted call. */
    private void call(String number, String caller) {
        Tenant tenant = tenants.findByPhoneNumber(number).orElseThrow();
        tenants.twilioCredentials(tenant);
        String callSid = "CA" + HexFormat.of().formatHex(randomBytes(16));
        calls.findBySid(tenant, callSid);
        Call call = calls.create(tenant, NewCall.inbound(callSid, caller, number));
        PromptVersion run = prompts.runVersion(tenant, Channel.VOICE, null);
        Lead lead = leads.upsert(tenant, new LeadUpsert(caller, null, null, LeadSource.CALL), ACTOR);
        RenderedPrompt prompt = prompts.render(tenant, run,
                memory.promptContext(tenant, lead, call.id(), clock.instant()));
        calls.prepared(tenant, call.id(), prompt.versionId(), lead.id());
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
