package io.sfntaskbridge.component;

import io.sfntaskbridge.task.SfnTaskErrors;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.JsonParseException;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErrorNameMapperTest {

    private final ErrorNameMapper defaults = ErrorNameMapper.parse(null);

    @Test
    void builtInEntriesCoverTimeoutsAndInvalidInput() {
        assertThat(defaults.errorNameFor(new SocketTimeoutException())).contains(SfnTaskErrors.TIMEOUT);
        assertThat(defaults.errorNameFor(new TimeoutException())).contains(SfnTaskErrors.TIMEOUT);
        assertThat(defaults.errorNameFor(new JsonParseException(null, "bad"))).contains(SfnTaskErrors.INVALID_INPUT);
        assertThat(defaults.errorNameFor(new NumberFormatException())).contains(SfnTaskErrors.INVALID_INPUT);
        assertThat(defaults.errorNameFor(new IllegalStateException())).isEmpty();
        assertThat(defaults.errorNameFor(null)).isEmpty();
    }

    @Test
    void causeChainIsSearchedWhenTheThrownExceptionDoesNotMatch() {
        Exception wrapped = new RuntimeCamelException(new IOException("io", new SocketTimeoutException()));

        assertThat(defaults.errorNameFor(wrapped)).contains(SfnTaskErrors.TIMEOUT);
    }

    @Test
    void userEntriesWinOverBuiltInOnesEvenForASuperclass() {
        ErrorNameMapper mapper = ErrorNameMapper.parse(
                "java.io.IOException=App.Io, java.lang.IllegalStateException = App.State");

        assertThat(mapper.errorNameFor(new SocketTimeoutException())).contains("App.Io");
        assertThat(mapper.errorNameFor(new IllegalStateException())).contains("App.State");
        assertThat(mapper.errorNameFor(new TimeoutException())).contains(SfnTaskErrors.TIMEOUT);
    }

    @Test
    void causeLoopDoesNotHang() {
        Exception outer = new Exception("outer");
        Exception inner = new Exception("inner", outer);
        outer.initCause(inner);

        assertThat(defaults.errorNameFor(outer)).isEmpty();
    }

    @Test
    void malformedEntryIsRejectedWithTheExpectedFormat() {
        assertThatThrownBy(() -> ErrorNameMapper.parse("java.io.IOException"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fully.qualified.ExceptionClass=Error.Name");
    }
}
