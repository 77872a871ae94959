/* Tilik search client: loads the static index written by src/search/ (classic scripts that
   register their data in window.TilikSearch, so it also works from file://) and searches it.
   The analysis functions mirror src/search/analyser.rs and stem_id.rs word for word; a Rust
   test runs them under node on the same word lists. No framework, no build step. */
(function () {
  "use strict";

  /* ---------- Text analysis (keep in step with src/search/analyser.rs) ---------- */

  var STOP_ID = " adalah agar akan apabila atau bagi bahwa dalam dan dapat dari dengan di ialah ini itu jika juga karena ke maka maupun namun oleh pada para sebagai secara sehingga serta sudah telah tersebut tetapi untuk yaitu yakni yang ";
  var STOP_EN = " a an and are as at be been by for from in into is it its of on or that the these this those to was were with ";
  /* Words that only make a query a question (QUERY_FILLERS in analyser.rs). */
  var FILLERS = " ada adakah apa apakah bagaimana bagaimanakah berapa bisa bisakah can cara could dapatkah did dimana do does gimana how kapan kenapa lain lainnya mana manakah mengapa mengenai other others saja seperti should siapa tentang what when where which who why ";
  var MAX_WORD = 40;
  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* Words of folded text; hyphen groups lose their reduplicated parts (anak-anak -> anak). */
  function tokenize(s) {
    var cs = Array.from(s), words = [], group = [], word = "";
    function flush() {
      group.forEach(function (p, i) {
        var n = Array.from(p).length;
        for (var j = 0; j < i; j++) if (group[j].endsWith(p)) return;
        if (n >= 2 && n <= MAX_WORD) words.push(p);
      });
      group = [];
    }
    cs.forEach(function (c, i) {
      if (WORD_CHAR.test(c)) { word += c; return; }
      if (word) { group.push(word); word = ""; }
      if (!("-\u2010\u2011".indexOf(c) >= 0 && group.length && i + 1 < cs.length && WORD_CHAR.test(cs[i + 1]))) flush();
    });
    if (word) group.push(word);
    flush();
    return words;
  }

  /* Indonesian stemmer: Snowball's algorithm with Tilik's restorations (see stem_id.rs). */
  function isV(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u"; }
  function newForm(w) {
    return { w: w, m: w.filter(isV).length, p: 0 };
  }
  function at(f, i, s) {
    for (var k = 0; k < s.length; k++) if (f.w[i + k] !== s[k]) return false;
    return true;
  }
  function ends(f, s) { return f.w.length >= s.length && at(f, f.w.length - s.length, s); }
  function cut(f, n) { f.w = f.w.slice(0, f.w.length - n); f.m--; }
  function strip(f, c, n, code) {
    var w = f.w.slice();
    w.splice(c, n);
    return { w: w, m: f.m - 1, p: code };
  }
  function removeSuffix(f, lb) {
    var n = f.w.length;
    if (n >= lb + 2 && ends(f, "an")) {
      if (f.p !== 3 && f.p !== 2 && n >= lb + 3 && f.w[n - 3] === "k") { cut(f, 3); return 1; }
      if (f.p !== 1) { cut(f, 2); return 1; }
      return 0;
    }
    if (n > lb && ends(f, "i") && f.p <= 2 && !(n >= lb + 2 && f.w[n - 2] === "s")) { cut(f, 1); return 2; }
    return 0;
  }
  function secondOrder(f, c) {
    var pe = at(f, c, "pe"), x = f.w[c + 2];
    if (!pe && !at(f, c, "be")) return null;
    if (x === "r") return [3, pe ? 2 : 4];
    if (x === "l" && at(f, c + 3, "ajar")) return [3, pe ? f.p : 4];
    if (pe) return [2, 2];
    if (x !== undefined && !isV(x) && at(f, c + 3, "er")) return [2, 4];
    return null;
  }
  function secondVariants(f, c) {
    var s = secondOrder(f, c);
    if (!s) return [f];
    if (s[0] === 3 && f.w[c + 2] === "r" && isV(f.w[c + 3])) return [strip(f, c, 3, s[1]), strip(f, c, 2, s[1]), f];
    return [strip(f, c, s[0], s[1])];
  }
  function firstOrder(f) {
    var r = null;
    [["me", 1], ["pe", 3]].some(function (p) {
      if (at(f, 0, p[0] + "ng")) r = ["ng", p[1]];
      else if (at(f, 0, p[0] + "n")) r = ["n", p[1]];
      else if (at(f, 0, p[0] + "m")) r = ["m", p[1]];
      return r;
    });
    if (r) return r;
    if (at(f, 0, "ter")) return [3, 1];
    if (at(f, 0, "di") || at(f, 0, "me")) return [2, 1];
    if (at(f, 0, "ke")) return [2, 3];
    return null;
  }
  function stemId(word) {
    var f = newForm(Array.from(word)), out = [];
    function emit(g, i) {
      var t = g.w.join("");
      [t].concat(i ? [t + "i"] : []).forEach(function (x) { if (out.indexOf(x) < 0) out.push(x); });
    }
    function afterFirst(g, c) {
      var sfx = g.m > 2 ? removeSuffix(g, c) : 0;
      if (!sfx) { emit(g, false); return false; }
      (g.m > 2 ? secondVariants(g, c) : [g]).forEach(function (h) { emit(h, sfx === 2); });
      return true;
    }
    function withoutFirst() {
      secondVariants(f, 0).forEach(function (g) { emit(g, g.m > 2 && removeSuffix(g, 0) === 2); });
    }
    if (f.m > 2 && ends(f, "nya")) cut(f, 3);
    if (f.m <= 2) return [f.w.join("")];
    var k = firstOrder(f);
    if (!k) withoutFirst();
    else if (k[0] === 2 && k[1] === 3) { if (!afterFirst(strip(f, 0, 2, 3), 0)) withoutFirst(); }
    else {
      var n = k[0] === "ng" ? 4 : k[0] === "n" || k[0] === "m" ? 3 : k[0], rs = [""];
      if (k[0] === "ng" && isV(f.w[4])) rs = ["", "k"];
      else if (k[0] === "n" && f.w[3] === "y" && isV(f.w[4])) { n = 4; rs = ["s"]; }
      else if (k[0] === "n" && isV(f.w[3])) rs = ["t", "n"];
      else if (k[0] === "m" && isV(f.w[3])) rs = ["p", "m"];
      rs.forEach(function (r) {
        var g = strip(f, 0, n, k[1]);
        if (r) g.w.unshift(r);
        afterFirst(g, r.length);
      });
    }
    return out;
  }

  /* English: Snowball's Porter2 ("english"), as the Rust crate rust-stemmers implements it. */
  var EXC1 = Object.assign(Object.create(null), { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: 1, news: 1, howe: 1, atlas: 1, cosmos: 1, bias: 1, andes: 1 });
  var EXC2 = " inning outing canning herring earring proceed exceed succeed ";
  var S2 = { tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: "" };
  var S3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var S1B = { eed: 1, eedly: 1, ed: 1, edly: 1, ing: 1, ingly: 1 };
  var S4 = { al: 1, ance: 1, ence: 1, er: 1, ic: 1, able: 1, ible: 1, ant: 1, ement: 1, ment: 1, ent: 1, ism: 1, ate: 1, iti: 1, ous: 1, ive: 1, ize: 1, ion: 1 };
  function porter2(word) {
    var x = EXC1[word];
    if (x) return x === 1 ? word : x;
    if (Array.from(word).length < 3) return word;
    var w = word, p1, p2, i;
    function v(c) { return c !== undefined && "aeiouy".indexOf(c) >= 0 && c !== ""; }
    function has(s) { return w.endsWith(s); }
    function set(n, s) { w = w.slice(0, w.length - n) + s; }
    function longest(table) {
      var best = "";
      for (var k in table) if (has(k) && k.length > best.length) best = k;
      return best;
    }
    function shortv(end) {
      var a = w[end - 3], b = w[end - 2], c = w[end - 1];
      return (end >= 3 && !v(c) && "wxY".indexOf(c) < 0 && v(b) && !v(a)) || (end === 2 && v(b) && !v(c));
    }
    if (w[0] === "y") w = "Y" + w.slice(1);
    for (i = 1; i < w.length; i++) if (w[i] === "y" && v(w[i - 1])) w = w.slice(0, i) + "Y" + w.slice(i + 1);
    function region(from) {
      for (var k = from; k < w.length; k++) if (v(w[k])) break;
      for (; k < w.length; k++) if (!v(w[k])) return k + 1;
      return w.length;
    }
    var pre = /^(gener|commun|arsen)/.exec(w);
    p1 = pre ? pre[0].length : region(0);
    p2 = region(p1);
    // Step 1a
    if (has("sses")) set(2, "");
    else if (has("ied") || has("ies")) set(3, Array.from(w).length > 4 ? "i" : "ie");
    else if (has("us") || has("ss")) { /* keep */ }
    else if (has("s") && /[aeiouy]/.test(w.slice(0, -2))) set(1, "");
    if (EXC2.indexOf(" " + w + " ") < 0) {
      // Step 1b
      var s = longest(S1B);
      if (s === "eed" || s === "eedly") { if (w.length - s.length >= p1) set(s.length, "ee"); }
      else if (s && /[aeiouy]/.test(w.slice(0, -s.length))) {
        set(s.length, "");
        if (has("at") || has("bl") || has("iz")) w += "e";
        else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) set(1, "");
        else if (w.length === p1 && shortv(w.length)) w += "e";
      }
      // Step 1c
      if ((has("y") || has("Y")) && w.length > 2 && !v(w[w.length - 2])) set(1, "i");
      // Step 2
      s = longest(S2);
      if (s && w.length - s.length >= p1) {
        var before = w[w.length - s.length - 1];
        if (s === "ogi") { if (before === "l") set(3, "og"); }
        else if (s === "li") { if (before && "cdeghkmnrt".indexOf(before) >= 0) set(2, ""); }
        else set(s.length, S2[s]);
      }
      // Step 3
      s = longest(S3);
      if (s && w.length - s.length >= p1 && (s !== "ative" || w.length - 5 >= p2)) set(s.length, S3[s]);
      // Step 4
      s = longest(S4);
      if (s && w.length - s.length >= p2) {
        if (s !== "ion") set(s.length, "");
        else if (/[st]ion$/.test(w)) set(3, "");
      }
      // Step 5
      if (has("e")) {
        if (w.length - 1 >= p2 || (w.length - 1 >= p1 && !shortv(w.length - 1))) set(1, "");
      } else if (has("ll") && w.length - 1 >= p2) set(1, "");
    }
    return w.replace(/Y/g, "y");
  }

  /* Index terms of one folded word for a language: candidate stems, or none for a stopword. */
  function wordTerms(word, lang) {
    if ((lang === "en" ? STOP_EN : STOP_ID).indexOf(" " + word + " ") >= 0) return [];
    return lang === "en" ? [porter2(word)] : stemId(word);
  }
  function analyse(text, lang) {
    return tokenize(fold(text)).map(function (w) { return wordTerms(w, lang); }).filter(function (t) { return t.length; });
  }
  function has(list, w) { return list.indexOf(" " + w + " ") >= 0; }
  function isStop(w) { return has(STOP_ID, w) || has(STOP_EN, w); }
  /* Key of a phrase of the vocabulary (lexicon.rs key_of): its words' first terms. */
  function keyOf(text, lang) {
    return tokenize(fold(text)).filter(function (w) { return !isStop(w) && !has(FILLERS, w); })
      .map(function (w) { return wordTerms(w, lang)[0]; }).join(" ");
  }

  var api = { fold: fold, tokenize: tokenize, analyse: analyse, stemId: stemId, porter2: porter2, keyOf: keyOf, FILLERS: FILLERS };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---------- Index files (see src/search/index.rs) ---------- */

  var FACETS = ["portal", "skpd", "topik", "tahun", "lingkup", "status"];
  /* PAGE: results shown at a time. Each result's metadata may sit in a file of its own, and a
     browser opens at most six connections per host over HTTP/1.1: six results arrive in one
     round trip, ten would take two (on a phone's slow connection, a round trip is what
     costs). */
  var EAGER_FACET_BYTES = 12000, PAGE = 6, MAX_PREFIX_SHARDS = 3, MAX_EXPANSIONS = 40;
  var REG = window.TilikSearch = window.TilikSearch || {};
  var DIG = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", VAL = new Int8Array(128);
  for (var d = 0; d < 64; d++) VAL[DIG.charCodeAt(d)] = d;
  function dict() { return Object.create(null); }
  var base = "", idx = null, pending = dict(), shardData = dict(), postings = dict(), facets = dict(), ranges = dict();

  function load(key) {
    if (REG[key]) return Promise.resolve(REG[key]);
    return pending[key] || (pending[key] = new Promise(function (ok, fail) {
      var el = document.createElement("script");
      el.src = base + key + ".js";
      el.onload = function () { if (REG[key]) ok(REG[key]); else fail(new Error(key)); };
      el.onerror = function () { delete pending[key]; fail(new Error(key)); };
      document.head.appendChild(el);
    }));
  }
  function varints(s) {
    var out = [], n = 0, mul = 1;
    for (var i = 0; i < s.length; i++) {
      var v = VAL[s.charCodeAt(i) & 127];
      n += (v & 31) * mul;
      if (v < 32) { out.push(n); n = 0; mul = 1; } else mul *= 32;
    }
    return out;
  }
  function idList(s) {
    var prev = -1;
    return varints(s).map(function (g) { return (prev += g + 1); });
  }
  /* Shards whose term range meets [lo, hi]. */
  function shardsFor(lo, hi) {
    return idx.t.filter(function (t) { return t[1] >= lo && t[0] <= hi; });
  }
  function loadShard(t) {
    return load("t/" + t[2]).then(function (sh) {
      var m = shardData[t[2]];
      if (!m) { m = shardData[t[2]] = dict(); sh.forEach(function (e) { m[e[0]] = e; }); }
      return m;
    });
  }
  /* Decodes a term's postings from its shard (loaded): all of them, or the best ones (the
     head) and, for the others (the tail, in a file of its own), their pages and highest
     score (shards.rs). `df` counts both. */
  function decode(term) {
    if (postings[term]) return;
    /* A score's low bit: the page has the term as a word of its own (score.rs). */
    var p = postings[term] = { ids: [], sc: [], own: [], tail: null };
    shardsFor(term, term).forEach(function (t) {
      var e = shardData[t[2]][term] || [], v = varints(e[1] || ""), prev = -1;
      for (var i = 0; i < v.length; i += 2) { prev += v[i] + 1; p.ids.push(prev); p.sc.push(v[i + 1] >> 1); p.own.push(v[i + 1] & 1); }
      if (e[4]) p.tail = { max: e[2], ids: members(e[3]), h: e[4] };
    });
    p.df = p.ids.length + (p.tail ? p.tail.ids.length : 0);
  }
  /* A set of page numbers (shards.rs `members`): a gap list, `~` and the pages not in it, or
     `.` and a bitmap of six pages a character. */
  function members(s) {
    var out = [], i, j, skip;
    if (s[0] === ".") {
      for (i = 1; i < s.length; i++) for (j = 0; j < 6; j++) if (VAL[s.charCodeAt(i)] >> j & 1) out.push(6 * i - 6 + j);
      return out;
    }
    if (s[0] !== "~") return idList(s);
    skip = idList(s.slice(1));
    for (i = 0, j = 0; i < idx.n; i++) if (skip[j] === i) j++; else out.push(i);
    return out;
  }
  /* Loads a term's tail and merges it into its postings, in page order. */
  function loadTail(term) {
    var p = postings[term], t = p.tail;
    if (!t) return Promise.resolve();
    return load("s/" + t.h).then(function (s) {
      if (p.tail !== t) return;
      var v = varints(s), ids = [], sc = [], own = [], i = 0, j = 0;
      while (i < p.ids.length || j < v.length) {
        if (j >= v.length || (i < p.ids.length && p.ids[i] < t.ids[j])) { ids.push(p.ids[i]); sc.push(p.sc[i]); own.push(p.own[i++]); }
        else { ids.push(t.ids[j]); sc.push(v[j] >> 1); own.push(v[j++] & 1); }
      }
      p.ids = ids; p.sc = sc; p.own = own; p.tail = null;
    });
  }
  /* Loads the terms in [lo, hi] found in at most `max` shards, with all their postings;
     resolves to those terms, in order (once per range). */
  function loadRange(lo, hi, max) {
    var key = lo + "\n" + hi + "\n" + (max || 0);
    return ranges[key] || (ranges[key] = findRange(lo, hi, max).catch(function (e) { delete ranges[key]; throw e; }));
  }
  function findRange(lo, hi, max) {
    return Promise.all(shardsFor(lo, hi).slice(0, max || 1e9).map(loadShard)).then(function (maps) {
      var found = dict();
      maps.forEach(function (m) { for (var t in m) if (t >= lo && t <= hi) found[t] = 1; });
      found = Object.keys(found).sort().slice(0, MAX_EXPANSIONS);
      return Promise.all(found.map(function (t) { return Promise.all(shardsFor(t, t).map(loadShard)); })).then(function () {
        found.forEach(decode);
        return found;
      });
    });
  }
  function loadFacet(name) {
    var f = idx.f[name];
    if (!f) return Promise.resolve(null);
    return load("f/" + f[0]).then(function (data) {
      if (!facets[name]) facets[name] = { v: data.v, d: data.d.map(idList) };
      return facets[name];
    });
  }
  function loadMeta(id) {
    var k = Math.floor(id / idx.mc), h = idx.m.substr(Math.floor(k / idx.mg) * idx.hl, idx.hl);
    return load("m/" + k + "-" + h).then(function (list) { return list[id - k * idx.mc]; });
  }

  /* ---------- Query ---------- */

  function editDistance1(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length, i = 0;
    if (Math.abs(la - lb) > 1) return false;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }
  var PREFIXES = ["meng", "peng", "meny", "peny", "mem", "pem", "men", "pen", "ber", "per", "ter", "me", "pe", "di", "ke", "be"];
  var RESTORE = { meng: "k", peng: "k", meny: "s", peny: "s", mem: "p", pem: "p", men: "t", pen: "t" };

  /* The words of a query, each with its candidate terms; the last one, still being typed, is
     also matched as a prefix, of its stems and of the root its prefix hides (`roots`). */
  function parse(q) {
    var toks = tokenize(fold(q)), typing = !/\s$/.test(q), last = toks.length - 1;
    /* A question's words ("bagaimana", "how") are left out when other words remain. */
    var content = toks.filter(function (w) { return !has(FILLERS, w); });
    return (content.length ? content : toks).map(function (w, i, words) {
      var terms = wordTerms(w, "id");
      /* English stems only where there are English pages to match (a portal without any
         saves a request per word whose English stem differs). */
      if (!idx.l || idx.l.indexOf("en") >= 0) {
        wordTerms(w, "en").forEach(function (t) { if (terms.indexOf(t) < 0) terms.push(t); });
      }
      var word = { w: w, terms: terms, prefixes: [], roots: [], forms: stemId(w).concat(porter2(w)) };
      if (typing && i === words.length - 1 && w === toks[last]) {
        word.prefixes = terms.concat([w]);
        PREFIXES.some(function (p) {
          if (w.indexOf(p) !== 0) return false;
          var rest = w.slice(p.length);
          if (rest.length >= 3) word.prefixes.push(rest);
          /* meN-/peN- before a vowel replaced the root's first letter: pengel… is kel…
             (kelola), penul… tul… (tulis), pemer… per… (perintah), penyu… su… */
          var lost = /^[aiueo]/.test(rest) && RESTORE[p];
          if (lost && rest.length >= 2) word.roots.push(lost + rest);
          return rest.length >= 3 || lost;
        });
      }
      return word;
    }).filter(function (word) { return word.terms.length || word.prefixes.length; });
  }

  /* Resolves to [{t: term, f: factor}] for one query word: its exact terms (factor 1) and,
     for the word being typed, terms that its stems extend (0.8); failing those, terms its
     raw letters or its prefix-less remainder extend (0.8); failing those, for words of five
     letters or more, terms one edit away from a stem (0.5). */
  function matchWord(word) {
    var hits = [];
    function add(t, f) { if (postings[t] && !hits.some(function (h) { return h.t === t; })) hits.push({ t: t, f: f }); }
    function prefixed(list) {
      return Promise.all(list.filter(function (p) { return p.length >= 2; }).map(function (p) {
        return loadRange(p, p + "\uffff", MAX_PREFIX_SHARDS);
      })).then(function (found) {
        found.forEach(function (ts) { ts.forEach(function (t) { add(t, 0.8); }); });
        return hits;
      });
    }
    var stems = word.prefixes.length ? word.terms.concat(word.roots) : [];
    /* One round of requests: the stems' prefix ranges load along with the exact terms. */
    var early = Promise.all(stems.map(function (p) { return p.length >= 2 && loadRange(p, p + "\uffff", MAX_PREFIX_SHARDS); }));
    early.catch(function () { /* a failed file is reported once, by the chain below */ });
    return Promise.all(word.terms.map(function (t) { return loadRange(t, t); })).then(function () {
      word.terms.forEach(function (t) { add(t, 1); });
      return early.then(function () { return prefixed(stems); });
    }).then(function () {
      return hits.length ? hits : prefixed(word.prefixes.filter(function (p) { return stems.indexOf(p) < 0; }));
    }).then(function () {
      if (hits.length || word.alt || Array.from(word.w).length < 5) return hits;
      function first(t) { return String.fromCodePoint(t.codePointAt(0)); }
      var near = [], cands = word.terms.filter(function (t) { return t.length >= 3 && idx.d[first(t)]; });
      return Promise.all(cands.map(function (t) { return load("d/" + idx.d[first(t)]); })).then(function (dicts) {
        dicts.forEach(function (dict, i) {
          dict.forEach(function (t) { if (near.length < 10 && near.indexOf(t) < 0 && editDistance1(cands[i], t)) near.push(t); });
        });
        return Promise.all(near.map(function (t) { return loadRange(t, t); }));
      }).then(function () {
        near.forEach(function (t) { add(t, 0.5); });
        return hits;
      });
    });
  }

  /* The units of a query: runs of its words that a key of the vocabulary (lexicon.rs, files
     x/ by first letter) matches, with the alternatives to search for them, and single words.
     Stopwords inside a run are skipped, as keys leave them out; the longest key wins. */
  function expand(words, plain) {
    var letters = [];
    if (!plain && idx.x) words.forEach(function (w) {
      w.forms.forEach(function (f) { var c = String.fromCodePoint(f.codePointAt(0)); if (idx.x[c] && letters.indexOf(c) < 0) letters.push(c); });
    });
    return Promise.all(letters.map(function (c) { return load("x/" + idx.x[c]); })).then(function (files) {
      var entries = [].concat.apply([], files), units = [], i = 0;
      while (i < words.length) {
        var best = 0, end = i + 1, alts = [];
        if (!isStop(words[i].w)) entries.forEach(function (e) {
          var ks = e[0].split(" "), j = i, k = 0;
          while (k < ks.length && j < words.length) {
            if (k && isStop(words[j].w)) { j++; continue; }
            if (words[j].forms.indexOf(ks[k]) < 0) break;
            j++; k++;
          }
          if (k < ks.length || k < best) return;
          if (k > best) { best = k; end = j; alts = []; }
          e[1].forEach(function (a) { if (!alts.some(function (b) { return b.text === a[0]; })) alts.push(altOf(a[0], a[1])); });
        });
        units.push({ words: words.slice(i, end), alts: alts.filter(function (a) { return a.words.length; }) });
        i = end;
      }
      return units;
    });
  }
  function altOf(text, lang) {
    return { text: text, words: tokenize(fold(text)).map(function (w) {
      return { w: w, terms: wordTerms(w, lang), prefixes: [], roots: [], alt: 1 };
    }).filter(function (w) { return w.terms.length; }) };
  }

  /* Page scores of a group of words that must all match (`all`), or all those that match
     anything; a word scores a page by its best term: rarity × stored score × factor. A term
     whose tail is not loaded gives its tail pages bounds: `lo` and `hi` (`exact` when none). */
  function groupScore(ws, f, all) {
    var n = idx.n, used = ws.filter(function (w) { return w.hits.length; }), i, id, exact = true;
    if (!used.length || (all && used.length < ws.length)) return null;
    var sum = new Float64Array(n), hiSum = new Float64Array(n), count = new Uint8Array(n), best = new Float64Array(n), bestHi = new Float64Array(n);
    function put(id, lo, hi) { if (lo > best[id]) best[id] = lo; if (hi > bestHi[id]) bestHi[id] = hi; }
    used.forEach(function (w) {
      best.fill(0);
      bestHi.fill(0);
      w.hits.forEach(function (h) {
        /* A root typed as it is (tulis): pages with only its affixed forms (menulis) weigh
           STEMMED of those that have the word itself. */
        var p = postings[h.t], df = p.df, idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * h.f * f;
        var root = h.t === w.w && h.f === 1, t = p.tail;
        for (i = 0; i < p.ids.length; i++) { var s = idf * p.sc[i] * (root && !p.own[i] ? STEMMED : 1); put(p.ids[i], s, s); }
        if (t) {
          exact = false;
          var lo = idf * 1 * (root ? STEMMED : 1), hi = idf * t.max * 1;
          for (i = 0; i < t.ids.length; i++) put(t.ids[i], lo, hi);
        }
      });
      for (i = 0; i < n; i++) if (best[i]) { sum[i] += best[i]; hiSum[i] += bestHi[i]; count[i]++; }
    });
    for (i = 0; i < n; i++) if (count[i] < used.length) sum[i] = hiSum[i] = 0;
    return { lo: sum, hi: hiSum, exact: exact };
  }

  /* Page numbers for the units (all units must match, else any), their scores, the terms that
     matched and the alternatives searched. A unit scores a page by its words or, below them
     (EXPANDED), by its best alternative. The pages are put in rank order as they are shown
     (orderFront). While tails are not loaded, `hi` bounds the scores from above and
     `complete()` loads the tails and ranks again. */
  var EXPANDED = 0.6, STEMMED = 0.85;
  function rank(units) {
    var words = [];
    units.forEach(function (u) { words.push.apply(words, u.words); u.alts.forEach(function (a) { words.push.apply(words, a.words); }); });
    return Promise.all(words.map(function (w) { return matchWord(w).then(function (h) { w.hits = h; }); })).then(function () {
      var r = scoreUnits(units);
      r.complete = function () {
        var terms = [];
        words.forEach(function (w) { w.hits.forEach(function (h) { terms.push(h.t); }); });
        return Promise.all(terms.map(loadTail)).then(function () { return scoreUnits(units); });
      };
      return r;
    });
  }
  function scoreUnits(units) {
    var n = idx.n, matched = dict(), also = [], need = 0, exact = true;
    var total = new Float64Array(n), totalHi = new Float64Array(n), count = new Uint8Array(n), ids = [], i;
    function mark(ws) { ws.forEach(function (w) { w.hits.forEach(function (h) { matched[h.t] = 1; }); }); }
    units.forEach(function (u) {
      var sc = groupScore(u.words, 1, false);
      if (sc) mark(u.words);
      u.alts.forEach(function (a) {
        /* An alternative of many words weighs as much as the words it stands for. */
        var as = groupScore(a.words, EXPANDED * u.words.length / a.words.length, true);
        if (!as) return;
        also.push(a.text);
        mark(a.words);
        if (!sc) sc = as;
        else for (i = 0; i < n; i++) {
          if (as.lo[i] > sc.lo[i]) sc.lo[i] = as.lo[i];
          if (as.hi[i] > sc.hi[i]) sc.hi[i] = as.hi[i];
        }
        sc.exact = sc.exact && as.exact;
      });
      if (!sc) return;
      need++;
      exact = exact && sc.exact;
      for (i = 0; i < n; i++) if (sc.lo[i]) { total[i] += sc.lo[i]; totalHi[i] += sc.hi[i]; count[i]++; }
    });
    for (i = 0; need && i < n; i++) if (count[i] === need) ids.push(i);
    if (!ids.length) for (i = 0; i < n; i++) if (count[i]) ids.push(i);
    return { ids: ids, matched: matched, score: total, hi: exact ? null : totalHi, also: also };
  }

  /* ---------- Page ---------- */

  var root = document.querySelector("[data-search]");
  if (!root) return;
  var form = root.querySelector("[data-search-form]"), input = root.querySelector("[data-search-input]");
  var list = root.querySelector("[data-search-results]"), status = root.querySelector("[data-search-status]");
  var facetBox = root.querySelector("[data-search-facets]"), more = root.querySelector("[data-search-more]");
  var alsoLine = root.querySelector("[data-search-also]"), plain = false;
  var entryScript = document.querySelector("script[data-search-index]");
  var selected = {}, facetUi = {}, shown = [], shownScore = null, shownHi = null, shownRank = null, shownCount = 0, sortedTo = 0;
  var seq = 0, lastMatched = dict(), timer;
  FACETS.forEach(function (f) { selected[f] = []; });

  function text(key, n) {
    var one = n === 1 && root.getAttribute("data-t-" + key + "-one");
    return (one || root.getAttribute("data-t-" + key) || "").replace("{n}", n);
  }
  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt != null) e.textContent = txt;
    return e;
  }
  function valueLabel(f, v) {
    return f === "lingkup" || f === "status" ? root.getAttribute("data-t-" + f + "-" + v) || v : v;
  }

  function readUrl() {
    var p = new URLSearchParams(location.search);
    input.value = p.get("q") || "";
    plain = p.get("padanan") === "0";
    FACETS.forEach(function (f) { selected[f] = p.getAll(f); });
  }
  function writeUrl() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    if (plain) p.set("padanan", "0");
    FACETS.forEach(function (f) { selected[f].forEach(function (v) { p.append(f, v); }); });
    var qs = p.toString();
    try { history.replaceState(null, "", qs ? "?" + qs : location.pathname); } catch (e) { /* file:// in some browsers */ }
  }

  /* Facet panels: a <details> per facet; its data loads when it opens or a filter needs it.
     Small facets start open beside the results; on a phone's narrow screen, where they come
     before the results, they start closed (search.css lays them out in a row) so that the
     results show without scrolling. */
  var wide = !window.matchMedia || window.matchMedia("(min-width: 48rem)").matches;
  function buildFacets() {
    FACETS.forEach(function (f) {
      if (!idx.f[f]) return;
      var box = el("details", "search-facet"), sum = el("summary", null, root.getAttribute("data-label-" + f) || f);
      var fs = el("fieldset"), legend = el("legend", "search-facet-legend", sum.textContent), ul = el("ul");
      box.appendChild(sum); fs.appendChild(legend); fs.appendChild(ul); box.appendChild(fs);
      facetUi[f] = { box: box, ul: ul, items: null };
      if ((wide && idx.f[f][1] <= EAGER_FACET_BYTES) || selected[f].length) box.open = true;
      box.addEventListener("toggle", function () { if (box.open) loadFacet(f).then(function () { search(); }); });
      facetBox.appendChild(box);
    });
  }
  function facetItems(f) {
    var ui = facetUi[f], data = facets[f];
    if (ui.items || !data) return ui.items;
    ui.items = data.v.map(function (v) {
      var li = el("li"), label = el("label"), box = el("input"), count = el("span", "search-count");
      box.type = "checkbox"; box.value = v; box.checked = selected[f].indexOf(v) >= 0;
      box.addEventListener("change", function () {
        selected[f] = ui.items.filter(function (it) { return it.box.checked; }).map(function (it) { return it.box.value; });
        search();
      });
      label.appendChild(box); label.appendChild(document.createTextNode(" " + valueLabel(f, v) + " ")); label.appendChild(count);
      li.appendChild(label); ui.ul.appendChild(li);
      return { li: li, box: box, count: count };
    });
    return ui.items;
  }
  /* Which pages the selected facet values filter out: `fails[id]` counts the facets a page
     fails, `failed[id]` is the last of them. */
  function facetFilter() {
    var n = idx.n, fails = new Uint8Array(n), failed = new Int8Array(n);
    FACETS.forEach(function (f, k) {
      if (!selected[f].length || !facets[f]) return;
      var mark = new Uint8Array(n), id;
      facets[f].v.forEach(function (v, i) {
        var docs = facets[f].d[i];
        if (selected[f].indexOf(v) >= 0) for (var j = 0; j < docs.length; j++) mark[docs[j]] = 1;
      });
      for (id = 0; id < n; id++) if (!mark[id]) { fails[id]++; failed[id] = k; }
    });
    return { fails: fails, failed: failed };
  }
  /* Updates the counts of the loaded facets for the pages `ids`: each value counted over the
     pages that pass every other facet's filter. */
  function facetCounts(ids, filter) {
    var inIds = new Uint8Array(idx.n), fails = filter.fails, failed = filter.failed;
    for (var j = 0; j < ids.length; j++) inIds[ids[j]] = 1;
    FACETS.forEach(function (f, k) {
      var items = facetUi[f] && facetItems(f);
      if (!items) return;
      facets[f].d.forEach(function (docs, i) {
        for (var c = 0, j = 0; j < docs.length; j++) {
          var id = docs[j];
          if (inIds[id] && (!fails[id] || (fails[id] === 1 && failed[id] === k))) c++;
        }
        items[i].count.textContent = "(" + c + ")";
        items[i].li.hidden = !c && !items[i].box.checked;
      });
    });
  }

  /* Whether a word of a result's text has a term that matched; each word is analysed once per
     page (titles and snippets repeat words). */
  var wordTermsSeen = dict();
  function isHit(word, matched) {
    var ts = wordTermsSeen[word];
    if (!ts) {
      ts = wordTermsSeen[word] = [];
      analyse(word, "id").concat(analyse(word, "en")).forEach(function (t) { ts.push.apply(ts, t); });
    }
    return ts.some(function (t) { return matched[t]; });
  }

  /* Appends `str` to `parent` as text, the words whose terms matched wrapped in <mark>; a
     long text is cut to a window around the first match. Never parses `str` as HTML. */
  function highlight(parent, str, matched, max) {
    var re = /[\p{Alphabetic}\p{N}]+(?:[-\u2010\u2011][\p{Alphabetic}\p{N}]+)*/gu, m, parts = [];
    while ((m = re.exec(str))) if (isHit(m[0], matched)) parts.push([m.index, m.index + m[0].length]);
    var from = 0, to = str.length, first = parts.length ? parts[0][0] : 0;
    if (to > max) {
      from = first > max / 2 ? str.lastIndexOf(" ", first - 60) + 1 : 0;
      to = str.indexOf(" ", from + max);
      if (to < 0) to = str.length;
    }
    var pos = from;
    if (from > 0) parent.appendChild(document.createTextNode("… "));
    parts.forEach(function (r) {
      if (r[0] < pos || r[1] > to) return;
      parent.appendChild(document.createTextNode(str.slice(pos, r[0])));
      parent.appendChild(el("mark", null, str.slice(r[0], r[1])));
      pos = r[1];
    });
    parent.appendChild(document.createTextNode(str.slice(pos, to) + (to < str.length ? " …" : "")));
    return parent;
  }
  function result(m, matched) {
    var li = el("li", "search-result"), h = el("h2", "search-title"), a = highlight(el("a"), m[0], matched, 1e9);
    /* A hub's member report links to its page on the member portal (an http(s) URL checked
       at build time); everything else is a path from the site root. */
    var external = m[9] && /^https?:\/\//.test(m[1]);
    a.href = external ? m[1] : (root.getAttribute("data-root") || "") + m[1];
    if (m[7]) a.hreflang = m[7];
    h.appendChild(a); li.appendChild(h);
    if (external) {
      a.rel = "external noopener";
      li.className += " search-result-external";
      li.appendChild(el("p", "search-portal", (root.getAttribute("data-label-portal") || "Portal") + ": " + m[9]));
    }
    var info = [m[2], m[3], m[4]].filter(function (x) { return x; }).join(" · ");
    if (info) li.appendChild(el("p", "search-meta", info));
    if (m[6]) li.appendChild(highlight(el("p", "search-snippet"), m[6], matched, 240));
    if (m[8]) li.appendChild(followUp(m[8]));
    return li;
  }
  /* The follow-up of a report's recommendations, as its card shows it: how many, then a badge
     per status present (done, evaluated, in progress, proposed, dropped) and one for overdue. */
  var FOLLOW_UP = ["selesai", "dievaluasi", "proses", "usulan", "dibatalkan"];
  function followUp(counts) {
    var p = el("p", "rec-summary search-followup"), total = 0;
    FOLLOW_UP.forEach(function (s, i) { total += counts[i]; });
    p.appendChild(el("span", "rec-summary-total", total + " " + text("recs", total)));
    FOLLOW_UP.concat(["overdue"]).forEach(function (s, i) {
      if (!counts[i]) return;
      p.appendChild(document.createTextNode(" "));
      var label = s === "overdue" ? text("overdue", counts[i]) : root.getAttribute("data-t-status-" + s);
      p.appendChild(el("span", "badge badge-" + s, label + ": " + counts[i]));
    });
    return p;
  }
  /* Puts the `k` best of `shown` (by score, then page number) in order at its front: the
     first page of results picks its few from thousands without sorting them all; the rest is
     sorted in full when more is asked for. With bounds (`shownHi`, tails not loaded), false
     when the bounds cannot tell that these are the `k` best, in this order. */
  function orderFront(k) {
    if (!shownScore || sortedTo >= shown.length) return true;
    var sc = shownScore, hi = shownHi, i, j;
    function before(a, b) { return sc[a] > sc[b] || (sc[a] === sc[b] && a < b); }
    if (sortedTo > 0 || k > PAGE) {
      if (hi) return false;
      var rest = shown.slice(sortedTo).sort(function (a, b) { return before(a, b) ? -1 : 1; });
      for (i = 0; i < rest.length; i++) shown[sortedTo + i] = rest[i];
      sortedTo = shown.length;
      return true;
    }
    for (i = 0; i < k && i < shown.length; i++) {
      var best = i;
      for (j = i + 1; j < shown.length; j++) if (before(shown[j], shown[best])) best = j;
      var t = shown[i]; shown[i] = shown[best]; shown[best] = t;
    }
    sortedTo = Math.min(k, shown.length);
    if (!hi) return true;
    /* Settled when the chosen pages' scores are exact and no other page's bound reaches the
       last of them (or only ties it from a later page number). */
    var last = shown[sortedTo - 1], s = sc[last], ok = true;
    for (i = 0; i < sortedTo; i++) if (hi[shown[i]] !== sc[shown[i]]) ok = false;
    for (j = sortedTo; ok && j < shown.length; j++) { t = shown[j]; if (hi[t] > s || (hi[t] === s && t < last)) ok = false; }
    if (!ok) sortedTo = 0;
    return ok;
  }
  /* Orders the first `k` results, loading the tails of the query's terms first when the
     bounds cannot. */
  function settle(k, my) {
    if (orderFront(k)) return Promise.resolve();
    return shownRank.complete().then(function (r) {
      if (my !== seq) return;
      shownScore = r.score;
      shownHi = null;
      orderFront(k);
    });
  }
  function showMore(my) {
    return settle(shownCount + PAGE, my).then(function () {
      if (my !== seq) return;
      var next = shown.slice(shownCount, shownCount + PAGE);
      return Promise.all(next.map(loadMeta)).then(function (ms) {
        if (my !== seq) return;
        ms.forEach(function (m) { list.appendChild(result(m, lastMatched)); });
        shownCount += next.length;
        more.hidden = shownCount >= shown.length;
      });
    });
  }

  function search() {
    var my = ++seq, q = input.value, words = parse(q);
    var anyFilter = FACETS.some(function (f) { return selected[f].length; });
    list.setAttribute("aria-busy", "true");
    var needed = FACETS.filter(function (f) { return selected[f].length || (facetUi[f] && facetUi[f].box.open); });
    /* The words' own shards load along with the vocabulary files (one round trip, not two). */
    words.forEach(function (w) { w.terms.forEach(function (t) { loadRange(t, t).catch(function () { /* reported by rank */ }); }); });
    return Promise.all(needed.map(loadFacet)).then(function () {
      if (words.length) return expand(words, plain).then(rank);
      var all = [];
      for (var i = 0; i < idx.n; i++) all.push(i);
      return { ids: all, matched: dict() };
    }).then(function (r) {
      if (my !== seq) return;
      var filter = facetFilter(), fails = filter.fails, ids = r.ids;
      if (anyFilter) ids = ids.filter(function (id) { return !fails[id]; });
      shown = words.length || anyFilter ? ids : [];
      shownScore = r.score || null;
      shownHi = r.hi || null;
      shownRank = r;
      shownCount = sortedTo = 0;
      lastMatched = r.matched;
      list.textContent = "";
      /* The first results' files are asked for first; the URL and the facet counts are
         updated while they are on their way. */
      var page = showMore(my);
      writeUrl();
      facetCounts(r.ids, filter);
      return page.then(function () {
        if (my !== seq) return;
        status.textContent = words.length || anyFilter ? (shown.length ? text("count", shown.length) : text("none")) : text("prompt");
        showAlso(r.also || [], words.length);
        list.setAttribute("aria-busy", "false");
      });
    }).catch(function () {
      if (my !== seq) return;
      writeUrl();
      status.textContent = text("error");
      list.setAttribute("aria-busy", "false");
    });
  }

  /* "Juga dicari: lanjut usia" under the count, with a button that searches the query alone
     (or, for a plain query, with its alternatives again). */
  function showAlso(also, any) {
    if (!alsoLine) return;
    alsoLine.textContent = "";
    alsoLine.hidden = !(also.length || (plain && any));
    if (alsoLine.hidden) return;
    alsoLine.appendChild(document.createTextNode((plain ? text("plain") : text("also").replace("{list}", also.join(", "))) + " "));
    var b = el("button", "search-also-toggle", text(plain ? "plain-on" : "also-off"));
    b.type = "button";
    b.addEventListener("click", function () { plain = !plain; search(); });
    alsoLine.appendChild(b);
  }

  function start(entry) {
    idx = entry;
    readUrl();
    buildFacets();
    input.addEventListener("input", function () { plain = false; clearTimeout(timer); timer = setTimeout(search, 120); });
    form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); search(); });
    more.addEventListener("click", function () { showMore(seq); });
    search();
  }

  if (!entryScript) return;
  var src = entryScript.getAttribute("src");
  base = src.slice(0, src.lastIndexOf("/") + 1);
  list.setAttribute("aria-busy", "true");
  (REG.index ? Promise.resolve(REG.index) : new Promise(function (ok, fail) {
    var again = el("script");
    again.src = src;
    again.onload = function () { if (REG.index) ok(REG.index); else fail(); };
    again.onerror = fail;
    document.head.appendChild(again);
  })).then(start, function () {
    status.textContent = text("error");
    list.setAttribute("aria-busy", "false");
  });
})();
