package io.moked.tts.g2p;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.moked.engine.ModelFiles;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The two Hebrew G2P adapters as beans; each loads its model only when a voice of its convention warms up. */
@Factory
public class G2pFactory {
    @Singleton
    HebrewPhonemizer hebrewPhonemizer() {
        return new HebrewPhonemizer();
    }

    @Singleton
    @Named(RenikudG2p.NAME)
    @Bean(preDestroy = "close")
    RenikudG2p renikud(G2pConfig config, ModelFiles models) {
        return new RenikudG2p(() -> models.require(RenikudG2p.NAME,
                "renikud G2P model (moked.engines.tts.g2p.renikud-model)", config.renikudModel()), config.threads());
    }

    @Singleton
    @Named(PhonikudG2p.NAME)
    @Bean(preDestroy = "close")
    PhonikudG2p phonikud(G2pConfig config, ModelFiles models, HebrewPhonemizer phonemizer) {
        return new PhonikudG2p(
                () -> models.require(PhonikudG2p.NAME, "phonikud diacritizer (moked.engines.tts.g2p.phonikud-model)",
                        config.phonikudModel()),
                () -> models.require(PhonikudG2p.NAME,
                        "phonikud tokenizer (moked.engines.tts.g2p.phonikud-tokenizer)", config.phonikudTokenizer()),
                config.threads(), phonemizer);
    }
}
