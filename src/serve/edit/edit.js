// Tilik editing from the preview: injected by `tilik serve` only, never part of a built site.
// Adds a Perbarui (update) control to each recommendation of a report page, shows the page's
// source file (copyable), and a "Laporan baru" form. Saves go to /__tilik/edit/* with the
// per-run token this tag carries; the server checks the token and the page's origin, looks the
// file up in its own source map, and refuses a save when the file changed on disk since this
// page was served (409: reload).
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !document.body) { return; }
  function data(name) { return script.getAttribute('data-' + name) || ''; }
  var token = data('edit-token');
  var page = data('page');
  var version = data('version');
  var source = data('source');
  var today = data('today');
  var recs = data('recs').split(' ').filter(Boolean);
  var en = (document.documentElement.lang || 'id').slice(0, 2) === 'en';
  var T = en ? {
    bar: 'Preview tools', source: 'Source file', copy: 'Copy path', copied: 'Path copied.',
    newReport: 'Laporan baru (new report)', update: 'Perbarui', updateOf: 'Update recommendation ',
    status: 'Status', note: 'Note for this update (optional)', date: 'Date of the update',
    save: 'Save', cancel: 'Cancel', saving: 'Saving…', saved: 'Saved. Reloading the page…',
    reload: 'Reload the page', failed: 'The preview did not answer: is tilik serve still running?',
    title: 'Title', unit: 'Visiting unit (SKPD)', destination: 'Destination', start: 'First day',
    end: 'Last day', topics: 'Topics (one per line)', create: 'Create the report', close: 'Close',
    newIntro: 'Writes the same file as the command tilik new report, as a draft.',
    labels: { usulan: 'Proposed', proses: 'In progress', selesai: 'Done', dievaluasi: 'Evaluated', dibatalkan: 'Dropped' }
  } : {
    bar: 'Alat pratinjau', source: 'Berkas sumber', copy: 'Salin jalur', copied: 'Jalur berkas disalin.',
    newReport: 'Laporan baru', update: 'Perbarui', updateOf: 'Perbarui rekomendasi ',
    status: 'Status', note: 'Catatan pembaruan (boleh kosong)', date: 'Tanggal pembaruan',
    save: 'Simpan', cancel: 'Batal', saving: 'Menyimpan…', saved: 'Tersimpan. Halaman dimuat ulang…',
    reload: 'Muat ulang halaman', failed: 'Pratinjau tidak menjawab: apakah tilik serve masih berjalan?',
    title: 'Judul', unit: 'SKPD yang berkunjung', destination: 'Daerah tujuan', start: 'Tanggal mulai',
    end: 'Tanggal selesai', topics: 'Topik (satu per baris)', create: 'Buat laporan', close: 'Tutup',
    newIntro: 'Menulis berkas yang sama dengan perintah tilik new report, sebagai draf.',
    labels: { usulan: 'Usulan', proses: 'Dalam proses', selesai: 'Selesai', dievaluasi: 'Dievaluasi', dibatalkan: 'Dibatalkan' }
  };
  var STATUSES = ['usulan', 'proses', 'selesai', 'dievaluasi', 'dibatalkan'];
  var SAVED_KEY = 'tilik-edit-saved';
  var uid = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function field(label, control) {
    var id = 'tilik-edit-' + (++uid);
    control.id = id;
    return el('div', { 'class': 'tilik-edit-field' }, [el('label', { 'for': id, text: label }), control]);
  }

  function post(path, params) {
    params.token = token;
    return fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
      credentials: 'same-origin'
    }).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, ok: r.ok && j.ok, message: j.message }; });
    });
  }

  // The live-reload client reloads the page once the preview has rebuilt it; should it not
  // (the page's HTML did not change), reload anyway once a new build is served.
  function reloadAfterRebuild() {
    var reloadTag = document.querySelector('script[data-token]');
    var before = reloadTag ? reloadTag.getAttribute('data-token') : '';
    var started = Date.now();
    (function poll() {
      fetch('/__tilik/status', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (s) {
        var rebuilt = s.token !== before;
        if ((rebuilt && Date.now() - started > 3000) || Date.now() - started > 10000) { location.reload(); } else { setTimeout(poll, 250); }
      }, function () { setTimeout(poll, 500); });
    })();
  }

  function show(msg, text, kind) {
    msg.textContent = text;
    msg.className = 'tilik-edit-msg' + (kind ? ' is-' + kind : '');
  }

  var style = el('link', { rel: 'stylesheet', href: '/__tilik/edit.css' });
  document.head.appendChild(style);

  // The toolbar: source path and the new-report form.
  var bar = el('section', { 'class': 'tilik-edit-bar', 'aria-label': T.bar });
  var barMsg = el('p', { 'class': 'tilik-edit-msg', role: 'status', 'aria-live': 'polite' });
  if (source) {
    var path = el('input', { type: 'text', readonly: '', value: source, 'class': 'tilik-edit-source', size: String(Math.min(source.length, 60)) });
    var copy = el('button', { type: 'button', text: T.copy });
    copy.addEventListener('click', function () {
      path.select();
      var done = function () { show(barMsg, T.copied); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(source).then(done, function () { document.execCommand('copy'); done(); });
      } else { document.execCommand('copy'); done(); }
    });
    bar.appendChild(el('div', { 'class': 'tilik-edit-field tilik-edit-inline' }, [
      el('label', { 'for': 'tilik-edit-source', text: T.source }), path, copy
    ]));
    path.id = 'tilik-edit-source';
  }
  var openNew = el('button', { type: 'button', 'class': 'tilik-edit-new', text: T.newReport, 'aria-haspopup': 'dialog' });
  bar.appendChild(openNew);
  bar.appendChild(barMsg);
  var main = document.querySelector('main') || document.body;
  main.insertBefore(bar, main.firstChild);

  // "Laporan baru": a dialog with the fields of `tilik new report`.
  var dialog = el('dialog', { 'class': 'tilik-edit-dialog', 'aria-labelledby': 'tilik-edit-new-title' });
  var newForm = el('form', { method: 'dialog' });
  var newMsg = el('p', { 'class': 'tilik-edit-msg', role: 'status', 'aria-live': 'polite' });
  var titleInput = el('input', { type: 'text', name: 'title', required: '', maxlength: '200' });
  newForm.appendChild(el('h2', { id: 'tilik-edit-new-title', text: T.newReport }));
  newForm.appendChild(el('p', { text: T.newIntro }));
  newForm.appendChild(field(T.title, titleInput));
  newForm.appendChild(field(T.unit, el('input', { type: 'text', name: 'unit', maxlength: '200' })));
  newForm.appendChild(field(T.destination, el('input', { type: 'text', name: 'destination', maxlength: '200' })));
  newForm.appendChild(field(T.start, el('input', { type: 'date', name: 'start' })));
  newForm.appendChild(field(T.end, el('input', { type: 'date', name: 'end' })));
  newForm.appendChild(field(T.topics, el('textarea', { name: 'topics', rows: '3' })));
  var createBtn = el('button', { type: 'submit', text: T.create });
  var closeBtn = el('button', { type: 'button', text: T.close });
  newForm.appendChild(el('div', { 'class': 'tilik-edit-actions' }, [createBtn, closeBtn]));
  newForm.appendChild(newMsg);
  dialog.appendChild(newForm);
  document.body.appendChild(dialog);
  openNew.addEventListener('click', function () {
    if (dialog.showModal) { dialog.showModal(); } else { dialog.setAttribute('open', ''); }
    titleInput.focus();
  });
  closeBtn.addEventListener('click', function () { dialog.close ? dialog.close() : dialog.removeAttribute('open'); openNew.focus(); });
  dialog.addEventListener('close', function () { openNew.focus(); });
  newForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var params = {};
    Array.prototype.forEach.call(newForm.elements, function (c) { if (c.name) { params[c.name] = c.value; } });
    show(newMsg, T.saving);
    createBtn.disabled = true;
    post('/__tilik/edit/new', params).then(function (r) {
      createBtn.disabled = false;
      newMsg.setAttribute('role', r.ok ? 'status' : 'alert');
      show(newMsg, r.message, r.ok ? 'ok' : 'error');
    }, function () { createBtn.disabled = false; show(newMsg, T.failed, 'error'); });
  });

  // The Perbarui control of each recommendation.
  recs.forEach(function (id) {
    var row = document.getElementById('rek_' + id);
    var cell = row && row.querySelector('.col-status');
    if (!cell) { return; }
    var badge = cell.querySelector('.badge');
    var current = STATUSES.filter(function (s) { return badge && badge.classList.contains('badge-' + s); })[0] || 'usulan';
    var formId = 'tilik-edit-form-' + id.replace(/[^A-Za-z0-9_-]/g, '_');
    var open = el('button', { type: 'button', 'class': 'tilik-edit-open', 'aria-expanded': 'false', 'aria-controls': formId, 'data-rec': id, text: T.update });
    open.setAttribute('aria-label', T.updateOf + id);
    cell.appendChild(el('div', {}, [open]));
    var select = el('select', { name: 'status' });
    STATUSES.forEach(function (s) {
      var o = el('option', { value: s, text: T.labels[s] });
      if (s === current) { o.selected = true; }
      select.appendChild(o);
    });
    var note = el('textarea', { name: 'note', rows: '3', maxlength: '2000' });
    var date = el('input', { type: 'date', name: 'date', value: today, max: today, required: '' });
    var msg = el('p', { 'class': 'tilik-edit-msg', role: 'status', 'aria-live': 'polite' });
    var save = el('button', { type: 'submit', text: T.save });
    var cancel = el('button', { type: 'button', text: T.cancel });
    var form = el('form', { 'class': 'tilik-edit-form', id: formId, 'aria-label': T.updateOf + id }, [
      el('fieldset', {}, [
        el('legend', { text: T.updateOf + id }),
        field(T.status, select), field(T.note, note), field(T.date, date),
        el('div', { 'class': 'tilik-edit-actions' }, [save, cancel]),
        msg
      ])
    ]);
    var columns = row.children.length || 1;
    var formRow = el('tr', { 'class': 'tilik-edit-row', hidden: '' }, [el('td', { colspan: String(columns) }, [form])]);
    row.parentNode.insertBefore(formRow, row.nextSibling);
    function toggle(show) {
      formRow.hidden = !show;
      open.setAttribute('aria-expanded', show ? 'true' : 'false');
      if (show) { select.focus(); } else { open.focus(); }
    }
    open.addEventListener('click', function () { toggle(formRow.hidden); });
    cancel.addEventListener('click', function () { toggle(false); });
    form.addEventListener('keydown', function (e) { if (e.key === 'Escape') { toggle(false); } });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      save.disabled = true;
      msg.setAttribute('role', 'status');
      show(msg, T.saving);
      post('/__tilik/edit/update', {
        page: page, rec: id, version: version, status: select.value, note: note.value, date: date.value
      }).then(function (r) {
        save.disabled = false;
        if (r.ok) {
          show(msg, T.saved, 'ok');
          try { sessionStorage.setItem(SAVED_KEY, JSON.stringify({ rec: id, message: r.message, at: Date.now() })); } catch (err) { /* private mode */ }
          reloadAfterRebuild();
          return;
        }
        msg.setAttribute('role', 'alert');
        show(msg, r.message, 'error');
        if (r.status === 409) {
          var again = el('button', { type: 'button', text: T.reload });
          again.addEventListener('click', function () { location.reload(); });
          msg.appendChild(document.createTextNode(' '));
          msg.appendChild(again);
          again.focus();
        }
      }, function () { save.disabled = false; msg.setAttribute('role', 'alert'); show(msg, T.failed, 'error'); });
    });
  });

  // After the reloads that follow a save (the edited page first, then the whole site's build,
  // for a few seconds): say so, and put the focus back on its control.
  try {
    var saved = JSON.parse(sessionStorage.getItem(SAVED_KEY) || 'null');
    if (saved && !(Date.now() - saved.at < 15000)) { sessionStorage.removeItem(SAVED_KEY); saved = null; }
    if (saved) {
      show(barMsg, saved.message, 'ok');
      var back = document.querySelector('.tilik-edit-open[data-rec="' + String(saved.rec).replace(/["\\]/g, '') + '"]');
      if (back) { back.focus(); }
    }
  } catch (err) { /* nothing saved */ }
})();
