"""Create an Ed25519 key for signing Open Badges credentials (development)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.openbadges import new_private_key_pem


def append_key_to_env(env_file: Path) -> Path | None:
    """Add SANAD_OB_SIGNING_KEY to an .env file unless it already has one."""
    existing = env_file.read_text(encoding="utf-8") if env_file.exists() else ""
    if "SANAD_OB_SIGNING_KEY" in existing:
        return None
    pem = new_private_key_pem().strip().replace("\n", "\\n")
    separator = "" if not existing or existing.endswith("\n") else "\n"
    with env_file.open("a", encoding="utf-8") as handle:
        handle.write(f'{separator}SANAD_OB_SIGNING_KEY="{pem}"\n')
    return env_file


class Command(BaseCommand):
    help = ("Create an Ed25519 private key for signing Open Badges credentials. Writes a PEM "
            "file when given --output, otherwise adds SANAD_OB_SIGNING_KEY to the project's "
            ".env (which git ignores). Keep production keys in your secret store.")

    def add_arguments(self, parser):
        parser.add_argument("--output", help="write the PEM key to this file instead")
        parser.add_argument("--force", action="store_true",
                            help="overwrite an existing --output file")

    def handle(self, *args, output=None, force=False, **options):
        if output:
            path = Path(output)
            if path.exists() and not force:
                raise CommandError(f"{path} exists; use --force to replace it.")
            path.write_text(new_private_key_pem(), encoding="ascii")
            path.chmod(0o600)
            self.stdout.write(self.style.SUCCESS(
                f"Key written to {path}. Set SANAD_OB_SIGNING_KEY_FILE={path.resolve()}"))
            return
        env_file = Path(settings.BASE_DIR) / ".env"
        if append_key_to_env(env_file) is None:
            raise CommandError(f"{env_file} already sets SANAD_OB_SIGNING_KEY; "
                               "remove it first or use --output.")
        self.stdout.write(self.style.SUCCESS(f"SANAD_OB_SIGNING_KEY added to {env_file}."))
