/* PWS-ILP browser side: map styling from the GeoJSON hideout, and keyboard keys.
 * dash-leaflet finds these through {"variable": "pws.map.<name>"}; the last
 * argument of each function is the layer's context (its props, incl. hideout).
 * Component ids come from window.pws.ids, which the app serves as /pws/ids.js
 * from layouts/ids.py: never type an id here. */
window.pws = window.pws || {};
/* The two alert outlines, as mapdata/waspada.py OUTLINE_STYLE draws them in the PNG:
 * "baru" (hideout.waspada): not verified yet; "nyata" (hideout.waspada_nyata): verified real or being answered. */
window.pws.outline = {
    baru: {color: "#b2182b", weight: 3, dashArray: "6 4"},
    nyata: {color: "#542788", weight: 3, dashArray: null},
};
window.pws.map = {
    style: function (feature, context) {
        const h = (context && context.hideout) || {};
        const k = feature.properties.kode;
        const warna = (h.warna || {})[k] || h.nodata || "#d9d9d9";
        const o = window.pws.outline;
        const outline = (h.waspada || []).indexOf(k) >= 0 ? o.baru : ((h.waspada_nyata || []).indexOf(k) >= 0 ? o.nyata : null);
        // selected (table row) wins over alert: solid, thick, black
        if (h.pilih === k) {
            return {fillColor: warna, fillOpacity: 0.85, color: "#000000", weight: 5, dashArray: null};
        }
        return {
            fillColor: warna,
            fillOpacity: 0.85,
            color: outline ? outline.color : (h.garis || "#4d4d4d"),
            weight: outline ? outline.weight : 1,
            dashArray: outline ? outline.dashArray : null,
        };
    },
    bindTip: function (feature, layer, context) {
        const k = feature.properties.kode;
        // kept on its own container, so it goes with the page (see pws.mapIn)
        context.map.getContainer().pwsMap = context.map;
        window.pws.refitOnResize(context.map);
        // a function, so the tooltip reads the hideout current when it opens; the name
        // comes with the geometry, the hideout's tip holds only the lines below it
        layer.bindTooltip(function () {
            const h = (context && context.hideout) || {};
            const rinci = (h.tip || {})[k];
            return "<b>" + window.pws.escape(feature.properties.nama || k) + "</b>" + (rinci ? "<br>" + rinci : "");
        }, {sticky: true});
    },
    facility: function (feature, latlng, context) {
        const p = feature.properties;
        const ok = p.ilp_aktif && p.lapor_bulan_ini;
        const shape = {posyandu: "●", pustu: "■", puskesmas: "✚"}[p.jenis] || "●";
        const icon = L.divIcon({
            className: "pws-fas pws-fas-" + p.jenis + (ok ? " pws-fas-ok" : " pws-fas-warn"),
            html: "<span>" + shape + "</span>",
            iconSize: p.jenis === "puskesmas" ? [24, 24] : [16, 16],
        });
        return L.marker(latlng, {icon: icon, keyboard: false, title: p.nama});
    },
    bindFacilityTip: function (feature, layer, context) {
        const p = feature.properties;
        if (p.cluster) { return; }
        const h = (context && context.hideout) || {};
        const jenis = (h.jenis || {})[p.jenis] || p.jenis;
        const ilp = (h.ilp || ["", ""])[p.ilp_aktif ? 1 : 0];
        const lapor = (h.lapor || ["", ""])[p.lapor_bulan_ini ? 1 : 0];
        const esc = window.pws.escape;
        let kasus = "";
        if (p.minggu) {  // a posyandu, when there is case data: its latest week, or that it did not report
            const label = (h.kasus || ["", ""])[p.kasus ? 1 : 0].replace("{minggu}", p.minggu);
            const names = h.penyakit || {};
            kasus = "<br>" + esc(label) + (p.kasus ? ": " + Object.keys(p.kasus).map(
                function (d) { return esc(names[d] || d) + " " + p.kasus[d]; }).join(", ") : "");
        }
        layer.bindTooltip("<b>" + esc(p.nama) + "</b><br>" + esc(jenis) + "<br>" + ilp + "<br>" + lapor + kasus);
    },
    // An area's label (mapdata/labels.py placed it): name and value, centred on its point.
    // Not interactive, not focusable, hidden from screen readers: the table says the same.
    areaLabel: function (feature, latlng) {
        const esc = window.pws.escape;
        const lines = (feature.properties.teks || []).map(esc);
        const icon = L.divIcon({
            className: "pws-map-label",
            html: "<span><b>" + (lines[0] || "") + "</b>" + lines.slice(1).map(function (x) { return "<br>" + x; }).join("") + "</span>",
            iconSize: [0, 0],
        });
        const marker = L.marker(latlng, {icon: icon, interactive: false, keyboard: false});
        marker.on("add", function () {
            const el = marker.getElement();
            if (el) { el.setAttribute("aria-hidden", "true"); }
        });
        return marker;
    },
};

