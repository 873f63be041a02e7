/* An embedded view (GET /embed/<page>?<query>): the map of GET /api/slide with hovers from GET /api/values, a year
   slider and a region's key figures on click. Words come from the server and are only ever set as text; the
   legend and the key figures are drawn by the slide show's own parts (window.atlasShow.parts). */
(function () {
    "use strict";
    var root = document.getElementById("atlas-embed");
    if (!root || !window.atlasShow || !window.Plotly) { return; }
    var state = JSON.parse(root.getAttribute("data-embed"));
    var parts = window.atlasShow.parts;
    var map = document.getElementById("atlas-embed-map");
    var number = new Intl.NumberFormat(document.documentElement.lang || "en", {maximumFractionDigits: 2});
    function word(text, values) { return window.atlasWord ? window.atlasWord(text, values) : text; }
    var asked = 0;

    function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

    function escapeText(text) {
        return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    }

    function viewWith(changes) {
        var url = new URL(state.view, window.location.origin);
        Object.keys(changes).forEach(function (key) { url.searchParams.set(key, changes[key]); });
        return url.pathname + url.search;
    }

    function hoverLabels(answer) {
        var labels = {};
        if (!answer || !Array.isArray(answer.values)) { return labels; }
        answer.values.forEach(function (row) {
            var text;
            if (answer.change_unit) {
                text = row.change === null ? word("no data in %(year)s", {year: row.from_value === null ? answer.from : answer.to})
                    : (row.change > 0 ? "+" : "") + number.format(row.change) + " " + answer.change_unit + " ("
                      + number.format(row.from_value) + " → " + number.format(row.to_value) + " " + answer.unit + ", "
                      + answer.from + "→" + answer.to + ")";
            } else {
                text = row.value === null || row.value === undefined ? word("no data")
                    : number.format(row.value) + " " + row.unit + " (" + row.year + ")";
            }
            labels[row.nuts_id] = escapeText(row.name + " (" + row.nuts_id + "): " + text);
        });
        return labels;
    }

    function draw(slide, answer) {
        var labels = hoverLabels(answer);
        var data = (slide.figure.data || []).map(function (trace) {
            if (trace.type !== "choropleth") { return trace; }
            var text = trace.locations.map(function (id) { return labels[id] || escapeText(id); });
            return Object.assign({}, trace, {text: text, hovertemplate: "%{text}<extra></extra>", hoverinfo: "text"});
        });
        var layout = Object.assign({}, slide.figure.layout || {}, {autosize: true});
        if (map.clientWidth < 640) { layout = parts.phoneLayout(layout); }
        window.Plotly.react(map, data, layout, {displayModeBar: false, responsive: true, scrollZoom: false,
                                               doubleClick: false, displaylogo: false});
        document.querySelector(".atlas-embed-title").textContent = slide.title_line;
        map.setAttribute("aria-label", word("Map: %(title)s. The legend gives the classes.", {title: slide.title_line}));
        document.querySelector(".atlas-embed-source").textContent = slide.source_line;
        document.getElementById("atlas-embed-open").setAttribute("href", slide.page_url);
        var legend = document.getElementById("atlas-embed-legend");
        clear(legend);
        legend.appendChild(parts.legendBlock(slide));
        var region = document.getElementById("atlas-embed-region");
        clear(region);
        if (slide.region && (slide.key_figures || []).length) {
            region.appendChild(parts.figuresBlock(slide));
        } else {
            var hint = document.createElement("p");
            hint.className = "atlas-embed-hint";
            hint.textContent = word("Click a region for its figures.");
            region.appendChild(hint);
        }
    }

    function valuesAddress(view) {
        var query = new URL(view, window.location.origin).searchParams;
        if (!query.get("indicator") || !query.get("level")) { return null; }
        var ask = new URLSearchParams({indicator: query.get("indicator"), level: query.get("level")});
        if (query.get("from") && query.get("year")) {
            ask.set("from", query.get("from"));
            ask.set("to", query.get("year"));
            return "/api/change?" + ask.toString();
        }
        if (query.get("year")) { ask.set("year", query.get("year")); }
        return "/api/values?" + ask.toString();
    }

    function json(url) {
        return url ? fetch(url).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; })
            : Promise.resolve(null);
    }

    function load(view, slide) {
        var ticket = ++asked;
        state.view = view;
        var slideAnswer = slide ? Promise.resolve(slide) : json("/api/slide?view=" + encodeURIComponent(view));
        return Promise.all([slideAnswer, json(valuesAddress(view))]).then(function (answers) {
            if (ticket !== asked || !answers[0] || !answers[0].figure) { return; }
            draw(answers[0], answers[1]);
            root.setAttribute("data-drawn", view);
        });
    }

    function slider() {
        var years = state.years || [];
        if (years.length < 2) { return; }
        var current = Number(new URL(state.view, window.location.origin).searchParams.get("year")) || years[years.length - 1];
        var controls = document.getElementById("atlas-embed-controls");
        var label = document.createElement("label");
        label.setAttribute("for", "atlas-embed-year");
        label.textContent = word("Year");
        var input = document.createElement("input");
        input.type = "range";
        input.id = "atlas-embed-year";
        input.min = "0";
        input.max = String(years.length - 1);
        input.step = "1";
        input.value = String(Math.max(years.indexOf(current), 0));
        var output = document.createElement("output");
        output.setAttribute("for", "atlas-embed-year");
        output.textContent = String(years[Number(input.value)]);
        input.setAttribute("aria-valuetext", output.textContent);
        input.addEventListener("input", function () {
            var year = years[Number(input.value)];
            output.textContent = String(year);
            input.setAttribute("aria-valuetext", String(year));
            load(viewWith({year: year}));
        });
        controls.appendChild(label);
        controls.appendChild(input);
        controls.appendChild(output);
    }

    slider();
    load(state.view, state.slide).then(function () {
        map.on("plotly_click", function (event) {
            var point = event && event.points && event.points[0];
            if (point && point.location) { load(viewWith({region: point.location})); }
        });
    });
})();
