/* The pattern that marks "no data" on every map (assets/15_accessibility.css fills the no-data base with it): light
   ground, dark diagonal lines, so no data never reads as a colour class (WCAG 1.4.1). One hidden SVG in the page
   holds it; Plotly's map SVGs refer to it by id. */
(function () {
    function addPattern() {
        if (document.getElementById("atlas-nodata-hatch")) { return; }
        const ns = "http://www.w3.org/2000/svg";
        const style = getComputedStyle(document.documentElement);
        const ground = style.getPropertyValue("--atlas-hatch-ground").trim() || "#f4f5f7";
        const line = style.getPropertyValue("--atlas-hatch-line").trim() || "#2b3440";
        const svg = document.createElementNS(ns, "svg");
        svg.setAttribute("aria-hidden", "true");
        svg.setAttribute("width", "0");
        svg.setAttribute("height", "0");
        svg.style.position = "absolute";
        const pattern = document.createElementNS(ns, "pattern");
        pattern.id = "atlas-nodata-hatch";
        pattern.setAttribute("patternUnits", "userSpaceOnUse");
        pattern.setAttribute("width", "6");
        pattern.setAttribute("height", "6");
        pattern.setAttribute("patternTransform", "rotate(45)");
        const rect = document.createElementNS(ns, "rect");
        rect.setAttribute("width", "6");
        rect.setAttribute("height", "6");
        rect.setAttribute("fill", ground);
        const stroke = document.createElementNS(ns, "rect");
        stroke.setAttribute("width", "1.6");
        stroke.setAttribute("height", "6");
        stroke.setAttribute("fill", line);
        pattern.appendChild(rect);
        pattern.appendChild(stroke);
        const defs = document.createElementNS(ns, "defs");
        defs.appendChild(pattern);
        svg.appendChild(defs);
        document.body.appendChild(svg);
    }
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", addPattern); }
    else { addPattern(); }
})();
