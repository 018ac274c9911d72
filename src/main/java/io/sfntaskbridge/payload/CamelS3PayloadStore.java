package io.sfntaskbridge.payload;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.apache.camel.component.aws2.s3.AWS2S3Operations;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Payloads as S3 objects through camel-aws2-s3's producer ({@code aws2-s3://<bucket>?operation=...}), so its client
 * and settings are the component's: the runtime's {@code s3Client} (region, endpoint, default credentials chain) is
 * autowired, and {@code camel.component.aws2-s3.*} applies. An object carries its SHA-256 as user metadata
 * {@value #SHA256_METADATA}; a put finds an object with the same one and writes nothing.
 */
public class CamelS3PayloadStore implements PayloadStore {

    public static final String SHA256_METADATA = "sha256";
    private static final int NOT_FOUND = 404;
    private static final int FORBIDDEN = 403;

    private final CamelContext camelContext;
    private volatile ProducerTemplate template;

    public CamelS3PayloadStore(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public boolean put(String bucket, String key, byte[] bytes, String sha256) {
        try {
            HeadObjectResponse head = call(bucket, AWS2S3Operations.headObject, key, null).getMessage()
                    .getBody(HeadObjectResponse.class);
            if (head != null && sha256.equals(head.metadata().get(SHA256_METADATA))) {
                return false;
            }
        } catch (S3Exception e) {
            if (e.statusCode() != NOT_FOUND) {
                throw new PayloadException(PayloadException.STORE_FAILED, "s3://" + bucket + "/" + key
                                           + " could not be checked: " + reason(e), e);
            }
        }
        try {
            call(bucket, null, key, exchange -> {
                exchange.getMessage().setBody(bytes);
                exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, (long) bytes.length);
                exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_TYPE, "application/json");
                exchange.getMessage().setHeader(AWS2S3Constants.METADATA, Map.of(SHA256_METADATA, sha256));
            });
            return true;
        } catch (SdkException e) {
            throw new PayloadException(PayloadException.STORE_FAILED, "s3://" + bucket + "/" + key
                                       + " could not be written: " + reason(e), e);
        }
    }

    @Override
    public byte[] get(String bucket, String key) {
        String uri = "s3://" + bucket + "/" + key;
        try (InputStream body = call(bucket, AWS2S3Operations.getObject, key, null).getMessage()
                .getBody(InputStream.class)) {
            if (body == null) {
                throw new PayloadException(PayloadException.UNREADABLE, uri + " has no content", null);
            }
            return body.readAllBytes();
        } catch (NoSuchKeyException e) {
            throw new PayloadException(PayloadException.NOT_FOUND, uri + " does not exist", e);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                throw new PayloadException(PayloadException.NOT_FOUND, uri + " does not exist (" + reason(e) + ")", e);
            }
            throw new PayloadException(PayloadException.UNREADABLE, uri + " could not be read: " + reason(e)
                    + (e.statusCode() == FORBIDDEN ? " (the runtime needs s3:GetObject on it, and s3:ListBucket on"
                                                     + " the bucket to tell a missing object)" : ""), e);
        } catch (SdkException | IOException e) {
            throw new PayloadException(PayloadException.UNREADABLE, uri + " could not be read: " + reason(e), e);
        }
    }

    @Override
    public Optional<String> bucketProblem(String bucket) {
        try {
            // headBucket reads the bucket only from this header; it reports a missing one in BUCKET_EXISTS.
            Exchange head = call(bucket, AWS2S3Operations.headBucket, null, exchange -> exchange.getMessage()
                    .setHeader(AWS2S3Constants.OVERRIDE_BUCKET_NAME, bucket));
            boolean exists = head.getMessage().getHeader(AWS2S3Constants.BUCKET_EXISTS, true, Boolean.class);
            return exists ? Optional.empty() : Optional.of("does not exist");
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.of("does not exist");
            }
            if (e.statusCode() == FORBIDDEN) {
                return Optional.of("refused HeadBucket (HTTP 403): it belongs to another account, or the runtime lacks"
                                   + " s3:ListBucket on it");
            }
            return Optional.of("could not be checked: " + reason(e));
        } catch (SdkException | PayloadException e) {
            return Optional.of("could not be checked: " + reason(e));
        }
    }

    /**
     * Sends one exchange to the bucket's endpoint: {@code operation}, or a put when null (the producer's default);
     * the SDK's exception, if any, is thrown as it is.
     */
    private Exchange call(String bucket, AWS2S3Operations operation, String key, Processor more) {
        Exchange result = template().send("aws2-s3://" + bucket + "?autoCreateBucket=false", exchange -> {
            exchange.getMessage().setHeader(AWS2S3Constants.KEY, key);
            if (operation != null) {
                exchange.getMessage().setHeader(AWS2S3Constants.S3_OPERATION, operation);
            }
            if (more != null) {
                more.process(exchange);
            }
        });
        Exception failure = result.getException();
        if (failure instanceof SdkException sdk) {
            throw sdk;
        }
        if (failure != null) {
            String where = "s3://" + bucket + (key == null ? "" : "/" + key);
            throw new PayloadException(operation == null ? PayloadException.STORE_FAILED : PayloadException.UNREADABLE,
                    where + ": " + failure.getMessage(), failure);
        }
        return result;
    }

    private ProducerTemplate template() {
        ProducerTemplate current = template;
        if (current == null) {
            synchronized (this) {
                if (template == null) {
                    template = camelContext.createProducerTemplate();
                }
                current = template;
            }
        }
        return current;
    }

    private static String reason(Exception e) {
        if (e instanceof S3Exception s3 && s3.awsErrorDetails() != null) {
            return s3.awsErrorDetails().errorCode() + " (HTTP " + s3.statusCode() + ")";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
