"""Corta la red de los procesos de prueba, salvo las conexiones locales.

Con ``CURSO_SIN_RED=1`` y esta carpeta en ``PYTHONPATH`` (lo hace conftest.py),
Python carga este módulo al arrancar, también en los kernels de nbval: toda
conexión o resolución DNS hacia fuera falla al instante, como en un aula sin red.
El kernel sigue hablando con pytest por 127.0.0.1 (ZeroMQ no usa este módulo).
"""

import errno
import os
import socket

if os.environ.get("CURSO_SIN_RED") == "1":
    _LOCAL_PREFIXES = ("127.", "::1", "localhost", "0.0.0.0")
    _connect = socket.socket.connect
    _connect_ex = socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo

    def _is_local(address):
        host = address[0] if isinstance(address, tuple) else address
        return not isinstance(host, str) or host == "" or host.startswith(_LOCAL_PREFIXES)

    def _blocked(self, address):
        return self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address)

    def connect(self, address):
        if _blocked(self, address):
            raise OSError(errno.ENETUNREACH, "Red cortada en las pruebas del curso (CURSO_SIN_RED=1)")
        return _connect(self, address)

    def connect_ex(self, address):
        return errno.ENETUNREACH if _blocked(self, address) else _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _is_local((host.decode() if isinstance(host, bytes) else host,)):
            raise socket.gaierror(socket.EAI_NONAME, "Sin red en las pruebas del curso")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
