/* Presentation mode keys: Esc leaves, → / ← step through the storyboard kept in this browser. */
(function () {
    function stripPresent(search) {
        const params = new URLSearchParams(search);
        params.delete("present");
        const text = params.toString();
        return text ? "?" + text : "";
    }
    function sameView(a, b) {
        const ua = new URL(a, window.location.origin), ub = new URL(b, window.location.origin);
        return ua.pathname === ub.pathname && stripPresent(ua.search) === stripPresent(ub.search);
    }
    document.addEventListener("keydown", function (event) {
        const params = new URLSearchParams(window.location.search);
        if (params.get("present") !== "1") { return; }
        const target = event.target;
        if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) { return; }
        if (event.key === "Escape") {
            window.location.assign(window.location.pathname + stripPresent(window.location.search));
            return;
        }
        if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") { return; }
        let views = [];
        try { views = JSON.parse(window.localStorage.getItem("storyboard") || "[]") || []; } catch (e) { views = []; }
        if (!Array.isArray(views) || !views.length) { return; }
        const here = window.location.pathname + window.location.search;
        let index = views.findIndex(function (v) { return v && typeof v.url === "string" && sameView(v.url, here); });
        index = event.key === "ArrowRight" ? index + 1 : (index < 0 ? views.length - 1 : index - 1);
        if (index < 0 || index >= views.length) { return; }
        const next = views[index].url;
        if (typeof next !== "string" || next.charAt(0) !== "/") { return; }
        const url = new URL(next, window.location.origin);
        url.searchParams.set("present", "1");
        event.preventDefault();
        window.location.assign(url.pathname + url.search);
    });
})();
