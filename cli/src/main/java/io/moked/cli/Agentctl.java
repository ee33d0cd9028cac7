package io.moked.cli;

/** agentctl entry point. */
public final class Agentctl {
    private Agentctl() {
    }

    public static void main(String[] args) {
        System.out.println("agentctl");
    }
}
