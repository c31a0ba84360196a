/* newsgold HTML report: draws the per-document view and the error listing from the inline JSON
   block (#newsgold-data). No network, and no data is ever parsed as HTML: every text goes in as a
   text node.
   State lives in the URL fragment (#s=system&t=task&k=kinds&p=page&lp=listing page&only=1&d=doc
   filter&e=error), so every view -- and every error's place in the text -- has a link. */
(function () {
  "use strict";
  var app = document.getElementById("app");
  function fail(err) {
    var box = document.getElementById("js-error") || document.createElement("pre");
    box.id = "js-error";
    box.textContent = "The report script failed: " + (err && err.stack ? err.stack : String(err));
    (app || document.body).prepend(box);
    document.documentElement.setAttribute("data-error", "1");
  }
  window.addEventListener("error", function (ev) { fail(ev.error || ev.message); });

  var block = document.getElementById("newsgold-data");
  var D = JSON.parse(block.textContent);
  block.remove();  // the page keeps the parsed data only, not a second copy as text
  var S = D.strings;
  var PAGE_DOCS = D.page_docs, PAGE_ERRS = D.page_errors;
  var PRED_SIDE = new Set(D.pred_side);

  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") e.className = v;
        else if (k === "text") e.textContent = v;
        else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? "" : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var kid = arguments[i];
      if (kid === null || kid === undefined || kid === false) continue;
      if (Array.isArray(kid)) kid.forEach(function (k) { if (k) e.append(k); }); else e.append(kid);
    }
    return e;
  }
  function fmt(x) { return x === null || x === undefined ? "–" : Number(x).toFixed(3); }
  function cls(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, "_"); }
  function kindName(k) { return (D.kinds[k] || [k])[0]; }
  function clip(s, n) { s = s.replace(/\s+/g, " "); return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  // ---------------------------------------------------------------------------------------------
  // state <-> URL fragment
  // ---------------------------------------------------------------------------------------------
  function firstSystem() {
    for (var i = 0; i < D.systems.length; i++) if (!D.systems[i].skipped) return i;
    return 0;
  }
  function intOr(v, dflt, lo, hi) {
    var n = parseInt(v, 10);
    if (isNaN(n)) return dflt;
    return Math.max(lo, Math.min(hi, n));
  }
  function readState() {
    var q = new URLSearchParams(location.hash.replace(/^#/, ""));
    var st = {};
    st.s = intOr(q.get("s"), firstSystem(), 0, Math.max(0, D.systems.length - 1));
    st.t = D.tasks.indexOf(q.get("t")) >= 0 ? q.get("t") : D.tasks[0];
    st.k = q.has("k") ? q.get("k").split(",").filter(Boolean) : null;  // null = every kind
    st.p = intOr(q.get("p"), 0, 0, 1e9);
    st.lp = intOr(q.get("lp"), 0, 0, 1e9);
    st.only = q.get("only") === "1";
    st.d = q.get("d") || "";
    st.e = q.has("e") ? intOr(q.get("e"), null, 0, 1e9) : null;
    return st;
  }
  function hashOf(st) {
    var q = new URLSearchParams();
    q.set("s", st.s); q.set("t", st.t);
    if (st.k) q.set("k", st.k.join(","));
    if (st.p) q.set("p", st.p);
    if (st.lp) q.set("lp", st.lp);
    if (st.only) q.set("only", "1");
    if (st.d) q.set("d", st.d);
    if (st.e !== null && st.e !== undefined) q.set("e", st.e);
    return "#" + q.toString();
  }
  function go(st, changes) {
    var next = Object.assign({}, st, changes);
    if (!("e" in changes)) next.e = null;
    location.hash = hashOf(next);
  }

  // ---------------------------------------------------------------------------------------------
  // the view of one system on one task
  // ---------------------------------------------------------------------------------------------
  function view(st) {
    var sys = D.systems[st.s] || {name: "?", tasks: {}, skipped: "no system"};
    var res = sys.tasks[st.t] || null;
    var errors = res ? res.errors : [];
    var present = {};
    errors.forEach(function (e) { var k = S[e[0]]; present[k] = (present[k] || 0) + 1; });
    var shownKinds = st.k ? new Set(st.k) : new Set(Object.keys(present));
    var shown = [];  // indices into errors
    var byDoc = new Map();
    errors.forEach(function (e, i) {
      if (!shownKinds.has(S[e[0]])) return;
      shown.push(i);
      if (!byDoc.has(e[1])) byDoc.set(e[1], []);
      byDoc.get(e[1]).push(i);
    });
    var docs = [];
    var needle = st.d.toLowerCase();
    for (var i = 0; i < D.docs.length; i++) {
      if (st.only && !byDoc.has(i)) continue;
      if (needle && D.docs[i][0].toLowerCase().indexOf(needle) < 0) continue;
      docs.push(i);
    }
    return {sys: sys, res: res, errors: errors, present: present, shownKinds: shownKinds, shown: shown,
            byDoc: byDoc, docs: docs};
  }

  // ---------------------------------------------------------------------------------------------
  // controls, legend, listing
  // ---------------------------------------------------------------------------------------------
  function controls(st, v) {
    var systems = D.systems.map(function (sy, i) {
      return el("button", {"class": "sys", "aria-pressed": i === st.s ? "true" : "false", disabled: !!sy.skipped,
                           title: sy.skipped ? "skipped: " + sy.skipped : sy.signature, "data-system": sy.name,
                           onclick: function () { go(st, {s: i, p: 0, lp: 0, k: null}); }},
                sy.name + (sy.skipped ? " (skipped)" : ""));
    });
    var tasks = D.tasks.map(function (t) {
      return el("button", {"class": "task", "aria-pressed": t === st.t ? "true" : "false", "data-task": t,
                           onclick: function () { go(st, {t: t, p: 0, lp: 0, k: null}); }}, t);
    });
    var kinds = Object.keys(D.kinds).filter(function (k) { return k in v.present; }).map(function (k) {
      var box = el("input", {type: "checkbox", checked: v.shownKinds.has(k), "data-kind": k,
                             onchange: function () {
                               var now = new Set(v.shownKinds);
                               if (this.checked) now.add(k); else now.delete(k);
                               var all = Object.keys(v.present).every(function (x) { return now.has(x); });
                               go(st, {k: all ? null : Object.keys(D.kinds).filter(function (x) { return now.has(x); }), p: 0, lp: 0});
                             }});
      return el("label", {"class": "kind", title: (D.kinds[k] || ["", ""])[1]}, box, " ",
                el("b", {"class": "kind-name"}, kindName(k)), kindName(k) !== k ? " (" + k + ")" : "",
                " " + v.present[k]);
    });
    var only = el("label", null, el("input", {type: "checkbox", checked: st.only, id: "only-errors",
                                                onchange: function () { go(st, {only: this.checked, p: 0}); }}),
                  " only documents with shown errors");
    var find = el("input", {type: "search", placeholder: "document id", value: st.d, "aria-label": "find a document by id",
                            onchange: function () { go(st, {d: this.value.trim(), p: 0}); }});
    var head = v.res
      ? v.sys.name + " · " + st.t + ": " + v.res.headline + " = " + fmt(v.res.f1) +
        (v.res.ci ? " [" + fmt(v.res.ci[0]) + ", " + fmt(v.res.ci[1]) + "]" : "") +
        "  P " + fmt(v.res.precision) + "  R " + fmt(v.res.recall) + "  · " + v.errors.length + " errors"
      : v.sys.name + " does not do " + st.t + (v.sys.skipped ? " (skipped: " + v.sys.skipped + ")" : "");
    return el("nav", {"class": "controls", "aria-label": "view"},
              el("div", {"class": "row", id: "system-switch"}, el("span", {"class": "name"}, "system"), systems),
              el("div", {"class": "row", id: "task-switch"}, el("span", {"class": "name"}, "task"), tasks),
              el("div", {"class": "row", id: "kind-filter"}, el("span", {"class": "name"}, "errors"),
                 kinds.length ? kinds : el("span", {"class": "none"}, "none"), only, find),
              el("div", {"class": "row headline", id: "current"}, head));
  }

  function legend(st, v, pageDocs) {
    var used = new Set();
    var gold = D.gold[st.t];
    function collect(perDoc) {
      if (!perDoc) return;
      pageDocs.forEach(function (d) {
        (perDoc[d] || []).forEach(function (rec) {
          marksOf(rec, gold ? gold[d] : []).forEach(function (m) { used.add(m.colour); });
        });
      });
    }
    collect(gold);
    if (v.res) collect(v.res.pred);
    var chips = Array.from(used).sort(function (a, b) { return a - b; }).map(function (c) {
      return el("span", {"class": "mk c" + c}, D.colours[c][0]);
    });
    var kinds = Object.keys(D.kinds).filter(function (k) { return k in v.present; }).map(function (k) {
      return [el("dt", null, el("b", {"class": "kind"}, kindName(k))), el("dd", null, (D.kinds[k] || ["", k])[1] || k)];
    });
    return el("div", {"class": "legend", id: "legend"}, el("span", {"class": "name"}, "colours"), chips,
              el("dl", null, [].concat.apply([], kinds)));
  }

  function pager(cur, pages, onpage, id) {
    return el("div", {"class": "pager", id: id},
              el("button", {disabled: cur <= 0, onclick: function () { onpage(0); }, "aria-label": "first page"}, "«"),
              el("button", {disabled: cur <= 0, onclick: function () { onpage(cur - 1); }, "aria-label": "previous page"}, "‹"),
              el("span", {"class": "page-of"}, "page " + (pages ? cur + 1 : 0) + " of " + pages),
              el("button", {disabled: cur >= pages - 1, onclick: function () { onpage(cur + 1); }, "aria-label": "next page"}, "›"),
              el("button", {disabled: cur >= pages - 1, onclick: function () { onpage(pages - 1); }, "aria-label": "last page"}, "»"));
  }

  function listing(st, v) {
    var pages = Math.ceil(v.shown.length / PAGE_ERRS);
    var lp = Math.min(st.lp, Math.max(0, pages - 1));
    var items = v.shown.slice(lp * PAGE_ERRS, (lp + 1) * PAGE_ERRS).map(function (i) {
      var e = v.errors[i], k = S[e[0]], doc = D.docs[e[1]];
      return el("li", {"class": "error k-" + cls(k), "data-kind": k, "data-index": i, "data-doc": doc[0]},
                el("b", {"class": "kind", title: (D.kinds[k] || ["", ""])[1]}, kindName(k)), " ",
                el("a", {href: hashOf(Object.assign({}, st, {e: i, lp: lp}))}, doc[0] + " [" + e[2] + ":" + e[3] + "]"),
                " ", el("span", {"class": "text"}, "«" + clip(doc[2].slice(e[2], e[3]), 90) + "»"),
                " ", el("span", {"class": "detail"}, S[e[4]]));
    });
    return el("section", {id: "listing"},
              el("h2", null, "Errors (" + v.shown.length + " shown of " + v.errors.length + ")"),
              pages > 1 ? pager(lp, pages, function (n) { go(st, {lp: n}); }, "listing-pager") : null,
              el("ol", {"class": "errors", start: lp * PAGE_ERRS + 1}, items));
  }

  // ---------------------------------------------------------------------------------------------
  // the text with nested marks
  // ---------------------------------------------------------------------------------------------
  /* spans: {s, e, rank, open(first) -> element, end(element)}; overlapping spans that cross are
     split into well-nested fragments (only the first gets the id, the last the end badge). */
  function drawText(text, spans) {
    var box = el("div", {"class": "text"});
    var cuts = new Set([0, text.length]);
    spans = spans.filter(function (sp) { return sp.e > sp.s; });
    spans.forEach(function (sp) { cuts.add(sp.s); cuts.add(sp.e); });
    var pts = Array.from(cuts).filter(function (x) { return x >= 0 && x <= text.length; }).sort(function (a, b) { return a - b; });
    spans.sort(function (a, b) { return a.s - b.s || b.e - a.e || a.rank - b.rank; });
    spans.forEach(function (sp, i) { sp.ord = i; });
    var startsAt = new Map();
    spans.forEach(function (sp) { if (!startsAt.has(sp.s)) startsAt.set(sp.s, []); startsAt.get(sp.s).push(sp); });
    var active = [], stack = [];
    function top() { return stack.length ? stack[stack.length - 1][1] : box; }
    function closeTop(at) {
      var it = stack.pop();
      if (it[0].e === at && it[0].end) it[0].end(it[1]);
    }
    for (var c = 0; c < pts.length - 1; c++) {
      var a = pts[c], b = pts[c + 1];
      active = active.filter(function (sp) { return sp.e > a; }).concat(startsAt.get(a) || []);
      active.sort(function (x, y) { return x.ord - y.ord; });
      var k = 0;
      while (k < stack.length && k < active.length && stack[k][0] === active[k]) k++;
      while (stack.length > k) closeTop(a);
      for (var j = k; j < active.length; j++) {
        var node = active[j].open(active[j].s === a);
        top().append(node);
        stack.push([active[j], node]);
      }
      top().append(text.slice(a, b));
    }
    while (stack.length) closeTop(text.length);
    return box;
  }

  /* a record of the data block: flat marks (start, length, style), or the index of the gold
     record of the document it shows exactly like */
  function marksOf(rec, goldRecs) {
    if (typeof rec === "number") rec = goldRecs[rec];
    var out = [];
    for (var i = 0; i + 2 < rec.length; i += 3) {
      var st = D.styles[rec[i + 2]];
      out.push({s: rec[i], e: rec[i] + rec[i + 1], role: S[st[0]], label: S[st[1]], colour: st[2], note: S[st[3]]});
    }
    return out;
  }

  function recordSpans(records, goldRecs, side, errorsHere) {
    var spans = [];
    (records || []).forEach(function (rec, ri) {
      var group = side + "-" + ri;
      var marks = marksOf(rec, goldRecs);
      marks.forEach(function (m, mi) {
        var id = group + "-" + mi;
        spans.push({s: m.s, e: m.e, rank: 1, open: function (first) {
          return el("mark", {"class": "mk r-" + cls(m.role) + " c" + m.colour + (first ? "" : " cont"),
                             id: first ? id : null, "data-group": group, "data-role": m.role});
        }, end: function (node) {
          node.append(el("span", {"class": "lbl"}, m.label));
          if (mi > 0) return;
          if (m.note) node.append(el("span", {"class": "note"}, m.note));
          marks.slice(1).forEach(function (part, pi) {
            node.append(el("button", {"class": "jump", "data-jump": group + "-" + (pi + 1), title: "show the " + part.role,
                                      type: "button"}, "→ " + part.role));
          });
        }});
      });
    });
    errorsHere.forEach(function (pair) {
      var i = pair[0], e = pair[1], k = S[e[0]];
      spans.push({s: e[2], e: e[3], rank: 0, open: function (first) {
        var node = el("span", {"class": "err k-" + cls(k) + (first ? "" : " cont"), id: first ? "err-" + i : null,
                               "data-kind": k, "data-index": i, title: kindName(k) + ": " + S[e[4]]});
        if (first) node.append(el("b", {"class": "kind"}, kindName(k)));
        return node;
      }});
    });
    return spans;
  }

  function documentView(st, v, d) {
    var doc = D.docs[d], text = doc[2];
    var errs = (v.byDoc.get(d) || []).map(function (i) { return [i, v.errors[i]]; });
    var goldErrs = errs.filter(function (p) { return !PRED_SIDE.has(S[p[1][0]]); });
    var predErrs = errs.filter(function (p) { return PRED_SIDE.has(S[p[1][0]]); });
    var gold = D.gold[st.t];
    var goldCol = el("div", {"class": "col gold"}, el("h4", null, "gold"),
                     gold ? drawText(text, recordSpans(gold[d], [], "g" + d, goldErrs))
                          : el("p", {"class": "none"}, "no gold for " + st.t));
    var predCol = el("div", {"class": "col pred"}, el("h4", null, "predicted · " + v.sys.name),
                     v.res ? drawText(text, recordSpans(v.res.pred[d], gold ? gold[d] : [], "p" + d, predErrs))
                           : el("p", {"class": "none"}, v.sys.name + " does not do " + st.t));
    var counts = {};
    errs.forEach(function (p) { var k = S[p[1][0]]; counts[k] = (counts[k] || 0) + 1; });
    var summary = Object.keys(D.kinds).filter(function (k) { return k in counts; })
      .map(function (k) { return kindName(k) + " " + counts[k]; }).join(", ");
    return el("details", {"class": "doc", id: "doc-" + d, "data-doc": doc[0], "data-errors": errs.length, open: true},
              el("summary", null, doc[0], doc[1] ? " — " + doc[1] : "",
                 el("span", {"class": "count"}, errs.length ? errs.length + " errors: " + summary : "no errors shown")),
              el("div", {"class": "cols"}, goldCol, predCol));
  }

  function documents(st, v) {
    var pages = Math.ceil(v.docs.length / PAGE_DOCS);
    var p = Math.min(st.p, Math.max(0, pages - 1));
    var pageDocs = v.docs.slice(p * PAGE_DOCS, (p + 1) * PAGE_DOCS);
    var onpage = function (n) { go(st, {p: n}); };
    return {pageDocs: pageDocs, node: el("section", {id: "documents"},
      el("h2", null, "Documents (" + v.docs.length + (v.docs.length !== D.docs.length ? " of " + D.docs.length : "") + ")"),
      pager(p, pages, onpage, "doc-pager"),
      el("div", {"class": "doc-list"}, pageDocs.map(function (d) { return documentView(st, v, d); })),
      pages > 1 ? pager(p, pages, onpage, "doc-pager-bottom") : null)};
  }

  // ---------------------------------------------------------------------------------------------
  // render, jump, interaction
  // ---------------------------------------------------------------------------------------------
  function render() {
    var st = readState();
    var v = view(st);
    if (st.e !== null && st.e < v.errors.length) {  // a link to an error: open the page holding its document
      var d = v.errors[st.e][1];
      if (v.docs.indexOf(d) < 0) { st.d = ""; st.only = false; v = view(st); }
      st.p = Math.floor(v.docs.indexOf(d) / PAGE_DOCS);
    }
    var docs = documents(st, v);
    app.textContent = "";
    app.append(controls(st, v), legend(st, v, docs.pageDocs), listing(st, v), docs.node);
    if (st.e !== null) {
      var target = document.getElementById("err-" + st.e);
      if (target) {
        target.classList.add("target");
        target.scrollIntoView({block: "center"});
      }
    }
    document.documentElement.setAttribute("data-ready", "1");
  }

  function groupOf(node) { return node && node.closest ? node.closest("[data-group]") : null; }
  function highlight(node, on) {
    var g = groupOf(node);
    if (!g) return;
    var col = g.closest(".col") || document;
    col.querySelectorAll('[data-group="' + g.getAttribute("data-group") + '"]').forEach(function (x) {
      x.classList.toggle("hl", on);
    });
  }
  app.addEventListener("mouseover", function (ev) { highlight(ev.target, true); });
  app.addEventListener("mouseout", function (ev) { highlight(ev.target, false); });
  app.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button.jump") : null;
    if (!b) return;
    var t = document.getElementById(b.getAttribute("data-jump"));
    if (!t) return;
    t.scrollIntoView({block: "center"});
    t.classList.remove("flash");
    void t.offsetWidth;
    t.classList.add("flash");
  });
  window.addEventListener("hashchange", function () { try { render(); } catch (err) { fail(err); } });
  try { render(); } catch (err) { fail(err); }
})();
