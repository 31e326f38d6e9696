"""Receivers for other layers' signals, connected in CoursesConfig.ready()."""


def accept_cohort_invitations(sender, request=None, email_address=None, **kwargs):
    """Put a person who has just confirmed their e-mail in the cohorts that invited it."""
    from .services import cohort_invitations_accept

    if email_address is None or email_address.user_id is None:
        return
    cohort_invitations_accept(user=email_address.user, email=email_address.email)
