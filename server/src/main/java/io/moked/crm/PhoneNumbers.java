package io.moked.crm;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.moked.config.MokedConfig;
import io.moked.error.ValidationException;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Normalises phone numbers as people type them (052-555-1234, 972501234567, +972 50 123 4567, (03) 555-1234) to
 * E.164 with libphonenumber; numbers without a country code are read in the configured region (default IL).
 */
@Singleton
public class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /**
     * Already-E.164 input (Twilio caller IDs) only has to be a possible number: it comes from the carrier, and
     * rejecting it because libphonenumber's range metadata lags a new allocation would lose a caller. Typed input
     * must be a valid number, which catches typos.
     */
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9]\\d{6,14}");

    private final String defaultRegion;

    public PhoneNumbers(MokedConfig config) {
        this(config.phoneRegion());
    }

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    /** @throws ValidationException naming the input and why it is not a valid number */
    public String toE164(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ValidationException("phone number is empty");
        }
        String input = raw.strip();
        Phonenumber.PhoneNumber number;
        try {
            number = UTIL.parse(withPlusIfInternational(input), defaultRegion);
        } catch (NumberParseException e) {
            throw new ValidationException("invalid phone number '" + raw + "': " + reason(e));
        }
        if (!UTIL.isValidNumber(number) && !(E164.matcher(input).matches() && UTIL.isPossibleNumber(number))) {
            throw new ValidationException("invalid phone number '" + raw + "': not a valid number for region "
                    + regionOf(number));
        }
        return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
    }

    /**
     * "972501234567" has no '+' and would be read as a (too long) local number; digits that start with a known
     * country code and are too long to be national are treated as international.
     */
    private String withPlusIfInternational(String input) {
        String digits = input.replaceAll("[\\s\\-().]", "");
        if (!digits.matches("\\d{11,15}") || digits.startsWith("0")) {
            return input;
        }
        int ownCode = UTIL.getCountryCodeForRegion(defaultRegion);
        return digits.startsWith(Integer.toString(ownCode)) ? "+" + digits : input;
    }

    private static String regionOf(Phonenumber.PhoneNumber number) {
        String region = UTIL.getRegionCodeForNumber(number);
        return region == null ? "+" + number.getCountryCode() : region;
    }

    private static String reason(NumberParseException e) {
        switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE:
                return "unknown country code";
            case NOT_A_NUMBER:
                return "not a phone number";
            case TOO_SHORT_NSN:
            case TOO_SHORT_AFTER_IDD:
                return "too short";
            case TOO_LONG:
                return "too long";
            default:
                return e.getMessage();
        }
    }
}
