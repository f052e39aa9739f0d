package dev.breakwater.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point downstream only (ARCHITECTURE.md "Layout"): the spool and the model need nothing of ours, the
 * store knows no stage that uses it, and only the server sees everything.
 */
class ModuleDependenciesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.breakwater");

    @Test
    void spoolDependsOnTheJdkOnly() {
        classes()
                .that()
                .resideInAPackage("dev.breakwater.spool..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.breakwater.spool..", "java..", "javax.annotation..")
                .check(MAIN);
    }

    @Test
    void ingestDoesNotKnowTheServer() {
        noClasses()
                .that()
                .resideInAPackage("dev.breakwater.ingest..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.breakwater.server..")
                .check(MAIN);
    }

    @Test
    void modelDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("dev.breakwater.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.breakwater.spool..", "dev.breakwater.ingest..", "dev.breakwater.store..",
                        "dev.breakwater.pipeline..", "dev.breakwater.web..", "dev.breakwater.server..")
                .check(MAIN);
    }

    @Test
    void storeKnowsNoStageThatUsesIt() {
        noClasses()
                .that()
                .resideInAPackage("dev.breakwater.store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.breakwater.spool..", "dev.breakwater.model..", "dev.breakwater.ingest..",
                        "dev.breakwater.pipeline..", "dev.breakwater.web..", "dev.breakwater.server..")
                .check(MAIN);
    }

    @Test
    void pipelineAndWebDoNotKnowIngestOrServer() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.breakwater.pipeline..", "dev.breakwater.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.breakwater.ingest..", "dev.breakwater.server..")
                .check(MAIN);
    }
}
