package io.moked.cli;

import picocli.CommandLine;

/** {@code agentctl --version}: the version Maven wrote into the jar manifest. */
final class ManifestVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Agentctl.class.getPackage().getImplementationVersion();
        return new String[] {"agentctl " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"};
    }
}
