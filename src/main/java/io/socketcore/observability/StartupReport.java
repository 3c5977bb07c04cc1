package io.socketcore.observability;

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import io.socketcore.tcp.TcpProperties;

/**
 * One INFO line once the service is ready: where it listens and how big its pools are.
 */
public class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final TcpNetServerConnectionFactory listener;

	private final TcpProperties tcp;

	private final ThreadPools threadPools;

	public StartupReport(TcpNetServerConnectionFactory listener, TcpProperties tcp, ThreadPools threadPools) {
		this.listener = listener;
		this.tcp = tcp;
		this.threadPools = threadPools;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String managementPort = environment.getProperty("local.management.port",
				environment.getProperty("local.server.port", "?"));
		String pools = this.threadPools.describe()
			.entrySet()
			.stream()
			.map(pool -> pool.getKey() + "(core=" + pool.getValue().configuration().coreSize() + ", max="
					+ pool.getValue().configuration().maxSize() + ", queue="
					+ pool.getValue().configuration().queueCapacity() + ")")
			.collect(Collectors.joining(", "));
		logger.info("socketcore ready: TCP on " + (this.tcp.host().isEmpty() ? "*" : this.tcp.host()) + ":"
				+ this.listener.getPort() + " (max " + this.tcp.maxConnections() + " connections), management HTTP on "
				+ managementPort + ", pools " + pools);
	}

}
