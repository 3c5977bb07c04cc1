package io.socketcore.listeners;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import example.socketcore.SquareClient;
import io.socketcore.support.RunningServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented Java client ({@code examples/java}), a Spring Integration outbound
 * gateway behind a {@code @MessagingGateway}, run as its {@code main} runs against the
 * running service.
 */
@ExtendWith(OutputCaptureExtension.class)
class JavaExampleClientTest extends RunningServerTest {

	@Test
	void exampleClientPrintsEachReply(CapturedOutput output) {
		SquareClient.main(new String[] { "--socketcore.host=127.0.0.1", "--socketcore.port=" + tcpPort(),
				"SQUARE 1 2 3 4 5", "HELLO Java", "{\"id\":1,\"op\":\"square\",\"numbers\":[99999999999999999999]}" });
		assertThat(output.getOut()).contains("[1, 4, 9, 16, 25]\n", "Hello, Java!\n",
				"{\"id\":1,\"result\":[9999999999999999999800000000000000000001]}\n");
	}

}
