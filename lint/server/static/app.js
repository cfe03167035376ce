/* zwlint editors' page. Plain JavaScript, no build step, no network access other than
 * this server's own API. User text is only ever put into the page with textContent /
 * text nodes, never as HTML, so a post containing <script> is shown, not run.
 * Offsets from the API are code points; JavaScript strings are UTF-16, so texts are
 * handled as arrays of code points (Array.from) throughout. */
'use strict';

(function () {
  const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' };
  const SEVERITY_RANK = { error: 2, warning: 1, info: 0 };
  const CATEGORY_ORDER = ['serious', 'sensitive', 'secrecy', 'privacy', 'typo', 'entertainment',
    'offtopic', 'date', 'format', 'account'];
  const FALLBACK_CATEGORIES = {
    serious: '严重表述错误', typo: '疑似错别字', entertainment: '娱乐化/标题党', offtopic: '与政府工作无关',
    privacy: '个人信息', secrecy: '涉密', date: '日期逻辑', format: '规范格式/标点', sensitive: '违法违规内容',
    account: '账号层面',
  };

  const state = {
    rules: {},                 // code -> rule (from /api/v1/rules)
    categories: FALLBACK_CATEGORIES,
    texts: { title: '', content: '' },
    published: '',
    findings: [],              // open findings: API findings + id
    selected: null,            // id of the selected finding
    accepted: 0,
    ignored: 0,
    filename: '',
    image: null,               // an uploaded image: {src (data: URL), width, height}
    nextId: 1,
    // An uploaded .docx, for 下载批注版: the file, its text, and the editor's decisions in
    // offsets of that text (accepted fixes become tracked changes, ignored findings get no comment).
    docx: null,                // {file, text, accepted: [{start, end, text, replacement}], ignored: [{rule, start, end}]}
    docxCurrent: false,        // the checked text is the document's text with the accepted fixes applied
  };

  const $ = (id) => document.getElementById(id);

  /* h('div', {class: 'x', onclick: f}, child, 'text', ...) — text children become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return el;
  }

  const cpLength = (s) => Array.from(s).length;

  function categoryLabel(cat) { return state.categories[cat] || cat; }

  function showAlert(message) {
    const el = $('alert');
    el.textContent = message;
    el.hidden = !message;
    if (message) window.scrollTo({ top: 0, behavior: 'smooth' });
  }

  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      throw new Error('无法连接 zwlint 服务，请确认 zwlint serve 仍在运行。');
    }
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON */ }
    if (!response.ok) {
      const reason = body && body.error ? body.error : `服务返回 ${response.status}`;
      throw new Error(response.status === 413 ? `文件或文章太大：${reason}` : reason);
    }
    return body;
  }

  /* ------------------------------------------------------------------ loading rules */

  async function loadRules() {
    try {
      const body = await api('/api/v1/rules');
      state.categories = Object.assign({}, FALLBACK_CATEGORIES, body.categories || {});
      for (const r of body.rules) state.rules[r.code] = r;
    } catch (e) {
      showAlert(e.message);
    }
    renderLegend();
    try {
      const health = await api('/api/v1/health');
      $('version').textContent = `zwlint ${health.version} · ${Object.keys(state.rules).length} 条规则`;
    } catch (e) { /* shown above */ }
  }

  function renderLegend() {
    $('legend').replaceChildren(...CATEGORY_ORDER.filter((c) => c !== 'account').map((c) =>
      h('li', { class: `cat-${c}` }, h('span', { class: 'sample' }, categoryLabel(c)))));
  }

  /* ------------------------------------------------------------------ checking */

  function readForm() {
    state.texts.title = $('title').value.trim();
    state.texts.content = $('content').value;
    state.published = $('published').value;
  }

  async function runCheck() {
    showAlert('');
    if (!state.texts.content.trim() && !state.texts.title) {
      showAlert('请先粘贴正文或上传文件。');
      return;
    }
    const button = $('check');
    button.disabled = true;
    $('recheck').disabled = true;
    button.textContent = '检查中…';
    try {
      const payload = { content: state.texts.content };
      if (state.texts.title) payload.title = state.texts.title;
      if (state.published) payload.published = state.published;
      state.image = null;  // a text check: the boxes of an image no longer apply
      const body = await api('/api/v1/check?fix_safe=true', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
      });
      state.findings = body.files[0].findings.map((f, i) =>
        Object.assign({ id: state.nextId++, safe: !!(body.fix_safe && body.fix_safe[i]) }, f));
      state.docxCurrent = !!state.docx && !state.texts.title
        && state.texts.content === applyEdits(state.docx.text, state.docx.accepted);
      if (state.docxCurrent) for (const f of state.findings) f.orig = toDocxOffsets(f);
      state.selected = null;
      state.accepted = 0;
      state.ignored = 0;
      showResult();
    } catch (e) {
      showAlert(e.message);
    } finally {
      button.disabled = false;
      $('recheck').disabled = false;
      button.textContent = '检查';
    }
  }

  function showResult() {
    $('edit-view').hidden = true;
    $('result-view').hidden = false;
    render();
    window.scrollTo(0, 0);
  }

  function backToEdit() {
    $('title').value = state.texts.title;
    $('content').value = state.texts.content;
    $('result-view').hidden = true;
    $('edit-view').hidden = false;
    $('detail').hidden = true;
    state.selected = null;
    $('content').focus();
  }

  /* ------------------------------------------------------------------ rendering */

  function fieldOf(f) { return f.field === 'title' ? 'title' : 'content'; }

  function topFinding(fs) {
    return fs.slice().sort((a, b) => (SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
      || (CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category)))[0];
  }

  function markFor(fs, text) {
    const top = topFinding(fs);
    const ids = fs.map((f) => f.id);
    const selected = ids.includes(state.selected);
    const label = fs.map((f) => `${categoryLabel(f.category)}：${f.message}`).join('\n');
    return h('mark', {
      class: `hl cat-${top.category} sev-${top.severity}${selected ? ' selected' : ''}${text ? '' : ' point'}`,
      tabindex: 0,
      role: 'button',
      title: label,
      'aria-label': `${text || '此处'}：${label}`,
      dataset: { ids: ids.join(','), category: top.category, rule: top.rule },
      onclick: () => select(top.id, ids),
      onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(top.id, ids); } },
    }, text || '‸');
  }

  /* The text of one field with its findings as <mark>s (overlaps split into segments). */
  function renderField(container, text, findings) {
    container.replaceChildren();
    const cps = Array.from(text);
    const n = cps.length;
    const clamp = (x) => Math.max(0, Math.min(n, x));
    const points = new Set([0, n]);
    for (const f of findings) { points.add(clamp(f.start)); points.add(clamp(f.end)); }
    const bounds = Array.from(points).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let i = 0; i < bounds.length; i++) {
      const a = bounds[i];
      const zero = findings.filter((f) => f.start === f.end && clamp(f.start) === a);
      if (zero.length) frag.appendChild(markFor(zero, ''));
      if (i === bounds.length - 1) break;
      const b = bounds[i + 1];
      const piece = cps.slice(a, b).join('');
      const covering = findings.filter((f) => f.start < f.end && clamp(f.start) <= a && clamp(f.end) >= b);
      frag.appendChild(covering.length ? markFor(covering, piece) : document.createTextNode(piece));
    }
    container.appendChild(frag);
  }

  function render() {
    const titleFindings = state.findings.filter((f) => fieldOf(f) === 'title');
    const contentFindings = state.findings.filter((f) => fieldOf(f) === 'content');
    const titleEl = $('out-title');
    titleEl.hidden = !state.texts.title;
    if (state.texts.title) renderField(titleEl, state.texts.title, titleFindings);
    const meta = [];
    if (state.filename) meta.push(`文件：${state.filename}`);
    if (state.published) meta.push(`发布日期：${state.published}`);
    meta.push(`正文 ${cpLength(state.texts.content)} 字`);
    $('out-meta').textContent = meta.join('　·　');
    renderField($('out-content'), state.texts.content, contentFindings);
    renderImage();
    renderSummary();
    renderList();
    renderDetail();
    const changes = [];
    if (state.accepted) changes.push(`已采纳 ${state.accepted} 处修改`);
    if (state.ignored) changes.push(`已忽略 ${state.ignored} 处`);
    $('changes').textContent = changes.length ? `${changes.join('，')}。修改后可点“重新检查”再查一遍。` : '';
    $('accept-safe').disabled = !state.findings.some(isSafe);
    const annotated = $('download-docx');
    annotated.hidden = !state.docx;
    annotated.disabled = !state.docxCurrent;
    annotated.title = state.docxCurrent
      ? '下载原 Word 文档的副本：每处问题是一条批注，已采纳的修改是修订（作者 zwlint）'
      : '正文已在页面上改动，批注版只能基于上传的文档：请重新上传后再检查';
  }

  function renderSummary() {
    $('summary-empty').hidden = true;
    $('summary-body').hidden = false;
    $('total').textContent = String(state.findings.length);
    const bySev = {};
    const byCat = {};
    for (const f of state.findings) {
      bySev[f.severity] = (bySev[f.severity] || 0) + 1;
      byCat[f.category] = (byCat[f.category] || 0) + 1;
    }
    $('sev-counts').replaceChildren(...['error', 'warning', 'info'].map((s) =>
      h('span', { class: `sev-pill sev-${s}${bySev[s] ? '' : ' zero'}` }, `${SEVERITY_LABEL[s]} ${bySev[s] || 0}`)));
    const cats = CATEGORY_ORDER.filter((c) => byCat[c]).concat(Object.keys(byCat).filter((c) => !CATEGORY_ORDER.includes(c)));
    const list = $('by-category');
    if (!cats.length) {
      list.replaceChildren(h('li', { class: 'all-clear' }, state.texts.content.trim() ? '未发现问题 ✓' : '没有内容'));
      return;
    }
    list.replaceChildren(...cats.map((c) => h('li', {
      class: `cat-row cat-${c}`,
      dataset: { category: c },
      tabindex: 0,
      title: '跳到这一类的第一处',
      onclick: () => { const f = state.findings.find((x) => x.category === c); if (f) select(f.id, null, true); },
      onkeydown: (ev) => { if (ev.key === 'Enter') ev.currentTarget.click(); },
    }, h('span', { class: 'swatch' }), h('span', { class: 'cat-name' }, categoryLabel(c)),
    h('span', { class: 'count' }, String(byCat[c])))));
  }

  function renderList() {
    const card = $('list-card');
    card.hidden = state.findings.length === 0;
    $('finding-list').replaceChildren(...state.findings.map((f) => h('li', {
      class: `item cat-${f.category}${f.id === state.selected ? ' selected' : ''}`,
      tabindex: 0,
      onclick: () => select(f.id, null, true),
      onkeydown: (ev) => { if (ev.key === 'Enter') select(f.id, null, true); },
    },
    h('span', { class: 'swatch' }),
    h('span', { class: 'item-text' }, f.text || '（此处）'),
    h('span', { class: 'item-msg' }, f.message),
    h('span', { class: 'item-where muted' }, where(f)))));
  }

  /* Line:column of a finding in the current (possibly corrected) text. */
  function where(f) {
    const before = Array.from(state.texts[fieldOf(f)]).slice(0, f.start).join('');
    const lines = before.split('\n');
    const prefix = fieldOf(f) === 'title' ? '标题' : `第 ${lines.length} 行`;
    return `${prefix} 第 ${cpLength(lines[lines.length - 1]) + 1} 字`;
  }

  function ruleDoc(code) {
    const r = state.rules[code];
    return r ? (r.doc || r.summary || '') : '';
  }

  function isSafe(f) { return f.safe; }

  function renderDetail() {
    const panel = $('detail');
    const group = state.selectedGroup || [];
    const shown = group.map((id) => state.findings.find((f) => f.id === id)).filter(Boolean);
    if (!shown.length) { panel.hidden = true; panel.replaceChildren(); return; }
    panel.hidden = false;
    const index = state.findings.findIndex((f) => f.id === shown[0].id);
    const total = state.findings.length;
    const go = (step) => {
      const next = state.findings[(index + step + total) % total];
      if (next) select(next.id, null, true);
    };
    panel.replaceChildren(
      h('div', { class: 'detail-head' },
        h('h3', {}, shown.length > 1 ? `此处有 ${shown.length} 个问题` : '问题说明'),
        h('div', { class: 'nav' },
          h('button', { type: 'button', class: 'ghost prev', title: '上一处', 'aria-label': '上一处', onclick: () => go(-1) }, '‹'),
          h('span', { class: 'muted position' }, `${index + 1} / ${total}`),
          h('button', { type: 'button', class: 'ghost next', title: '下一处', 'aria-label': '下一处', onclick: () => go(1) }, '›'),
          h('button', { type: 'button', class: 'close ghost', title: '关闭（Esc）', 'aria-label': '关闭', onclick: () => { state.selected = null; state.selectedGroup = null; render(); } }, '×'))),
      ...shown.map(findingCard));
  }

  function findingCard(f) {
    const rule = state.rules[f.rule] || {};
    const doc = ruleDoc(f.rule);
    return h('article', { class: `finding cat-${f.category}`, dataset: { rule: f.rule } },
      h('div', { class: 'badges' },
        h('span', { class: `badge cat-${f.category}` }, categoryLabel(f.category)),
        h('span', { class: `badge sev sev-${f.severity}` }, SEVERITY_LABEL[f.severity] || f.severity),
        h('span', { class: 'rule-code', title: rule.name || f.name }, `${f.rule} ${f.name}`)),
      h('p', { class: 'quote' }, '原文：', h('q', {}, f.text || '（此处）')),
      h('p', { class: 'message' }, f.message),
      doc ? h('details', { class: 'rule-doc' }, h('summary', {}, rule.summary ? `规则：${rule.summary}` : '规则说明'),
        h('p', {}, doc)) : null,
      h('div', { class: 'fixes' },
        f.suggestions.length ? h('span', { class: 'muted' }, '建议改为：') : h('span', { class: 'muted' }, '无自动修改建议，请人工核实修改。'),
        ...f.suggestions.map((s) => h('button', {
          type: 'button', class: 'primary accept', dataset: { suggestion: s },
          onclick: () => accept(f.id, s),
        }, `采纳“${s || '（删除）'}”`)),
        h('button', { type: 'button', class: 'secondary ignore', onclick: () => ignore(f.id) }, '忽略此处')));
  }

  function select(id, group, scroll) {
    state.selected = id;
    state.selectedGroup = group || [id];
    render();
    const mark = document.querySelector('mark.hl.selected');
    if (mark && scroll) mark.scrollIntoView({ behavior: 'smooth', block: 'center' });
    const panel = $('detail');
    if (!panel.hidden) {
      const rect = panel.getBoundingClientRect();
      if (rect.top < 0 || rect.top > window.innerHeight) panel.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    }
  }

  /* ------------------------------------------------------------------ fixing */

  function replaceSpan(f, replacement) {
    const field = fieldOf(f);
    const cps = Array.from(state.texts[field]);
    state.texts[field] = cps.slice(0, f.start).join('') + replacement + cps.slice(f.end).join('');
    const delta = cpLength(replacement) - (f.end - f.start);
    state.findings = state.findings.filter((g) => {
      if (g.id === f.id) return false;
      if (fieldOf(g) !== field) return true;
      const overlaps = g.start < f.end && f.start < g.end;
      const pointInside = g.start === g.end && g.start > f.start && g.start < f.end;
      return !overlaps && !pointInside;  // a finding inside the replaced text is gone
    });
    for (const g of state.findings) {
      if (fieldOf(g) === field && g.start >= f.end) {
        g.start += delta;
        g.end += delta;
      }
    }
  }

  function accept(id, suggestion) {
    const f = state.findings.find((x) => x.id === id);
    if (!f) return;
    recordAccepted(f, suggestion);
    replaceSpan(f, suggestion);
    state.accepted += 1;
    state.selected = null;
    state.selectedGroup = null;
    render();
  }

  function ignore(id) {
    const f = state.findings.find((x) => x.id === id);
    if (f && f.orig && state.docx) state.docx.ignored.push({ rule: f.rule, start: f.orig.start, end: f.orig.end });
    state.findings = state.findings.filter((x) => x.id !== id);
    state.ignored += 1;
    if (state.selectedGroup) state.selectedGroup = state.selectedGroup.filter((x) => x !== id);
    state.selected = state.selectedGroup && state.selectedGroup.length ? state.selectedGroup[0] : null;
    render();
  }

  function acceptAllSafe() {
    // Right to left within each field, so earlier offsets stay valid.
    const safe = state.findings.filter(isSafe).sort((a, b) => b.start - a.start);
    for (const f of safe) {
      if (!state.findings.includes(f)) continue;  // removed by an overlapping fix
      recordAccepted(f, f.suggestions[0]);
      replaceSpan(f, f.suggestions[0]);
      state.accepted += 1;
    }
    state.selected = null;
    state.selectedGroup = null;
    render();
  }

  /* ------------------------------------------------------------------ the annotated .docx */

  function applyEdits(text, edits) {
    const cps = Array.from(text);
    let out = [];
    let at = 0;
    for (const e of edits.slice().sort((a, b) => a.start - b.start)) {
      out = out.concat(cps.slice(at, e.start), Array.from(e.replacement));
      at = e.end;
    }
    return out.concat(cps.slice(at)).join('');
  }

  /* A content finding's span in the uploaded document's text (before the accepted fixes),
   * or null if it lies in text the editor replaced. */
  function toDocxOffsets(f) {
    if (fieldOf(f) !== 'content') return null;
    let shift = 0;  // checked-text offset minus document offset, after the fixes passed so far
    for (const e of state.docx.accepted.slice().sort((a, b) => a.start - b.start)) {
      const start = e.start + shift;  // the replacement's span in the checked text
      const end = start + cpLength(e.replacement);
      if (f.end <= start) break;
      if (f.start >= end) { shift += cpLength(e.replacement) - (e.end - e.start); continue; }
      return null;
    }
    return { start: f.start - shift, end: f.end - shift, text: f.text };
  }

  function recordAccepted(f, replacement) {
    if (!state.docx) return;
    if (f.orig) state.docx.accepted.push({ start: f.orig.start, end: f.orig.end, text: f.orig.text, replacement });
    else state.docxCurrent = false;  // a change the document cannot carry: upload again to annotate
  }

  async function downloadDocx() {
    if (!state.docx || !state.docxCurrent) return;
    showAlert('');
    const button = $('download-docx');
    button.disabled = true;
    const form = new FormData();
    form.append('file', state.docx.file, state.docx.file.name);
    if (state.published) form.append('published', state.published);
    form.append('accepted', JSON.stringify(state.docx.accepted));
    form.append('ignored', JSON.stringify(state.docx.ignored));
    try {
      let response;
      try {
        response = await fetch('/api/v1/annotate', { method: 'POST', body: form });
      } catch (e) {
        throw new Error('无法连接 zwlint 服务，请确认 zwlint serve 仍在运行。');
      }
      if (!response.ok) {
        let reason = `服务返回 ${response.status}`;
        try { reason = (await response.json()).error || reason; } catch (e) { /* not JSON */ }
        throw new Error(reason);
      }
      saveBlob(await response.blob(), `${state.docx.file.name.replace(/\.[^.]+$/, '')}.zwlint.docx`);
    } catch (e) {
      showAlert(e.message);
    } finally {
      button.disabled = false;
    }
  }

  /* ------------------------------------------------------------------ output */

  function correctedText() {
    return state.texts.title ? `${state.texts.title}\n\n${state.texts.content}` : state.texts.content;
  }

  async function copyText() {
    const text = correctedText();
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const area = h('textarea', { class: 'offscreen', readonly: true });
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    flash($('copy'), '已复制 ✓');
  }

  function download() {
    const blob = new Blob([correctedText()], { type: 'text/plain;charset=utf-8' });
    const base = (state.filename || '文章').replace(/\.[^.]+$/, '');
    saveBlob(blob, `${base}-修改稿.txt`);
  }

  function saveBlob(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, class: 'offscreen' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  function flash(button, text) {
    const old = button.textContent;
    button.textContent = text;
    setTimeout(() => { button.textContent = old; }, 1500);
  }

  /* ------------------------------------------------------------------ uploads */

  const IMAGE_FILE = /\.(png|jpe?g|webp|bmp|gif)$/i;

  function dataUrl(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(new Error('无法读取图片文件。'));
      reader.readAsDataURL(file);
    });
  }

  /* An image: the server recognises its text and checks it; the page shows the image with
     each finding's box drawn on it, and the recognised text with its highlights. */
  async function uploadImage(file) {
    readForm();
    const form = new FormData();
    form.append('file', file, file.name);
    if (state.published) form.append('published', state.published);
    const [src, body] = await Promise.all([dataUrl(file), api('/api/v1/check-file', { method: 'POST', body: form })]);
    state.filename = file.name;
    state.image = { src, width: body.image.width, height: body.image.height };
    state.texts = { title: '', content: body.image.text };
    $('title').value = '';
    $('content').value = body.image.text;
    $('file-name').textContent = `已识别图片：${file.name}`;
    state.findings = body.files[0].findings.map((f) => Object.assign({ id: state.nextId++, safe: false }, f));
    state.selected = null;
    state.accepted = 0;
    state.ignored = 0;
    showResult();
  }

  function renderImage() {
    const box = $('out-image');
    box.replaceChildren();
    box.hidden = !state.image;
    if (!state.image) return;
    const { width, height } = state.image;
    const wrap = h('div', { class: 'image-wrap' }, h('img', { src: state.image.src, alt: state.filename }));
    const area = (f) => (f.image.box[2] - f.image.box[0]) * (f.image.box[3] - f.image.box[1]);
    // larger boxes first, so that a small box inside a large one (a span across two lines) stays clickable
    for (const f of state.findings.filter((x) => x.image).sort((a, b) => area(b) - area(a))) {
      const [x0, y0, x1, y1] = f.image.box;
      const el = h('button', {
        type: 'button',
        class: `image-box cat-${f.category}${state.selected === f.id ? ' selected' : ''}`,
        title: `${categoryLabel(f.category)}：${f.message}`,
        'aria-label': `${f.text}：${f.message}`,
        onclick: () => select(f.id, [f.id]),
      });
      el.style.left = `${(100 * x0) / width}%`;
      el.style.top = `${(100 * y0) / height}%`;
      el.style.width = `${(100 * (x1 - x0)) / width}%`;
      el.style.height = `${(100 * (y1 - y0)) / height}%`;
      wrap.appendChild(el);
    }
    box.appendChild(wrap);
  }

  async function upload(file) {
    if (!file) return;
    showAlert('');
    if (IMAGE_FILE.test(file.name)) {
      $('file-name').textContent = `正在识别 ${file.name} 中的文字…`;
      try {
        await uploadImage(file);
      } catch (e) {
        $('file-name').textContent = '';
        showAlert(e.message);
      } finally {
        $('file').value = '';
      }
      return;
    }
    $('file-name').textContent = `正在读取 ${file.name}…`;
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      const body = await api('/api/v1/extract', { method: 'POST', body: form });
      state.filename = body.filename;
      state.docx = body.kind === 'docx' ? { file, text: body.content, accepted: [], ignored: [] } : null;
      $('content').value = body.content;
      $('file-name').textContent = `已读取：${body.filename}`;
      readForm();
      await runCheck();
    } catch (e) {
      $('file-name').textContent = '';
      showAlert(e.message);
    } finally {
      $('file').value = '';
    }
  }

  /* ------------------------------------------------------------------ wiring */

  function init() {
    $('edit-view').addEventListener('submit', (ev) => { ev.preventDefault(); readForm(); runCheck(); });
    $('content').addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); readForm(); runCheck(); }
    });
    $('content').addEventListener('input', () => { if (!$('content').value) { state.filename = ''; state.docx = null; } });
    $('clear').addEventListener('click', () => {
      $('title').value = ''; $('content').value = ''; $('published').value = '';
      $('file-name').textContent = ''; state.filename = ''; state.docx = null; showAlert(''); $('content').focus();
    });
    $('file').addEventListener('change', (ev) => upload(ev.target.files[0]));
    const drop = $('edit-view');
    drop.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('dragging'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
    drop.addEventListener('drop', (ev) => {
      ev.preventDefault();
      drop.classList.remove('dragging');
      if (ev.dataTransfer.files.length) upload(ev.dataTransfer.files[0]);
    });
    $('back').addEventListener('click', backToEdit);
    $('recheck').addEventListener('click', () => runCheck());
    $('accept-safe').addEventListener('click', acceptAllSafe);
    $('copy').addEventListener('click', copyText);
    $('download').addEventListener('click', download);
    $('download-docx').addEventListener('click', downloadDocx);
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && state.selected !== null) { state.selected = null; state.selectedGroup = null; render(); }
    });
    loadRules();
  }

  init();
}());
