"""The explorer's scripts that run in the browser (Dash clientside callbacks), kept apart from the server callbacks."""

# The search box asks GET /api/regions (names, English names, countries, towns) as the user types; each option
# keeps what was typed in its `search` text so the dropdown's own filter does not hide matches by other names.
# The box is emptied after a pick, so reopening it starts a new search instead of jumping to the old option.
SEARCH_REGIONS_JS = """
function (typed) {
    const text = (typed || "").trim();
    if (text.length < 2) { return window.dash_clientside.no_update; }
    const levels = {0: window.atlasWord("country"), 1: "NUTS 1", 2: "NUTS 2", 3: "NUTS 3"};
    const asked = (window.atlasRegionSearch = (window.atlasRegionSearch || 0) + 1);
    return fetch("/api/regions?limit=12&q=" + encodeURIComponent(text))
        .then(function (r) { return r.ok ? r.json() : {regions: []}; })
        .then(function (body) {
            if (asked !== window.atlasRegionSearch) { return window.dash_clientside.no_update; }
            return body.regions.map(function (r) {
                return {label: r.name + " (" + r.nuts_id + ", " + levels[r.level] + ") · " + r.matched,
                        value: r.nuts_id, search: typed + " " + r.name + " " + r.nuts_id};
            });
        })
        .catch(function () { return []; });
}
"""

