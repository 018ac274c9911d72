package io.sfntaskbridge.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.sfntaskbridge.payload.CamelS3PayloadStore;
import io.sfntaskbridge.payload.PayloadOffload;
import io.sfntaskbridge.payload.PayloadPointer;
import io.sfntaskbridge.provision.ProvisionSummary.Action;
import io.sfntaskbridge.provision.ProvisionSummary.Resource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The payload bucket's share of provisioning: the bucket, its expiry rule and the S3 sample's orders, each found and
 * left as it is or set again, never created twice.
 */
final class PayloadBucket {

    /** The one lifecycle rule provisioning owns; rules of other IDs in the bucket are kept as they are. */
    static final String EXPIRY_RULE_ID = "sfn-task-bridge-payload-expiry";
    private final S3Client s3;

    PayloadBucket(S3Client s3) {
        this.s3 = s3;
    }

    Resource bucket(String name) {
        if (exists(name)) {
            return new Resource(name, "s3://" + name, Action.UPDATED);
        }
        Region region = s3.serviceClientConfiguration().region();
        try {
            s3.createBucket(request -> {
                request.bucket(name);
                // us-east-1 is the default location and must not be named; every other region must be.
                if (!Region.US_EAST_1.equals(region)) {
                    request.createBucketConfiguration(bucket -> bucket.locationConstraint(region.id()));
                }
            });
        } catch (BucketAlreadyOwnedByYouException e) {
            return new Resource(name, "s3://" + name, Action.UPDATED);
        } catch (BucketAlreadyExistsException e) {
            throw new ProvisioningException("bucket " + name + " (bridge.payload.bucket) belongs to another AWS "
                                            + "account; bucket names are global, so choose another name");
        }
        return new Resource(name, "s3://" + name, Action.CREATED);
    }

    /**
     * Sets the rule that expires the runtime's payloads under {@code keyPrefix} after {@code days}. A bucket has one
     * lifecycle configuration, which a put replaces whole, so the rules of others are read and put back beside it.
     */
    Resource expiryRule(String bucket, String keyPrefix, int days) {
        List<LifecycleRule> rules = new ArrayList<>();
        boolean existed = false;
        for (LifecycleRule rule : rules(bucket)) {
            if (EXPIRY_RULE_ID.equals(rule.id())) {
                existed = true;
            } else {
                rules.add(rule);
            }
        }
        // Filter.Prefix: the top-level Prefix of a rule is deprecated (and LocalStack refuses it as MalformedXML).
        rules.add(LifecycleRule.builder().id(EXPIRY_RULE_ID).status(ExpirationStatus.ENABLED)
                .filter(filter -> filter.prefix(keyPrefix)).expiration(expiry -> expiry.days(days)).build());
        s3.putBucketLifecycleConfiguration(request -> request.bucket(bucket)
                .lifecycleConfiguration(configuration -> configuration.rules(rules)));
        return new Resource(EXPIRY_RULE_ID, keyPrefix + "* after " + days + " days",
                existed ? Action.UPDATED : Action.CREATED);
    }

    /**
     * Uploads {@code content} unless an object with the same bytes is there. UPDATED: an object was there, replaced
     * only if its content differed.
     */
    Resource upload(String bucket, String key, byte[] content) {
        String sha256 = PayloadOffload.sha256(content);
        Optional<HeadObjectResponse> existing = head(bucket, key);
        Resource resource = new Resource(key, "s3://" + bucket + "/" + key,
                existing.isPresent() ? Action.UPDATED : Action.CREATED);
        boolean same = existing.filter(object -> object.contentLength() == content.length
                && sha256.equals(object.metadata().get(CamelS3PayloadStore.SHA256_METADATA))).isPresent();
        if (!same) {
            s3.putObject(request -> request.bucket(bucket).key(key).contentType("application/json")
                    .metadata(Map.of(CamelS3PayloadStore.SHA256_METADATA, sha256)), RequestBody.fromBytes(content));
        }
        return resource;
    }

    /** The execution input that points at an object: a {@link PayloadPointer}, as the runtime writes it. */
    static String pointer(String bucket, String key, byte[] content) {
        return new PayloadPointer(bucket, key, content.length, PayloadOffload.sha256(content)).toJson();
    }

    private boolean exists(String bucket) {
        try {
            s3.headBucket(request -> request.bucket(bucket));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            if (e.statusCode() == 403) {
                throw new ProvisioningException("bucket " + bucket + " (bridge.payload.bucket) exists but HeadBucket "
                                                + "was refused (403): it belongs to another account, or this role "
                                                + "lacks s3:ListBucket on it");
            }
            throw e;
        }
    }

    private List<LifecycleRule> rules(String bucket) {
        try {
            return s3.getBucketLifecycleConfiguration(request -> request.bucket(bucket)).rules();
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && "NoSuchLifecycleConfiguration".equals(e.awsErrorDetails().errorCode())) {
                return List.of();
            }
            throw e;
        }
    }

    private Optional<HeadObjectResponse> head(String bucket, String key) {
        try {
            return Optional.of(s3.headObject(request -> request.bucket(bucket).key(key)));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
