package io.moked.crm;

import io.moked.error.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumbersTest {
    private final PhoneNumbers phones = new PhoneNumbers("IL");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "052-555-1234        | +972525551234",
            "0525551234          | +972525551234",
            "052 555 1234        | +972525551234",
            "972525551234        | +972525551234",
            "+972525551234       | +972525551234",
            "+972 52-555-1234    | +972525551234",
            "00972525551234      | +972525551234",
            "(03) 555-0100       | +97235550100",
            "03-5550100          | +97235550100",
            "972-3-555-0100      | +97235550100",
            "+1 (212) 555-0143   | +12125550143",
            "+44 20 7946 0018    | +442079460018",
            "+972501234567       | +972501234567",
    })
    void normalisesToE164(String input, String expected) {
        assertEquals(expected, phones.toE164(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "abc", "050-123-4567", "052-555-12345678", "+999 123 4567", "+972 12"})
    void rejectsInvalidNumbersWithTheReason(String input) {
        ValidationException e = assertThrows(ValidationException.class, () -> phones.toE164(input));
        assertTrue(e.getMessage().startsWith("invalid phone number '" + input + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsEmpty(String input) {
        assertEquals("phone number is empty", assertThrows(ValidationException.class, () -> phones.toE164(input))
                .getMessage());
    }
}
