package dev.breakwater.alert;

import dev.breakwater.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteRuleEvaluatorTest extends RuleEvaluatorContract {
    @TempDir
    Path directory;

    @Override
    Store openStore() throws Exception {
        return AlertTesting.sqlite(directory);
    }
}
