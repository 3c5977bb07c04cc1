package io.socketcore.bench.load;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

import io.socketcore.SocketcoreApplication;
import io.socketcore.bench.thin.ThinnestIntegrationApp;
import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.Exchange;
import io.socketcore.tcp.FrameBatch;
import io.socketcore.tcp.connection.ListenerMessageMapper;
import io.socketcore.tcp.framing.FrameEncoder;
import io.socketcore.tcp.listener.DirectReplyGateway;

/**
 * A measurement, not a transport: socketcore's whole request path behind Spring
 * Integration's inbound gateway (the {@code requests} channel, the parse step, the
 * router, the services, the request metrics), fed by Netty's event loop instead of a
 * thread per connection. Each read's lines run through the gateway on the event loop and
 * their replies are flushed once per read, as bare Netty's are. None of the listener's
 * defences (memory charges beyond the exchange's, timeouts, limits, TLS) is here: it
 * tells what HELLO's rate at one request in flight would be on such a transport, against
 * the arithmetic of docs/design.md.
 * <p>
 * Arguments: {@code <tcp port> [lines|batches|thinnest]}: with {@code batches}, the lines
 * of one read go through the gateway as one {@link FrameBatch} (up to
 * {@link FrameBatch#MAX_FRAMES}), as socketcore's listener sends a pipelining client's;
 * with {@code lines}, one message per line. socketcore's own listener and Actuator take
 * free ports. {@code thinnest} puts the least Spring Integration there is on the same
 * event loop instead of socketcore: {@link #thinnest(int)}.
 */
public final class EventLoopGatewayServer {

