package io.socketcore.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.socketcore.support.LineClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentClientsEndToEndTest extends RunningServerTest {

	@Test
	void twoHundredClientsEachGetFiftyCorrectReplies() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(200);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int c = 0; c < 200; c++) {
				int clientId = c;
				results.add(clients.submit((Callable<Integer>) () -> {
					int correct = 0;
					try (LineClient client = connect()) {
						for (int r = 0; r < 50; r++) {
							long n = clientId * 1000L + r;
							if (r % 2 == 0) {
								correct += client.ask("SQUARE " + n + " " + (n + 1))
									.equals("[" + n * n + ", " + (n + 1) * (n + 1) + "]") ? 1 : 0;
							}
							else {
								correct += client.ask("HELLO c" + clientId).equals("Hello, c" + clientId + "!") ? 1 : 0;
							}
						}
					}
					return correct;
				}));
			}
			int total = 0;
			for (Future<Integer> result : results) {
				total += result.get(120, TimeUnit.SECONDS);
			}
			assertThat(total).isEqualTo(200 * 50);
		}
		finally {
			clients.shutdownNow();
		}
	}

}
