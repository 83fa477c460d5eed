"""SEB Server's Exam API v1, client side, without Qt (docs: ``shared/spec/seb-server.md``).

``settings`` reads a connection configuration, ``client`` speaks the protocol (discovery,
OAuth2, handshake, exam configuration, ping, log events, disconnect) with the retries and
errors an invigilator can act on, ``signature`` builds the app signature key. The Qt layer
(``launcher.exam_server.connect``, ``launcher.exam_server.monitor``) runs these calls in worker threads.
"""
