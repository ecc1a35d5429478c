// Search page. With digest's own index (data-index), it runs queries in
// the browser over the static files under search-index/ (see
// internal/search: a query reads manifest.json, one bucket a word and a
// segment, and the records of the results it shows). With Pagefind's
// (data-bundle), it loads Pagefind's UI. Without JavaScript, or when the
// index is missing, the page keeps its plain form and its links to
// browse instead. Scraped text reaches the page only as textContent.
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box) return;
  var form = document.querySelector(".search-form");
  var down = document.querySelector(".search-down");
  function unavailable() {
    box.hidden = true;
    if (down) down.hidden = false;
  }
  if (box.hasAttribute("data-index")) digest();
  else if (box.hasAttribute("data-bundle")) pagefind();

  function digest() {
    var input = document.getElementById("q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var more = box.querySelector(".search-more");
    var root = box.getAttribute("data-index");
    var base = box.getAttribute("data-base") || "/";
    var pageSize = 10;
    var files = {};
    function get(path) {
      if (!files[path]) {
        files[path] = fetch(root + path).then(function (r) {
          if (!r.ok) throw new Error(path + ": HTTP " + r.status);
          return r.json();
        });
        files[path].catch(function () { delete files[path]; });
      }
      return files[path];
    }
    var manifest = get("manifest.json");
    manifest.catch(unavailable);

    // The same words as internal/search.Words and Fold: NFKC, lower
    // case, runs of letters and digits (with their combining marks),
    // each ideograph a word of its own; then without diacritics.
    var wordRe = /(?=[\p{L}\p{N}])[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}])(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])*/gu;
    function fold(w) { return w.normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC"); }
    function queryWords(q) {
      var out = [];
      (q.normalize("NFKC").toLowerCase().match(wordRe) || []).forEach(function (w) {
        if (Array.from(w).length > 40) return;
        w = fold(w);
        if (out.every(function (x) { return x.word !== w; })) out.push({ word: w, prefix: false });
      });
      if (out.length && Array.from(out[out.length - 1].word).length >= 2) out[out.length - 1].prefix = true;
      return out;
    }
    function prefix(w) { return Array.from(w).slice(0, 2).join(""); }
    var utf8 = new TextEncoder();
    function bucketOf(p, n) {
      var h = 2166136261;
      utf8.encode(p).forEach(function (c) { h = Math.imul(h ^ c, 16777619) >>> 0; });
      return h % n;
    }
    function matches(w, s) { return w.prefix ? s.lastIndexOf(w.word, 0) === 0 : s === w.word; }
    function stemsOf(bk, w) {
      var set = {};
      Object.keys(bk.w).forEach(function (word) {
        if (matches(w, word)) bk.w[word].forEach(function (s) { set[s] = true; });
      });
      Object.keys(bk.t).forEach(function (s) { if (matches(w, s)) set[s] = true; });
      return Object.keys(set).sort();
    }

    // run resolves to the ranked hits of a query, as internal/search.Query.
    function run(q) {
      var words = queryWords(q);
      return manifest.then(function (m) {
        if (!words.length) return { hits: [], stems: [] };
        return Promise.all(words.map(function (w) {
          return Promise.all(m.s.map(function (seg) {
            var bucket = function (word) { return get(seg[0] + "/t/" + bucketOf(prefix(word), seg[1]) + ".json"); };
            return bucket(w.word).then(function (bk) {
              var stems = stemsOf(bk, w);
              return Promise.all(stems.map(bucket)).then(function (bks) {
                var ps = {};
                stems.forEach(function (s, i) { if (bks[i].t[s]) ps[s] = bks[i].t[s]; });
                return ps;
              });
            });
          }));
        })).then(function (perWord) {
          // A stem two query words share counts once a segment.
          var df = {}, counted = {};
          perWord.forEach(function (segs) {
            segs.forEach(function (ps, si) {
              Object.keys(ps).forEach(function (s) {
                if (counted[si + ":" + s]) return;
                counted[si + ":" + s] = true;
                df[s] = (df[s] || 0) + ps[s].length / 2;
              });
            });
          });
          var score = null;
          perWord.forEach(function (segs) {
            var best = new Map();
            segs.forEach(function (ps, si) {
              Object.keys(ps).forEach(function (s) {
                var idf = Math.log(1 + (m.n - df[s] + 0.5) / (df[s] + 0.5));
                var p = ps[s], doc = 0;
                for (var i = 0; i + 1 < p.length; i += 2) {
                  doc += p[i];
                  var v = idf * ((p[i + 1] >> 1) / 100 + (p[i + 1] & 1));
                  var k = si + ":" + doc;
                  if (!(best.get(k) >= v)) best.set(k, v);
                }
              });
            });
            if (!score) { score = best; return; }
            score.forEach(function (v, k) {
              if (best.has(k)) score.set(k, v + best.get(k)); else score.delete(k);
            });
          });
          var hits = [];
          score.forEach(function (v, k) {
            var at = k.split(":");
            hits.push({ seg: +at[0], doc: +at[1], score: v });
          });
          hits.sort(function (a, b) { return b.score - a.score || a.seg - b.seg || a.doc - b.doc; });
          var stems = [];
          perWord.forEach(function (segs) { segs.forEach(function (ps) { stems.push.apply(stems, Object.keys(ps)); }); });
          hits.forEach(function (h) { h.path = m.s[h.seg][0] + "/d/" + h.doc + ".json"; });
          return { hits: hits, words: words, stems: stems };
        });
      });
    }

    // Excerpt: about 30 words of the text around its best run of
    // matched words, the matches in <mark>.
    var textWord = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
    function excerpt(el, text, res) {
      var toks = [], m;
      textWord.lastIndex = 0;
      while ((m = textWord.exec(text)) && toks.length < 20000) toks.push({ at: m.index, end: m.index + m[0].length, w: fold(m[0].normalize("NFKC").toLowerCase()) });
      function hit(w) {
        return res.words.some(function (q) { return q.prefix ? w.lastIndexOf(q.word, 0) === 0 : w === q.word; }) ||
          res.stems.some(function (s) {
            return w.lastIndexOf(s, 0) === 0 || (s.length > 2 && s.slice(-1) === "i" && w.lastIndexOf(s.slice(0, -1) + "y", 0) === 0);
          });
      }
      var marks = toks.map(function (t) { return hit(t.w); });
      var span = 30, start = 0, bestN = 0;
      for (var i = 0; i < toks.length; i++) {
        if (!marks[i]) continue;
        var seen = {}, n = 0;
        for (var j = i; j < Math.min(toks.length, i + span); j++) if (marks[j] && !seen[toks[j].w]) { seen[toks[j].w] = true; n++; }
        if (n > bestN) { bestN = n; start = Math.max(0, i - 8); }
      }
      var end = Math.min(toks.length, start + span);
      if (!toks.length) return;
      var pos = toks[start].at;
      if (start > 0) el.appendChild(document.createTextNode("… "));
      for (var k = start; k < end; k++) {
        if (!marks[k]) continue;
        el.appendChild(document.createTextNode(text.slice(pos, toks[k].at)));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(toks[k].at, toks[k].end);
        el.appendChild(mark);
        pos = toks[k].end;
      }
      el.appendChild(document.createTextNode(text.slice(pos, toks[end - 1].end)));
      if (end < toks.length) el.appendChild(document.createTextNode(" …"));
    }

    function item(rec, res) {
      var li = document.createElement("li");
      li.className = "search-result";
      var h = document.createElement("h2");
      h.className = "search-title";
      var a = document.createElement("a");
      a.href = base + rec.u;
      a.textContent = rec.t;
      h.appendChild(a);
      li.appendChild(h);
      if (rec.o || rec.d) {
        var meta = document.createElement("p");
        meta.className = "search-meta";
        if (rec.o) meta.appendChild(document.createTextNode(rec.o));
        if (rec.o && rec.d) meta.appendChild(document.createTextNode(" · "));
        if (rec.d) {
          var t = document.createElement("time");
          t.dateTime = rec.i || "";
          t.textContent = rec.d;
          meta.appendChild(t);
        }
        li.appendChild(meta);
      }
      var p = document.createElement("p");
      p.className = "search-excerpt";
      excerpt(p, rec.x || "", res);
      if (p.firstChild) li.appendChild(p);
      return li;
    }

    var seq = 0, current = null, shown = 0;
    function show(n) {
      var mine = seq, res = current;
      var batch = res.hits.slice(shown, shown + n);
      return Promise.all(batch.map(function (h) { return get(h.path); })).then(function (recs) {
        if (mine !== seq) return;
        recs.forEach(function (rec) { list.appendChild(item(rec, res)); });
        shown += batch.length;
        more.hidden = shown >= res.hits.length;
      });
    }
    function search(q, push) {
      var mine = ++seq;
      if (push) {
        var u = new URL(location.href);
        if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
        history.replaceState(null, "", u);
      }
      if (!q.trim()) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        return;
      }
      run(q).then(function (res) {
        if (mine !== seq) return;
        current = res;
        shown = 0;
        list.textContent = "";
        var n = res.hits.length;
        status.textContent = (n ? n + (n === 1 ? " result" : " results") : "No results") + " for “" + q.trim() + "”";
        return show(pageSize);
      }).catch(function () { if (mine === seq) unavailable(); });
    }
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { search(input.value, true); }, 200);
    });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      search(input.value, true);
    });
    more.addEventListener("click", function () {
      var next = list.children.length;
      show(pageSize).then(function () {
        var a = list.children[next] && list.children[next].querySelector("a");
        if (a) a.focus();
      });
    });
    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      search(q, false);
    } else {
      input.focus();
    }
  }

  function pagefind() {
    var bundle = box.getAttribute("data-bundle");
    // The index is sharded by month: the newest shard's UI searches the
    // older shards too (Pagefind's mergeIndex).
    var merge = (box.getAttribute("data-merge") || "").split(" ").filter(Boolean).map(function (p) {
      return { bundlePath: p };
    });
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onerror = unavailable;
    script.onload = function () {
      if (typeof window.PagefindUI !== "function") return unavailable();
      var ui = new window.PagefindUI({
        element: "#search",
        bundlePath: bundle,
        mergeIndex: merge,
        baseUrl: box.getAttribute("data-base"),
        showImages: false,
        showSubResults: false,
        resetStyles: false,
        autofocus: !new URLSearchParams(location.search).get("q")
      });
      if (form) form.hidden = true;
      // Pagefind's input has only a title; give it a real accessible name.
      (function name(tries) {
        var input = box.querySelector("input");
        if (input) input.setAttribute("aria-label", "Search stories and articles");
        else if (tries > 0) requestAnimationFrame(function () { name(tries - 1); });
      })(60);
      var q = new URLSearchParams(location.search).get("q");
      if (q) ui.triggerSearch(q);
    };
    document.head.appendChild(script);
  }
})();
