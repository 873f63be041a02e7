/* Accessibility patches for third-party widgets (Dash 4 dropdown, slider and upload) that lack names:
   the dropdown's keyboard focus target is aria-hidden yet focusable, and slider thumbs have no label.
   Each gets the visible label of its control as its accessible name. */
(function () {
    function labelFor(el) {
        const wrapper = el.closest(".dash-dropdown-wrapper, .dash-slider-container, .atlas-year, .mb-2, div");
        const button = wrapper && wrapper.querySelector("[id]");
        const id = button && button.id;
        const label = id && document.querySelector('label[for="' + CSS.escape(id) + '"]');  // ids may be JSON (pattern ids)
        if (label) { return label.textContent.trim(); }
        const year = el.closest(".atlas-year");
        return year ? "Year" : "Choose a value";
    }
    function patch(root) {
        root.querySelectorAll(".dash-dropdown-focus-target[aria-hidden]").forEach(function (el) {
            el.removeAttribute("aria-hidden");
            el.setAttribute("aria-label", labelFor(el));
        });
        root.querySelectorAll(".dash-slider-thumb:not([aria-label])").forEach(function (el) {
            el.setAttribute("aria-label", labelFor(el));
        });
        root.querySelectorAll("input[type=file]:not([aria-label])").forEach(function (el) {
            el.setAttribute("aria-label", "Choose a file to upload");
        });
        root.querySelectorAll(".dash-input-container input:not([aria-label]), .atlas-year input:not([aria-label])")
            .forEach(function (el) { el.setAttribute("aria-label", labelFor(el)); });
    }
    const observer = new MutationObserver(function () { patch(document); });
    document.addEventListener("DOMContentLoaded", function () {
        patch(document);
        observer.observe(document.body, {childList: true, subtree: true});
    });
})();
