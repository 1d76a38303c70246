package com.endpointstudio.core.endpoints;

import java.time.Instant;

/**
 * A model a multi-model endpoint holds in memory now (hosts that can tell: Local), as the console
 * lists it beside the models it can load.
 *
 * @param targetModel the TargetModel that loaded it
 */
public record LoadedModel(String targetModel, Instant loadedAt, Instant lastUsed) {
}
