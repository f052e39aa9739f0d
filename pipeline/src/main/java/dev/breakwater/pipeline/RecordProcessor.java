package dev.breakwater.pipeline;

import dev.breakwater.model.DecodeException;
import dev.breakwater.spool.SpoolRecord;

/**
 * What one lane does with each of its records: decode it and add the writes it produces to the batch. Throws
 * {@link DecodeException} when the record can never be processed (the consumer quarantines it). Must not touch the
 * batch when it throws. Stateless implementations, called from the lane's consumer thread.
 */
interface RecordProcessor {
    void process(SpoolRecord record, BatchBuilder batch) throws DecodeException;
}
