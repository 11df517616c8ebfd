// The tiprelay sandbox page: a staff phone, the police chats and an event
// log, all played through the sandbox's JSON API (/api/...) and kept up to
// date by server-sent events (/api/events). Plain JavaScript, no build step.
// Every text from the server is inserted as text, except message bodies,
// which the server renders as safe HTML from Telegram's entities.
'use strict';

(() => {
  const I18N = {
    id: {
      intro: 'Bot tiprelay yang sesungguhnya berjalan di komputer ini pada emulator Bot API: tanpa token, tanpa Telegram, tanpa jaringan. Kirim laporan dari telepon staf, lihat laporan tiba di grup polisi, tekan tombol status, dan lihat kabarnya kembali ke telepon.',
      conn_lost: 'Koneksi ke sandbox terputus; menyambung lagi…',
      tab_phone: 'Telepon', tab_police: 'Grup polisi', tab_log: 'Log',
      phone_title: 'Telepon staf', phone_who: 'Sebagai',
      role_staff: 'staf', role_admin: 'admin', role_outsider: 'bukan staf', role_officer: 'petugas', role_stranger: 'orang asing',
      attach_photo: '🖼 Gambar', attach_doc: '📎 Berkas', attach_forward: '↪ Teruskan', attach_album: '🗂 Album', attach_demo: '🔁 Ulangan',
      phone_placeholder: 'Tulis laporan, mis. «Hoaks surat suara tercoblos di Kuta #hoaks»',
      send: 'Kirim', reply: 'Balas', replying: 'Membalas:',
      pick_photo: 'Pilih gambar. Teks di kotak pesan menjadi keterangannya.',
      pick_document: 'Pilih berkas. Teks di kotak pesan menjadi keterangannya.',
      pick_forward: 'Teruskan postingan kanal publik ke bot.',
      pick_album: 'Pilih 2–4 gambar; teks di kotak pesan menjadi keterangan album.',
      pick_demo: 'Kiri: satu staf mengirim. Kanan: staf lain mengirim hal yang sama, dan laporannya dilipat: ia diberi tahu nomor laporan pertama, grup polisi tidak menerima salinan, hanya «🔁 Dilaporkan 2×» di laporan pertama.',
      demo_shot: '🖼 Tangkapan layar (TPS 17)', demo_shot_again: '🖼 Tangkapan layar yang sama (dikirim ulang)',
      demo_post: '↪ Teruskan posting', demo_post_again: '↪ Teruskan posting yang sama',
      demo_link: '🔗 Tautan video (youtu.be)', demo_link_again: '🔗 Tautan yang sama, bentuk lain',
      demo_social: '🖼 Tangkapan postingan tanpa keterangan', demo_search: '🔎 /cari ditutup',
      demo_as: 'sebagai {name}', demo_as_phone: 'sebagai telepon ini',
      ocr_on: 'OCR aktif (Tesseract): teks tangkapan layar dibaca; tempat dan tagar di dalamnya mengisi wilayah dan kategori, /cari menemukannya, /laporan N menampilkannya.',
      ocr_off: 'OCR mati ({x}). Tangkapan layar yang sama tetap dilipat lewat hash gambarnya, tetapi teksnya tidak dibaca dan tidak ditemukan /cari.',
      album_send: 'Kirim album', close: 'Tutup',
      police_title: 'Grup polisi', police_as: 'Bertindak sebagai',
      as_officer: 'Petugas {name}', as_stranger: 'Orang asing {name} (bukan anggota)',
      police_sub: 'Anggota: {name} dan bot', polda_hint: 'Grup Polda menerima semua laporan; grup Polres menerima laporan wilayahnya.',
      police_placeholder: 'Pilih «Balas» pada laporan untuk bertanya ke pelapor, atau tulis perintah seperti /laporan 1',
      police_stranger: 'Orang asing bukan anggota grup: ia hanya dapat menekan tombol, tidak dapat menulis.',
      report_show: 'Lihat', search_go: 'Cari',
      forwarded: 'Diteruskan dari {x}', edited: 'diedit', silent: 'tanpa suara',
      empty_phone: 'Belum ada pesan. Tulis laporan di bawah lalu tekan Kirim, atau coba «🔁 Ulangan».',
      empty_police: 'Belum ada laporan di grup ini.',
      answer_none: 'Bot belum menjawab tombol ini.', answer_ok: 'Diterima',
      error: 'Gagal: {x}',
      log_title: 'Log kejadian', log_polls: 'tampilkan getUpdates',
      flow: 'Telepon → emulator Bot API → bot (getUpdates) → SQLite → relay → grup polisi, lalu kabar kembali ke telepon. «API» adalah panggilan bot ke Bot API, «LOG» catatan bot tentang apa yang disimpan dan diputuskan, «AKSI» yang Anda lakukan di halaman ini.',
      settings: 'Pengaturan bot', kind_call: 'API', kind_log: 'LOG', kind_user: 'AKSI',
      act_text: '{who} mengirim teks', act_photo: '{who} mengirim gambar', act_document: '{who} mengirim berkas',
      act_forward: '{who} meneruskan postingan {what}', act_album: '{who} mengirim album {what} gambar',
      act_press: '{who} menekan «{what}» di {chat}', act_reply: '{who} membalas di {chat}: {what}', act_say: '{who} menulis di {chat}: {what}',
      media_video: '🎬 video', media_animation: '🎞 animasi', media_voice: '🎤 pesan suara', media_audio: '🎵 audio',
      media_video_note: '⏺ video bulat', media_sticker: '🙂 stiker', media_location: '📍 lokasi', media_poll: '📊 jajak pendapat', media_contact: '👤 kontak',
    },
    en: {
      intro: 'The real tiprelay bot runs on this computer against a Bot API emulator: no token, no Telegram, no network. Send a tip from a staff phone, watch it reach the police chats, press a status button, and see the news come back to the phone.',
      conn_lost: 'Lost the connection to the sandbox; reconnecting…',
      tab_phone: 'Phone', tab_police: 'Police chats', tab_log: 'Log',
      phone_title: 'Staff phone', phone_who: 'As',
      role_staff: 'staff', role_admin: 'admin', role_outsider: 'not staff', role_officer: 'officer', role_stranger: 'stranger',
      attach_photo: '🖼 Image', attach_doc: '📎 File', attach_forward: '↪ Forward', attach_album: '🗂 Album', attach_demo: '🔁 Repeats',
      phone_placeholder: 'Write a tip, e.g. «Hoax: ballots already marked in Kuta #hoaks»',
      send: 'Send', reply: 'Reply', replying: 'Replying to:',
      pick_photo: 'Choose an image. The text in the message box becomes its caption.',
      pick_document: 'Choose a file. The text in the message box becomes its caption.',
      pick_forward: 'Forward a public channel post to the bot.',
      pick_album: 'Choose 2–4 images; the text in the message box becomes the album caption.',
      pick_demo: 'Left: one staff member sends. Right: another sends the same thing, and the report is folded: they are told the first report\'s number, the police chats get no copy, only «🔁 Dilaporkan 2×» (reported twice) on the first report.',
      demo_shot: '🖼 Screenshot (TPS 17)', demo_shot_again: '🖼 The same screenshot (sent on again)',
      demo_post: '↪ Forward a post', demo_post_again: '↪ Forward the same post',
      demo_link: '🔗 Video link (youtu.be)', demo_link_again: '🔗 The same link, another form',
      demo_social: '🖼 Screenshot of a post, no caption', demo_search: '🔎 /cari ditutup',
      demo_as: 'as {name}', demo_as_phone: 'as this phone',
      ocr_on: 'OCR is on (Tesseract): the text in screenshots is read; places and hashtags in it set the region and category, /cari finds it, /laporan N shows it.',
      ocr_off: 'OCR is off ({x}). The same screenshot is still folded by its image hash, but its text is not read nor found by /cari.',
      album_send: 'Send album', close: 'Close',
      police_title: 'Police chats', police_as: 'Acting as',
      as_officer: 'Officer {name}', as_stranger: 'Stranger {name} (not a member)',
      police_sub: 'Members: {name} and the bot', polda_hint: 'The Polda chat gets every tip; a Polres chat gets the tips of its region.',
      police_placeholder: 'Choose «Reply» on a tip to ask its reporter, or type a command such as /laporan 1',
      police_stranger: 'The stranger is no member of the chat: he can press buttons but not write.',
      report_show: 'Show', search_go: 'Search',
      forwarded: 'Forwarded from {x}', edited: 'edited', silent: 'silent',
      empty_phone: 'No messages yet. Write a tip below and press Send, or try «🔁 Repeats».',
      empty_police: 'No tips in this chat yet.',
      answer_none: 'The bot has not answered this button.', answer_ok: 'Accepted',
      error: 'Failed: {x}',
      log_title: 'Event log', log_polls: 'show getUpdates',
      flow: 'Phone → Bot API emulator → bot (getUpdates) → SQLite → relay → police chats, and news back to the phone. «API» is a call of the bot to the Bot API, «LOG» a line the bot logged about what it stored and decided, «ACTION» what you did on this page.',
      settings: 'Bot settings', kind_call: 'API', kind_log: 'LOG', kind_user: 'ACTION',
      act_text: '{who} sends a text', act_photo: '{who} sends an image', act_document: '{who} sends a file',
      act_forward: '{who} forwards a post of {what}', act_album: '{who} sends an album of {what} images',
      act_press: '{who} presses «{what}» in {chat}', act_reply: '{who} replies in {chat}: {what}', act_say: '{who} writes in {chat}: {what}',
      media_video: '🎬 video', media_animation: '🎞 animation', media_voice: '🎤 voice message', media_audio: '🎵 audio',
      media_video_note: '⏺ round video', media_sticker: '🙂 sticker', media_location: '📍 location', media_poll: '📊 poll', media_contact: '👤 contact',
    },
  };

  const S = {
    lang: localStorage.getItem('tiprelay.sandbox.lang') === 'en' ? 'en' : 'id',
    world: null, state: null,
    phone: 0, police: 0, as: 'officer',
    reply: { phone: null, police: null },
    seen: {}, // chat id -> last message id seen
    entries: [], lastSeq: 0,
    picker: '', inflight: false, again: false,
    focus: null, // {chat, id}: a message to scroll to once shown
  };

  const $ = (sel) => document.querySelector(sel);

  // el builds an element; strings among the children become text nodes.
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const k of kids) if (k !== null && k !== undefined && k !== '') e.append(k);
    return e;
  }

  function t(key, vars) {
    let s = I18N[S.lang][key] ?? I18N.id[key] ?? key;
    for (const [k, v] of Object.entries(vars || {})) s = s.split('{' + k + '}').join(String(v));
    return s;
  }

  async function api(path, body) {
    const init = body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    };
    const r = await fetch(path, init);
    const j = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(j.error || r.statusText);
    return j;
  }

  let toastTimer = 0;
  function toast(text, alert) {
    const box = $('#toast');
    box.textContent = text;
    box.classList.toggle('alert', !!alert);
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { box.hidden = true; }, alert ? 6000 : 3500);
  }

  function safeURL(u) {
    try {
      const p = new URL(u, location.href);
      return ['http:', 'https:', 'tg:'].includes(p.protocol) ? p.href : '#';
    } catch { return '#'; }
  }

  function fmtSize(n) {
    return n >= 1024 ? (n / 1024).toFixed(1) + ' KB' : n + ' B';
  }

  // ---- language ----

  function applyLang() {
    document.documentElement.lang = S.lang;
    document.querySelectorAll('[data-i18n]').forEach((e) => { e.textContent = t(e.dataset.i18n); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
    $('#lang-toggle').textContent = S.lang === 'id' ? 'EN' : 'ID';
    if (S.world) {
      fillSelects(); render(); renderLog(); renderWriting();
      const open = S.picker;
      if (open) { S.picker = ''; openPicker(open); }
    }
  }

  // ---- world ----

  function policeOf(id) { return S.world.police.find((p) => p.id === id); }
  function isPolice(id) { return !!policeOf(id); }

  function fillSelects() {
    const who = $('#phone-who');
    who.replaceChildren(...S.world.phones.map((p) => el('option', { value: p.id }, p.name + ' · ' + t('role_' + p.role))));
    who.value = S.phone;
    const as = $('#police-as');
    const pc = policeOf(S.police);
    as.replaceChildren(
      el('option', { value: 'officer' }, t('as_officer', { name: pc.officer.name })),
      el('option', { value: 'stranger' }, t('as_stranger', { name: S.world.stranger.name })),
    );
    as.value = S.as;
    const chips = $('#police-chats');
    chips.replaceChildren(...S.world.police.map((p) => el('button', {
      type: 'button', class: 'chip', role: 'tab', 'data-chat': p.id,
      onclick: () => choosePolice(p.id),
    }, el('span', { class: 'name' }, p.unit), el('span', { class: 'count' }))));
    const set = $('#settings');
    set.replaceChildren(...S.world.settings.flatMap((s) => [el('dt', {}, s.name), el('dd', {}, s.value)]));
  }

  function choosePolice(id) {
    S.police = id;
    S.reply.police = null;
    fillSelects();
    render();
    refresh();
  }

  // ---- state ----

  async function refresh() {
    if (!S.world) return;
    if (S.inflight) { S.again = true; return; }
    S.inflight = true;
    try {
      do {
        S.again = false;
        S.state = await api(`/api/state?phone=${S.phone}&police=${S.police}`);
        render();
      } while (S.again);
    } catch (e) {
      toast(t('error', { x: e.message }), true);
    } finally {
      S.inflight = false;
    }
  }

  function unread(id) {
    const n = (S.state && S.state.counts[id]) || 0;
    return Math.max(0, n - (S.seen[id] ?? n));
  }

  function render() {
    const st = S.state;
    if (!st || !S.world) return;
    for (const id of [S.phone, S.police]) S.seen[id] = st.counts[id] || 0;
    for (const p of S.world.police) {
      if (S.seen[p.id] === undefined) S.seen[p.id] = st.counts[p.id] || 0;
      const chip = document.querySelector(`.chip[data-chat="${p.id}"]`);
      if (!chip) continue;
      chip.classList.toggle('active', p.id === S.police);
      chip.setAttribute('aria-selected', p.id === S.police ? 'true' : 'false');
      const n = unread(p.id);
      chip.querySelector('.count').textContent = n ? String(n) : '';
    }
    for (const p of S.world.phones) if (S.seen[p.id] === undefined) S.seen[p.id] = st.counts[p.id] || 0;
    $('#tab-police-count').textContent = String(S.world.police.reduce((a, p) => a + unread(p.id), 0) || '');
    $('#tab-phone-count').textContent = String(S.world.phones.reduce((a, p) => a + unread(p.id), 0) || '');
    const opts = $('#phone-who').options;
    S.world.phones.forEach((p, i) => {
      const n = unread(p.id);
      if (opts[i]) opts[i].textContent = p.name + ' · ' + t('role_' + p.role) + (n ? ` (${n})` : '');
    });
    const pc = policeOf(S.police);
    $('#police-title').textContent = pc.title;
    $('#police-sub').textContent = t('police_sub', { name: pc.officer.name });
    $('#police-digest').hidden = pc.id !== S.world.police[0].id;
    if (st.phone && st.phone.id === S.phone) {
      renderMsgs($('#phone-msgs'), st.phone, { side: 'phone', empty: 'empty_phone', mine: (m) => m.from_id === S.phone, showFrom: false });
    }
    if (st.police && st.police.id === S.police) {
      renderMsgs($('#police-msgs'), st.police, { side: 'police', empty: 'empty_police', mine: (m) => !m.bot, showFrom: true });
      showFocus();
    }
    renderReplying('phone');
    renderReplying('police');
  }

  // ---- messages ----

  // pin keeps a message list scrolled to its end while the person has not
  // scrolled up, also when images load after the list was drawn.
  function pin(box) {
    box.dataset.pinned = '1';
    box.addEventListener('scroll', () => {
      box.dataset.pinned = box.scrollHeight - box.scrollTop - box.clientHeight < 60 ? '1' : '';
    });
    box.addEventListener('load', () => { if (box.dataset.pinned) box.scrollTop = box.scrollHeight; }, true);
  }

  function renderMsgs(box, chat, opts) {
    const atBottom = box.dataset.pinned === '1' || box.dataset.chat !== String(chat.id);
    box.dataset.chat = String(chat.id);
    const out = [];
    const ms = chat.messages;
    if (!ms.length) out.push(el('p', { class: 'empty' }, t(opts.empty)));
    for (let i = 0; i < ms.length;) {
      const group = [ms[i]];
      while (ms[i].album && i + group.length < ms.length && ms[i + group.length].album === ms[i].album) group.push(ms[i + group.length]);
      out.push(bubble(chat.id, group, opts));
      i += group.length;
    }
    box.replaceChildren(...out);
    if (atBottom) {
      box.dataset.pinned = '1';
      box.scrollTop = box.scrollHeight;
    }
  }

  function bubble(chat, group, opts) {
    const m = group[0];
    const mine = opts.mine(m);
    const b = el('div', { class: `msg ${m.bot ? 'bot' : 'person'} ${mine ? 'me' : 'them'}`, 'data-id': m.id });
    if (opts.showFrom) b.append(el('div', { class: 'from' }, m.from));
    if (m.forward) b.append(el('div', { class: 'fwd' }, t('forwarded', { x: m.forward })));
    if (m.reply) b.append(el('div', { class: 'quote' }, el('b', {}, m.reply.from || ''), ' ', m.reply.text));
    const photos = group.filter((x) => x.photo);
    if (photos.length) {
      b.append(el('div', { class: photos.length > 1 ? 'photos album' : 'photos' },
        ...photos.map((x) => el('a', { href: x.photo, target: '_blank', rel: 'noopener noreferrer' }, el('img', { src: x.photo, alt: '', loading: 'lazy' })))));
    }
    for (const x of group) {
      if (x.doc) b.append(el('a', { class: 'doc', href: x.doc.url, download: x.doc.name }, '📄 ' + x.doc.name + ' ', el('small', {}, fmtSize(x.doc.size))));
      if (x.media) b.append(el('div', { class: 'media' }, t('media_' + x.media)));
    }
    const withText = group.find((x) => x.html);
    if (withText) {
      const d = el('div', { class: 'text' });
      d.innerHTML = withText.html; // rendered and escaped by the server
      b.append(d);
    }
    for (const x of group) if (x.buttons) b.append(keyboard(chat, x));
    b.append(el('div', { class: 'foot' },
      el('button', { type: 'button', class: 'link reply-btn', onclick: () => setReply(opts.side, m) }, t('reply')),
      m.edited ? el('span', { class: 'edited' }, t('edited')) : null,
      m.silent ? el('span', { title: t('silent') }, '🔕') : null,
      el('time', {}, m.time)));
    return b;
  }

  function keyboard(chat, m) {
    return el('div', { class: 'kb' }, ...m.buttons.map((row) => el('div', { class: 'kb-row' }, ...row.map((btn) => (btn.url
      ? el('a', { class: 'kb-btn', href: safeURL(btn.url), target: '_blank', rel: 'noopener noreferrer' }, btn.text)
      : el('button', {
        type: 'button', class: 'kb-btn', 'data-data': btn.data,
        onclick: (ev) => press(chat, m.id, btn.data, ev.currentTarget),
      }, btn.text))))));
  }

  async function press(chat, id, data, btn) {
    btn.disabled = true;
    try {
      const a = await api('/api/press', { chat, message: id, data, as: isPolice(chat) ? S.as : '' });
      toast(a.answered ? (a.text || t('answer_ok')) : t('answer_none'), a.alert);
    } catch (e) {
      toast(t('error', { x: e.message }), true);
    } finally {
      btn.disabled = false;
    }
  }

  // followLink opens a link to a message of a police chat, such as the
  // ones /cari and /laporan give (https://t.me/c/<id>/<message>), in the
  // page: the sandbox's chats are not on Telegram.
  function followLink(ev) {
    const a = ev.target.closest('.text a[href]');
    const m = a && /^https:\/\/t\.me\/c\/(\d+)\/(\d+)(?:[/?#]|$)/.exec(a.href);
    if (!m) return;
    const chat = Number('-100' + m[1]);
    if (!isPolice(chat)) return;
    ev.preventDefault();
    S.focus = { chat, id: Number(m[2]) };
    document.body.dataset.pane = 'police';
    if (chat !== S.police) choosePolice(chat); else render();
  }

  // showFocus scrolls to the message a link led to, once it is drawn.
  function showFocus() {
    if (!S.focus || S.focus.chat !== S.police) return;
    const msg = document.querySelector(`#police-msgs .msg[data-id="${S.focus.id}"]`);
    if (!msg) return;
    S.focus = null;
    msg.scrollIntoView({ block: 'center' });
    msg.classList.add('focus');
  }

  function setReply(side, m) {
    S.reply[side] = m ? { id: m.id, text: (m.from || '') + ': ' + textOf(m) } : null;
    renderReplying(side);
    if (m) $(`#${side}-text`).focus();
  }

  function textOf(m) {
    const d = document.createElement('div');
    d.innerHTML = m.html;
    const s = d.textContent || m.doc?.name || (m.photo ? '🖼' : '');
    return s.length > 80 ? s.slice(0, 79) + '…' : s;
  }

  function renderReplying(side) {
    const box = $(`#${side}-replying`);
    const r = S.reply[side];
    box.hidden = !r;
    if (r) box.querySelector('q').textContent = r.text;
  }

  // ---- phone ----

  // sendPhone sends req from the phone shown; the picker closes unless
  // keepPicker (the repeats demo stays open for the next press).
  async function sendPhone(req, keepPicker) {
    req.from = S.phone;
    if (S.reply.phone) req.reply_to = S.reply.phone.id;
    try {
      await api('/api/send', req);
      if (!keepPicker) {
        $('#phone-text').value = '';
        openPicker('');
      }
      setReply('phone', null);
      refresh();
    } catch (e) {
      toast(t('error', { x: e.message }), true);
    }
  }

  // choosePhone shows the phone of user id.
  function choosePhone(id) {
    if (id === S.phone) return;
    S.phone = id;
    S.reply.phone = null;
    $('#phone-who').value = String(id);
    render();
    refresh();
  }

  // sendDemo sends a message of the repeats demo from its staff member,
  // whose phone the page shows then, so that the answer is seen.
  function sendDemo(d) {
    if (d.from) choosePhone(d.from);
    const req = { kind: d.kind, item: d.item };
    if (d.text) req.text = d.text;
    return sendPhone(req, true);
  }

  function demoChoices() {
    const name = (id) => S.world.phones.find((p) => p.id === id)?.name || '';
    const items = S.world.demos.map((d) => el('button', {
      type: 'button', class: 'demo', 'data-demo': d.key, onclick: () => sendDemo(d),
    }, el('span', {}, t('demo_' + d.key)), el('small', {}, d.from ? t('demo_as', { name: name(d.from) }) : t('demo_as_phone'))));
    const ocr = S.world.ocr || {};
    return [
      el('div', { class: 'choices demo' }, ...items),
      el('p', { class: 'hint ocr' + (ocr.on ? '' : ' off'), id: 'ocr-state' }, ocr.on ? t('ocr_on') : t('ocr_off', { x: ocr.note || '' })),
    ];
  }

  function openPicker(kind) {
    S.picker = S.picker === kind ? '' : kind;
    const box = $('#picker');
    box.hidden = !S.picker;
    document.querySelectorAll('.attach button').forEach((b) => b.classList.toggle('active', b.dataset.kind === S.picker));
    if (!S.picker) { box.replaceChildren(); return; }
    const caption = () => $('#phone-text').value.trim();
    const items = [];
    if (kind === 'photo') {
      S.world.samples.forEach((s, i) => items.push(el('button', {
        type: 'button', class: 'thumb', onclick: () => sendPhone({ kind: 'photo', item: i, text: caption() }),
      }, el('img', { src: s.url, alt: '' }), el('span', {}, s.name))));
    } else if (kind === 'document') {
      S.world.docs.forEach((d, i) => items.push(el('button', {
        type: 'button', class: 'row', onclick: () => sendPhone({ kind: 'document', item: i, text: caption() }),
      }, '📄 ' + d.name + ' ', el('small', {}, fmtSize(d.size)))));
    } else if (kind === 'forward') {
      S.world.posts.forEach((p, i) => items.push(el('button', {
        type: 'button', class: 'row post', onclick: () => sendPhone({ kind: 'forward', item: i }),
      }, p.photo ? el('img', { src: p.photo, alt: '' }) : null,
      el('span', {}, el('b', {}, p.channel + ' · @' + p.username + '/' + p.id), el('br'), p.text))));
    } else if (kind === 'album') {
      const checks = S.world.samples.map((s, i) => el('input', { type: 'checkbox', value: i, checked: i < 3 }));
      S.world.samples.forEach((s, i) => items.push(el('label', { class: 'thumb' }, checks[i], el('img', { src: s.url, alt: '' }), el('span', {}, s.name))));
      items.push(el('button', {
        type: 'button', class: 'primary', id: 'album-send',
        onclick: () => sendPhone({ kind: 'album', items: checks.filter((c) => c.checked).map((c) => Number(c.value)), text: caption() }),
      }, t('album_send')));
    }
    if (kind === 'demo') {
      box.replaceChildren(el('p', { class: 'hint' }, t('pick_demo')), ...demoChoices());
      return;
    }
    box.replaceChildren(el('p', { class: 'hint' }, t('pick_' + kind)), el('div', { class: 'choices ' + kind }, ...items));
  }

  // ---- police ----

  async function police(path, body) {
    try {
      await api(path, Object.assign({ chat: S.police, as: S.as }, body));
      refresh();
      return true;
    } catch (e) {
      toast(t('error', { x: e.message }), true);
      return false;
    }
  }

  // renderWriting lets only the officer write: the stranger is no member
  // of the chat, so he may press buttons (of a tip someone showed him)
  // but not post in it.
  function renderWriting() {
    const stranger = S.as === 'stranger';
    for (const id of ['#police-text', '#police-send', '#police-digest', '#police-report', '#police-report-n', '#police-search', '#police-search-q']) $(id).disabled = stranger;
    $('#police-text').placeholder = t(stranger ? 'police_stranger' : 'police_placeholder');
  }

  // ---- event log ----

  function entryLine(e) {
    switch (e.kind) {
      case 'call': {
        const bad = e.status !== 200;
        return el('li', { class: 'entry call' + (bad ? ' bad' : '') + (e.method === 'getUpdates' ? ' poll' : '') },
          el('time', {}, e.time), el('span', { class: 'kind' }, t('kind_call')),
          el('code', {}, e.method), e.chat ? ' → ' + e.chat : '', bad ? el('small', {}, ` ${e.status} ${e.error || ''}`) : null);
      }
      case 'log':
        return el('li', { class: 'entry log lvl-' + (e.level || '').toLowerCase() },
          el('time', {}, e.time), el('span', { class: 'kind' }, t('kind_log')),
          el('b', {}, e.msg), e.attrs ? el('small', {}, ' ' + e.attrs) : null);
      default:
        return el('li', { class: 'entry user' },
          el('time', {}, e.time), el('span', { class: 'kind' }, t('kind_user')),
          t('act_' + e.action, { who: e.who, what: e.what, chat: e.chat }));
    }
  }

  function addEntry(e) {
    if (e.seq <= S.lastSeq) return;
    S.lastSeq = e.seq;
    S.entries.push(e);
    if (S.entries.length > 500) S.entries.shift();
    const log = $('#log');
    log.prepend(entryLine(e));
    while (log.children.length > 500) log.lastChild.remove();
  }

  function renderLog() {
    $('#log').replaceChildren(...S.entries.slice().reverse().map(entryLine));
  }

  function connect() {
    const es = new EventSource('/api/events');
    es.addEventListener('log', (ev) => addEntry(JSON.parse(ev.data)));
    es.addEventListener('change', () => refresh());
    es.onopen = () => { $('#conn').hidden = true; refresh(); };
    es.onerror = () => { $('#conn').hidden = false; };
  }

  // ---- start ----

  function wire() {
    pin($('#phone-msgs'));
    pin($('#police-msgs'));
    $('#phone-msgs').addEventListener('click', followLink);
    $('#police-msgs').addEventListener('click', followLink);
    $('#lang-toggle').addEventListener('click', () => {
      S.lang = S.lang === 'id' ? 'en' : 'id';
      localStorage.setItem('tiprelay.sandbox.lang', S.lang);
      applyLang();
    });
    document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => { document.body.dataset.pane = b.dataset.pane; }));
    $('#phone-who').addEventListener('change', (ev) => choosePhone(Number(ev.target.value)));
    $('#police-as').addEventListener('change', (ev) => { S.as = ev.target.value; renderWriting(); });
    document.querySelectorAll('.attach button').forEach((b) => b.addEventListener('click', () => openPicker(b.dataset.kind)));
    $('#phone-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = $('#phone-text').value.trim();
      if (text) sendPhone({ kind: 'text', text });
    });
    $('#police-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const text = $('#police-text').value.trim();
      if (!text) return;
      const body = { text };
      if (S.reply.police) body.reply_to = S.reply.police.id;
      if (await police('/api/reply', body)) { $('#police-text').value = ''; setReply('police', null); }
    });
    for (const side of ['phone', 'police']) {
      $(`#${side}-replying .x`).addEventListener('click', () => setReply(side, null));
      $(`#${side}-text`).addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' && !ev.shiftKey) { ev.preventDefault(); $(`#${side}-form`).requestSubmit(); }
      });
    }
    $('#log-polls').addEventListener('change', (ev) => $('#log').classList.toggle('polls', ev.target.checked));
    $('#police-digest').addEventListener('click', () => police('/api/digest', {}));
    $('#police-report').addEventListener('click', () => police('/api/reply', { text: '/laporan ' + $('#police-report-n').value }));
    $('#police-search').addEventListener('click', () => {
      const q = $('#police-search-q').value.trim();
      if (q) police('/api/reply', { text: '/cari ' + q });
    });
  }

  async function start() {
    wire();
    applyLang();
    try {
      S.world = await api('/api/world');
    } catch (e) {
      toast(t('error', { x: e.message }), true);
      return;
    }
    S.phone = S.world.phones[0].id;
    S.police = S.world.police[0].id;
    $('#bot-name').textContent = S.world.bot;
    $('#bot-user').textContent = '@' + S.world.bot_username;
    fillSelects();
    document.body.classList.add('ready');
    connect();
  }

  start();
})();
