package io.sfntaskbridge.starter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutionInputValidatorTest {

    private final ExecutionInputValidator validator = new ExecutionInputValidator();

    @Test
    void objectWithOrdersArrayPassesUnchanged() throws Exception {
        String input = "{\"orders\": [{\"orderId\": \"o-1\", \"needsEnrichment\": true}], \"batch\": 7}";

        assertThat(validator.validate(input)).isSameAs(input);
    }

    @Test
    void emptyOrdersArrayIsValid() throws Exception {
        assertThat(validator.validate("{\"orders\": []}")).isEqualTo("{\"orders\": []}");
    }

    @Test
    void anArrayOfOrdersOrAPointerPassesUnchanged() throws Exception {
        String items = "[{\"orderId\": \"o-1\", \"needsEnrichment\": true}]";
        String pointer = "{\"s3Payload\": {\"bucket\": \"b\", \"key\": \"items/orders.json\"}}";

        assertThat(validator.validate(items)).isSameAs(items);
        assertThat(validator.validate(pointer)).isSameAs(pointer);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                          | input is empty",
            "{\"orders\": [            | input is not valid JSON: Unexpected end-of-input",
            "\"orders\"                | input must be a JSON object with an \"orders\" array, an array of orders or an s3Payload pointer, not a string",
            "[{\"orderId\": 1}, 2]      | [1] must be an object, not a number",
            "{\"s3Payload\": {\"key\": \"k\"}} | an s3Payload pointer needs a text \"bucket\" and \"key\"",
            "{\"s3Payload\": {\"bucket\": \" \", \"key\": \"k\"}} | an s3Payload pointer needs a text \"bucket\" and \"key\"",
            "{\"order\": []}           | input has no \"orders\" array",
            "{\"orders\": {}}          | \"orders\" must be an array, not an object",
            "{\"orders\": [{}, 42]}    | orders[1] must be an object, not a number",
    })
    void malformedInputIsRejectedWithTheReason(String input, String reason) {
        assertThatThrownBy(() -> validator.validate(input))
                .isInstanceOf(InvalidExecutionInputException.class)
                .hasMessageStartingWith(reason);
    }
}
