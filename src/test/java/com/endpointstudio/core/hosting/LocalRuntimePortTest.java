package com.endpointstudio.core.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the studio says when this computer's runtime is not on the port the README's commands name. */
class LocalRuntimePortTest {

    @Test
    void onTheUsualPortNothingIsSaid() {
        assertThat(LocalRuntimePort.moved("http://127.0.0.1:8399")).isEmpty();
        assertThat(LocalRuntimePort.movedNote("http://127.0.0.1:8399")).isEmpty();
    }

    @Test
    void elsewhereTheReasonAndTheAddressToUseAreSaid() {
        assertThat(LocalRuntimePort.moved("http://127.0.0.1:40123")).contains("Port 8399 was taken, so this "
                + "computer's runtime listens on 40123: use http://127.0.0.1:40123 where commands say "
                + "http://127.0.0.1:8399.");
        assertThat(LocalRuntimePort.movedNote("http://127.0.0.1:40123")).isEqualTo(" (port 8399 was taken, so this "
                + "computer's runtime listens on 40123: use http://127.0.0.1:40123 where commands say "
                + "http://127.0.0.1:8399)");
    }

    @Test
    void aPortChosenWithThePropertyIsNotCalledTaken() {
        System.setProperty(LocalRuntimePort.PROPERTY, "0");
        try {
            assertThat(LocalRuntimePort.moved("http://127.0.0.1:40123")).get().asString()
                    .startsWith("The runtime port is set to 0 by -Dendpointstudio.runtimePort, so this computer's "
                            + "runtime listens on 40123")
                    .doesNotContain("taken");
        } finally {
            System.clearProperty(LocalRuntimePort.PROPERTY);
        }
    }
}
