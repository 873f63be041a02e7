/* plotly.js is not in every page (web/first_load.py): dcc.Graph loads it when a page draws its first graph. What
   draws a figure outside dcc.Graph (the slide show, which can start on a page without a graph) calls
   atlasWithPlotly(draw): draw runs at once when plotly.js is here, or once the same file has loaded — the one
   dcc.Graph is already fetching, or a new request for it. */
(function () {
    var loading = null;
    var source = "/_dash-component-suites/plotly/package_data/plotly.min.js";

    function load() {
        return new Promise(function (resolve, reject) {
            var script = document.querySelector('script[src$="' + source + '"]');
            if (!script) {
                script = document.createElement("script");
                script.src = window._dashPlotlyJSURL || source;
                document.head.appendChild(script);
            }
            script.addEventListener("load", function () { resolve(); });
            script.addEventListener("error", function () { loading = null; reject(new Error("plotly.js did not load")); });
        });
    }

    window.atlasWithPlotly = function (draw) {
        if (window.Plotly) { draw(); return; }
        if (!loading) { loading = load(); }
        loading.then(function () { if (window.Plotly) { draw(); } }, function () {});
    };
}());
