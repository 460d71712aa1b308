/* The index of the static-site report: pages and filters the lists of projects and documents
   held in the #site-data block. Text goes in with textContent only; links point at the site's
   own pages (relative paths written by pipeline/report/site.py). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("site-data").textContent);
  var SIZE = 100;

  function cell(tr, value, href) {
    var td = document.createElement("td");
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = value;
      td.appendChild(a);
    } else {
      td.textContent = value;
    }
    tr.appendChild(td);
  }

  function list(name, head, rows, fill) {
    var table = document.getElementById(name + "-table");
    var input = document.getElementById(name + "-filter");
    var count = document.getElementById(name + "-count");
    var pager = document.getElementById(name + "-pager");
    var hr = document.createElement("tr");
    head.forEach(function (h) { var th = document.createElement("th"); th.textContent = h; hr.appendChild(th); });
    table.tHead.appendChild(hr);
    var hay = rows.map(function (r) { return r.join(" ").toLowerCase(); });
    var shown = rows.map(function (_, i) { return i; });
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

    var t = null;
    input.addEventListener("input", function () {
      clearTimeout(t);
      t = setTimeout(function () {
        var q = input.value.toLowerCase().trim();
        shown = [];
        hay.forEach(function (h, i) { if (!q || h.indexOf(q) >= 0) { shown.push(i); } });
        page = 0;
        render();
      }, 150);
    });
    render();
  }

  list("projects", ["Project", "Name", "Documents", "Findings"], DATA.projects, function (tr, p) {
    cell(tr, p[0], p[2]);
    cell(tr, p[1]);
    cell(tr, String(p[3]));
    cell(tr, String(p[4]));
  });
  list("documents", ["Document", "Project"], DATA.documents, function (tr, d) {
    cell(tr, d[0], d[1]);
    cell(tr, d[2] || "(no project)");
  });
})();
