"""A TCP proxy on 127.0.0.1 in front of the test server, cut after a number of bytes: a network failure at a chosen moment."""

from __future__ import annotations

import socket
import threading


class CuttingProxy:
    """Forwards connections to (host, port); once `cut_after` bytes went one way, every connection is closed."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cut_after: int | None = None
        self.direction = "up"  # "up": bytes the client sends; "down": bytes the server sends
        self.counted = 0
        self.cuts = 0
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def arm(self, cut_after: int, direction: str = "up") -> None:
        with self._lock:
            self.cut_after, self.direction, self.counted = cut_after, direction, 0

    def disarm(self) -> None:
        with self._lock:
            self.cut_after = None

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self._lock:
                self._sockets += [client, server]
            threading.Thread(target=self._pump, args=(client, server, "up"), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, "down"), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, direction: str) -> None:
        try:
            while data := source.recv(65536):
                with self._lock:
                    if self.cut_after is not None and direction == self.direction:
                        self.counted += len(data)
                        if self.counted >= self.cut_after:
                            self.cut_after = None
                            self.cuts += 1
                            self._cut_all()
                            return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.close()
                except OSError:
                    pass

    def _cut_all(self) -> None:
        for end in self._sockets:
            try:
                end.shutdown(socket.SHUT_RDWR)
                end.close()
            except OSError:
                pass
        self._sockets.clear()

    def close(self) -> None:
        self.listener.close()
        with self._lock:
            self._cut_all()
