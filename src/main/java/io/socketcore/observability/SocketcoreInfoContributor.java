package io.socketcore.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import io.socketcore.tcp.ListenerSpec;
import io.socketcore.tcp.TcpListeners;

/**
 * {@code /actuator/info}: the effective TCP listeners, whether their connections run on
 * virtual or platform threads ({@code auto} depends on the Java), and pool sizes, beside
 * the build info.
 */
public class SocketcoreInfoContributor implements InfoContributor {

	private final TcpListeners listeners;

	private final ThreadPools threadPools;

	private final boolean virtualConnectionThreads;

	public SocketcoreInfoContributor(TcpListeners listeners, ThreadPools threadPools,
			boolean virtualConnectionThreads) {
		this.listeners = listeners;
		this.threadPools = threadPools;
		this.virtualConnectionThreads = virtualConnectionThreads;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> listenersInfo = new LinkedHashMap<>();
		for (TcpListeners.Listener listener : this.listeners.all()) {
			ListenerSpec spec = listener.spec();
			Map<String, Object> info = new LinkedHashMap<>();
			info.put("port", listener.port());
			info.put("host", spec.host().isEmpty() ? "*" : spec.host());
			info.put("framing", spec.framing().configName());
			info.put("tls", spec.tls());
			info.put("maxFrameBytes", spec.maxFrameBytes());
			info.put("maxConnections", spec.maxConnections());
			info.put("maxConnectionsPerAddress", spec.maxConnectionsPerAddress());
			info.put("idleTimeout", spec.idleTimeout().toString());
			info.put("sendBufferBytes", spec.sendBuffer());
			info.put("receiveBufferBytes", spec.receiveBuffer());
			listenersInfo.put(spec.name(), info);
		}
		Map<String, Object> pools = new LinkedHashMap<>();
		this.threadPools.describe().forEach((name, pool) -> pools.put(name, pool.configuration()));
		Map<String, Object> socketcore = new LinkedHashMap<>();
		socketcore.put("tcp", listenersInfo.get("default"));
		socketcore.put("listeners", listenersInfo);
		socketcore.put("connectionThreads", this.virtualConnectionThreads ? "virtual" : "platform");
		socketcore.put("threadPools", pools);
		builder.withDetail("socketcore", socketcore);
	}

}
