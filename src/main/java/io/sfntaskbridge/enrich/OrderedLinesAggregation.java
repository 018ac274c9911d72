package io.sfntaskbridge.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;

/**
 * Split aggregation for order lines enriched in parallel: collects each line's result at its split index, so the
 * result list has the order's line order however the calls complete. A line whose route failed contributes a
 * {@link LineFailure} instead of its body, and its exception stops there: whether the order as a whole fails is the
 * partial-failure policy's decision ({@link EnrichedOrderAssembler}), not the splitter's.
 * <p>
 * The result is a copy of the split's input exchange, so the order's headers (the task token among them) come out
 * of the split unchanged, whatever the lookups put on their own exchanges. Stateless; one bean serves all tasks.
 */
public class OrderedLinesAggregation implements AggregationStrategy {

    static final String RESULTS = "enrichOrderedLineResults";

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        throw new UnsupportedOperationException("needs the split's input exchange; use it as a split strategy");
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange, Exchange inputExchange) {
        Exchange result = oldExchange != null ? oldExchange : startResult(inputExchange);
        int index = newExchange.getProperty(ExchangePropertyKey.SPLIT_INDEX, Integer.class);
        Exception failure = newExchange.getException();
        results(result).put(index, failure != null ? LineFailure.of(failure) : newExchange.getMessage().getBody());
        return result;
    }

    @Override
    public void onCompletion(Exchange exchange, Exchange inputExchange) {
        List<Object> ordered = exchange == null ? List.of() : new ArrayList<>(results(exchange).values());
        (exchange == null ? inputExchange : exchange).getMessage().setBody(ordered);
        if (exchange != null) {
            exchange.removeProperty(RESULTS);
        }
    }

    private static Exchange startResult(Exchange inputExchange) {
        Exchange result = inputExchange.copy();
        result.setProperty(RESULTS, new TreeMap<Integer, Object>());
        return result;
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<Integer, Object> results(Exchange result) {
        return result.getProperty(RESULTS, SortedMap.class);
    }
}
