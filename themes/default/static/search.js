/* congkhai search: runs in the browser over the index /tim-kiem/chi-muc.json, fetched only
   when someone starts typing. Diacritics are folded on both sides ("dang ky khai sinh"
   finds "Đăng ký khai sinh", đ → d), and so is the i/y spelling of syllables like kí/ký;
   a query typed with diacritics ranks exact matches first; codes match by prefix, with or
   without the dot ("1.0011", "10011"); a procedure whose name (or keywords) holds every
   word ranks first, and the rest (words found only in the text, or only some words) are
   labelled as partial matches below it; a miss says so and gives the hotline; the site's
   synonyms ("sổ đỏ") are searched as the catalogue's words. Without JavaScript the page offers the A–Z list. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var status = form.querySelector("[role=status]");
  var list = form.querySelector(".results");
  var nextLine = form.querySelector(".search-next");
  var limit = parseInt(form.getAttribute("data-limit") || "20", 10);
  var index = null, loading = null, timer = null;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function lower(s) { return s.normalize("NFC").toLowerCase(); }
  // "ky" and "ki", "ly" and "li", "quy" and "qui" are the same syllable in two spellings.
  function iy(w) { return /^(qu|[bcdghklmnprstvx]+)y$/.test(w) ? w.slice(0, -1) + "i" : w; }
  function words(s) { return s.split(/[^0-9a-z\u00c0-\u1ef9]+/i).filter(Boolean); }
  function terms(s) { return words(fold(s)).map(iy); }
  // Words of a request ("làm", "xin", "muốn"…) that name no procedure: left out of a query
  // that has other words.
  var FILLER = ["lam", "xin", "muon", "toi", "minh", "nao", "giup"];
  function meaningful(tokens) {
    var kept = tokens.filter(function (t) { return FILLER.indexOf(t) < 0; });
    return kept.length ? kept : tokens;
  }

  // Words nearly every procedure's name holds ("cấp", "giấy phép", "đăng ký"…): a partial
  // match on these alone is no match.
  var COMMON = ["cap", "giay", "phep", "dang", "ki", "thu", "tuc", "xac", "nhan", "doi", "lai",
    "thay", "dieu", "chinh", "bo", "sung", "de", "nghi", "ho", "so", "va", "cua", "cho", "tai",
    "theo", "cac", "trong", "viec", "ve", "mot", "to", "chuc", "thuc", "hien", "gia", "han"];
  var synonyms = [];
  function prepare(data) {
    synonyms = data.synonyms || [];
    var agencies = data.agencies.map(terms), fields = data.fields.map(terms);
    return data.items.map(function (it) {
      var ag = [];
      it[7].forEach(function (a) { ag = ag.concat(agencies[a]); });
      return {
        code: it[0], bare: it[0].replace(/\./g, ""), name: it[1], field: data.fields[it[3]],
        levels: it[4].map(function (l) { return data.levels[l]; }).join(", "),
        time: it[5], active: it[9] === 1, url: data.url + it[0] + "/",
        w: {
          name: terms(it[1]), full: terms(it[2]), kw: terms(it[6]),
          field: fields[it[3]], ag: ag, body: terms(it[8])
        },
        fname: terms(it[1]).join(" "), rawName: words(lower(it[1])),
        phrases: it[6].split("|").map(function (k) { return terms(k).join(" "); })
      };
    });
  }

  // The query with every colloquial phrase it holds replaced by the catalogue's words, or
  // null when it holds none.
  function expand(tokens) {
    var q = " " + tokens.join(" ") + " ", changed = false;
    for (var i = 0; i < synonyms.length; i++) {
      var from = " " + terms(synonyms[i][0]).join(" ") + " ";
      if (q.indexOf(from) >= 0) {
        q = q.replace(from, " " + terms(synonyms[i][1]).join(" ") + " ");
        changed = true;
      }
    }
    return changed ? words(q) : null;
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

  // A code typed with or without its dots: exact, then by prefix, then anywhere.
  function codeScore(r, q) {
    var bare = q.replace(/\./g, "");
    var code = q.indexOf(".") >= 0 ? r.code : r.bare;
    var typed = q.indexOf(".") >= 0 ? q : bare;
    if (code === typed) return 1000;
    if (code.lastIndexOf(typed, 0) === 0) return 500 - code.length;
    return code.indexOf(typed) >= 0 ? 100 : 0;
  }

  // How well the words match: every word counts by where it is found (the name first); one
  // matching fewer than half of the words is left out. With the score, how complete the match
  // is: 2 when the name (or its keywords) holds every word, 1 when the words are all there
  // but some only in the text, the field or the agency, 0 when some are missing.
  function wordScore(r, tokens) {
    var total = 0, matched = 0, named = 0, telling = 0, w = r.w;
    for (var i = 0; i < tokens.length; i++) {
      var t = tokens[i];
      var inName = Math.max(hit(w.name, t, 10, 6), hit(w.full, t, 5, 3), hit(w.kw, t, 6, 3));
      var best = Math.max(inName, hit(w.field, t, 3, 2), hit(w.ag, t, 2, 1), hit(w.body, t, 1, 0.5));
      if (best) { matched++; total += best; }
      if (inName && COMMON.indexOf(t) < 0) telling++;
      if (inName) named++;
    }
    if (!matched || matched * 2 < tokens.length) return { s: 0, tier: 0 };
    // Some words missing, and the name holds none but common ones: not this procedure.
    if (matched < tokens.length && !telling) return { s: 0, tier: 0 };
    // The mean weight of a word, so a longer query (a synonym's official words) does not
    // outrank a shorter one by length alone; then the phrase as a whole.
    total = total / tokens.length;
    var phrase = tokens.join(" ");
    if (r.fname === phrase || r.phrases.indexOf(phrase) >= 0) total += 20;
    else if (r.fname.lastIndexOf(phrase, 0) === 0) total += 8;
    else if (r.fname.indexOf(phrase) >= 0) total += 4;
    var tier = named === tokens.length ? 2 : matched === tokens.length ? 1 : 0;
    return { s: tier ? total : total * matched / tokens.length, tier: tier };
  }

  function better(a, b) { return a.tier > b.tier || (a.tier === b.tier && a.s > b.s) ? a : b; }

  function score(r, q, tokens, expanded, raw, accented) {
    if (/^[0-9][0-9.]*$/.test(q)) return { s: codeScore(r, q), tier: 2 };
    var m = wordScore(r, tokens);
    // The catalogue's words stand in for the typed ones, a little below a direct match.
    if (expanded) {
      var e = wordScore(r, expanded);
      e.s -= 1;
      m = better(m, e);
    }
    if (m.s <= 0) return { s: 0, tier: 0 };
    if (accented) {
      for (var j = 0; j < raw.length; j++) if (r.rawName.indexOf(raw[j]) >= 0) m.s += 3;
    }
    if (!r.active) m.s /= 2;
    return m;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // What the list shows now: a second run for the same query (typing that ends while the
  // catalogue loads runs twice) leaves the list alone, so keyboard focus in it is not lost.
  var shown = null;
  // At most this many partial matches under the full ones.
  var PARTIAL_UNDER_FULL = 5;

  function item(r, partial) {
    var li = el("li"), a = el("a", null, r.name);
    a.href = r.url;
    li.appendChild(a);
    var facts = [r.code, r.field, r.levels];
    if (r.time) facts.push(r.time);
    li.appendChild(el("span", "facts-line", facts.join(" · ")));
    if (partial) li.appendChild(el("span", "badge badge-partial", "Khớp một phần"));
    if (!r.active) li.appendChild(el("span", "badge badge-retired", "Đã bãi bỏ"));
    return li;
  }

  // What to do when the list does not hold what was meant: the province's hotline.
  function next(text) {
    nextLine.textContent = text;
    var number = form.getAttribute("data-hotline");
    if (number) {
      nextLine.appendChild(document.createTextNode(" Hoặc gọi " + form.getAttribute("data-hotline-label") + " "));
      var a = el("a", null, number);
      a.href = "tel:" + number.replace(/[^0-9+]/g, "");
      nextLine.appendChild(a);
      nextLine.appendChild(document.createTextNode(" để được hướng dẫn."));
    }
    nextLine.hidden = false;
  }

  function show(full, partial, q, isCode) {
    var key = [q].concat(full.concat(partial).map(function (r) { return r.url; })).join("\n");
    if (key === shown) return;
    shown = key;
    list.textContent = "";
    nextLine.hidden = true;
    nextLine.textContent = "";
    var tips = "Hãy thử gõ ít từ hơn (ví dụ “khai sinh”), tìm theo mã thủ tục (ví dụ 1.001193), hoặc xem danh sách theo lĩnh vực.";
    if (!full.length && !partial.length) {
      list.hidden = true;
      status.textContent = "Không tìm thấy thủ tục nào cho “" + q + "” trên trang này.";
      next(tips);
      return;
    }
    var n = full.length;
    full.slice(0, limit).forEach(function (r) { list.appendChild(item(r, false)); });
    var rest = partial.slice(0, n ? Math.min(PARTIAL_UNDER_FULL, Math.max(limit - n, 0)) : limit);
    if (rest.length && n) {
      list.appendChild(el("li", "results-partial", "Chỉ khớp một phần (không có đủ các từ trong tên thủ tục):"));
    }
    rest.forEach(function (r) { list.appendChild(item(r, true)); });
    list.hidden = false;
    if (n) {
      status.textContent = n + " thủ tục " + (isCode ? "có mã bắt đầu bằng" : "có tên chứa đủ các từ") + " “" + q + "”" +
        (n > limit ? ", hiển thị " + limit + " thủ tục đầu" : "") + ".";
    } else {
      status.textContent = "Không có thủ tục nào có tên chứa đủ các từ “" + q + "”. " + rest.length +
        " thủ tục dưới đây chỉ khớp một phần: hãy đọc kỹ tên trước khi chọn.";
      next("Không thấy thủ tục bạn cần? " + tips);
    }
  }

  function run() {
    var q = input.value.trim();
    if (!q) { list.hidden = true; list.textContent = ""; status.textContent = ""; nextLine.hidden = true; shown = null; return; }
    if (!index) { load(); return; }
    var folded = fold(q), tokens = meaningful(terms(q)), raw = words(lower(q));
    var accented = folded !== lower(q), expanded = expand(tokens);
    var isCode = /^[0-9][0-9.]*$/.test(folded);
    var found = [];
    for (var i = 0; i < index.length; i++) {
      var m = score(index[i], folded, tokens, expanded, raw, accented);
      if (m.s > 0) found.push({ r: index[i], s: m.s, tier: m.tier });
    }
    // Every word in the name first; then by score, shorter names, codes.
    found.sort(function (a, b) {
      return b.tier - a.tier || b.s - a.s || a.r.name.length - b.r.name.length || (a.r.code < b.r.code ? -1 : 1);
    });
    var full = [], partial = [];
    found.forEach(function (f) { (f.tier === 2 ? full : partial).push(f.r); });
    show(full, partial, q, isCode);
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial && form.hasAttribute("data-read-query")) { input.value = initial; load(); }
})();
