package io.moked;

import io.micronaut.runtime.Micronaut;

/** Entry point of the Moked appliance (also started in-process by {@code agentctl serve}). */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
