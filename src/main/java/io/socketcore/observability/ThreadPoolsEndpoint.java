package io.socketcore.observability;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/threadpools}: each pool's configuration and live state in one JSON
 * document.
 */
@Endpoint(id = "threadpools")
public class ThreadPoolsEndpoint {

	private final ThreadPools threadPools;

	public ThreadPoolsEndpoint(ThreadPools threadPools) {
		this.threadPools = threadPools;
	}

	@ReadOperation
	public Map<String, ThreadPools.PoolDescription> threadPools() {
		return this.threadPools.describe();
	}

}
