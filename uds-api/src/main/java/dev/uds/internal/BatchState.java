package dev.uds.internal;

import dev.uds.MessageBatch;

/**
 * The part of a {@link MessageBatch} that only the native backends see: the native vectors a
 * backend keeps with the batch, and each message's result. {@code MessageBatch} installs the
 * access when its class is initialized, which has happened before any batch reaches a backend;
 * the API keeps the fields private, so that users see none of it.
 */
public final class BatchState {
    private static volatile Access access;

    private BatchState() {
    }

    /** What {@link MessageBatch} lets this package do. */
    public interface Access {
        /**
         * The native state a backend attached.
         *
         * @param batch the batch
         * @return the state, or null
         */
        Object nativeState(MessageBatch batch);

        /**
         * Attaches native state.
         *
         * @param batch the batch
         * @param state the state
         */
        void nativeState(MessageBatch batch, Object state);

        /**
         * Records one message's result.
         *
         * @param batch         the batch
         * @param index         the message
         * @param placed        the bytes sent or placed in its buffer
         * @param messageLength its real length
         */
        void record(MessageBatch batch, int index, int placed, int messageLength);
    }

    /**
     * Called once, by {@code MessageBatch}.
     *
     * @param implementation the access
     * @throws IllegalStateException if called again
     */
    public static synchronized void install(Access implementation) {
        if (access != null) {
            throw new IllegalStateException("installed already");
        }
        access = implementation;
    }

    /**
     * The access; the batch's class is initialized, since a batch exists.
     *
     * @return the access
     */
    public static Access access() {
        return access;
    }
}