/* The Leaflet map drawn in element ``id`` (default the page's map, ids.MAP),
 * or null before it is drawn: for page scripts and browser tests (read-only use).
 * No window-wide variable: a re-rendered page brings a new container and map. */
window.pws.mapIn = function (id) {
    const el = document.getElementById(id || window.pws.ids.MAP);
    if (!el) { return null; }
    const box = el.classList.contains("leaflet-container") ? el : el.querySelector(".leaflet-container");
    return (box && box.pwsMap) || null;
};

/* Text for tooltip HTML (names are plain text in the geometry). */
window.pws.escape = function (text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
};

/* Leaflet measures its container once; when the page layout settles later (fonts,
 * presentation mode filling the screen) the map would keep a stale size and cut the
 * area off. On a container resize: re-measure and fit the areas drawn. */
window.pws.refitOnResize = function (map) {
    if (!map || map._pwsObserved || typeof ResizeObserver === "undefined") { return; }
    map._pwsObserved = true;
    new ResizeObserver(function () {
        const box = map.getContainer().getBoundingClientRect();
        const known = map.getSize();
        if (Math.abs(known.x - box.width) < 2 && Math.abs(known.y - box.height) < 2) { return; }
        map.invalidateSize({pan: false});
        let bounds = null;
        map.eachLayer(function (l) {
            if (l.feature && l.feature.properties && l.feature.properties.kode && l.getBounds) {
                bounds = bounds ? bounds.extend(l.getBounds()) : L.latLngBounds(l.getBounds().getSouthWest(), l.getBounds().getNorthEast());
            }
        });
        if (bounds) { map.fitBounds(bounds, {padding: [12, 12], animate: false}); }
    }).observe(map.getContainer());
};

window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.pws = {
    // Only the clicked area's code travels on; the feature's geometry stays in the browser.
    clickedCode: function (clickData) {
        if (!clickData || !clickData.properties || clickData.properties.cluster) {
            return window.dash_clientside.no_update;
        }
        return {kode: clickData.properties.kode, t: Date.now()};
    },
    // The action callback's answer (callbacks/state.py) → the URL and the page key.
    applyAction: function (action) {
        const no = window.dash_clientside.no_update;
        if (!action) { return [no, no]; }
        return [action.search === null ? no : action.search, action.key === null ? no : action.key];
    },
};

/* The facility list under the map (layouts/map.py facility_list): a button press
 * (Enter, Space or a click) centres the map on that point, zoomed in past the
 * clustering, and opens its tooltip. Focus stays on the button, whose text already
 * says what the tooltip says. */
