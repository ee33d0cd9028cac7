package io.moked.cli.sim.upstream;

/** The request cannot be answered; reported to the client as an OpenAI-style 400 error. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }
}
