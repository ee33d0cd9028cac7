package io.moked.crm.call;

/** Result of a status callback: {@code applied} is false for repeats and stale (out-of-order) statuses. */
public record StatusChange(boolean applied, Call call) {
}
