"""The report's page skeleton: CSS and the document-list script, with ``{{SLOTS}}`` filled by :mod:`.html`."""

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{{TITLE}}</title>
<style>
body { font-family: "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif;
       margin: 0; color: #222; background: #f6f6f4; }
header { background: #b5121b; color: #fff; padding: 14px 28px; }
header h1 { margin: 0; font-size: 1.5em; } header p { margin: 4px 0 0; opacity: .9; }
main { padding: 10px 28px 40px; }
h2 { border-bottom: 2px solid #b5121b; padding-bottom: 4px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 14px; }
figure.chart { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 6px; }
figure.chart svg { width: 100%; height: auto; }
figure.map { margin: 0; background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 6px;
             grid-column: 1 / -1; text-align: center; }
figure.map svg { width: 100%; max-width: 900px; height: auto; } figure.map p { color: #666; }
.toolbar { display: flex; gap: 10px; align-items: center; margin: 8px 0; flex-wrap: wrap; }
.toolbar input[type=search] { flex: 1; min-width: 240px; padding: 6px 8px; font-size: 1em; }
table.list { border-collapse: collapse; width: 100%; background: #fff; font-size: .92em; }
table.list th, table.list td { border-bottom: 1px solid #e3e3e3; padding: 4px 8px; text-align: left; }
table.list tbody tr { cursor: pointer; } table.list tbody tr:hover { background: #fdf1e6; }
table.list tr.current { background: #fbe3d0; } table.list td.num { text-align: right; }
.status-rejected, .status-empty { color: #b5121b; font-weight: bold; }
.key { display: inline-block; padding: 2px 8px; margin-right: 6px; border-radius: 4px; font-size: .85em; }
section.doc { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px 18px 18px; margin-top: 12px; }
.meta { color: #666; font-size: .88em; } .error { color: #b5121b; }
ul.problems li.error b { color: #b5121b; } ul.problems li.warning b { color: #b07000; }
ul.problems code { font-size: .8em; color: #555; word-break: break-all; }
.event { display: grid; grid-template-columns: minmax(0, 3fr) minmax(260px, 2fr); gap: 14px;
         border-left: 4px solid #b5121b; padding: 6px 10px; margin: 10px 0; background: #fffdf9; }
.gap { color: #888; border-left: 4px solid #ddd; padding: 2px 10px; margin: 8px 0; font-size: .92em; }
.entities { line-height: 2.2 !important; }
table.card { border-collapse: collapse; font-size: .88em; align-self: start; width: 100%; }
table.card caption { text-align: left; font-weight: bold; color: #b5121b; }
table.card th { text-align: right; vertical-align: top; color: #666; padding: 2px 8px 2px 0; white-space: nowrap; }
table.card td { padding: 2px 0; } table.card ul { margin: 0; padding-left: 16px; }
button { padding: 4px 10px; }
</style>
</head>
<body>
<header><h1>{{TITLE}}</h1><p>{{SUMMARY}}</p></header>
<main>
<h2>Corpus overview</h2>
<div class="charts">{{CHARTS}}</div>
{{LOOSE}}
<h2>Documents</h2>
<div class="toolbar">
  <input id="search" type="search" placeholder="Search path, title or doc id…">
  <select id="status"><option value="">all statuses</option><option>ok</option><option>empty</option>
    <option>rejected</option></select>
  <label><input id="withproblems" type="checkbox"> with problems</label>
  <button id="prev">‹ prev</button><span id="pageinfo"></span><button id="next">next ›</button>
</div>
<table class="list"><thead><tr><th>source</th><th>title</th><th>status</th><th>events</th><th>problems</th></tr></thead>
<tbody id="rows"></tbody></table>
{{CAPPED}}
<p>Highlights: {{LEGEND}}</p>
<div id="noview" class="meta" hidden>No view of this document is included in the report.</div>
{{VIEWS}}
</main>
<script id="doc-index" type="application/json">{{INDEX}}</script>
<script>
(function () {
  "use strict";
  var docs = JSON.parse(document.getElementById("doc-index").textContent);
  var PAGE = 50, page = 0, current = null, shown = docs;
  var rows = document.getElementById("rows"), search = document.getElementById("search");
  var status = document.getElementById("status"), withProblems = document.getElementById("withproblems");
  function cell(text, cls) {
    var td = document.createElement("td"); td.textContent = text; if (cls) { td.className = cls; } return td;
  }
  function show(id) {
    if (current) { var old = document.getElementById("doc-" + current); if (old) { old.hidden = true; } }
    current = id;
    var view = document.getElementById("doc-" + id);
    document.getElementById("noview").hidden = !!view;
    if (view) { view.hidden = false; }
    draw();
  }
  function filter() {
    var q = search.value.trim().toLowerCase(), s = status.value, p = withProblems.checked;
    shown = docs.filter(function (d) {
      return (!q || (d.path + " " + d.title + " " + d.id).toLowerCase().indexOf(q) >= 0) &&
             (!s || d.status === s) && (!p || d.problems > 0);
    });
    page = 0; draw();
  }
  function draw() {
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    page = Math.min(page, pages - 1);
    rows.textContent = "";
    shown.slice(page * PAGE, (page + 1) * PAGE).forEach(function (d) {
      var tr = document.createElement("tr");
      tr.appendChild(cell(d.path)); tr.appendChild(cell(d.title));
      tr.appendChild(cell(d.status, "status-" + d.status));
      tr.appendChild(cell(String(d.events), "num")); tr.appendChild(cell(String(d.problems), "num"));
      if (d.id === current) { tr.className = "current"; }
      tr.addEventListener("click", function () { show(d.id); });
      rows.appendChild(tr);
    });
    document.getElementById("pageinfo").textContent =
      " page " + (page + 1) + " / " + pages + " (" + shown.length + " documents) ";
  }
  search.addEventListener("input", filter); status.addEventListener("change", filter);
  withProblems.addEventListener("change", filter);
  document.getElementById("prev").addEventListener("click", function () { if (page > 0) { page--; draw(); } });
  document.getElementById("next").addEventListener("click", function () { page++; draw(); });
  var first = docs.filter(function (d) { return d.view; })[0];
  if (first) { show(first.id); } else { draw(); }
})();
</script>
</body>
</html>
"""
