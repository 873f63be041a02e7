"""Region brief: the few pages about one region that a meeting participant takes home (also as PDF and PowerPoint)."""

from dash import html

from components.brief_view import brief_view
from components.layout import page_header, page_notice
from data.layer import InvalidChoice, LayerMissingError, get_layer
from domain.brief import region_brief, resolve_region_code
from domain.i18n import N_
from domain.i18n import gettext as _
from web.pages import Capabilities, register_page


def path_status(nuts_id: str = "") -> int:
    """The status of /brief/<nuts_id>, as the export routes answer it: 400 for a malformed code, 404 for one that
    names no NUTS 2021 region (its old codes resolve), 200 otherwise."""
    try:
        resolve_region_code(get_layer(), nuts_id)
    except InvalidChoice as exc:
        return 404 if exc.parameter == "region" else 400
    except LayerMissingError:
        return 503
    return 200


register_page(__name__, Capabilities(path_status=path_status), path_template="/brief/<nuts_id>", name=N_("Region brief"),
              title=N_("Cluster Atlas — Region brief"))


def layout(nuts_id: str = "", **_query) -> html.Div:
    layer = get_layer()
    try:
        code, notice = resolve_region_code(layer, nuts_id)
    except InvalidChoice as exc:
        return html.Div([page_header(_("Region brief"), _("One region's figures, specialisation and S3 evidence.")),
                         page_notice([exc.message, " ", _("Open a region's profile on the map and follow “Region "
                                                         "brief”, or use a NUTS 2021 code such as PL21.")],
                                     color="warning", id="brief-error")])
    return brief_view(layer, region_brief(layer, code), notice)
