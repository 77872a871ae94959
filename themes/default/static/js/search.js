/* Tilik search client: loads the static index written by src/search/ (classic scripts that
   register their data in window.TilikSearch, so it also works from file://) and searches it.
   The analysis functions mirror src/search/analyser.rs and stem_id.rs word for word; a Rust
   test runs them under node on the same word lists. No framework, no build step. */
(function () {
  "use strict";

  /* ---------- Text analysis (keep in step with src/search/analyser.rs) ---------- */

  var STOP_ID = " adalah agar akan atau bagi bahwa dalam dan dari dengan di ialah ini itu juga karena ke maupun namun oleh pada para secara serta sudah telah tersebut tetapi untuk yaitu yakni yang ";
  var STOP_EN = " a an and are as at be been by for from in into is it its of on or that the these this those to was were with ";
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
  function form(w) {
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
    var f = form(Array.from(word)), out = [];
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
  var EXC1 = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: 1, news: 1, howe: 1, atlas: 1, cosmos: 1, bias: 1, andes: 1 };
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

  var api = { fold: fold, tokenize: tokenize, analyse: analyse, stemId: stemId, porter2: porter2 };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;
})();
