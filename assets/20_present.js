/* Presentation mode: a full-screen slide show drawn in the browser.

   It starts when a map page opens with ?present=1, from the toolbar's Present button, from the storyboard
   drawer's Present button or from a shared storyboard page (window.atlasShow.start). Every view of the
   storyboard is asked of GET /api/slide once, when the show starts, so → / ← / PageDown / PageUp / Space
   switch slides without a page load (a view of an imported indicator is asked with the lists this browser holds,
   POST /api/slide, so it is drawn like any other); Esc leaves back to the current view's page through the history API
   (Dash's router follows it, no reload). Text from users (titles, notes) and from the server is only ever set
   with textContent; only same-origin paths are followed. */
(function () {
    "use strict";
    var PAGES_URL = "/api/slide/pages";  // the pages whose views are slides, from the server's page registry
    var slidePages = null;  // a promise of that list, asked once
    function word(text, values) { return window.atlasWord ? window.atlasWord(text, values) : text; }
    var NEXT_KEYS = ["ArrowRight", "PageDown", " ", "Spacebar"];
    var PREV_KEYS = ["ArrowLeft", "PageUp"];
    var PARALLEL_REQUESTS = 2;
    var current = null;  // the running show, or null

    function withoutPresent(search) {
        var params = new URLSearchParams(search);
        params.delete("present");
        params.sort();
        var text = params.toString();
        return text ? "?" + text : "";
    }

    /* A same-origin path (with its query, without present=1), or null for anything else. */
    function safePath(url) {
        if (typeof url !== "string" || url.charAt(0) !== "/" || url.charAt(1) === "/" || url.indexOf("\\") >= 0) {
            return null;
        }
        try {
            var parsed = new URL(url, window.location.origin);
            if (parsed.origin !== window.location.origin) { return null; }
            return parsed.pathname + withoutPresent(parsed.search);
        } catch (e) { return null; }
    }

    function cleanViews(list) {
        var views = [];
        (Array.isArray(list) ? list : []).forEach(function (view) {
            var path = view && safePath(view.url);
            if (path) {
                views.push({url: path, title: String(view.title || "").slice(0, 200),
                            note: String(view.note || "").slice(0, 1000)});
            }
        });
        return views;
    }

    function storedBoard() {
        try { return cleanViews(JSON.parse(window.localStorage.getItem("storyboard") || "[]")); }
        catch (e) { return []; }
    }

    function el(tag, className, text) {
        var node = document.createElement(tag);
        if (className) { node.className = className; }
        if (text !== undefined && text !== null) { node.textContent = String(text); }
        return node;
    }

    function button(className, label, text, action) {
        var node = el("button", "atlas-show-button " + className, text);
        node.type = "button";
        node.setAttribute("aria-label", label);
        node.title = label;
        node.addEventListener("click", action);
        return node;
    }

    /* The overlay's skeleton: header (titles, slide number), body (map, side panel), footer (source line). */
    function buildOverlay() {
        var root = el("div", "atlas-show");
        root.id = "atlas-show";
        root.setAttribute("role", "dialog");
        root.setAttribute("aria-modal", "true");
        root.setAttribute("aria-label", word("Slide show"));
        root.tabIndex = -1;
        var parts = {root: root};
        var head = el("header", "atlas-show-head");
        var titles = el("div", "atlas-show-titles");
        parts.heading = titles.appendChild(el("h1", "atlas-show-heading"));
        parts.titleLine = titles.appendChild(el("p", "atlas-show-title-line"));
        head.appendChild(titles);
        parts.count = head.appendChild(el("div", "atlas-show-count"));
        parts.count.setAttribute("aria-hidden", "true");  // "2 / 6" is said in words by the live region below
        parts.said = head.appendChild(el("div", "visually-hidden"));
        parts.said.setAttribute("role", "status");
        parts.said.setAttribute("aria-live", "polite");
        var body = el("div", "atlas-show-body");
        parts.map = body.appendChild(el("div", "atlas-show-map"));
        parts.text = body.appendChild(el("div", "atlas-show-text"));
        parts.side = body.appendChild(el("aside", "atlas-show-side"));
        var foot = el("footer", "atlas-show-foot");
        parts.board = foot.appendChild(el("span", "atlas-show-board"));
        parts.source = foot.appendChild(el("span", "atlas-show-source"));
        var nav = el("span", "atlas-show-nav");
        nav.appendChild(button("atlas-show-prev", word("Previous slide (←)"), "‹", function () { step(-1); }));
        nav.appendChild(button("atlas-show-next", word("Next slide (→)"), "›", function () { step(1); }));
        nav.appendChild(button("atlas-show-exit", word("Leave presentation (Esc)"), "✕", leave));
        foot.appendChild(nav);
        root.appendChild(head);
        root.appendChild(body);
        root.appendChild(foot);
        return parts;
    }

    function swatch(item) {
        var box = el("span", "atlas-show-swatch");
        if (item.gradient && Array.isArray(item.gradient)) {
            box.style.background = "linear-gradient(to right, " + item.gradient.map(function (stop) {
                return String(stop[1]) + " " + (100 * Number(stop[0])) + "%";
            }).join(", ") + ")";
            box.classList.add("atlas-show-swatch-wide");
        } else {
            box.style.background = String(item.colour || "#888888");
        }
        return box;
    }

    function legendBlock(slide) {
        var block = el("section", "atlas-show-legend");
        block.appendChild(el("h2", "atlas-show-side-title", slide.legend_title || word("Legend")));
        if (slide.legend_note) { block.appendChild(el("p", "atlas-show-legend-note", slide.legend_note)); }
        var list = block.appendChild(el("ul", "atlas-show-legend-rows"));
        (slide.legend || []).forEach(function (item) {
            var row = list.appendChild(el("li", item.no_data ? "atlas-show-no-data" : ""));
            row.appendChild(swatch(item));
            row.appendChild(el("span", "atlas-show-legend-label", item.label));
            row.appendChild(el("span", "atlas-show-legend-count", "(" + item.count + ")"));
        });
        return block;
    }

    function figuresBlock(slide) {
        var block = el("section", "atlas-show-figures");
        block.appendChild(el("h2", "atlas-show-side-title", slide.region.name + " (" + slide.region.nuts_id + ")"));
        var main = (slide.key_figures || [])[0];
        var shared = (slide.key_figures || []).length > 1 && slide.key_figures.every(function (figure) {
            return figure.source === main.source && figure.year === main.year;
        });  // one source line for the block, else one per figure: every number keeps its source and year
        (slide.key_figures || []).forEach(function (figure, n) {
            var item = block.appendChild(el("div", n === 0 ? "atlas-show-figure atlas-show-figure-main" : "atlas-show-figure"));
            if (n === 0) {
                item.appendChild(el("div", "atlas-show-figure-label", figure.label));
                var value = item.appendChild(el("div", "atlas-show-figure-value"));
                value.appendChild(el("span", "atlas-show-figure-number", figure.number_text));
                if (figure.unit_text) { value.appendChild(el("span", "atlas-show-figure-unit", " " + figure.unit_text)); }
            } else {
                var line = item.appendChild(el("div", "atlas-show-figure-line"));
                line.appendChild(el("span", "atlas-show-figure-label", figure.label + ": "));
                line.appendChild(el("span", "atlas-show-figure-value", figure.text));
            }
            if (figure.detail) { item.appendChild(el("div", "atlas-show-figure-detail", figure.detail)); }
            if (!shared) { item.appendChild(el("div", "atlas-show-figure-source", figure.source + ", " + figure.year)); }
        });
        if (shared && main) {
            block.appendChild(el("div", "atlas-show-figure-source", word("All figures: %(source)s, %(year)s", {source: main.source, year: main.year})));
        }
        return block;
    }

    /* On a phone the outermost regions' insets go in a row under the map, so the map gets the whole width. */
    function phoneLayout(layout) {
        var insets = Object.keys(layout).filter(function (key) { return /^geo[0-9]+$/.test(key); }).sort(function (a, b) {
            return Number(a.slice(3)) - Number(b.slice(3));
        });
        var out = Object.assign({}, layout, {geo: Object.assign({}, layout.geo, {domain: {x: [0, 1], y: [0.16, 1]}})});
        var width = 1 / Math.max(insets.length, 1);
        insets.forEach(function (key, i) {
            out[key] = Object.assign({}, layout[key], {domain: {x: [i * width + 0.006, (i + 1) * width - 0.006], y: [0, 0.1]}});
        });
        if (Array.isArray(layout.annotations) && layout.annotations.length === insets.length) {
            out.annotations = layout.annotations.map(function (note, i) {
                return Object.assign({}, note, {x: (i + 0.5) * width, y: 0.105, xanchor: "center", yanchor: "bottom",
                                                font: Object.assign({}, note.font, {size: 8}), textangle: -30});
            });
        }
        return out;
    }

    function drawMap(node, slide) {
        if (!slide.figure) { return; }
        if (!window.Plotly) {  // a show started on a page without a graph: plotly.js loads first (04_plotly_on_demand.js)
            if (window.atlasWithPlotly) {
                window.atlasWithPlotly(function () {
                    if (current && current.slides[current.index] === slide) { drawMap(node, slide); }
                });
            }
            return;
        }
        var layout = Object.assign({}, slide.figure.layout || {}, {autosize: true});
        if (window.matchMedia && window.matchMedia("(max-width: 768px)").matches) { layout = phoneLayout(layout); }
        var index = current ? current.index : -1;
        node.removeAttribute("data-drawn");
        window.Plotly.react(node, slide.figure.data || [], layout, {
            displayModeBar: false, responsive: true, scrollZoom: false, doubleClick: false, displaylogo: false
        }).then(function () {
            if (current && current.index === index) { node.setAttribute("data-drawn", String(index)); }
        }).catch(function () {});
    }

    function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

    /* Slide `index`: its words at once, its map as soon as its data are here. */
    function render(index) {
        var show = current;
        if (!show) { return; }
        show.index = index;
        var view = show.views[index], slide = show.slides[index], parts = show.parts;
        parts.count.textContent = (index + 1) + " / " + show.views.length;
        parts.board.textContent = show.title || "";
        parts.root.classList.toggle("atlas-show-first", index === 0);
        parts.root.classList.toggle("atlas-show-last", index === show.views.length - 1);
        clear(parts.side);
        clear(parts.text);
        var line = slide ? String(slide.title_line || "") : "", short = slide ? String(slide.heading || "") : "";
        var split = !view.title && short && line.indexOf(short + " · ") === 0;  // "label" over "unit · level · year"
        parts.heading.textContent = view.title || (split ? short : line) || word("View %(number)s", {number: index + 1});
        parts.titleLine.textContent = view.title ? line : (split ? line.slice(short.length + 3) : "");
        parts.titleLine.hidden = !parts.titleLine.textContent;
        parts.said.textContent = word("Slide %(number)s of %(total)s: %(title)s",
                                      {number: index + 1, total: show.views.length, title: parts.heading.textContent});
        parts.source.textContent = slide ? slide.source_line || "" : "";
        var drawn = slide && slide.kind === "map";
        parts.root.classList.toggle("atlas-show-text-slide", !drawn);
        if (!slide) { parts.text.appendChild(el("p", "atlas-show-loading", word("Loading slide…"))); }
        if (slide && !drawn) {
            (slide.lines || []).forEach(function (line) { parts.text.appendChild(el("p", "", line)); });
            parts.text.appendChild(el("p", "atlas-show-text-link", view.url));
        }
        if (view.note) {
            (drawn ? parts.side : parts.text).appendChild(el("blockquote", "atlas-show-note", view.note));
        }
        if (drawn) {
            parts.side.appendChild(legendBlock(slide));
            if (slide.region) { parts.side.appendChild(figuresBlock(slide)); }
        }
        if (drawn) { drawMap(parts.map, slide); }
        else if (window.Plotly) { window.Plotly.purge(parts.map); }
    }

    function failed(message) {
        return {kind: "text", title_line: word("This view cannot be shown"), legend_note: "", lines: [message],
                legend: [], key_figures: [], source_line: ""};
    }

    /* A slide's geometry fetched and parsed before it is shown, where plotly.js looks for it (once per level). */
    function warmGeometry(show, slide) {
        var assets = window.PlotlyGeoAssets, data = slide && slide.figure && slide.figure.data;
        if (!assets || !data) { return; }
        data.forEach(function (trace) {
            var url = trace.geojson;
            if (typeof url === "string" && !assets[url] && !show.warming[url] && url.charAt(0) === "/") {
                show.warming[url] = true;
                fetch(url).then(function (r) { return r.ok ? r.json() : null; })
                    .then(function (doc) { if (doc && !assets[url]) { assets[url] = doc; } })
                    .catch(function () {});
            }
        });
    }

    /* The indicator lists this browser holds (the import page keeps them in local storage), for a view of an
       imported indicator: the server draws the slide from them, as the view's own page does. */
    function heldLists(url) {
        var params = new URL(url, window.location.origin).searchParams, kinds = [];
        if ((params.get("indicator") || "").indexOf("imp-") === 0) { kinds.push("indicator"); }
        if ((params.get("orgs") || "").indexOf("imp-") === 0) { kinds.push("clusters"); }  // organisations over the map
        if (!kinds.length) { return null; }
        try {
            var stored = JSON.parse(window.localStorage.getItem("imported-layers") || "[]");
            var lists = (Array.isArray(stored) ? stored : []).filter(function (item) {
                return item && kinds.indexOf(item.kind) >= 0 && Array.isArray(item.rows);
            });
            return lists.length ? lists : null;
        } catch (e) { return null; }
    }

    function request(url) {
        var lists = heldLists(url);
        if (!lists) {
            return fetch("/api/slide?view=" + encodeURIComponent(url), {credentials: "same-origin"});
        }
        return fetch("/api/slide", {method: "POST", credentials: "same-origin",
                                    headers: {"Content-Type": "application/json"},
                                    body: JSON.stringify({view: url, imported: lists})});
    }

    function load(show, index) {
        return request(show.views[index].url)
            .then(function (response) {
                return response.json().then(function (body) {
                    return response.ok ? body : failed(body.error || word("The server answered %(status)s.", {status: response.status}));
                });
            })
            .catch(function (error) { return failed(word("Could not load this slide: %(reason)s", {reason: error.message})); })
            .then(function (slide) {
                show.slides[index] = slide;
                warmGeometry(show, slide);
                if (current === show && show.index === index) { render(index); }
            });
    }

    /* Every slide once: the one on screen alone, then the others nearest first, a few at a time. */
    function prefetch(show) {
        var order = [show.index];
        for (var d = 1; d < show.views.length; d++) {
            if (show.index + d < show.views.length) { order.push(show.index + d); }
            if (show.index - d >= 0) { order.push(show.index - d); }
        }
        function worker() {
            var next = order.shift();
            if (next === undefined || current !== show) { return Promise.resolve(); }
            return load(show, next).then(worker);
        }
        order.shift();
        load(show, show.index).then(function () {  // the slide on screen first, alone
            for (var n = 0; n < PARALLEL_REQUESTS; n++) { worker(); }
        });
    }

    function step(delta) {
        if (!current) { return; }
        var index = current.index + delta;
        if (index >= 0 && index < current.views.length) { render(index); }
    }

    function onKey(event) {
        if (!current || event.altKey || event.ctrlKey || event.metaKey) { return; }
        var handled = true;
        if (NEXT_KEYS.indexOf(event.key) >= 0) { step(1); }
        else if (PREV_KEYS.indexOf(event.key) >= 0) { step(-1); }
        else if (event.key === "Home") { render(0); }
        else if (event.key === "End") { render(current.views.length - 1); }
        else if (event.key === "Escape") { leave(); }
        else { handled = false; }
        if (handled) { event.preventDefault(); event.stopPropagation(); }
    }

    function onTouchStart(event) {
        if (current && event.touches.length === 1) { current.touchX = event.touches[0].clientX; }
    }

    function onTouchEnd(event) {
        if (!current || current.touchX === null || !event.changedTouches.length) { return; }
        var dx = event.changedTouches[0].clientX - current.touchX;
        current.touchX = null;
        if (Math.abs(dx) > 60) { step(dx < 0 ? 1 : -1); }
    }

    /* Start the show. options: views [{url, title, note}], index, title (the storyboard's), origin (the address
       Dash last routed, when it is not the one in the address bar). */
    function start(options) {
        if (current) { leave(); }
        var views = cleanViews(options && options.views);
        if (!views.length) { return false; }
        var index = Math.min(Math.max(Number(options.index) || 0, 0), views.length - 1);
        var parts = buildOverlay();
        current = {views: views, slides: new Array(views.length), index: index, parts: parts,
                   title: String((options && options.title) || "").slice(0, 200), touchX: null, warming: {},
                   origin: (options && options.origin) || window.location.pathname + window.location.search,
                   opener: document.activeElement};
        document.body.appendChild(parts.root);
        document.body.classList.add("atlas-showing");
        document.documentElement.classList.add("atlas-showing");
        document.addEventListener("keydown", onKey, true);
        parts.root.addEventListener("touchstart", onTouchStart, {passive: true});
        parts.root.addEventListener("touchend", onTouchEnd, {passive: true});
        render(index);
        parts.root.focus();
        prefetch(current);
        return true;
    }

    function here() { return window.location.pathname + withoutPresent(window.location.search); }

    function sameView(a, b) { return safePath(a) === safePath(b); }

    /* The show of this page's view: the whole storyboard when the view is in it, else this view alone ("1 / 1"). */
    function fromPage() {
        var views = storedBoard(), path = here();
        var index = views.findIndex(function (view) { return sameView(view.url, path); });
        if (index < 0) { views = [{url: path, title: "", note: ""}]; index = 0; }
        var origin = window.location.pathname + window.location.search;
        var url = new URL(window.location.href);
        if (url.searchParams.get("present") !== "1") {
            url.searchParams.set("present", "1");
            window.history.replaceState(window.history.state, "", url.pathname + url.search);
        }
        return start({views: views, index: index, origin: origin});
    }

    /* Back to the current slide's page: only the address changes when it is the page under the show; another
       view is opened through Dash's router (history, no reload). */
    function leave() {
        var show = current;
        if (!show) { return; }
        current = null;
        document.removeEventListener("keydown", onKey, true);
        if (window.Plotly) { window.Plotly.purge(show.parts.map); }
        show.parts.root.remove();
        document.body.classList.remove("atlas-showing");
        document.documentElement.classList.remove("atlas-showing");
        var slide = show.slides[show.index];
        var target = safePath((slide && slide.page_url) || show.views[show.index].url) || here();
        var sameAsOrigin = safePath(show.origin) === target;
        var underPresent = new URL(show.origin, window.location.origin).searchParams.get("present") === "1";
        if (sameAsOrigin) {
            window.history.replaceState(window.history.state, "", target);
        } else {
            window.history.pushState(null, "", target);
        }
        if (!sameAsOrigin || underPresent) { window.dispatchEvent(new CustomEvent("_dashprivate_pushstate")); }
        window.dispatchEvent(new Event("resize"));
        returnFocus(show.opener);
    }

    /* Focus goes back where the show was started (the Present button), or, when Dash has drawn another page, to
       that page's Present button; never left on <body>. */
    function returnFocus(opener) {
        var tries = 0;
        (function again() {
            var target = opener && opener.isConnected && opener.offsetParent !== null ? opener :
                document.querySelector(".atlas-meeting-toolbar button[id*='\"subcomponent\":\"present\"']");
            if (target) { target.focus(); return; }
            if (++tries < 40) { window.setTimeout(again, 100); }
        })();
    }

    /* The paths of the pages whose views are slides, as the server's page registry lists them (asked once). */
    function presentPages() {
        if (!slidePages) {
            slidePages = window.fetch(PAGES_URL, {credentials: "same-origin"})
                .then(function (response) { return response.ok ? response.json() : {pages: []}; })
                .then(function (body) { return Array.isArray(body.pages) ? body.pages : []; })
                .catch(function () { slidePages = null; return []; });
        }
        return slidePages;
    }

    function startFromAddress() {
        var params = new URLSearchParams(window.location.search);
        if (current || params.get("present") !== "1") { return; }
        var path = window.location.pathname;
        presentPages().then(function (pages) {
            if (!current && pages.indexOf(path) >= 0 && window.location.pathname === path) { fromPage(); }
        });
    }

    /* Where the show is: slide index, number of slides, how many have their data (null when not running). */
    function status() {
        if (!current) { return null; }
        return {index: current.index, total: current.views.length,
                loaded: current.slides.filter(function (slide) { return slide; }).length};
    }

    window.atlasShow = {start: start, fromPage: fromPage, leave: leave, status: status,
                        running: function () { return current !== null; },
                        parts: {legendBlock: legendBlock, figuresBlock: figuresBlock, phoneLayout: phoneLayout}};
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", startFromAddress);
    } else {
        startFromAddress();
    }
    window.addEventListener("popstate", startFromAddress);
})();
