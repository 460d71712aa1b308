/* Archive audit report: inlined into report.html by pipeline.report. Vanilla JS, no network. */
(function () {
  "use strict";

  function all(sel, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(sel));
  }

  function byId(id) {
    return document.getElementById(id);
  }

  /* ---- Findings filter: toggles a class on existing rows, never re-renders. ---- */
  var table = byId("findings-table");
  var rows = table && table.tBodies.length ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  var sevBoxes = all("input[data-sev-filter]");
  var ruleSel = byId("filter-rule");
  var projSel = byId("filter-project");
  var search = byId("filter-text");
  var counter = byId("findings-count");
  var haystack = null; /* lower-cased row texts, built on first search */

  function applyFindings() {
    var sev = {};
    sevBoxes.forEach(function (b) { sev[b.value] = b.checked; });
    var rule = ruleSel ? ruleSel.value : "";
    var proj = projSel ? projSel.value : "";
    var q = search ? search.value.trim().toLowerCase() : "";
    var terms = q ? q.split(/\s+/) : [];
    if (terms.length && !haystack) {
      haystack = rows.map(function (r) { return r.textContent.toLowerCase(); });
    }
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = sev[r.getAttribute("data-sev")] !== false;
      if (ok && rule && r.getAttribute("data-rule") !== rule) { ok = false; }
      if (ok && proj && r.getAttribute("data-project") !== proj) { ok = false; }
      if (ok && terms.length) {
        var t = haystack[i];
        for (var k = 0; k < terms.length; k++) {
          if (t.indexOf(terms[k]) < 0) { ok = false; break; }
        }
      }
      if (r.classList.contains("hide") === ok) { r.classList.toggle("hide", !ok); }
      if (ok) { shown++; }
    }
    if (counter) { counter.textContent = shown + " of " + rows.length + " findings shown"; }
  }

  function resetFindings() {
    sevBoxes.forEach(function (b) { b.checked = true; });
    if (ruleSel) { ruleSel.value = ""; }
    if (projSel) { projSel.value = ""; }
    if (search) { search.value = ""; }
    applyFindings();
  }

  var timer = null;
  if (search) {
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(applyFindings, 150);
    });
  }
  sevBoxes.forEach(function (b) { b.addEventListener("change", applyFindings); });
  if (ruleSel) { ruleSel.addEventListener("change", applyFindings); }
  if (projSel) { projSel.addEventListener("change", applyFindings); }
  var resetBtn = byId("filter-reset");
  if (resetBtn) { resetBtn.addEventListener("click", resetFindings); }

  /* ---- Simple list filters (documents, project cards) ---- */
  function listFilter(inputId, selector) {
    var input = byId(inputId);
    if (!input) { return; }
    var items = all(selector);
    var t = null;
    input.addEventListener("input", function () {
      clearTimeout(t);
      t = setTimeout(function () {
        var q = input.value.trim().toLowerCase();
        items.forEach(function (el) {
          var ok = !q || (el.getAttribute("data-key") || "").indexOf(q) >= 0;
          if (el.classList.contains("hide") === ok) { el.classList.toggle("hide", !ok); }
        });
      }, 150);
    });
  }
  listFilter("doc-filter", "details.doc");
  listFilter("project-filter", "details.card");

  function setOpen(selector, open) {
    all(selector).forEach(function (d) { d.open = open; });
  }
  var b;
  if ((b = byId("cards-open"))) { b.addEventListener("click", function () { setOpen("details.card", true); }); }
  if ((b = byId("cards-close"))) { b.addEventListener("click", function () { setOpen("details.card", false); }); }
  if ((b = byId("docs-close"))) { b.addEventListener("click", function () { setOpen("details.doc", false); }); }

  /* ---- In-page navigation: open the details elements around a target, then scroll to it. ---- */
  function reveal(id) {
    if (!id) { return; }
    var el = byId(id);
    if (!el) { return; }
    if (el.tagName === "TR" && el.classList.contains("hide")) { resetFindings(); }
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS" && !p.open) { p.open = true; }
      if (p.classList && p.classList.contains("hide")) { p.classList.remove("hide"); }
    }
    var target = el;
    if (el.classList.contains("anc")) {
      var n = el.nextSibling;
      if (n && n.nodeType === 1 && n.tagName === "MARK") { target = n; }
    }
    var block = target.tagName === "DETAILS" || target.tagName === "SECTION" ? "start" : "center";
    target.scrollIntoView({ block: block });
    if (target.tagName !== "SECTION") {
      target.classList.remove("flash");
      void target.offsetWidth;
      target.classList.add("flash");
    }
  }

  function idFromHash(h) {
    if (!h || h.charAt(0) !== "#") { return ""; }
    try { return decodeURIComponent(h.slice(1)); } catch (e) { return h.slice(1); }
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href^='#']") : null;
    if (a) {
      var rule = a.getAttribute("data-rule-filter");
      if (rule !== null && ruleSel) {
        sevBoxes.forEach(function (x) { x.checked = true; });
        if (projSel) { projSel.value = ""; }
        if (search) { search.value = ""; }
        ruleSel.value = rule;
        applyFindings();
      }
      var id = idFromHash(a.getAttribute("href"));
      setTimeout(function () { reveal(id); }, 0);
    }
  });
  window.addEventListener("hashchange", function () { reveal(idFromHash(location.hash)); });
  if (location.hash) { reveal(idFromHash(location.hash)); }
})();
