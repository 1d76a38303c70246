package com.endpointstudio.core.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The JSONPath subset of the Developer Guide's "Supported JSONPath Operators", with its examples. */
class JsonPathFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROW = "[\"id-7\",\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]";

    private static String select(String path, String json) throws Exception {
        return JSON.writeValueAsString(JsonPathFilter.parse(path).apply(JSON.readTree(json)));
    }

    @Test
    void slicesIncludeTheirEndAsTheGuideSaysAndOpenEndsReachTheEdges() throws Exception {
        // "$[1:4] specifies the second through fifth columns"; "[:5] ... from the first column through the sixth"
        assertThat(select("$[1:4]", ROW)).isEqualTo("[\"a\",\"b\",\"c\",\"d\"]");
        assertThat(select("$[:5]", ROW)).isEqualTo("[\"id-7\",\"a\",\"b\",\"c\",\"d\",\"e\"]");
        assertThat(select("$[1:]", ROW)).isEqualTo("[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]");
        assertThat(select("$[2:5]", ROW)).isEqualTo("[\"b\",\"c\",\"d\",\"e\"]");
    }

    @Test
    void indexesNegativeIndexesAndAnIndexWithARangeSelectColumns() throws Exception {
        assertThat(select("$[0]", ROW)).isEqualTo("\"id-7\"");
        assertThat(select("$[0,-1]", ROW)).isEqualTo("[\"id-7\",\"f\"]");
        assertThat(select("$[1,3,5]", ROW)).isEqualTo("[\"a\",\"c\",\"e\"]");
        // the API reference's OutputFilter example: the ID column and the prediction after five input columns
        assertThat(select("$[0,5:]", "[\"id\",\"1\",\"2\",\"3\",\"4\",\"0.9\"]")).isEqualTo("[\"id\",\"0.9\"]");
        assertThat(select("$", ROW)).isEqualTo(ROW);
    }

    @Test
    void attributesWildcardsAndSeveralChildrenSelectFromObjects() throws Exception {
        String record = "{\"id\":1,\"features\":[0.5,1.5],\"SageMakerOutput\":{\"label\":1}}";
        assertThat(select("$.features", record)).isEqualTo("[0.5,1.5]");
        assertThat(select("$['id','SageMakerOutput']", record)).isEqualTo("{\"id\":1,\"SageMakerOutput\":{\"label\":1}}");
        assertThat(select("$.SageMakerOutput.*", record)).isEqualTo("[1]");
        assertThat(select("$.features[1]", record)).isEqualTo("1.5");
        assertThat(select("$['features']", record)).isEqualTo("[0.5,1.5]");
        JsonNode nested = JSON.readTree("{\"field1\":{\"child1\":1,\"child2\":2,\"child3\":3}}");
        assertThat(JsonPathFilter.parse("$.field1.['child1','child2']").apply(nested).toString())
                .isEqualTo("{\"child1\":1,\"child2\":2}");
    }

    @Test
    void pathsSageMakerRefusesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> JsonPathFilter.parse("$[0:2,246:]")).hasMessageContaining("only one range");
        assertThatThrownBy(() -> JsonPathFilter.parse("$['account_id','SageMakerOutput']"))
                .hasMessageContaining("'_' is not among the characters");
        assertThatThrownBy(() -> JsonPathFilter.parse("features")).hasMessageContaining("starts with $");
        assertThatThrownBy(() -> JsonPathFilter.parse("$.field1.['child1','child2.grandchild']"))
                .hasMessageContaining("can't nest");
        assertThatThrownBy(() -> JsonPathFilter.parse("$[1")).hasMessageContaining("not closed");
    }

    @Test
    void anIndexBeyondTheRecordFailsTheRecord() {
        assertThatThrownBy(() -> select("$[9]", ROW)).hasMessageContaining("index 9 is beyond the record's 7 elements");
        assertThatThrownBy(() -> select("$.missing", "{\"id\":1}")).hasMessageContaining("no attribute 'missing'");
    }

    @Test
    void onlyIndexPathsSuitCsvRecords() {
        assertThat(JsonPathFilter.parse("$[0,5:]").indexesOnly()).isTrue();
        assertThat(JsonPathFilter.parse("$.features").indexesOnly()).isFalse();
        assertThat(JsonPathFilter.parse("$").isRoot()).isTrue();
    }
}
