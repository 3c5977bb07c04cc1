package io.socketcore.observability;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.socketcore.tcp.TcpProperties;

/**
 * {@code /actuator/info}: the effective TCP listener and pool sizes, beside the build info.
 */
public class SocketcoreInfoContributor implements InfoContributor {

	private final TcpNetServerConnectionFactory listener;

	private final TcpProperties tcp;

	private final ThreadPools threadPools;

	public SocketcoreInfoContributor(TcpNetServerConnectionFactory listener, TcpProperties tcp,
			ThreadPools threadPools) {
		this.listener = listener;
		this.tcp = tcp;
		this.threadPools = threadPools;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> tcpInfo = new LinkedHashMap<>();
		tcpInfo.put("port", this.listener.getPort());
		tcpInfo.put("host", this.tcp.host().isEmpty() ? "*" : this.tcp.host());
		tcpInfo.put("maxLineBytes", this.tcp.maxLineBytes().toBytes());
		tcpInfo.put("maxConnections", this.tcp.maxConnections());
		tcpInfo.put("idleTimeout", this.tcp.idleTimeout().toString());
		Map<String, Object> pools = new LinkedHashMap<>();
		this.threadPools.describe().forEach((name, pool) -> pools.put(name, pool.configuration()));
		builder.withDetail("socketcore", Map.of("tcp", tcpInfo, "threadPools", pools));
	}

}
