package io.socketcore.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import io.socketcore.SocketcoreApplication;
import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.Exchange;
import io.socketcore.tcp.connection.ListenerMessageMapper;
import io.socketcore.tcp.connection.ReplySlot;

/**
 * What the Spring Integration flow costs per request, without sockets: the running
 * application's {@code requests} channel is sent a frame with the headers the listener's
 * message mapper gives it, and the reply is taken from its {@link ReplySlot}, as the
 * inbound gateway does. The load benchmark measures the same path with the network around
 * it, on a noisy machine; this isolates the part the framework adds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestFlowBenchmark {

	@Param({ "HELLO", "SQUARE 1..1000" })
	public String request;

	/**
	 * Settings beside the defaults, separated by spaces: {@code -p
	 * settings=--spring.integration.management.default-logging-enabled=true}.
	 */
	@Param({ "" })
	public String settings;

	private ConfigurableApplicationContext context;

	private MessageChannel requests;

	private byte[] frame;

	private final Exchange exchange = new BenchExchange();

	@Setup(Level.Trial)
	public void start() {
		List<String> args = new ArrayList<>(List.of("--socketcore.tcp.port=0", "--management.server.port=0",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		args.addAll(Arrays.asList(this.settings.split(" +")));
		args.remove("");
		this.context = SpringApplication.run(SocketcoreApplication.class, args.toArray(String[]::new));
		this.requests = this.context.getBean("requests", MessageChannel.class);
		String text = this.request.startsWith("SQUARE") ? IntStream.rangeClosed(1, 1000)
			.mapToObj(Integer::toString)
			.collect(Collectors.joining(" ", "SQUARE ", "")) : this.request;
		this.frame = text.getBytes(StandardCharsets.US_ASCII);
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	/**
	 * One request through the flow, headers built as the listener's mapper builds them.
	 */
	@Benchmark
	public Object flow() {
		this.exchange.memory().releaseAll();
		Message<?> message = ListenerMessageMapper.request(this.frame, "bench", this.exchange);
		this.requests.send(message);
		return ((ReplySlot) message.getHeaders().getReplyChannel()).reply();
	}

	private static final class BenchExchange implements Exchange {

		private final MemoryBudget.Account account = new MemoryBudget(1L << 30).account(4096);

		@Override
		public MemoryBudget.Account memory() {
			return this.account;
		}

		@Override
		public boolean clientGone() {
			return false;
		}

		@Override
		public long receivedNanos() {
			return System.nanoTime();
		}

		@Override
		public boolean unterminated() {
			return false;
		}

	}

}