window.pws.showFacility = function (button) {
    const map = window.pws.mapIn();
    const id = button.getAttribute("data-id");
    const lat = parseFloat(button.getAttribute("data-lat"));
    const lon = parseFloat(button.getAttribute("data-lon"));
    if (!map || isNaN(lat) || isNaN(lon)) { return; }
    map.setView([lat, lon], Math.max(map.getZoom(), 15), {animate: false});
    // dash-leaflet redraws the clustered points after the move: wait for this point's marker
    let tries = 0;
    const open = function () {
        let marker = null;
        map.eachLayer(function (l) {
            const p = l.feature && l.feature.properties;
            if (p && !p.cluster && p.jenis && String(p.id) === id && l.openTooltip) { marker = l; }
        });
        if (marker) { marker.openTooltip(); }
        else if (++tries < 40) { setTimeout(open, 50); }
    };
    open();
};
document.addEventListener("click", function (ev) {
    const button = ev.target && ev.target.closest && ev.target.closest(".pws-fas-item");
    if (button) { window.pws.showFacility(button); }
});

/* The ranked table (layouts/panels.py table_view) is plain HTML: a name button
 * selects its area, a header button sorts (pressed again: the other way). Each
 * puts a small value in a store (window.pws.ids); callbacks do the rest. */
