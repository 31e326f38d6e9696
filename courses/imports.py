"""Reading the trainees a trainer adds to a cohort: a list of e-mails or a CSV file.

Parsing checks the shape of the input (columns, e-mail syntax, duplicates) and cleans
every value as the forms do (lms.text: no control characters, no invisible ones, no more
than the column holds), reporting every problem with its line; the service then checks
it against the database. Nothing is written until both found nothing wrong.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.models import DEFAULT_CADRES, Cadre, Organisation, Sex, User
from lms.text import clean_name, clean_text

CSV_COLUMNS = ("full_name", "email", "organisation")
# Optional: a file without them imports as before; an empty cell leaves the value unset.
OPTIONAL_COLUMNS = ("cadre", "sex")
CADRE_MAX_LENGTH = Cadre._meta.get_field("name").max_length
MAX_ROWS = 2000
MAX_BYTES = 1_000_000
# RFC 5321 allows 254 characters in an address; the column may allow fewer.
EMAIL_MAX_LENGTH = min(254, User._meta.get_field("email").max_length)
FULL_NAME_MAX_LENGTH = User._meta.get_field("full_name").max_length
ORGANISATION_MAX_LENGTH = Organisation._meta.get_field("name").max_length


# How each column is cleaned, in the order of CSV_COLUMNS.
_CSV_CLEANING = (("full_name", clean_name, FULL_NAME_MAX_LENGTH),
                 ("email", clean_text, EMAIL_MAX_LENGTH),
                 ("organisation", clean_name, ORGANISATION_MAX_LENGTH))


def _too_many_people() -> str:
    return ngettext("Add at most %(max)d person at a time.",
                    "Add at most %(max)d people at a time.", MAX_ROWS) % {"max": MAX_ROWS}


@dataclass(frozen=True)
class TraineeRow:
    line: int
    email: str
    full_name: str = ""
    organisation: str = ""
    # As written in the file; the service looks it up (see `cadre_lookup`).
    cadre: str = ""
    # A `lms.models.Sex` value, or "".
    sex: str = ""


def _key(value: str) -> str:
    return " ".join(value.replace("_", " ").replace("-", " ").split()).casefold()


# Words for each sex a trainer's spreadsheet may use, besides the labels Sanad shows in
# each of its languages (added by `sex_lookup`).
SEX_WORDS = {
    Sex.FEMALE: ["f", "woman", "femme", "féminin", "feminin", "أنثى", "انثى", "امرأة"],
    Sex.MALE: ["m", "man", "homme", "masculin", "h", "ذكر", "رجل"],
    Sex.OTHER: ["autre", "آخر", "اخر"],
    Sex.UNDISCLOSED: ["prefer not to say", "not given", "non précisé", "non communiqué",
                      "ne souhaite pas répondre", "أفضل عدم الإجابة", "أفضل عدم القول"],
}


def sex_lookup() -> dict[str, str]:
    """Every accepted spelling of a sex (casefolded), to its `Sex` value."""
    lookup = {}
    for value, words in SEX_WORDS.items():
        lookup[_key(value)] = value
        for word in words:
            lookup[_key(word)] = value
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in Sex.choices:
                lookup.setdefault(_key(str(label)), value)
    return lookup


def cadre_lookup() -> dict[str, Cadre]:
    """Every accepted spelling of a cadre (casefolded): its code, its stored name, and
    for the cadres Sanad ships with, their label in each of Sanad's languages."""
    lookup = {}
    cadres = list(Cadre.objects.all())
    for cadre in cadres:
        lookup[_key(cadre.code)] = cadre
        lookup.setdefault(_key(cadre.name), cadre)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for cadre in cadres:
                if cadre.code in DEFAULT_CADRES:
                    lookup.setdefault(_key(str(DEFAULT_CADRES[cadre.code])), cadre)
    return lookup


def find_cadre(lookup: dict[str, Cadre], value: str) -> Cadre | None:
    return lookup.get(_key(value))


