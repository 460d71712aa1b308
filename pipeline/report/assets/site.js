/* The index of the static-site report: renders the rows held in the #site-data block (the
   missing-fields matrix, the failed and salvaged documents, the projects and the documents) a
   page at a time, with filters, so the index stays small and fast at any archive size. Text goes
   in with textContent only; links point at the site's own pages (relative paths written by
   pipeline/report/site_index.py, whose docstring describes the data). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("site-data").textContent);
  var SIZE = 100;

  function byId(id) { return document.getElementById(id); }

  /* A link to an element on one of the site's pages; anchor defaults to prefix + id. */
  function href(page, prefix, id, anchor) {
    if (page < 0 || !DATA.pages[page]) { return ""; }
    return DATA.pages[page][0] + "#" + (anchor || prefix + id);
  }

  function cell(tr, value, link, tag) {
    var td = document.createElement(tag || "td");
    if (link) {
      var a = document.createElement("a");
      a.href = link;
      a.textContent = value;
      td.appendChild(a);
    } else {
      td.textContent = value;
    }
    tr.appendChild(td);
    return td;
  }

  /* A paged, filtered list: rows matching the filter box (and `keep`, for extra controls) are
     shown SIZE at a time by fill(tr, row). Returns a function that re-applies the filters. */
  function list(name, rows, fill, text, keep) {
    var table = byId(name + "-table");
    if (!table) { return function () {}; }
    var input = byId(name + "-filter");
    var count = byId(name + "-count");
    var pager = byId(name + "-pager");
    var hay = rows.map(function (r) { return text(r).toLowerCase(); });
    var shown = [];
    var page = 0;

    function render() {
      var body = table.tBodies[0];
      while (body.firstChild) { body.removeChild(body.firstChild); }
      var pages = Math.max(1, Math.ceil(shown.length / SIZE));
      page = Math.min(Math.max(page, 0), pages - 1);
      shown.slice(page * SIZE, page * SIZE + SIZE).forEach(function (i) {
        var tr = document.createElement("tr");
        fill(tr, rows[i]);
        body.appendChild(tr);
      });
      count.textContent = shown.length + " of " + rows.length;
      while (pager.firstChild) { pager.removeChild(pager.firstChild); }
      [["Previous", -1], ["Next", 1]].forEach(function (b) {
        var btn = document.createElement("button");
        btn.type = "button";
        btn.textContent = b[0];
        btn.disabled = page + b[1] < 0 || page + b[1] >= pages;
        btn.addEventListener("click", function () { page += b[1]; render(); });
        pager.appendChild(btn);
      });
      var at = document.createElement("span");
      at.textContent = " page " + (page + 1) + " of " + pages;
      pager.appendChild(at);
    }

    function apply() {
      var q = input.value.toLowerCase().trim();
      shown = [];
      hay.forEach(function (h, i) {
        if ((!q || h.indexOf(q) >= 0) && (!keep || keep(rows[i]))) { shown.push(i); }
      });
      page = 0;
      render();
    }

    var t = null;
    input.addEventListener("input", function () { clearTimeout(t); t = setTimeout(apply, 150); });
    apply();
    return apply;
  }

  /* ---- Documents: links by id, for the lists that name them ---- */
  var docHref = {};
  DATA.documents.forEach(function (d) { docHref[d[0]] = href(d[1], "doc-", d[0], d[2]); });

  function joined(r) { return r.join(" "); }

  function documentRow(tr, r) {
    r.forEach(function (v, k) {
      if (k === 0) {
        cell(tr, v, docHref[v] || "");
      } else if (k === 3) {
        var td = cell(tr, "");
        var badge = document.createElement("span");
        var known = ["ok", "failed", "skipped"].indexOf(v) >= 0;
        badge.className = "status " + (known ? "st-" + v : "st-other");
        badge.textContent = v || "\u2014";
        td.appendChild(badge);
      } else {
        cell(tr, v);
      }
    });
  }

  list("failed", DATA.failed, documentRow, joined);
  list("salvaged", DATA.salvaged, documentRow, joined);

  /* ---- Missing-fields matrix: a row per project, a character per field (see site_index.py) */
  var M = DATA.matrix;
  var kind = {};
  M.cells.forEach(function (c, i) { kind["0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".charAt(i)] = c; });

  function missingIn(r) { return r[3].split(M.missing).length - 1; }

  function matrixRow(tr, r) {
    var pid = r[0], label = r[1], title = r[2];
    var name = label === pid ? pid : label + " (" + pid + ")";
    var th = cell(tr, label, href(r[4], "project-", pid, r[5]), "th");
    th.className = "proj";
    th.title = name + (title ? " \u2014 " + title : "");
    if (title) {
      var small = document.createElement("span");
      small.className = "muted small";
      small.textContent = title.slice(0, 60);
      th.appendChild(document.createTextNode(" "));
      th.appendChild(small);
    }
    for (var k = 0; k < r[3].length; k++) {
      var c = kind[r[3].charAt(k)] || ["cov-other", "?", "other"];
      var td = cell(tr, c[1]);
      td.className = "cov " + c[0];
      td.title = name + " \u00b7 " + M.fields[k] + ": " + c[2];
    }
    var n = missingIn(r);
    cell(tr, String(n)).className = "num";
    if (n) { tr.className = "gap"; }
  }

  var gaps = byId("coverage-gaps");
  var field = byId("coverage-field");
  var applyMatrix = list("coverage", M.rows, matrixRow, function (r) {
    return r[0] + " " + r[1] + " " + r[2];
  }, function (r) {
    if (gaps && gaps.checked && !missingIn(r)) { return false; }
    return !field || field.value === "" || r[3].charAt(+field.value) === M.missing;
  });
  if (gaps) { gaps.addEventListener("change", applyMatrix); }
  if (field) { field.addEventListener("change", applyMatrix); }

  /* ---- Projects and documents ---- */
  list("projects", DATA.projects, function (tr, p) {
    cell(tr, p[0], href(p[2], "project-", p[0], p[5]));
    cell(tr, p[1]);
    cell(tr, String(p[3]));
    cell(tr, String(p[4]));
  }, function (p) { return p[0] + " " + p[1]; });
  list("documents", DATA.documents, function (tr, d) {
    cell(tr, d[0], docHref[d[0]]);
    cell(tr, (DATA.pages[d[1]] || ["", ""])[1] || "(no project)");
  }, function (d) { return d[0] + " " + ((DATA.pages[d[1]] || ["", ""])[1] || "(no project)"); });
})();
