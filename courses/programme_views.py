"""The programme pages under /programme/: indicators, the consortium comparison and
their exports, for programme managers, coordinators and trainers.

Who may count what is decided once, by `lms.indicators.viewer_for`; anyone it answers
None for gets a 404, as for anything else they may not see.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms import spreadsheets
from lms.exports import export_request
from lms.indicators import DIMENSIONS, registry, viewer_for
from lms.services import audit_record

from . import programme
from .indicators import population


def _viewer(request):
    viewer = viewer_for(request.user)
    if viewer is None:
        raise Http404
    return viewer


def _indicator(key: str):
    indicator = registry.get(key)
    if indicator is None:
        raise Http404
    return indicator


def _form(request, viewer, *, with_breakdown=True):
    form = programme.FiltersForm(request.GET, viewer=viewer, with_breakdown=with_breakdown)
    form.is_valid()
    return form


def _empty_reason(form) -> str:
    if form.has_filters():
        return _("No trainees match these filters. Widen the period or remove a filter.")
    return _("No trainees are enrolled yet in the organisations or cohorts you can see.")


def _base_context(request, viewer, form, **extra) -> dict:
    context = {"viewer": viewer, "form": form, "query": request.GET.urlencode(),
               "who": programme.viewer_label(viewer, request.user),
               "may_compare": _may_compare(request.user, viewer),
               "suppression": programme.suppression_note() if viewer.suppress_small_cells
               else "", "used": form.used() if form.is_valid() else []}
    context.update(extra)
    return context


def _may_compare(user, viewer) -> bool:
    return viewer.aggregates_only or user.is_superuser


def _has_population(viewer, form) -> bool:
    return population(viewer, form.filters()).exists()


def _audit(request, action: str, **details) -> None:
    audit_record(actor=request.user, action=action, target=request.user,
                 query=request.GET.urlencode()[:1000], **details)


def _bad_filters(request, viewer, form, template="programme/overview.html"):
    """Filters that cannot be used: the page says why and shows no figures."""
    return render(request, template, _base_context(request, viewer, form, invalid=True),
                  status=400)


# --- Pages -------------------------------------------------------------------------------


@login_required
@require_GET
def overview(request):
    viewer = _viewer(request)
    form = _form(request, viewer, with_breakdown=False)
    if not form.is_valid():
        return _bad_filters(request, viewer, form)
    filters = form.filters()
    cards, empty = [], not _has_population(viewer, form)
    if not empty:
        for indicator in registry.indicators:
            table = programme.table_for(indicator, viewer, filters, None)
            trend_table = programme.trend_for(indicator, viewer, filters)
            headline = indicator.headline
            cards.append({
                "indicator": indicator,
                "headline": headline,
                "value": programme.format_cell(table.total.cells.get(headline.key),
                                               headline.kind),
                "n": programme.format_n(table.total.cells.get(headline.key)),
                "chart": programme.trend_chart(trend_table),
                "trend": programme.display(trend_table),
                "trend_computed_at": trend_table.computed_at,
            })
    computed = [card["trend_computed_at"] for card in cards]
    return render(request, "programme/overview.html", _base_context(
        request, viewer, form, cards=cards, empty=empty,
        trends_computed_at=min(computed) if computed else None,
        empty_reason=_empty_reason(form) if empty else ""))


@login_required
@require_GET
def indicator_detail(request, key: str):
    indicator = _indicator(key)
    viewer = _viewer(request)
    form = _form(request, viewer)
    template = "programme/indicator.html"
    if not form.is_valid():
        return _bad_filters(request, viewer, form, template)
    filters = form.filters()
    empty = not _has_population(viewer, form)
    context = {"indicator": indicator, "empty": empty,
               "empty_reason": _empty_reason(form) if empty else ""}
    if not empty:
        table = programme.table_for(indicator, viewer, filters, form.chosen_breakdown)
        trend_table = programme.trend_for(indicator, viewer, filters)
        detail = programme.detail_for(indicator, viewer, filters)
        context.update({
            "detail": programme.display(detail) if detail is not None else None,
            "display": programme.display(table),
            "breakdown_label": DIMENSIONS.get(form.chosen_breakdown, ""),
            "chart": programme.bar_chart(table) if form.chosen_breakdown and table.rows else None,
            "trend_chart": programme.trend_chart(trend_table),
            "trend": programme.display(trend_table),
        })
    return render(request, template, _base_context(request, viewer, form, **context))


@login_required
@require_GET
def consortium(request):
    viewer = _viewer(request)
    if not _may_compare(request.user, viewer):
        raise Http404
    form = _form(request, viewer, with_breakdown=False)
    template = "programme/consortium.html"
    if not form.is_valid():
        return _bad_filters(request, viewer, form, template)
    empty = not _has_population(viewer, form)
    sections = []
    if not empty:
        for section in programme.comparison(viewer, form.filters()):
            sections.append({
                **section,
                "organisation_chart": programme.bar_chart(section["by_organisation"]),
                "site_chart": programme.bar_chart(section["by_site"]),
                "organisation_display": programme.display(section["by_organisation"]),
                "site_display": programme.display(section["by_site"]),
            })
    return render(request, template, _base_context(
        request, viewer, form, sections=sections, empty=empty,
        empty_reason=_empty_reason(form) if empty else ""))


# --- Exports -----------------------------------------------------------------------------


def _export(request, viewer, form, tables, name: str, fmt: str, action: str, **details):
    label = programme.viewer_label(viewer, request.user)
    _audit(request, f"export.programme_{action}_{fmt}", **details)
    if fmt == "csv":
        def rows():
            for number, table in enumerate(tables):
                if number:
                    yield []
                    yield [table.indicator.name]
                yield from programme.table_rows(table)
        return spreadsheets.csv_response(f"{name}.csv", rows())
    return spreadsheets.xlsx_response(f"{name}.xlsx", lambda out: programme.write_tables_xlsx(
        out, tables, form.used(), label))


@login_required
@require_GET
def overview_export(request, fmt: str):
    viewer = _viewer(request)
    form = _form(request, viewer, with_breakdown=False)
    if not form.is_valid():
        return _bad_filters(request, viewer, form)
    tables = [programme.table_for(indicator, viewer, form.filters(), None)
              for indicator in registry.indicators]
    return _export(request, viewer, form, tables, "programme-indicators", fmt, "overview")


@login_required
@require_GET
def indicator_export(request, key: str, fmt: str):
    indicator = _indicator(key)
    viewer = _viewer(request)
    form = _form(request, viewer)
    if not form.is_valid():
        return _bad_filters(request, viewer, form, "programme/indicator.html")
    table = programme.table_for(indicator, viewer, form.filters(), form.chosen_breakdown)
    return _export(request, viewer, form, [table], f"programme-{indicator.key}", fmt,
                   "indicator", indicator=indicator.key)


@login_required
@require_GET
def consortium_export(request, fmt: str):
    viewer = _viewer(request)
    if not _may_compare(request.user, viewer):
        raise Http404
    form = _form(request, viewer, with_breakdown=False)
    if not form.is_valid():
        return _bad_filters(request, viewer, form, "programme/consortium.html")
    tables = []
    for section in programme.comparison(viewer, form.filters()):
        tables += [section["by_organisation"], section["by_site"]]
    return _export(request, viewer, form, tables, "programme-consortium", fmt, "consortium")


@login_required
@require_GET
def four_w(request):
    viewer = _viewer(request)
    form = _form(request, viewer, with_breakdown=False)
    if not form.is_valid():
        return _bad_filters(request, viewer, form)
    _audit(request, "export.programme_4w_csv")
    return spreadsheets.csv_response("4w.csv", programme.four_w_rows(viewer, form.filters()))


@login_required
@require_GET
def report(request):
    """The quarterly report is built as an export job; the person waits on its page."""
    viewer = _viewer(request)
    form = _form(request, viewer, with_breakdown=False)
    if not form.is_valid():
        return _bad_filters(request, viewer, form)
    export = export_request(user=request.user, kind=programme.REPORT_PDF,
                            parameters=programme.report_parameters(request.user, form))
    return redirect("lms:export_detail", pk=export.pk)
