package io.socketcore.observability;

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import io.socketcore.memory.MemoryBudget;
import io.socketcore.tcp.TcpListeners;

/**
 * One INFO line once the service is ready: where it listens and how big its pools are.
 */
public class StartupReport implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(StartupReport.class);

	private final TcpListeners listeners;

	private final ThreadPools threadPools;

	private final MemoryBudget memory;

	public StartupReport(TcpListeners listeners, ThreadPools threadPools, MemoryBudget memory) {
		this.listeners = listeners;
		this.threadPools = threadPools;
		this.memory = memory;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Environment environment = event.getApplicationContext().getEnvironment();
		String managementPort = environment.getProperty("local.management.port",
				environment.getProperty("local.server.port", "?"));
		String tcp = this.listeners.all()
			.stream()
			.map(listener -> (listener.spec().host().isEmpty() ? "*" : listener.spec().host()) + ":" + listener.port()
					+ " (" + listener.spec().name() + ", " + listener.spec().framing().configName()
					+ (listener.spec().tls() ? ", tls" : "") + ", max " + listener.spec().maxConnections()
					+ " connections)")
			.collect(Collectors.joining(", "));
		String pools = this.threadPools.describe()
			.entrySet()
			.stream()
			.map(pool -> pool.getKey() + "(core=" + pool.getValue().configuration().coreSize() + ", max="
					+ pool.getValue().configuration().maxSize() + ", queue="
					+ pool.getValue().configuration().queueCapacity() + ")")
			.collect(Collectors.joining(", "));
		logger.info("socketcore ready: TCP on " + tcp + "; management HTTP on " + managementPort + "; pools " + pools
				+ "; memory budget " + DataSize.ofBytes(this.memory.limit()).toMegabytes() + "MB");
	}

}