def _clean_value(clean, value: str, line: int, column: str | None, errors: list[str],
                 **limits) -> str | None:
    """The cleaned value, or None with the problem added to `errors` by line (and column)."""
    try:
        return clean(value, **limits)
    except ValidationError as error:
        for message in error.messages:
            if column:
                errors.append(_("Line %(line)d: %(column)s: %(message)s")
                              % {"line": line, "column": column, "message": message})
            else:
                errors.append(_("Line %(line)d: %(message)s")
                              % {"line": line, "message": message})
        return None


def _check_email(email: str, line: int, seen: dict[str, int], errors: list[str]) -> None:
    try:
        validate_email(email)
    except ValidationError:
        errors.append(_("Line %(line)d: “%(email)s” is not a valid e-mail address.")
                      % {"line": line, "email": email})
        return
    key = email.lower()
    if key in seen:
        errors.append(_("Line %(line)d: %(email)s is already on line %(first)d.")
                      % {"line": line, "email": email, "first": seen[key]})
    else:
        seen[key] = line


def parse_email_list(text: str) -> list[TraineeRow]:
    """One e-mail per line (commas and semicolons also separate). Raises ValidationError
    naming every bad line."""
    rows, errors, seen = [], [], {}
    for line, raw in enumerate(text.splitlines(), start=1):
        for part in re.split(r"[,;]", raw):
            if not part.strip():
                continue
            email = _clean_value(clean_text, part, line, None, errors,
                                 max_length=EMAIL_MAX_LENGTH)
            if not email:
                continue
            _check_email(email, line, seen, errors)
            rows.append(TraineeRow(line=line, email=email))
    if errors:
        raise ValidationError(errors)
    if len(rows) > MAX_ROWS:
        raise ValidationError(_too_many_people())
    return rows


def parse_trainee_csv(upload) -> list[TraineeRow]:
    """A UTF-8 CSV with the columns full_name, email, organisation (a header line first),
    and optionally cadre and sex (see `cadre_lookup`, `sex_lookup`).

    Raises ValidationError naming every bad line; a missing column fails the whole file.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too large: keep it under 1 MB."))
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and "
                                "upload it again.")) from error
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [column for column in CSV_COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            _("Line 1: the file lacks the column(s) %(missing)s. The first line must name "
              "the columns full_name, email, organisation.") % {"missing": ", ".join(missing)})
    reader.fieldnames = header
    rows, errors, seen = [], [], {}
    sexes = sex_lookup()
    try:
        for record in reader:
            line = reader.line_num
            values = {column: (record.get(column) or "").strip() for column in CSV_COLUMNS}
            if not any(values.values()):
                continue
            if None in record:
                errors.append(_("Line %(line)d has more values than there are columns.")
                              % {"line": line})
            for column, clean, max_length in _CSV_CLEANING:
                if values[column]:
                    values[column] = _clean_value(clean, values[column], line, column, errors,
                                                  max_length=max_length)
                if values[column] == "":
                    errors.append(_("Line %(line)d: %(column)s is empty.")
                                  % {"line": line, "column": column})
            if values["email"]:
                _check_email(values["email"], line, seen, errors)
            cadre = _clean_value(clean_text, (record.get("cadre") or "").strip(), line,
                                 "cadre", errors, max_length=CADRE_MAX_LENGTH) or ""
            sex_written = _clean_value(clean_text, (record.get("sex") or "").strip(), line,
                                       "sex", errors, max_length=40) or ""
            sex = sexes.get(_key(sex_written), "") if sex_written else ""
            if sex_written and not sex:
                errors.append(_("Line %(line)d: sex: “%(value)s” is not one of female, male, "
                                "other, undisclosed (or f, m).")
                              % {"line": line, "value": sex_written})
            rows.append(TraineeRow(line=line, email=values["email"] or "",
                                   full_name=values["full_name"] or "",
                                   organisation=values["organisation"] or "",
                                   cadre=cadre, sex=sex))
    except csv.Error as error:
        raise ValidationError(_("Line %(line)d cannot be read as CSV: %(error)s")
                              % {"line": reader.line_num, "error": error}) from error
    if errors:
        raise ValidationError(errors)
    if not rows:
        raise ValidationError(_("The file has no trainees in it."))
    if len(rows) > MAX_ROWS:
        raise ValidationError(_too_many_people())
    return rows
