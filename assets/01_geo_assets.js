/* Cluster Atlas draws its own NUTS geometry and never shows plotly's world basemap
   (geo.visible = false). Registering empty world topologies stops plotly.js from
   fetching them from its CDN, which public-sector networks often block. */
window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
["world_110m", "world_50m"].forEach(function (name) {
    if (!window.PlotlyGeoAssets.topojson[name]) {
        window.PlotlyGeoAssets.topojson[name] = {type: "Topology", objects: {}, arcs: []};
    }
});
