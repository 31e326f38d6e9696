"""Object storage for deployments with more than one machine (django-storages, any
S3-compatible store), chosen by naming buckets: see README, "Scale out"."""

from __future__ import annotations

from django.conf import settings
from storages.backends.s3 import S3Storage


class PrivateS3Storage(S3Storage):
    """Private files (certificate PDFs, exports) in a bucket of their own, never public:
    Sanad's views check who asks, then redirect to an address signed for that download
    and valid for a minute."""

    def __init__(self, **options):
        super().__init__(**{
            "bucket_name": settings.SANAD_S3_PRIVATE_BUCKET,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            **options,
        })
