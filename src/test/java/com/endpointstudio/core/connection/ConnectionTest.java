package com.endpointstudio.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.endpointstudio.core.error.FieldError;
import com.endpointstudio.core.error.ValidationException;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    @Test
    void aValidAwsConnectionPasses() {
        assertThatCode(() -> Connection.aws("Prod", "prod", "us-gov-west-1", "https://sagemaker.example.test").validate())
                .doesNotThrowAnyException();
        assertThatCode(() -> Connection.aws("Emu", null, "cn-north-1", "http://127.0.0.1:5000").validate())
                .doesNotThrowAnyException();
    }

    @Test
    void everyBadFieldIsNamed() {
        var connection = Connection.aws(" ", "p", "Virginia", "ftp://x");

        assertThatThrownBy(connection::validate)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field)
                        .containsExactly("Name", "Region", "Endpoint URL"))
                .hasMessageContaining("'Virginia' is not an AWS region code")
                .hasMessageContaining("'ftp://x' is not an http:// or https:// URL");
    }

    @Test
    void blankOptionalFieldsMeanNotSet() {
        var connection = Connection.aws("A", " ", "", "  ");

        assertThat(connection.profile()).isNull();
        assertThat(connection.region()).isNull();
        assertThat(connection.endpointUrl()).isNull();
        assertThat(connection.label()).isEqualTo("A");
    }
}
