package dev.breakwater.pipeline;

import dev.breakwater.store.StoreConfig;
import java.nio.file.Path;

class SqliteArtifactLaneTest extends ArtifactLaneContract {
    @Override
    StoreConfig storeConfig(Path dir) {
        return PipelineFixture.sqlite(dir);
    }
}
