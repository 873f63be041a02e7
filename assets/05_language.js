/* The page's language (web/language.py). The server writes it in <html lang>; every same-origin request the page
   makes after loading (Dash's layout and callbacks, slides, files) carries it as X-Atlas-Lang, since those requests
   do not carry the page's ?lang=. When the page is read in a language other than English, or its address named one,
   every address the page writes into the history and every link it follows keep `lang`, so a copied or shared
   address opens in the same language. The language switcher (#atlas-language) reloads the current view in the
   chosen language. atlasWord(text) gives the scripts' own words in the page's language (their table is on the page's
   <html data-atlas-words>, made by web/script_words.py, there before any script runs). */
(function () {
    "use strict";
    var HEADER = "X-Atlas-Lang";
    var LANG = document.documentElement.getAttribute("lang") || "en";
    var KEEP = LANG !== "en" || new URLSearchParams(window.location.search).has("lang");
    var words = null;

    // The maps' and charts' own words and number formats (assets/03_plotly-locales.js) in the page's language.
    if (window.Plotly && window.Plotly.setPlotConfig && LANG !== "en") { window.Plotly.setPlotConfig({locale: LANG}); }

    window.atlasWord = function (text, values) {
        if (words === null) {
            try { words = JSON.parse(document.documentElement.getAttribute("data-atlas-words") || "{}"); }
            catch (e) { words = {}; }
        }
        var said = (words && typeof words[text] === "string" && words[text]) || text;
        if (values) {
            said = said.replace(/%\((\w+)\)[sd]/g, function (whole, name) {
                return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
            });
        }
        return said;
    };

    function local(url) {
        try {
            var parsed = new URL(String(url), window.location.href);
            return parsed.origin === window.location.origin ? parsed : null;
        } catch (e) { return null; }
    }

    var nativeFetch = window.fetch;
    if (nativeFetch) {
        window.fetch = function (input, init) {
            var url = typeof input === "string" || input instanceof URL ? input : (input && input.url);
            if (local(url)) {
                init = Object.assign({}, init || {});
                var headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
                headers.set(HEADER, LANG);
                init.headers = headers;
            }
            return nativeFetch.call(this, input, init);
        };
    }

    function withLanguage(url) {
        var parsed = url === undefined || url === null ? null : local(url);
        if (!KEEP || !parsed || parsed.searchParams.has("lang")) { return url; }
        parsed.searchParams.set("lang", LANG);
        return parsed.pathname + parsed.search + parsed.hash;
    }

    ["pushState", "replaceState"].forEach(function (name) {
        var native = window.history[name];
        window.history[name] = function (state, title, url) {
            return native.call(this, state, title, withLanguage(url));
        };
    });

    document.addEventListener("click", function (event) {
        var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
        var href = link ? link.getAttribute("href") : "";
        if (!link || !href || href.charAt(0) === "#") { return; }
        var kept = withLanguage(href);
        if (kept !== href) { link.setAttribute("href", kept); }
    }, true);

    document.addEventListener("change", function (event) {
        var select = event.target;
        if (!select || select.id !== "atlas-language") { return; }
        var next = new URL(window.location.href);
        next.searchParams.set("lang", select.value);
        window.location.assign(next.pathname + next.search + next.hash);
    });
}());
