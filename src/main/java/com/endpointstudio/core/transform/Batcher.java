package com.endpointstudio.core.transform;

import com.endpointstudio.core.transform.RecordProcessing.RecordFailure;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a file's records into mini-batches of the job's strategy and payload limit. The records
 * themselves are kept only where data processing needs them to join and filter the answers.
 */
final class Batcher {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
    private final List<InputRecord> records = new ArrayList<>();
    private final RecordProcessing processing;
    private final TransformAgent.Settings settings;
    private final boolean keep;
    private final boolean whole;
    private final long limit;
    private long first;
    private long last;
    private int count;

    Batcher(TransformJobSpec job, TransformAgent.Settings settings, RecordProcessing processing) {
        this.processing = processing;
        this.settings = settings;
        this.keep = processing.active();
        this.whole = job.input().split().equals(TransformJobSpec.SPLIT_NONE);
        this.limit = settings.maxPayloadBytes();
    }

    MiniBatch add(InputRecord record, long position) throws RecordFailure {
        byte[] request = processing.request(record, settings.singleRecord() || whole);
        if (request.length > limit) {
            throw new RecordFailure("record " + record.number() + " is " + request.length + " bytes, more than "
                    + "MaxPayloadInMB allows (" + settings.maxPayloadInMB() + " MB, " + limit + " bytes)"
                    + (whole ? "; with SplitType None the whole file is one request" : ""));
        }
        MiniBatch full = null;
        if (count > 0 && (settings.singleRecord() || body.size() + (long) request.length > limit)) {
            full = take(position);
        }
        body.writeBytes(request);
        if (keep) {
            records.add(record);
        }
        if (count++ == 0) {
            first = record.number();
        }
        last = record.number();
        return full;
    }

    MiniBatch finish(long position) {
        return count == 0 ? null : take(position);
    }

    private MiniBatch take(long position) {
        MiniBatch batch = new MiniBatch(body.toByteArray(), keep ? List.copyOf(records) : List.of(), first, last,
                count, position);
        body.reset();
        records.clear();
        count = 0;
        return batch;
    }

    /** @param records the batch's records when data processing needs them, else none */
    record MiniBatch(byte[] body, List<InputRecord> records, long first, long last, int count,
                     long filePosition) {

        String range() {
            return first == last ? "record " + first : "records " + first + "-" + last;
        }
    }
}
