"""Opening an exam: from what the user clicked to a running exam, or one clear error.

The open flow (``flow``), where a configuration comes from (``sources``), its download
(``fetch``), the sign-in browser for a link that answered a web page (``signin``) and the local
demo exam (``demo``).
"""
