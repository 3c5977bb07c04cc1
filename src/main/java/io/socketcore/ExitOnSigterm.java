package io.socketcore;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes asks a pod to stop: an orderly stop, not a failure. The JVM's
 * default ends the process with status 143 after the shutdown hooks (graceful shutdown
 * included) have run; this makes it 0.
 */
final class ExitOnSigterm {

	private static final Log logger = LogFactory.getLog(ExitOnSigterm.class);

	private ExitOnSigterm() {
	}

	static void install() {
		try {
			Signal.handle(new Signal("TERM"), signal -> new Thread(() -> System.exit(0), "sigterm-exit").start());
		}
		catch (IllegalArgumentException | UnsupportedOperationException ex) {
			logger.debug("SIGTERM handler not installed: " + ex);
		}
	}

}
