package io.moked.crm.prompt;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.moked.crm.tenant.Tenant;
import io.moked.crm.tenant.TenantService;
import io.moked.error.ConflictException;
import io.moked.error.NotFoundException;
import io.moked.error.ValidationException;
import io.moked.testsupport.DbTestBase;
import io.moked.testsupport.Fixtures;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class PromptServiceContract extends DbTestBase {
    @Inject
    TenantService tenants;
    @Inject
    PromptService prompts;
    @Inject
    @Named("default")
    DataSource dataSource;

    @Test
    void pushCreatesNumberedVersionsThatAreNotActiveUntilActivated() {
        Tenant t = Fixtures.tenant(tenants, "push-co", "+97235556000");
        PromptVersion v1 = prompts.push(t, Channel.VOICE, "את {{assistant_name}}.", "first", "dana");
        PromptVersion v2 = prompts.push(t, Channel.VOICE, "את {{assistant_name}} מ{{business_name}}.", null, "dana");
        PromptVersion chat1 = prompts.push(t, Channel.CHAT, "chat {{business_name}}", null, "dana");
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        assertEquals(1, chat1.version(), "versions are numbered per channel");
        assertFalse(v2.active());
        assertTrue(prompts.active(t, Channel.VOICE).isEmpty());
        assertEquals(List.of(1, 2), prompts.list(t, Channel.VOICE).stream().map(PromptVersion::version).toList());
        assertEquals("first", prompts.show(t, Channel.VOICE, 1).note());
        assertEquals("dana", prompts.show(t, Channel.VOICE, 2).author());
        NotFoundException missing = assertThrows(NotFoundException.class, () -> prompts.show(t, Channel.VOICE, 9));
        assertTrue(missing.getMessage().contains("version 9"));
        assertThrows(NotFoundException.class, () -> prompts.show(t, Channel.SMS, 1));
    }

    @Test
    void unknownPlaceholderIsRejectedListingTheKnownOnes() {
        Tenant t = Fixtures.tenant(tenants, "placeholder-co", "+97235556100");
        ValidationException e = assertThrows(ValidationException.class,
                () -> prompts.push(t, Channel.VOICE, "שלום {{client_name}} ו{{bussiness}}", null, "dana"));
        assertTrue(e.getMessage().contains("{{client_name}}, {{bussiness}}"), e.getMessage());
        for (String known : Placeholders.KNOWN.keySet()) {
            assertTrue(e.getMessage().contains("{{" + known + "}}"), "lists " + known);
        }
        assertTrue(prompts.list(t, Channel.VOICE).isEmpty(), "nothing stored");
        assertThrows(ValidationException.class, () -> prompts.push(t, Channel.VOICE, "  ", null, "dana"));
    }

    @Test
    void versionsAreImmutableInTheDatabase() throws SQLException {
        Tenant t = Fixtures.tenant(tenants, "immutable-co", "+97235556200");
        PromptVersion v1 = prompts.push(t, Channel.VOICE, "original", null, "dana");
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE prompt_versions SET body = 'tampered' WHERE id = " + v1.id()));
            assertTrue(e.getMessage().contains("immutable"), e.getMessage());
        }
        assertEquals("original", prompts.show(t, Channel.VOICE, 1).body());
    }

    @Test
    void activateAndRollbackWalkBackThroughHistory() {
        Tenant t = Fixtures.tenant(tenants, "activate-co", "+97235556300");
        for (int i = 1; i <= 3; i++) {
            prompts.push(t, Channel.VOICE, "version " + i, null, "dana");
        }
        assertThrows(ConflictException.class, () -> prompts.rollback(t, Channel.VOICE, "dana"));
        prompts.activate(t, Channel.VOICE, 1, "dana");
        assertThrows(ConflictException.class, () -> prompts.rollback(t, Channel.VOICE, "dana"),
                "the first activation has nothing before it");
        prompts.activate(t, Channel.VOICE, 2, "dana");
        PromptActivation third = prompts.activate(t, Channel.VOICE, 3, "yossi");
        assertEquals("yossi", third.actor());
        assertEquals(3, prompts.active(t, Channel.VOICE).orElseThrow().version());
        assertTrue(prompts.show(t, Channel.VOICE, 3).active());

        PromptActivation back = prompts.rollback(t, Channel.VOICE, "dana");
        assertEquals(2, back.version());
        assertEquals(PromptActivation.ROLLBACK, back.action());
        assertEquals(2, prompts.active(t, Channel.VOICE).orElseThrow().version());
        assertEquals(1, prompts.rollback(t, Channel.VOICE, "dana").version());
        assertThrows(ConflictException.class, () -> prompts.rollback(t, Channel.VOICE, "dana"));
        assertEquals(1, prompts.active(t, Channel.VOICE).orElseThrow().version());

        List<PromptActivation> history = prompts.history(t, Channel.VOICE);
        assertEquals(List.of(1, 2, 3, 2, 1), history.stream().map(PromptActivation::version).toList(),
                "newest first");
        assertEquals(PromptActivation.ROLLBACK, history.get(0).action());
        assertEquals(PromptActivation.ACTIVATE, history.get(history.size() - 1).action());
        assertEquals("yossi", history.get(2).actor());
        assertThrows(NotFoundException.class, () -> prompts.activate(t, Channel.VOICE, 7, "dana"));
    }

    @Test
    void diffIsUnified() {
        Tenant t = Fixtures.tenant(tenants, "diff-co", "+97235556400");
        prompts.push(t, Channel.VOICE, "שורה אחת\nשורה שתיים\nשורה שלוש", null, "dana");
        prompts.push(t, Channel.VOICE, "שורה אחת\nשורה 2\nשורה שלוש", null, "dana");
        String diff = prompts.diff(t, Channel.VOICE, 1, 2);
        assertTrue(diff.startsWith("--- voice v1\n+++ voice v2\n@@ -1,3 +1,3 @@"), diff);
        assertTrue(diff.contains("\n-שורה שתיים\n+שורה 2\n"), diff);
        assertEquals("", prompts.diff(t, Channel.VOICE, 2, 2));
        assertThrows(NotFoundException.class, () -> prompts.diff(t, Channel.VOICE, 1, 5));
    }

    @Test
    void renderFillsPlaceholdersForTheActiveVersionAndPicksUpActivationsForTheNextCall() throws Exception {
        Tenant t = Fixtures.tenant(tenants, "render-co", "+97235556500");
        assertThrows(NotFoundException.class, () -> prompts.render(t, Channel.VOICE, PromptContext.at(Instant.now())));
        prompts.push(t, Channel.VOICE, "עסק: {{business_name}}; עוזרת: {{assistant_name}}; יום: {{weekday}}; "
                + "שעה: {{now}}; מתקשר: {{caller_phone}} {{caller_name}}\n{{lead_details}}\nפתיח: {{greeting}}", null, "d");
        prompts.activate(t, Channel.VOICE, 1, "d");
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("תקציב", "2.5 מיליון");
        facts.put("אזור", "פלורנטין");
        // Sunday 2025-06-01 07:30 UTC = 10:30 in Jerusalem (IDT, UTC+3)
        RenderedPrompt r = prompts.render(t, Channel.VOICE, new PromptContext(Instant.parse("2025-06-01T07:30:00Z"),
                "+972525551234", "רון", facts));
        assertEquals(1, r.version());
        assertTrue(r.text().contains("עסק: משרד render-co; עוזרת: נועה;"), r.text());
        assertTrue(r.text().contains("יום: יום ראשון; שעה: 10:30;"), r.text());
        assertTrue(r.text().contains("מתקשר: +972525551234 רון"), r.text());
        assertTrue(r.text().contains("תקציב: 2.5 מיליון\nאזור: פלורנטין"), r.text());
        assertTrue(r.greeting().contains("משרד render-co") && r.greeting().contains("נועה"), r.greeting());
        assertFalse(r.text().contains("{{"), r.text());

        prompts.push(t, Channel.VOICE, Files.readString(exampleVoicePrompt()), "example", "d");
        prompts.activate(t, Channel.VOICE, 2, "d");
        RenderedPrompt next = prompts.render(t, Channel.VOICE, PromptContext.at(Instant.parse("2025-06-01T07:30:00Z")));
        assertEquals(2, next.version(), "the next call gets the newly activated version");
        assertFalse(next.text().contains("{{"));

        // an eval renders a version that is not active, and activation stays as it was
        RenderedPrompt tried = prompts.render(t, Channel.VOICE, 1, PromptContext.at(
                Instant.parse("2025-06-01T07:30:00Z")));
        assertEquals(1, tried.version());
        assertTrue(tried.text().contains("עסק: משרד render-co; עוזרת: נועה;"), tried.text());
        assertEquals(2, prompts.active(t, Channel.VOICE).orElseThrow().version());
        assertThrows(NotFoundException.class, () -> prompts.render(t, Channel.VOICE, 9, PromptContext.at(
                Instant.now())));
    }

    static Path exampleVoicePrompt() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("config/examples/prompts/voice.he.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("config/examples/prompts/voice.he.md not found");
    }
}
