/* Refuse files over the import limit before the browser reads them: the upload widget would otherwise drop them
   silently (or send tens of MB to the server). The limit comes from the widget's data-max-bytes attribute. */
(function () {
    function tooLarge(event, files) {
        const zone = event.target.closest && event.target.closest("[data-max-bytes]");
        if (!zone || !files || !files.length) { return; }
        const limit = Number(zone.getAttribute("data-max-bytes"));
        const file = files[0];
        if (!(file.size > limit)) { return; }
        event.preventDefault();
        event.stopImmediatePropagation();
        const status = document.getElementById(zone.getAttribute("data-status-id"));
        if (status) {
            const lang = document.documentElement.lang || "en";
            const text = "“%(name)s” is %(size)s MB; the limit is %(limit)s MB. Split the file, or ask your " +
                "deployment to load it with python -m data.import.";
            const values = {name: file.name, size: (file.size / 1048576).toLocaleString(lang, {maximumFractionDigits: 1}),
                            limit: (limit / 1048576).toLocaleString(lang, {maximumFractionDigits: 0})};
            status.textContent = window.atlasWord ? window.atlasWord(text, values) : text;
            status.className = "small mt-1 alert alert-danger py-1";
        }
        if (event.target.value !== undefined && event.target.type === "file") { event.target.value = ""; }
    }
    document.addEventListener("change", function (e) {
        if (e.target && e.target.type === "file") { tooLarge(e, e.target.files); }
    }, true);
    document.addEventListener("drop", function (e) {
        tooLarge(e, e.dataTransfer && e.dataTransfer.files);
    }, true);
}());
