"""Receivers for the lower layers' signals, connected in CertificatesConfig.ready()."""


def queue_certificate(sender, enrollment_id: int, **kwargs) -> None:
    """Queue issuing once the completion's transaction has committed."""
    from .tasks import issue_certificate

    issue_certificate.delay_on_commit(enrollment_id)
