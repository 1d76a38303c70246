package com.endpointstudio.core.hosting;

import com.endpointstudio.core.endpoints.EndpointConfigInfo;
import com.endpointstudio.core.endpoints.EndpointDetails;
import java.util.List;
import java.util.Map;

/** What the endpoints dashboard reads and changes beyond the deploy recipe. */
public interface EndpointInventory {

    /** DescribeEndpoint, its config and models, tags, scaling; empty when the endpoint doesn't exist. */
    java.util.Optional<EndpointDetails> describe(String endpointName);

    /** Every EndpointConfig of the account and region (paginated), with the models it uses and its tags. */
    List<EndpointConfigInfo> endpointConfigs();

    /** UpdateEndpoint: switches the endpoint to another config (a blue/green replacement). */
    void updateEndpoint(String endpointName, String endpointConfigName);

    /** UpdateEndpointWeightsAndCapacities: new weights and/or instance counts, without a new config. */
    void updateWeightsAndCapacities(String endpointName, Map<String, Double> weights, Map<String, Integer> counts);

    /**
     * The models a multi-model endpoint holds in memory now, most recently used first; empty where
     * the host can't tell (SageMaker has no API for it: its CloudWatch metrics count loads instead).
     */
    default List<com.endpointstudio.core.endpoints.LoadedModel> loadedModels(String endpointName) {
        return List.of();
    }
}
