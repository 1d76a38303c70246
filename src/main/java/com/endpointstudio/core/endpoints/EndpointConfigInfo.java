package com.endpointstudio.core.endpoints;

import java.util.List;
import java.util.Map;

/** An EndpointConfig's name, the models its variants use, and its tags: what a cascading delete checks. */
public record EndpointConfigInfo(String name, List<String> modelNames, Map<String, String> tags) {
}