document.addEventListener("click", function (ev) {
    const target = ev.target && ev.target.closest && ev.target.closest(".pws-baris, .pws-urut");
    if (!target || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
    if (target.classList.contains("pws-baris")) {
        window.dash_clientside.set_props(window.pws.ids.TABLE_PICK, {data: {kode: target.getAttribute("data-kode"), t: Date.now()}});
    } else {
        const kolom = target.getAttribute("data-kolom");
        const sorted = target.closest("th").hasAttribute("aria-sort");
        const naik = sorted ? target.getAttribute("data-naik") !== "1" : (kolom === "nama" || kolom === "peringkat");
        window.dash_clientside.set_props(window.pws.ids.TABLE_SORT, {data: {kolom: kolom, naik: naik}});
    }
});

/* Alert response (layouts/panels.py alert_item, response_form): a step button opens the one form of
 * the page; focus moves to its heading, so a screen reader says which alert and which step. Save: when
 * the form closes (recorded), focus moves to the message; Cancel: back to the button that opened it.
 * The callbacks answer later than the click, so each waits a little for the page to change. */
window.pws.whenReady = function (ready, then, tries) {
    const left = tries === undefined ? 100 : tries;
    if (ready()) { then(); } else if (left > 0) { setTimeout(function () { window.pws.whenReady(ready, then, left - 1); }, 50); }
};
(function () {
    let opener = null;
    document.addEventListener("click", function (ev) {
        const ids = window.pws.ids;
        const button = ev.target && ev.target.closest && ev.target.closest("button");
        const form = document.getElementById(ids.RESPON_FORM);
        if (!button || !form) { return; }
        const title = document.getElementById(ids.RESPON_FORM_TITLE);
        const message = document.getElementById(ids.RESPON_MESSAGE);
        if (button.classList.contains("pws-tombol-langkah")) {
            opener = button;
            const before = form.hidden ? null : title.textContent;
            window.pws.whenReady(function () { return !form.hidden && title.textContent && title.textContent !== before; },
                                 function () { form.scrollIntoView({block: "nearest"}); title.focus(); });
        } else if (button.id === ids.RESPON_SAVE) {
            const said = message.textContent;
            window.pws.whenReady(function () { return message.textContent && message.textContent !== said; },
                                 function () { if (form.hidden) { message.focus(); } });
        } else if (button.id === ids.RESPON_CANCEL) {
            const back = opener;
            window.pws.whenReady(function () { return form.hidden; },
                                 function () { if (back && document.body.contains(back)) { back.focus(); } });
        }
    });
})();

/* Esc goes up a level; in presentation mode ← / → step through indicators and L switches the labels.
 * The keys press real buttons (window.pws.ids) so every action also works by Tab + Enter. */
document.addEventListener("keydown", function (ev) {
    const form = document.getElementById(window.pws.ids.RESPON_FORM);
    if (ev.key === "Escape" && form && !form.hidden && ev.target && form.contains(ev.target)) {
        document.getElementById(window.pws.ids.RESPON_CANCEL).click();  // Esc in the step form: cancel it, stay here
        ev.preventDefault();
        return;
    }
    const tag = (ev.target && ev.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    const presenting = document.querySelector(".pws-presentasi") !== null;
    const press = function (id) { const b = document.getElementById(id); if (b) { b.click(); ev.preventDefault(); } };
    const ids = window.pws.ids;
    const brief = document.getElementById(ids.BRIEF) !== null;  // the weekly brief steps its sections instead
    if (ev.key === "Escape") { press(ids.KEY_UP); }
    else if (presenting && ev.key === "ArrowRight") { press(brief ? ids.BRIEF_NEXT : ids.KEY_NEXT); }
    else if (presenting && ev.key === "ArrowLeft") { press(brief ? ids.BRIEF_PREV : ids.KEY_PREV); }
    else if (presenting && (ev.key === "l" || ev.key === "L")) {
        press(ids.LABEL);  // the label button, hidden with the controls in presentation mode
    }
});

/* The weekly brief in presentation mode: one section per screen. Stepping is
 * done here, not by a callback: the sections are all on the page already. */
window.pws.stepBrief = function (step) {
    const ids = window.pws.ids;
    const sections = Array.from(document.querySelectorAll("#" + ids.BRIEF + " > section"));
    if (!sections.length) { return; }
    let at = sections.findIndex(function (s) { return s.classList.contains("pws-aktif"); });
    at = Math.min(Math.max((at < 0 ? 0 : at) + step, 0), sections.length - 1);
    sections.forEach(function (s, i) { s.classList.toggle("pws-aktif", i === at); });
    const pos = document.getElementById(ids.BRIEF_POSITION);
    if (pos) { pos.textContent = pos.dataset.template.replace("{i}", at + 1).replace("{n}", sections.length); }
};
document.addEventListener("click", function (ev) {
    const ids = window.pws.ids;
    const button = ev.target && ev.target.closest && ev.target.closest("button");
    if (!button) { return; }
    if (button.id === ids.BRIEF_NEXT) { window.pws.stepBrief(1); }
    else if (button.id === ids.BRIEF_PREV) { window.pws.stepBrief(-1); }
});

/* Dash 4's dropdown gives the keyboard first to a hidden input (aria-hidden, tab stop)
 * that hands focus on to its button: a focusable element hidden from screen readers
 * (WCAG 4.1.2, axe "aria-hidden-focus"). Make the button the tab stop and keep the
 * input out of the tab order; the dropdown's own keys work on the button. */
window.pws.dropdownTabStops = function () {
    document.querySelectorAll(".dash-dropdown-focus-target").forEach(function (input) {
        const button = input.nextElementSibling;
        if (input.tabIndex !== -1) { input.tabIndex = -1; }
        if (button && button.tagName === "BUTTON" && !button.disabled && button.tabIndex !== 0) { button.tabIndex = 0; }
    });
    // Dash 4's radio items are a nameless listbox of options that each hold a radio button
    // (axe "aria-input-field-name", "nested-interactive"): leave the native radios, which
    // the labelled radiogroup around them already names.
    document.querySelectorAll(".dash-radioitems[role=listbox]").forEach(function (list) {
        list.removeAttribute("role");
        list.querySelectorAll("[role=option]").forEach(function (o) { o.removeAttribute("role"); o.removeAttribute("aria-selected"); });
    });
};
(function () {
    let queued = false;
    const later = function () {
        if (queued) { return; }
        queued = true;
        requestAnimationFrame(function () { queued = false; window.pws.dropdownTabStops(); });
    };
    new MutationObserver(later).observe(document.documentElement, {childList: true, subtree: true});
    // the dropdown puts its input back in the tab order when its button loses focus
    document.addEventListener("focusout", function (ev) {
        if (ev.target && ev.target.classList && ev.target.classList.contains("dash-dropdown")) { setTimeout(window.pws.dropdownTabStops, 0); }
    });
})();
