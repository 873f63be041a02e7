/* Region search: region names are searched in their folded form (accents removed), so what the user types is
   folded the same way — "Île-de-France" finds "Ile-de-France", "Małopolskie" finds "Malopolskie". */
(function () {
    const setter = Object.getOwnPropertyDescriptor(window.HTMLInputElement.prototype, "value").set;
    function fold(text) {
        return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ł/g, "l").replace(/Ł/g, "L")
            .replace(/ß/g, "ss");
    }
    document.addEventListener("input", function (event) {
        const input = event.target;
        if (!input || input.tagName !== "INPUT" || !input.closest("[data-fold-search]")) { return; }
        const folded = fold(input.value);
        if (folded !== input.value) {
            setter.call(input, folded);
            input.dispatchEvent(new Event("input", {bubbles: true}));
        }
    }, true);
}());
