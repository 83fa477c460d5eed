"""The Qt side of SEB Server: connecting before the exam, monitoring and proctoring during it.

Built on the Qt-free client in ``launcher.server``: the handshake with progress and choices
(``connect``), pings, instructions and the end (``monitor``), screen proctoring
(``proctoring``), and the worker thread the blocking calls run on (``lane``).
"""
