package dev.breakwater.pipeline;

import dev.breakwater.store.StoreConfig;
import dev.breakwater.testing.TestingDatabase;
import dev.breakwater.testing.TestingPostgres;
import java.nio.file.Path;

class PostgresArtifactLaneTest extends ArtifactLaneContract {
    @Override
    StoreConfig storeConfig(Path dir) {
        TestingDatabase db = TestingPostgres.newDatabase();
        return PipelineFixture.postgres(dir, db);
    }
}
