/* Phones: when a region is chosen (search, table, map), its profile opens as a sheet over the lower part of the screen;
   the map is scrolled to just under the top, so the region, centred on the map, stays in view above the sheet. */
(function () {
    const phone = window.matchMedia("(max-width: 991.98px)");
    function showMap(panel) {
        const explorer = panel.closest(".atlas-explorer");
        const map = explorer && explorer.querySelector(".atlas-map");
        if (!map || !phone.matches) { return; }
        const sheetTop = window.innerHeight - panel.getBoundingClientRect().height;
        const box = map.getBoundingClientRect();
        if (box.top >= 0 && box.bottom <= sheetTop) { return; }
        window.scrollBy({top: box.top - Math.max(4, (sheetTop - box.height) / 2), behavior: "instant"});
    }
    new MutationObserver(function (changes) {
        changes.forEach(function (change) {
            const panel = change.target;
            if (panel.classList && panel.classList.contains("atlas-panel") && panel.classList.contains("has-region")
                && !(change.oldValue || "").includes("has-region")) {
                window.setTimeout(function () { showMap(panel); }, 150);
            }
        });
    }).observe(document.documentElement, {subtree: true, attributes: true, attributeFilter: ["class"],
                                          attributeOldValue: true});
}());
