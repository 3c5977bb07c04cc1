"""The original server of the seed (../shared/seed/), runnable, as a benchmark baseline.

Faithful to the blog post: each accepted client is handed to its own multiprocessing.Process, which
reads up to 1024 bytes, answers 'Hello, client!' without a terminator, and closes.
Usage: python3 bench/original_server.py PORT
"""
import multiprocessing
import socket
import sys


def handle_client(client_socket):
    data = client_socket.recv(1024).decode()
    response = 'Hello, client!'
    client_socket.send(response.encode())
    client_socket.close()


def start_server(port):
    server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server_socket.bind(('127.0.0.1', port))
    server_socket.listen()
    while True:
        client_socket, addr = server_socket.accept()
        process = multiprocessing.Process(target=handle_client, args=(client_socket,))
        process.start()
        client_socket.close()  # the child holds its own copy
        multiprocessing.active_children()  # reap finished children


if __name__ == '__main__':
    start_server(int(sys.argv[1]))
