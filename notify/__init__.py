"""E-mail to the people who must answer a new alert (SKDR: verified within 24 hours).

After a case import raises a new high-severity (``tinggi``) alert or a new
signalling cluster, :func:`notify.mail.notify_new_alerts` writes one message
per affected user (an enabled account with an e-mail address whose scope holds
one of the alert's desa) into the outbox of the operational database, then
sends what the outbox holds. A message that cannot be sent stays there, is
logged, and is tried again after the next import or by
``python app.py notify --retry``; an import never fails for it.
"""
