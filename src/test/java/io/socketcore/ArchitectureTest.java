package io.socketcore;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries between the packages, checked on the compiled main classes: the pure
 * core knows nothing of Spring, the features depend on each other in one direction only,
 * and the transport's stages (listener, connection, framing) are reached from outside
 * {@code tcp} only through the classes of its root package.
 */
class ArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.socketcore");

	@Test
	void theProtocolKnowsNothingOfSpringNorOfTheOtherFeatures() {
		noClasses().that()
			.resideInAPackage("io.socketcore.protocol..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.micrometer..", "io.socketcore.tcp..",
					"io.socketcore.routing..", "io.socketcore.squares..", "io.socketcore.greeting..",
					"io.socketcore.observability..")
			.check(MAIN);
	}

	@Test
	void theSquareCoreKnowsNothingOfSpringNorOfTheTransport() {
		noClasses().that()
			.resideInAPackage("io.socketcore.squares..")
			.and()
			.haveNameNotMatching(".*(Configuration|Properties)(\\$.*)?")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.check(MAIN);
		noClasses().that()
			.resideInAPackage("io.socketcore.squares..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.socketcore.tcp..", "io.socketcore.routing..")
			.check(MAIN);
	}

	@Test
	void featuresDependOnEachOtherInOneDirectionOnly() {
		slices().matching("io.socketcore.(*)..").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void theTransportsStagesDependInTheOrderOfARequestsTrip() {
		slices().matching("io.socketcore.tcp.(*)..").should().beFreeOfCycles().check(MAIN);
		noClasses().that()
			.resideInAPackage("io.socketcore.tcp.framing..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.socketcore.tcp.connection..", "io.socketcore.tcp.listener..")
			.check(MAIN);
	}

	@Test
	void nothingOutsideTheTransportReachesIntoItsStages() {
		noClasses().that()
			.resideOutsideOfPackage("io.socketcore.tcp..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.socketcore.tcp.listener..", "io.socketcore.tcp.connection..",
					"io.socketcore.tcp.framing..")
			.check(MAIN);
	}

	@Test
	void everyFeatureIsWiredByConfigurationClassesOnly() {
		classes().that()
			.areAnnotatedWith(org.springframework.context.annotation.Configuration.class)
			.should()
			.haveSimpleNameEndingWith("Configuration")
			.check(MAIN);
	}

}
