package io.moked.cli.doctor;

import java.util.ArrayList;
import java.util.List;

import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;

/** Every tenant has a Twilio account SID and its auth token is present on this appliance. */
final class TwilioCheck {
    static final String PREFIX = "twilio:";

    private TwilioCheck() {
    }

    static List<CheckResult> run(TenantService tenants) {
        List<Tenant> all = tenants.list();
        if (all.isEmpty()) {
            return List.of(CheckResult.ok("tenants", "no tenants yet (agentctl tenant create --from FILE.yaml)"));
        }
        List<CheckResult> results = new ArrayList<>();
        for (Tenant tenant : all) {
            String name = PREFIX + tenant.slug();
            String fix = "agentctl tenant set-twilio --tenant " + tenant.slug()
                    + " --account-sid AC... --auth-token-file FILE";
            if (tenant.twilioAccountSid() == null) {
                results.add(CheckResult.failed(name, "no Twilio credentials; run '" + fix + "'"));
            } else if (tenants.twilioCredentials(tenant).isEmpty()) {
                results.add(CheckResult.failed(name, "account " + tenant.twilioAccountSid()
                        + ": auth token missing on this appliance; run '" + fix + "'"));
            } else {
                results.add(CheckResult.ok(name, "account " + tenant.twilioAccountSid() + ", auth token present"));
            }
        }
        return results;
    }
}
