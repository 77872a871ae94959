// Tilik live reload: injected by `tilik serve` only, never part of a built site.
// Listens to /__tilik/events (Server-Sent Events): reloads the page after a rebuild that
// changed it, swaps stylesheets when they changed, and shows the build errors in an overlay
// while the last good version of the page stays visible.
(function () {
  'use strict';
  var script = document.currentScript;
  var token = (script && script.getAttribute('data-token')) || '';
  var overlayId = '__tilik-overlay';
  var source = null;

  function hideErrors() {
    var old = document.getElementById(overlayId);
    if (old) { old.parentNode.removeChild(old); }
  }

  function style(el, rules) {
    for (var k in rules) { if (Object.prototype.hasOwnProperty.call(rules, k)) { el.style[k] = rules[k]; } }
  }

  function showErrors(report) {
    hideErrors();
    var box = document.createElement('div');
    box.id = overlayId;
    box.setAttribute('role', 'alert');
    box.setAttribute('aria-live', 'assertive');
    style(box, {
      position: 'fixed', left: '0', right: '0', top: '0', zIndex: '2147483647',
      maxHeight: '70vh', overflow: 'auto', boxSizing: 'border-box', margin: '0',
      padding: '1rem 1.25rem', background: '#000', color: '#fff',
      borderBottom: '6px solid #ff3b30', fontSize: '15px', lineHeight: '1.5',
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      boxShadow: '0 4px 24px rgba(0,0,0,.5)', textAlign: 'left'
    });
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = '\u00d7';
    close.setAttribute('aria-label', 'Close');
    style(close, {
      float: 'right', background: '#fff', color: '#000', border: '0', font: 'inherit',
      fontSize: '20px', lineHeight: '1', padding: '.2rem .55rem', cursor: 'pointer'
    });
    close.addEventListener('click', hideErrors);
    box.appendChild(close);
    var title = document.createElement('strong');
    title.textContent = report.title;
    style(title, { display: 'block', color: '#ffd60a', marginBottom: '.5rem' });
    box.appendChild(title);
    var list = document.createElement('ul');
    style(list, { listStyle: 'none', margin: '0', padding: '0' });
    (report.errors || []).forEach(function (message) {
      var item = document.createElement('li');
      item.className = '__tilik-error';
      item.textContent = message;
      style(item, { whiteSpace: 'pre-wrap', margin: '0 0 .5rem', wordBreak: 'break-word' });
      list.appendChild(item);
    });
    box.appendChild(list);
    (document.body || document.documentElement).appendChild(box);
  }

  function swapStylesheets(newToken) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) { return; }
      url.searchParams.set('tilik', newToken);
      link.href = url.toString();
    });
  }

  // This page's path as the server names pages: `/portal/laporan/a/` (no index.html).
  function here() {
    var path = location.pathname.replace(/index\.html$/, '');
    try { return decodeURIComponent(path); } catch (e) { return path; }
  }

  function onReload(e) {
    var data;
    try { data = JSON.parse(e.data); } catch (err) { data = { pages: null, css: true }; }
    if (data.pages === null || data.pages.indexOf(here()) !== -1) {
      source.close();
      location.reload();
      return;
    }
    // This page did not change: keep it (and its scroll position, its form fields).
    token = data.token;
    hideErrors();
    if (data.css) { swapStylesheets(data.token); }
  }

  function connect() {
    source = new EventSource('/__tilik/events?since=' + encodeURIComponent(token));
    source.addEventListener('reload', onReload);
    source.addEventListener('ok', hideErrors);
    source.addEventListener('errors', function (e) {
      try { showErrors(JSON.parse(e.data)); } catch (err) { /* malformed: ignore */ }
    });
    source.onerror = function () {
      // The server restarted or the connection dropped: reconnect with the current token, so
      // that a page left behind by a restart reloads.
      source.close();
      setTimeout(connect, 1000);
    };
  }

  connect();
}());
