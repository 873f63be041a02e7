/* The table's code loads when a table is first shown, not with every page (issue 31: dash-ag-grid is 361 kB gzip,
   and the grid itself loads 249 kB more). The server leaves dash-ag-grid's bundle out of the page
   (web/first_load.py) and names it in <meta name="atlas-table-script">. Until it is loaded, window.dash_ag_grid is
   this stand-in, which Dash renders like any component: an empty box of the grid's size that, as soon as it is
   displayed (its pane opened, or the page opened on it), loads the real bundle and renders the real AgGrid with the
   same props. The bundle replaces window.dash_ag_grid, so every later grid is the real one at once. */
(function () {
    if (window.dash_ag_grid) { return; }
    var source = document.querySelector('meta[name="atlas-table-script"]');
    var loading = null;

    function loadGrid() {
        if (!loading) {
            loading = new Promise(function (resolve, reject) {
                var script = document.createElement("script");
                script.src = source.content;
                script.onload = function () { resolve(window.dash_ag_grid.AgGrid); };
                script.onerror = function () { loading = null; reject(new Error("the table could not be loaded")); };
                document.head.appendChild(script);
            });
        }
        return loading;
    }

    function AgGrid(props) {
        var React = window.React;
        var box = React.useRef(null);
        var state = React.useState(null), grid = state[0], setGrid = state[1];
        React.useEffect(function () {
            if (grid || !source) { return undefined; }
            var node = box.current, observer = null;
            function whenShown() {
                if (!node.getClientRects().length) { return; }
                loadGrid().then(function (real) { setGrid(function () { return real; }); }, function () {});
            }
            observer = new ResizeObserver(whenShown);
            observer.observe(node);
            whenShown();
            return function () { observer.disconnect(); };
        }, [grid]);
        if (grid && grid !== AgGrid) { return React.createElement(grid, props); }
        return React.createElement("div", {ref: box, className: props.className, style: props.style,
                                           "aria-busy": "true", "data-table-on-demand": ""});
    }

    window.dash_ag_grid = {AgGrid: AgGrid};
}());
