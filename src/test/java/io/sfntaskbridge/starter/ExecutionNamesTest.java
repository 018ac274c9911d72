package io.sfntaskbridge.starter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionNamesTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-25T12:03:04Z"), ZoneOffset.UTC);

    private final ExecutionNames names = new ExecutionNames(FIXED, 0x7f3a9c);

    @Test
    void nameIsSourceThenUtcTimeThenCounter() {
        assertThat(names.forSource("orders")).isEqualTo("orders-2026-11-25-120304-7f3a9c");
        assertThat(names.forSource("orders")).isEqualTo("orders-2026-11-25-120304-7f3a9d");
    }

    @Test
    void disallowedCharactersBecomeSingleDashes() {
        assertThat(names.forSource("  Bestellungen März/2026 (v2).final "))
                .startsWith("Bestellungen-M-rz-2026-v2-final-2026-11-25-120304-")
                .matches("[A-Za-z0-9_-]+");
    }

    @Test
    void missingOrUnusableSourceStillNamesTheExecution() {
        assertThat(names.forSource(null)).startsWith("execution-2026-11-25-");
        assertThat(names.forSource("///")).startsWith("execution-2026-11-25-");
    }

    @Test
    void longSourceIsShortenedToStepFunctionsLimit() {
        String name = names.forSource("a".repeat(70) + "-" + "b".repeat(70));

        assertThat(name).hasSize(ExecutionNames.MAX_LENGTH).startsWith("a".repeat(55) + "-2026-11-25-120304-");
    }

    @Test
    void shorteningNeverLeavesADoubleDash() {
        assertThat(names.forSource("a".repeat(54) + "-tail")).doesNotContain("--");
    }

    @Test
    void namesAreUniqueWithinTheSameSecondAndAcrossCounterWrap() {
        ExecutionNames nearWrap = new ExecutionNames(FIXED, 0xFFFFF0);
        Set<String> seen = new HashSet<>();

        IntStream.range(0, 100_000).forEach(i -> assertThat(seen.add(nearWrap.forSource("orders"))).isTrue());
    }

    @Test
    void defaultInstanceUsesTheWallClock() {
        assertThat(new ExecutionNames().forSource("http")).matches("http-\\d{4}-\\d{2}-\\d{2}-\\d{6}-[0-9a-f]{6}");
    }
}
