package io.moked.crm.lead.files;

import jakarta.inject.Singleton;

import java.nio.file.Path;

/** The appliance's header map: {@code moked.lead-files.headers-file}, else the built-in one; read once. */
@Singleton
public class HeaderMaps {
    private final LeadFilesConfig config;
    private volatile HeaderMap map;

    HeaderMaps(LeadFilesConfig config) {
        this.config = config;
    }

    public HeaderMap get() {
        HeaderMap m = map;
        if (m == null) {
            m = config.headersFile() == null || config.headersFile().isBlank() ? HeaderMap.builtIn()
                    : HeaderMap.load(Path.of(config.headersFile()));
            map = m;
        }
        return m;
    }
}
