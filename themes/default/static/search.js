/* congkhai search: runs in the browser over the index /tim-kiem/chi-muc.json, fetched only
   when someone starts typing. Diacritics are folded on both sides ("dang ky khai sinh"
   finds "Đăng ký khai sinh", đ → d); a query typed with diacritics ranks exact matches
   first; codes match by prefix ("1.0011"). Without JavaScript the form opens the A–Z list. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var status = form.querySelector("[role=status]");
  var list = form.querySelector(".results");
  var limit = parseInt(form.getAttribute("data-limit") || "20", 10);
  var index = null, loading = null, timer = null;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function lower(s) { return s.normalize("NFC").toLowerCase(); }
  function words(s) { return s.split(/[^0-9a-z\u00c0-\u1ef9]+/i).filter(Boolean); }

  function prepare(data) {
    var agencies = data.agencies.map(fold), fields = data.fields.map(fold);
    return data.items.map(function (it) {
      return {
        code: it[0], name: it[1], full: it[2], field: data.fields[it[3]],
        levels: it[4].map(function (l) { return data.levels[l]; }).join(", "),
        time: it[5], active: it[9] === 1, url: data.url + it[0] + "/",
        w: {
          name: words(fold(it[1])), full: words(fold(it[2])), kw: words(fold(it[6])),
          field: words(fields[it[3]]), ag: words(it[7].map(function (a) { return agencies[a]; }).join(" ")),
          body: words(it[8])
        },
        fname: fold(it[1]), rawName: words(lower(it[1])), rawFull: words(lower(it[2]))
      };
    });
  }

  function load() {
    if (!loading) {
      status.textContent = "Đang tải danh mục thủ tục…";
      loading = fetch(form.getAttribute("data-index"))
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) { index = prepare(data); status.textContent = ""; run(); })
        .catch(function () {
          loading = null;
          status.textContent = "Không tải được danh mục. Hãy xem danh sách thủ tục từ A đến Z.";
        });
    }
    return loading;
  }

  // Best weight of one query word in one list of words: whole word, else prefix.
  function hit(list, t, whole, prefix) {
    var best = 0;
    for (var i = 0; i < list.length; i++) {
      if (list[i] === t) return whole;
      if (prefix && list[i].lastIndexOf(t, 0) === 0) best = prefix;
    }
    return best;
  }

  function score(r, q, tokens, raw, accented) {
    if (/^[0-9][0-9.]*$/.test(q)) {
      if (r.code === q) return 1000;
      if (r.code.lastIndexOf(q, 0) === 0) return 500 - r.code.length;
      return r.code.indexOf(q) >= 0 ? 100 : 0;
    }
    var total = 0;
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i], w = r.w;
      var best = Math.max(hit(w.name, t, 10, 6), hit(w.full, t, 5, 3), hit(w.kw, t, 6, 3),
        hit(w.field, t, 3, 2), hit(w.ag, t, 2, 1), hit(w.body, t, 1, 0.5));
      if (!best) return 0;
      total += best;
    }
    var phrase = tokens.join(" ");
    if (r.fname === phrase) total += 20;
    else if (r.fname.lastIndexOf(phrase, 0) === 0) total += 8;
    else if (r.fname.indexOf(phrase) >= 0) total += 4;
    if (accented) {
      for (var j = 0; j < raw.length; j++) {
        if (r.rawName.indexOf(raw[j]) >= 0) total += 3;
        else if (r.rawFull.indexOf(raw[j]) >= 0) total += 1;
      }
    }
    return r.active ? total : total / 2;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(found, q) {
    list.textContent = "";
    if (!found.length) {
      list.hidden = true;
      status.textContent = "Không tìm thấy thủ tục nào cho “" + q + "”. Hãy thử gõ ít từ hơn (ví dụ “khai sinh”), tìm theo mã thủ tục (ví dụ 1.001193), hoặc xem danh sách theo lĩnh vực.";
      return;
    }
    found.slice(0, limit).forEach(function (r) {
      var li = el("li"), a = el("a", null, r.name);
      a.href = r.url;
      li.appendChild(a);
      var facts = [r.code, r.field, r.levels];
      if (r.time) facts.push(r.time);
      li.appendChild(el("span", "facts-line", facts.join(" · ")));
      if (!r.active) li.appendChild(el("span", "badge badge-retired", "Đã bãi bỏ"));
      list.appendChild(li);
    });
    list.hidden = false;
    var n = found.length;
    status.textContent = n + " thủ tục phù hợp với “" + q + "”" + (n > limit ? ", hiển thị " + limit + " thủ tục đầu" : "") + ".";
  }

  function run() {
    var q = input.value.trim();
    if (!q) { list.hidden = true; list.textContent = ""; status.textContent = ""; return; }
    if (!index) { load(); return; }
    var folded = fold(q), tokens = words(folded), raw = words(lower(q));
    var accented = folded !== lower(q);
    var found = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], folded, tokens, raw, accented);
      if (s > 0) found.push({ r: index[i], s: s });
    }
    found.sort(function (a, b) {
      return b.s - a.s || a.r.name.length - b.r.name.length || (a.r.code < b.r.code ? -1 : 1);
    });
    show(found.map(function (f) { return f.r; }), q);
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial && form.hasAttribute("data-read-query")) { input.value = initial; load(); }
})();
