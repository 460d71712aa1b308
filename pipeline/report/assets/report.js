/* Archive audit report: inlined into report.html by pipeline.report. Vanilla JS, no network.
 *
 * The findings, project cards and document views come from the JSON block #report-data, parsed
 * once. Each list shows one page at a time; a card's or a document's body is built when it is
 * opened. Everything is built with createElement and textContent from "nodes" (see the "Nodes"
 * comment in pipeline/report.py); nothing from the data is ever parsed as HTML. */
(function () {
  "use strict";

  function byId(id) {
    return document.getElementById(id);
  }

  var dataEl = byId("report-data");
  var DATA = dataEl ? JSON.parse(dataEl.textContent) : {};
  var FINDINGS = DATA.findings || [];
  var PROJECTS = DATA.projects || [];
  var DOCS = DATA.documents || [];
  var META = DATA.meta || {};

  /* ---- Nodes -> DOM ---- */
  var TAGS = {
    span: 1, div: 1, p: 1, q: 1, code: 1, mark: 1, h4: 1, ul: 1, li: 1, dl: 1, dt: 1, dd: 1,
    table: 1, thead: 1, tbody: 1, tr: 1, th: 1, td: 1
  };

  function link(href, title) {
    var a = document.createElement("a");
    a.setAttribute("href", "#" + href);
    if (title) { a.title = title; }
    return a;
  }

  function atId(docIndex, pos) {
    return "at" + pos + "-" + DOCS[docIndex].a;
  }

  function build(n) {
    if (typeof n === "string") { return document.createTextNode(n); }
    if (Array.isArray(n)) {
      var frag = document.createDocumentFragment();
      for (var i = 0; i < n.length; i++) { frag.appendChild(build(n[i])); }
      return frag;
    }
    if (n === null || typeof n !== "object") { return document.createTextNode(""); }
    var a;
    if (n.d !== undefined) {
      a = link(DOCS[n.d].a, DOCS[n.d].t);
      a.appendChild(n.k !== undefined ? build(n.k) : document.createTextNode(DOCS[n.d].i));
      return a;
    }
    if (n.p !== undefined) {
      a = link(PROJECTS[n.p].a, PROJECTS[n.p].t);
      a.textContent = PROJECTS[n.p].l;
      return a;
    }
    if (n.at !== undefined) {
      a = link(atId(n.at[0], n.at[1]));
      a.appendChild(build(n.k));
      return a;
    }
    if (n.f !== undefined) {
      a = link("finding-" + n.f, "Show in the findings table");
      a.textContent = "#";
      return a;
    }
    if (n.tb !== undefined) { return buildTable(n.tb, n.r); }
    if (n.dl !== undefined) { return buildProps(n.dl); }
    if (!TAGS.hasOwnProperty(n.e)) { throw new Error("report data: unexpected element"); }
    var el = document.createElement(n.e);
    if (n.c) { el.className = n.c; }
    if (n.t) { el.title = n.t; }
    if (n.k !== undefined) { el.appendChild(build(n.k)); }
    return el;
  }

  function child(tag, parent, node) {
    var el = document.createElement(tag);
    if (node !== undefined) { el.appendChild(build(node)); }
    parent.appendChild(el);
    return el;
  }

  function buildTable(head, rows) {
    var t = document.createElement("table");
    t.className = "data";
    var tr = child("tr", child("thead", t));
    head.forEach(function (h) { child("th", tr, h); });
    var body = child("tbody", t);
    rows.forEach(function (cells) {
      var row = child("tr", body);
      cells.forEach(function (c) { child("td", row, c); });
    });
    return t;
  }

  function buildProps(props) {
    var dl = document.createElement("dl");
    dl.className = "props";
    props.forEach(function (kv) { child("dt", dl, kv[0]); child("dd", dl, kv[1]); });
    return dl;
  }

  function text(n) {
    if (typeof n === "string") { return n; }
    if (Array.isArray(n)) { return n.map(text).join(" "); }
    if (n === null || typeof n !== "object") { return ""; }
    if (n.d !== undefined) { return n.k !== undefined ? text(n.k) : DOCS[n.d].i; }
    if (n.p !== undefined) { return PROJECTS[n.p].l; }
    if (n.tb !== undefined) { return text(n.tb) + " " + text(n.r); }
    if (n.dl !== undefined) { return text(n.dl); }
    return n.k !== undefined ? text(n.k) : "";
  }

  /* ---- Paged lists ---- */
  function Pager(name, size, render) {
    this.name = name;
    this.size = size;
    this.render = render;
    this.items = [];
    this.page = 0;
    this.box = byId(name + "-pager");
    if (this.box) {
      this.prev = document.createElement("button");
      this.prev.type = "button";
      this.prev.textContent = "\u2190 Previous";
      this.next = document.createElement("button");
      this.next.type = "button";
      this.next.textContent = "Next \u2192";
      this.info = document.createElement("span");
      this.info.className = "pageinfo";
      this.box.appendChild(this.prev);
      this.box.appendChild(this.info);
      this.box.appendChild(this.next);
      var self = this;
      this.prev.addEventListener("click", function () { self.show(self.page - 1); });
      this.next.addEventListener("click", function () { self.show(self.page + 1); });
    }
  }
  Pager.prototype.pages = function () {
    return Math.max(1, Math.ceil(this.items.length / this.size));
  };
  Pager.prototype.set = function (items) {
    this.items = items;
    this.show(0);
  };
  Pager.prototype.show = function (page) {
    this.page = Math.max(0, Math.min(page, this.pages() - 1));
    var from = this.page * this.size;
    var to = Math.min(this.items.length, from + this.size);
    this.render(this.items.slice(from, to));
    if (this.box) {
      this.box.classList.toggle("hide", this.pages() < 2);
      this.prev.disabled = this.page === 0;
      this.next.disabled = this.page >= this.pages() - 1;
      this.info.textContent = "Page " + (this.page + 1) + " of " + this.pages() + " (" +
        (to > from ? from + 1 : 0) + "\u2013" + to + " of " + this.items.length + ")";
    }
  };
  /* show the page that holds item `item`; false when the filter hides it */
  Pager.prototype.showItem = function (item) {
    var k = this.items.indexOf(item);
    if (k < 0) { return false; }
    var page = Math.floor(k / this.size);
    if (page !== this.page) { this.show(page); }
    return true;
  };

  function range(n) {
    var out = new Array(n);
    for (var i = 0; i < n; i++) { out[i] = i; }
    return out;
  }

  function debounce(fn) {
    var t = null;
    return function () { clearTimeout(t); t = setTimeout(fn, 150); };
  }

  /* ---- Findings ---- */
  var table = byId("findings-table");
  var tbody = table && table.tBodies.length ? table.tBodies[0] : null;
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-sev-filter]"));
  var ruleSel = byId("filter-rule");
  var projSel = byId("filter-project");
  var search = byId("filter-text");
  var counter = byId("findings-count");
  var haystack = null; /* lower-cased finding texts, built on first search */
  var findingPos = {};
  FINDINGS.forEach(function (f, i) { findingPos[f.n] = i; });

  var findingsPager = new Pager("findings", 100, function (items) {
    if (!tbody) { return; }
    var frag = document.createDocumentFragment();
    items.forEach(function (i) {
      var f = FINDINGS[i];
      var tr = document.createElement("tr");
      tr.id = "finding-" + f.n;
      tr.setAttribute("data-sev", f.s);
      tr.setAttribute("data-rule", f.r);
      tr.setAttribute("data-project", f.p);
      f.k.forEach(function (cell, c) {
        var td = document.createElement("td");
        if (c === f.k.length - 1) { td.className = "evidence"; }
        td.appendChild(build(cell));
        tr.appendChild(td);
      });
      frag.appendChild(tr);
    });
    tbody.textContent = "";
    tbody.appendChild(frag);
  });

  function applyFindings() {
    var sev = {};
    sevBoxes.forEach(function (b) { sev[b.value] = b.checked; });
    var rule = ruleSel ? ruleSel.value : "";
    var proj = projSel ? projSel.value : "";
    var q = search ? search.value.trim().toLowerCase() : "";
    var terms = q ? q.split(/\s+/) : [];
    if (terms.length && !haystack) {
      haystack = FINDINGS.map(function (f) { return text(f.k).toLowerCase(); });
    }
    var shown = [];
    for (var i = 0; i < FINDINGS.length; i++) {
      var f = FINDINGS[i];
      var ok = sev[f.s] !== false;
      if (ok && rule && f.r !== rule) { ok = false; }
      if (ok && proj && f.p !== proj) { ok = false; }
      if (ok && terms.length) {
        for (var k = 0; k < terms.length; k++) {
          if (haystack[i].indexOf(terms[k]) < 0) { ok = false; break; }
        }
      }
      if (ok) { shown.push(i); }
    }
    findingsPager.set(shown);
    if (counter) { counter.textContent = shown.length + " of " + FINDINGS.length + " findings shown"; }
  }

  function resetFindings() {
    sevBoxes.forEach(function (b) { b.checked = true; });
    if (ruleSel) { ruleSel.value = ""; }
    if (projSel) { projSel.value = ""; }
    if (search) { search.value = ""; }
    applyFindings();
  }

  if (search) { search.addEventListener("input", debounce(applyFindings)); }
  sevBoxes.forEach(function (b) { b.addEventListener("change", applyFindings); });
  if (ruleSel) { ruleSel.addEventListener("change", applyFindings); }
  if (projSel) { projSel.addEventListener("change", applyFindings); }
  var resetBtn = byId("filter-reset");
  if (resetBtn) { resetBtn.addEventListener("click", resetFindings); }

  /* ---- Project cards and document views: details elements, bodies built on first open ---- */
  function docSummary(rec) {
    var out = [{ e: "code", k: rec.i }];
    if (rec.st) {
      var known = { ok: 1, failed: 1, skipped: 1 };
      out.push(" ", { e: "span", c: "status " + (known[rec.st] ? "st-" + rec.st : "st-other"), k: rec.st });
    }
    out.push({ e: "span", c: "dtitle", k: rec.dt }, " ");
    rec.ct.forEach(function (lc) { out.push({ e: "span", c: "key t-" + lc[0], k: lc[1] + " " + lc[0] }, " "); });
    if (rec.nf) { out.push({ e: "span", c: "chip sev-warning", k: rec.nf + " findings" }); }
    return out;
  }

  function details(cls, rec, fillBody) {
    var d = document.createElement("details");
    d.className = cls;
    d.id = rec.a;
    var summary = document.createElement("summary");
    summary.appendChild(build(rec.s !== undefined ? rec.s : docSummary(rec)));
    d.appendChild(summary);
    d.addEventListener("toggle", function () {
      if (d.open && !d.hasAttribute("data-built")) {
        d.setAttribute("data-built", "");
        fillBody(d, rec);
      }
    });
    return d;
  }

  function fillCard(d, rec) {
    var body = document.createElement("div");
    body.className = "card-body";
    body.appendChild(build(rec.b));
    d.appendChild(body);
  }

  function docText(rec) {
    var box = document.createElement("div");
    box.className = "doctext";
    var x = rec.x;
    var anchors = rec.n || [];
    var pos = 0;
    var ai = 0;
    function anchorsUpTo(p) {
      while (ai < anchors.length && anchors[ai] <= p) {
        var s = document.createElement("span");
        s.className = "anc";
        s.id = "at" + anchors[ai] + "-" + rec.a;
        box.appendChild(s);
        ai++;
      }
    }
    (rec.h || []).forEach(function (piece) {
      anchorsUpTo(pos);
      var chunk = x.slice(pos, piece[0]);
      if (piece.length > 1) {
        var m = document.createElement("mark");
        m.className = piece[1];
        m.title = rec.tt[piece[2]];
        m.textContent = chunk;
        box.appendChild(m);
      } else {
        box.appendChild(document.createTextNode(chunk));
      }
      pos = piece[0];
    });
    anchorsUpTo(x.length);
    return box;
  }

  function fillDoc(d, rec) {
    d.appendChild(build(rec.m));
    if (typeof rec.x === "string") { d.appendChild(docText(rec)); }
  }

  function listOf(name, records, cls, fill, size, openAll) {
    var box = byId(name === "projects" ? "project-list" : "document-list");
    var count = byId(name + "-count");
    var noun = name === "projects" ? " projects" : " documents";
    var pager = new Pager(name, size, function (items) {
      if (!box) { return; }
      var frag = document.createDocumentFragment();
      items.forEach(function (i) {
        var d = details(cls, records[i], fill);
        frag.appendChild(d);
        if (openAll) { d.open = true; d.setAttribute("data-built", ""); fill(d, records[i]); }
      });
      box.textContent = "";
      box.appendChild(frag);
    });
    var input = byId(name === "projects" ? "project-filter" : "doc-filter");
    function apply() {
      var q = input ? input.value.trim().toLowerCase() : "";
      var items = [];
      for (var i = 0; i < records.length; i++) {
        if (!q || records[i].key.indexOf(q) >= 0) { items.push(i); }
      }
      pager.set(items);
      if (count) {
        count.textContent = (q ? items.length + " of " : "") + records.length + noun;
      }
    }
    if (input) { input.addEventListener("input", debounce(apply)); }
    pager.clear = function () { if (input && input.value) { input.value = ""; apply(); } };
    pager.items = range(records.length);
    pager.show(0);
    return pager;
  }

  var projectsPager = listOf("projects", PROJECTS, "card", fillCard, 25, META.open_cards);
  var docsPager = listOf("documents", DOCS, "doc", fillDoc, 50, false);

  function openItems(open, selector) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), function (d) { d.open = open; });
  }
  var b;
  if ((b = byId("cards-open"))) { b.addEventListener("click", function () { openItems(true, "details.card"); }); }
  if ((b = byId("cards-close"))) { b.addEventListener("click", function () { openItems(false, "details.card"); }); }
  if ((b = byId("docs-close"))) { b.addEventListener("click", function () { openItems(false, "details.doc"); }); }

  /* ---- Missing-fields matrix: name project and field on hover; show only rows with gaps ---- */
  var matrix = byId("coverage-matrix");
  if (matrix) {
    var fieldNames = Array.prototype.map.call(matrix.tHead.rows[0].cells, function (th) {
      return th.textContent;
    });
    matrix.addEventListener("mouseover", function (e) {
      var td = e.target.closest ? e.target.closest("td.cov") : null;
      if (!td || td.title) { return; }
      var row = td.parentElement.cells[0];
      var label = row.title || row.textContent;
      td.title = label + " \u00b7 " + fieldNames[td.cellIndex] + ": " +
        (td.classList.contains("cov-none") ? "no coverage row" : td.className.replace(/^cov cov-/, ""));
    });
    var gaps = byId("coverage-gaps");
    if (gaps) {
      gaps.addEventListener("change", function () { matrix.classList.toggle("gaps-only", gaps.checked); });
    }
  }

  /* ---- In-page navigation: render and open what holds the target, then scroll to it. ---- */
  var projectByAnchor = {};
  PROJECTS.forEach(function (p, i) { projectByAnchor[p.a] = i; });
  var docByAnchor = {};
  DOCS.forEach(function (d, i) { docByAnchor[d.a] = i; });

  function openIn(pager, index) {
    if (!pager.showItem(index)) {
      pager.clear();
      pager.showItem(index);
    }
  }

  function materialize(id) {
    var m = /^finding-(\d+)$/.exec(id);
    if (m && findingPos.hasOwnProperty(m[1])) {
      if (!findingsPager.showItem(findingPos[m[1]])) {
        resetFindings();
        findingsPager.showItem(findingPos[m[1]]);
      }
      return;
    }
    if (projectByAnchor.hasOwnProperty(id)) {
      openIn(projectsPager, projectByAnchor[id]);
      return;
    }
    m = /^at\d+-(.*)$/.exec(id);
    var anchor = m ? m[1] : id;
    if (docByAnchor.hasOwnProperty(anchor)) {
      openIn(docsPager, docByAnchor[anchor]);
      var d = byId(anchor);
      if (d && !d.open) { d.open = true; d.dispatchEvent(new Event("toggle")); }
    }
  }

  function reveal(id) {
    if (!id) { return; }
    materialize(id);
    var el = byId(id);
    if (!el) { return; }
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === "DETAILS" && !p.open) { p.open = true; p.dispatchEvent(new Event("toggle")); }
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

  applyFindings();
  if (location.hash) { reveal(idFromHash(location.hash)); }
})();
