package io.socketcore;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SocketcoreApplication {

	public static void main(String[] args) {
		ExitOnSigterm.install();
		SpringApplication.run(SocketcoreApplication.class, args);
	}

}
