package io.socketcore.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * The baseline: a bare Netty line server answering {@code HELLO} and squaring
 * {@code SQUARE} lists sequentially on its event loop, flushing once per read batch
 * (channelReadComplete), as a hand-written Netty service would. Test scope only: it
 * exists to be measured against.
 */
public final class NettyLineServer {

	private NettyLineServer() {
	}

	public static void main(String[] args) throws InterruptedException {
		int port = Integer.parseInt(args[0]);
		EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
		try {
			lineServer(boss, workers, LineHandler::new).bind(port).sync().channel().closeFuture().sync();
		}
		finally {
			boss.shutdownGracefully();
			workers.shutdownGracefully();
		}
	}

	/**
	 * The baseline's server, which {@link EventLoopGatewayServer} shares so that only
	 * what answers the lines differs: TCP_NODELAY, a backlog of 1024, lines of up to 8
	 * MiB, each connection's lines to a handler of its own.
	 */
	static ServerBootstrap lineServer(EventLoopGroup boss, EventLoopGroup workers, Supplier<ChannelHandler> handler) {
		return new ServerBootstrap().group(boss, workers)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, 1024)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(new LineBasedFrameDecoder(8 * 1024 * 1024), handler.get());
				}
			});
	}

	@ChannelHandler.Sharable
	static final class LineHandler extends SimpleChannelInboundHandler<ByteBuf> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, ByteBuf line) {
			byte[] reply = BaselineReplies.reply(line.toString(StandardCharsets.UTF_8));
			context.write(context.alloc().buffer(reply.length).writeBytes(reply));
		}

		@Override
		public void channelReadComplete(ChannelHandlerContext context) {
			context.flush();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
			context.close();
		}

	}

}