	private EventLoopGatewayServer() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(args[0]);
		String mode = (args.length > 1) ? args[1] : "lines";
		if (mode.equals("thinnest")) {
			thinnest(port);
			return;
		}
		ConfigurableApplicationContext context = SpringApplication.run(SocketcoreApplication.class,
				"--socketcore.tcp.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN");
		MemoryBudget budget = context.getBean(MemoryBudget.class);
		boolean batches = mode.equals("batches");
		EventLoopConnectionFactory factory = new EventLoopConnectionFactory(port, budget, batches);
		DirectReplyGateway gateway = new DirectReplyGateway();
		gateway.setConnectionFactory(factory);
		gateway.setRequestChannel(context.getBean("requests", MessageChannel.class));
		gateway.setErrorChannelName("requestErrors");
		gateway.setErrorOnTimeout(true);
		context.getBean(IntegrationFlowContext.class)
			.registration(IntegrationFlow.from(gateway).get())
			.id("eventLoopGateway")
			.register();
	}

	/**
	 * The bound of any transport that keeps Spring Integration's gateway: the gateway
	 * (socketcore's {@link DirectReplyGateway}, the cheapest exchange it has), one direct
	 * channel and one transformer answering {@code HELLO}, the thinnest Spring
	 * Integration app's ({@link ThinnestIntegrationApp#answer}), on the same event loop.
	 * No Spring Boot auto-configuration, so no meters, no observation and no logging
	 * filters: nothing of socketcore's path (parsing, routing, services, metrics, the
	 * memory budget) is left. What socketcore's path adds to a transport can only put it
	 * below this.
	 */
	static void thinnest(int port) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ThinnestFlow.class)
			.web(WebApplicationType.NONE)
			.properties("spring.config.name=event-loop-thinnest", "spring.main.banner-mode=off",
					"logging.level.root=WARN")
			.run();
		DirectReplyGateway gateway = new DirectReplyGateway();
		gateway.setConnectionFactory(new EventLoopConnectionFactory(port, MemoryBudget.unlimited(), false));
		context.getBean(IntegrationFlowContext.class)
			.registration(IntegrationFlow.from(gateway).transform(byte[].class, ThinnestIntegrationApp::answer).get())
			.id("thinnestEventLoopGateway")
			.register();
	}

	/** Spring Integration alone: no auto-configuration. */
	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	static class ThinnestFlow {

	}

	/** Spring Integration's server connection factory on Netty's event loops. */
	static final class EventLoopConnectionFactory extends AbstractServerConnectionFactory {

		private final MemoryBudget budget;

		private final boolean batches;

		private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

		private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());

		private volatile @Nullable Channel server;

		EventLoopConnectionFactory(int port, MemoryBudget budget, boolean batches) {
			super(port);
			this.budget = budget;
			this.batches = batches;
		}

		@Override
		public void run() {
			this.server = NettyLineServer.lineServer(this.boss, this.workers, GatewayHandler::new)
				.bind(getPort())
				.syncUninterruptibly()
				.channel();
			setListening(true);
		}

		@Override
		public @Nullable SocketAddress getServerSocketAddress() {
			Channel channel = this.server;
			return (channel != null) ? channel.localAddress() : null;
		}

		@Override
		public void stop() {
			this.boss.shutdownGracefully();
			this.workers.shutdownGracefully();
			super.stop();
		}

		/** One connection's lines into the gateway, its replies flushed once per read. */
		private final class GatewayHandler extends SimpleChannelInboundHandler<ByteBuf> {

			private @Nullable EventLoopConnection connection;

			/** With batches: the lines of the read under way. */
			private final List<byte[]> lines = new ArrayList<>();

			@Override
			public void channelActive(ChannelHandlerContext context) {
				EventLoopConnection opened = new EventLoopConnection(context,
						EventLoopConnectionFactory.this.budget.account(64 * 1024));
				opened.registerListener(getListener());
				opened.registerSenders(getSenders());
				opened.setMapper(getMapper());
				addConnection(opened);
				this.connection = opened;
			}

			@Override
			protected void channelRead0(ChannelHandlerContext context, ByteBuf line) {
				EventLoopConnection current = this.connection;
				if (current == null) {
					return;
				}
				if (!EventLoopConnectionFactory.this.batches) {
					answer(current, ByteBufUtil.getBytes(line));
					return;
				}
				this.lines.add(ByteBufUtil.getBytes(line));
				if (this.lines.size() == FrameBatch.MAX_FRAMES) {
					answerLines(current);
				}
			}

			@Override
			public void channelReadComplete(ChannelHandlerContext context) {
				EventLoopConnection current = this.connection;
				if (current != null && !this.lines.isEmpty()) {
					answerLines(current);
				}
				context.flush();
			}

			private void answerLines(EventLoopConnection current) {
				answer(current, (this.lines.size() == 1) ? this.lines.get(0) : new FrameBatch(List.copyOf(this.lines)));
				this.lines.clear();
			}

			private void answer(EventLoopConnection current, Object payload) {
				current.memory.releaseAll();
				current.receivedNanos = System.nanoTime();
				Message<?> request = ListenerMessageMapper.request(payload, current.getConnectionId(), current);
				current.getListener().onMessage(request);
			}

			@Override
			public void channelInactive(ChannelHandlerContext context) {
				EventLoopConnection current = this.connection;
				if (current != null) {
					current.close();
				}
			}

			@Override
			public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
				context.close();
			}

		}

	}

	/**
	 * The gateway's view of a Netty channel: it sends the reply here, on the event loop.
	 */
	static final class EventLoopConnection extends TcpConnectionSupport implements Exchange {

		private final ChannelHandlerContext context;

		private final MemoryBudget.Account memory;

		private long receivedNanos;

		EventLoopConnection(ChannelHandlerContext context, MemoryBudget.Account memory) {
			this.context = context;
			this.memory = memory;
		}

		@Override
		public void send(Message<?> message) {
			ByteBuf buffer = this.context.alloc().buffer(64);
			try (ByteBufOutputStream out = new ByteBufOutputStream(buffer)) {
				if (message.getPayload() instanceof List<?> replies) {
					for (Object reply : replies) {
						FrameEncoder.LF.encode(reply, out);
					}
				}
				else {
					FrameEncoder.LF.encode(message.getPayload(), out);
				}
			}
			catch (IOException ex) {
				buffer.release();
				throw new IllegalStateException(ex);
			}
			this.context.write(buffer);
		}

		@Override
		public void close() {
			this.memory.close();
			this.context.close();
			super.close();
		}

		@Override
		public boolean isOpen() {
			return this.context.channel().isOpen();
		}

		@Override
		public void run() {
		}

		@Override
		public @Nullable Object getPayload() {
			return null;
		}

		@Override
		public int getPort() {
			return 0;
		}

		@Override
		public @Nullable Object getDeserializerStateKey() {
			return null;
		}

		@Override
		public javax.net.ssl.@Nullable SSLSession getSslSession() {
			return null;
		}

		@Override
		public MemoryBudget.Account memory() {
			return this.memory;
		}

		@Override
		public boolean clientGone() {
			return !isOpen();
		}

		@Override
		public long receivedNanos() {
			return this.receivedNanos;
		}

		@Override
		public boolean unterminated() {
			return false;
		}

	}

}
