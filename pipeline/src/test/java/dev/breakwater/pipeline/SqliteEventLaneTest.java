package dev.breakwater.pipeline;

import dev.breakwater.store.StoreConfig;
import java.nio.file.Path;

class SqliteEventLaneTest extends EventLaneContract {
    @Override
    StoreConfig storeConfig(Path dir) {
        return PipelineFixture.sqlite(dir);
    }
}
