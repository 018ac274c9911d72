package io.sfntaskbridge.provision;

/** Provisioning cannot proceed; the message alone tells the operator what to fix. */
public class ProvisioningException extends RuntimeException {

    public ProvisioningException(String message) {
        super(message);
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
