package io.socketcore.e2e;

import java.math.BigInteger;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskDecorator;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default settings, a job of few but long numbers (far fewer than one
 * {@code chunk-size}) is split by {@code chunk-chars} and runs on the square pool,
 * exactly.
 */
@Import(LongNumbersEndToEndTest.TaskCounter.class)
class LongNumbersEndToEndTest extends RunningServerTest {

	@Test
	void fewLongNumbersAreSplitByTheirCharacters() throws Exception {
		Random random = new Random(7);
		StringBuilder request = new StringBuilder("SQUARE");
		StringBuilder expected = new StringBuilder("[");
		for (int i = 0; i < 300; i++) {
			BigInteger number = new BigInteger(3300, random).setBit(3300);
			request.append(' ').append(number);
			expected.append(i == 0 ? "" : ", ").append(number.pow(2));
		}
		int before = TaskCounter.tasks.get();

		String reply;
		try (LineClient client = connect()) {
			reply = client.ask(request.toString());
		}

		assertThat(reply).isEqualTo(expected.append(']').toString());
		// 300 numbers of 994 digits are about 300,000 characters: three chunks of 131,072
		assertThat(TaskCounter.tasks.get() - before).as("square tasks run on the pool").isGreaterThanOrEqualTo(3);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TaskCounter {

		static final AtomicInteger tasks = new AtomicInteger();

		@Bean
		TaskDecorator taskCounter() {
			return task -> () -> {
				tasks.incrementAndGet();
				task.run();
			};
		}

	}

}
