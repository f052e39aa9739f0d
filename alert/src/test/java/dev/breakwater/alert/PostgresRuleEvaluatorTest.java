package dev.breakwater.alert;

import dev.breakwater.store.Store;

class PostgresRuleEvaluatorTest extends RuleEvaluatorContract {
    @Override
    Store openStore() throws Exception {
        return AlertTesting.postgres();
    }
}
