package io.socketcore.observability;

import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskExecutorCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's pools are built the Boot way (Boot's executor builder, so an
 * application's {@code ThreadPoolTaskExecutorCustomizer}s reach them) and only they are
 * watched: an application's own executor keeps its rejection policy and stays out of
 * {@code /actuator/threadpools}.
 */
@Import(ExecutorsBootWayTest.ApplicationPools.class)
class ExecutorsBootWayTest extends RunningServerTest {

	@Autowired
	@Qualifier("squareExecutor")
	private ThreadPoolTaskExecutor squareExecutor;

	@Autowired
	@Qualifier("tcpConnectionExecutor")
	private ThreadPoolTaskExecutor tcpConnectionExecutor;

	@Autowired
	@Qualifier("reportExecutor")
	private ThreadPoolTaskExecutor reportExecutor;

	@TestConfiguration(proxyBeanMethods = false)
	static class ApplicationPools {

		@Bean
		ThreadPoolTaskExecutorCustomizer coreThreadsTimeOut() {
			return executor -> executor.setAllowCoreThreadTimeOut(true);
		}

		@Bean
		ThreadPoolTaskExecutor reportExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
			return executor;
		}

	}

	@Test
	void theServicesPoolsComeFromBootsBuilder() {
		assertThat(this.squareExecutor.getThreadPoolExecutor().allowsCoreThreadTimeOut()).isTrue();
		assertThat(this.tcpConnectionExecutor.getThreadPoolExecutor().allowsCoreThreadTimeOut()).isTrue();
		assertThat(this.squareExecutor.getThreadNamePrefix()).isEqualTo("square-");
	}

	@Test
	void anApplicationsOwnExecutorIsLeftAsItIs() {
		assertThat(this.reportExecutor.getThreadPoolExecutor().getRejectedExecutionHandler())
			.isInstanceOf(ThreadPoolExecutor.CallerRunsPolicy.class);
		assertThat(this.squareExecutor.getThreadPoolExecutor().getRejectedExecutionHandler())
			.isInstanceOf(RejectionCountingHandler.class);
		assertThat(management().json("/actuator/threadpools").propertyNames())
			.containsExactlyInAnyOrder("squareExecutor", "tcpConnectionExecutor");
	}

}
