package io.socketcore.protocol;

import java.io.IOException;

/**
 * An output that takes ASCII text as it is, into its own buffer, where an
 * {@link java.io.OutputStream} would need a byte array made for the text first: a reply's
 * number lists are written this way ({@link WireReply#writeTo}).
 */
public interface AsciiOutput {

	/** Writes the text's characters, each as one byte; every one must be ASCII. */
	void writeAscii(String text) throws IOException;

}
