/* Accessibility rules applied wherever Dash renders (WCAG 2.1 AA, EN 301 549); each is one rule for the whole app.
   - A dropdown's button is named by its <label for> followed by its value (WAI-ARIA "listbox button": "Palette
     Viridis"), never by its value alone, and it is the control's one Tab stop (Dash 4's hidden focus proxy in front
     of it stays hidden and out of the Tab order). Dash 4's dcc.Dropdown has no prop for its name.
   - Slider thumbs and file inputs take the name of their control.
   - A button that folds a collapse says whether it is open (aria-expanded).
   - Skip links move focus to their target (no change of address, so Dash's router is not involved).
   - The one polite live region (#atlas-announcer) says what changed in an element marked data-announce (its text,
     or the text of its data-announce-from part), never on page load. */
(function () {
    function word(text) { return window.atlasWord ? window.atlasWord(text) : text; }

    function labelFor(id) {
        return id ? document.querySelector('label[for="' + CSS.escape(id) + '"]') : null;  // ids may be JSON
    }

    function nameDropdown(button) {
        const label = labelFor(button.id);
        const proxy = button.previousElementSibling;
        if (proxy && proxy.classList.contains("dash-dropdown-focus-target")) {
            proxy.setAttribute("aria-hidden", "true");
            proxy.removeAttribute("aria-label");
            if (proxy.tabIndex !== -1) { proxy.tabIndex = -1; }
        }
        if (!button.disabled && button.tabIndex !== 0) { button.tabIndex = 0; }
        if (!label) { return; }
        if (!label.id) { label.id = button.id + "--label"; }
        const names = [label.id, button.id + "-value-count", button.id + "-value"].join(" ");
        if (button.getAttribute("aria-labelledby") !== names) { button.setAttribute("aria-labelledby", names); }
    }

    function controlName(el) {
        const year = el.closest(".atlas-year");
        if (year) { return word("Year"); }
        const holder = el.closest("[id]");
        const label = holder && labelFor(holder.id);
        return label ? label.textContent.trim() : word("Choose a value");
    }

    function expandedFollowsCollapse(button, collapse) {
        if (!collapse || button.dataset.atlasExpanded) { return; }
        button.dataset.atlasExpanded = "1";
        if (collapse.id) { button.setAttribute("aria-controls", collapse.id); }
        const sync = function () {
            button.setAttribute("aria-expanded", collapse.classList.contains("show") ? "true" : "false");
        };
        sync();
        new MutationObserver(sync).observe(collapse, {attributes: true, attributeFilter: ["class"]});
    }

    // Changes that come together (a search changes the level, the map and the profile) are said together, once.
    const heard = new WeakMap();
    let pending = [], timer = null;
    function announce(text) {
        if (!text || pending.indexOf(text) >= 0) { return; }
        pending.push(text);
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
            const region = document.getElementById("atlas-announcer");
            if (region) { region.textContent = pending.join(". "); }
            pending = [];
        }, 600);
    }

    function watchChanges(root) {
        root.querySelectorAll("[data-announce]").forEach(function (el) {
            const part = el.dataset.announceFrom ? el.querySelector(el.dataset.announceFrom) : el;
            const text = part ? part.textContent.trim() : "";
            if (!heard.has(el)) { heard.set(el, text); return; }  // what a page opens with is not a change
            if (heard.get(el) !== text) {
                heard.set(el, text);
                if (text) { announce(el.dataset.announce + " " + text); }
            }
        });
    }

    function patch(root) {
        root.querySelectorAll("button.dash-dropdown[id]").forEach(nameDropdown);
        root.querySelectorAll(".dash-slider-thumb:not([aria-label])").forEach(function (el) {
            el.setAttribute("aria-label", controlName(el));
        });
        root.querySelectorAll("input[type=file]:not([aria-label])").forEach(function (el) {
            el.setAttribute("aria-label", word("Choose a file to upload"));
        });
        root.querySelectorAll(".dash-input-container input:not([aria-label]), .atlas-year input:not([aria-label])")
            .forEach(function (el) { el.setAttribute("aria-label", controlName(el)); });
        root.querySelectorAll(".atlas-controls-col > button").forEach(function (button) {
            expandedFollowsCollapse(button, button.nextElementSibling);
        });
        watchChanges(root);
    }

    // Dash's dropdown gives its Tab stop back to the hidden proxy whenever the button loses focus; it stays with the
    // button (this listener runs after React's, which listens on the app's root element).
    document.addEventListener("focusout", function (event) {
        const button = event.target;
        if (button instanceof HTMLElement && button.matches("button.dash-dropdown")) { nameDropdown(button); }
    });

    document.addEventListener("click", function (event) {
        const link = event.target instanceof Element && event.target.closest("a.atlas-skip-link");
        if (!link) { return; }
        const id = link.dataset.skipTarget || (link.getAttribute("href") || "").slice(1);
        const target = id && document.getElementById(id);
        if (!target) { return; }
        event.preventDefault();
        if (target.tabIndex < 0 && !target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
        target.focus({preventScroll: true});
        target.scrollIntoView({block: "start"});
    });

    // A button disabled while it has focus ("Check and locate" while the server works) would drop focus to <body>:
    // focus waits on the button's status line (its next sibling with role=status) and comes back when it is enabled.
    new MutationObserver(function (changes) {
        changes.forEach(function (change) {
            const button = change.target;
            const status = button.nextElementSibling;
            if (!status || status.getAttribute("role") !== "status") { return; }
            if (button.disabled && (document.activeElement === button || document.activeElement === document.body)) {
                status.setAttribute("tabindex", "-1");
                status.focus({preventScroll: true});
            } else if (!button.disabled && document.activeElement === status) {
                button.focus({preventScroll: true});
            }
        });
    }).observe(document.documentElement, {attributes: true, attributeFilter: ["disabled"], subtree: true});

    let queued = false;
    const observer = new MutationObserver(function () {
        if (queued) { return; }
        queued = true;
        window.requestAnimationFrame(function () { queued = false; patch(document); });
    });
    document.addEventListener("DOMContentLoaded", function () {
        patch(document);
        observer.observe(document.body, {childList: true, subtree: true, characterData: true});
    });
})();
