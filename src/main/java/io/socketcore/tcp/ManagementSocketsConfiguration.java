package io.socketcore.tcp;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Actuator's HTTP connections share the memory beside the heap with the listeners' (
 * {@link ConnectionMemory}): their kernel buffers are fixed too, so that a client that
 * does not read its replies parks kilobytes there, not the megabytes the kernel's
 * autotuning allows. Applied wherever the management server runs: in the application's
 * context (server.port follows management.server.port) or in a child context of its own
 * (the ports differ), whose server takes no connector customizer beans, only factory
 * customizers.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
public class ManagementSocketsConfiguration {

	@Bean
	WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> managementSocketBuffers() {
		String size = String.valueOf(ConnectionMemory.MANAGEMENT_SOCKET_BUFFER);
		return factory -> factory.addConnectorCustomizers(connector -> {
			connector.setProperty("socket.txBufSize", size);
			connector.setProperty("socket.rxBufSize", size);
		});
	}

}
