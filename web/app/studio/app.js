// app.js — the studio's controller (studio.html): a dataset in (file, drop,
// paste or address, through app/big-ingest.js: the worker for big files;
// messages from load-hints.js), its summary (summary.js), the description
// edited by the form (editor.js, describe.js), checked (engine.checkChart,
// and the view's engine query), drawn by the reader's renderer (preview.js:
// app/chart-mount.js), kept across reloads (store.js), opened from and
// published as links and files (core/chart-link.js, publish.js). A failed
// load, check or draw shows its message and keeps the last good dataset,
// description and chart. When the page's own engine traps or runs out of
// memory, a fresh instance takes the last good dataset and chart back
// (recoverNow), the message stays on show and the form keeps its edits.
//
// createStudio({els, factory}) → the test API (window.evStudio):
//   ready                    Promise: engine loaded, saved state restored
//   load(fileOrText, {name, smallBytes}) → Promise<{ok, via?, rows?, ms?, code?, message?}>
//                            (smallBytes: inputs under it are read on the page's
//                            thread, the rest in the worker; 1 MiB by default)
//   loadUrl(url)             → the same, for a web address
//   lastResult(), busy(), cancel(), progress()
//   description()            the current (last good) description, a copy
//   published()              what is drawn and published: its complete views
//   edit(patch)              applies patch to the current view → {ok, error}
//   editChart(fn)            description → description; → {ok, error}
//   applyJson(text, {source}) → Promise<{ok, error?, line?, column?}>: the
//                            whole description as JSON text (the "Edit as
//                            JSON" editor and "Open description…",
//                            json-editor.js): parsed (a syntax error located,
//                            json-text.js), then checked and drawn like every
//                            edit; a text that fails changes nothing (the
//                            last good description, chart, form and what the
//                            browser keeps stay)
//   jsonText()               the description the form holds, as the editor shows it
//   descriptionFile()        {name, text} | null: the last good description as a file
//   setLocale(l), selectView(i), addView()
//   viewData()               the current view's numbers {x, y, series, rows}
//   summary()                the dataset summary (summary.js)
//   errors()                 {load, check} texts shown in the page
//   chart()                  the chart's mount (app/chart-mount.js: marks(), model(), …)
//   openLink(hash)           → Promise<{ok, message?}>: opens a '#c=' link
//   links()                  → Promise<{share, studio, embed, hasData, description}>
//   csvText(), pngBlob(), offlineHtml()   the publish outputs
//   timing()                 {loadStart, firstChart} (performance.now ms) of the last load
//   engineMemory()           bytes of WASM memory held by the page's engine
//   engineLiveObjects()      the page's engine's live handles
//   forget()                 → Promise: this browser keeps nothing (the page stays)
//   kept()                   → Promise: settles once the last loaded dataset is
//                            written to this browser (or the write failed)

import { createEngine } from '../../engine/engine.js';
import { SMALL_BYTES, ingestFile, maxFileBytes } from '../big-ingest.js';
import { newDescription, updateView } from './describe.js';
import { datasetUrlFor, explainLoadError } from './load-hints.js';
import { bindLoadControls, fetchDataset } from './load.js';
import { renderSummary, summarize } from './summary.js';
import { createPreview, drawable, viewData } from './preview.js';
import { createEditor } from './editor.js';
import { createJsonEditor } from './json-editor.js';
import { descriptionFileName, jsonEditProblem, parseDescriptionText } from './json-text.js';
import { createPublish } from './publish.js';
import { loadData, loadDescription, saveData, saveDescription, clearAll } from './store.js';
import { decodeChartLink, linkValueFromHash } from '../../core/chart-link.js';
import { byteText as mb, countText as count, limitText } from '../../core/bytes.js';

const HEAD_BYTES = 2048;

export function createStudio({ els, factory }) {
  let engine = null;
  let data = null; // {dataset, name, blob, summary}
  let description = null; // the last good description
  let locale = 'en';
  let viewIndex = 0;
  let loading = null;
  let lastResult = null;
  let progressLog = [];
  let current = null; // the current view's numbers
  let timing = { loadStart: NaN, firstChart: NaN };
  let datasetUrl = null; // where the data came from, when a web address
  let kept = Promise.resolve(); // the last dataset write to this browser (store.js)
  const errors = { load: '', check: '', json: '' };

  // the chart's own language switch moves the form's locale with it
  const preview = createPreview({
    host: els.chartHost,
    onLocale: (l) => {
      if (l === locale || !description || !description.locales.includes(l)) return;
      locale = l;
      editor.show({ description: pending || description, locale, viewIndex, summary: data ? data.summary : null });
      persist();
    },
  });
  const editor = createEditor({ els, onChange: (next, why, index) => apply(next, why, index ?? null), onView: (i) => selectView(i), onLocale: (l) => setLocale(l) });
  const publish = createPublish({
    els,
    state: () => ({ engine, data, description: publishable, locale, viewIndex: publishable ? Math.max(0, publishable.views.findIndex((v) => v.id === (description.views[viewIndex] || {}).id)) : 0, current, datasetUrl }),
  });

  function setLoadError(text) {
    errors.load = text;
    els.loadError.textContent = text;
  }
  function setCheckError(text) {
    errors.check = text;
    els.checkError.textContent = text;
  }
  const setStatus = (t) => { els.status.textContent = t; };

  // ---- checking and drawing ---------------------------------------------

  // Checks `next` against the dataset (engine.checkChart, then the current
  // view's query) and draws its current view. On success it becomes the
  // description; otherwise it is kept as the edited description (the form
  // and the browser's storage keep it) and the error is shown next to the
  // form, while the last good description and chart stay.
  // One change at a time: each waits for the one before (a draw is async),
  // so a later change never works from a state an earlier one replaces.
  let queue = Promise.resolve();
  function enqueue(task) {
    const run = queue.then(task);
    queue = run.catch(() => {});
    return run;
  }
  function apply(next, why = 'edit', index = null) {
    return enqueue(() => applyNow(typeof next === 'function' ? next() : next, why, index));
  }

  // `strict` (a JSON edit): a description that does not check or draw is
  // not kept (the text stays in the JSON editor instead); the view shown
  // and everything else stay as they were.
  async function applyNow(next, why, index, strict = false) {
    const viewBefore = viewIndex;
    if (index !== null) viewIndex = index;
    viewIndex = Math.max(0, Math.min(viewIndex, next.views.length - 1));
    const keepEdited = (message) => {
      if (strict) {
        viewIndex = viewBefore;
        return { ok: false, error: message || 'Load the chart\'s dataset first (1. Data): a description is checked against the data it draws.' };
      }
      pending = next;
      editor.show({ description: next, locale, viewIndex, summary: data ? data.summary : null });
      persist(next);
      setCheckError(message);
      return { ok: false, error: message };
    };
    if (!data) return keepEdited('');
    // a JSON edit while a view still being set up is selected: the first
    // complete view is shown (the edit itself may lie anywhere)
    if (strict && !drawable(next.views[viewIndex])) {
      const first = next.views.findIndex(drawable);
      if (first >= 0) viewIndex = first;
    }
    const view = next.views[viewIndex];
    if (!drawable(view)) {
      return keepEdited(`views[${viewIndex}]: ${view.mark === 'map' ? 'choose the country column and a y' : 'choose an x and a y'} (or the count aggregate) to draw this view.${description ? ' The chart shows the last good version.' : ''}`);
    }
    // views still being set up (no x or y yet) are left out of what is
    // checked, drawn and published until they are complete
    const complete = { ...next, views: next.views.filter(drawable) };
    let d;
    try {
      engine.checkChart(complete, data.dataset);
      d = viewData(engine, data.dataset, view);
    } catch (e) {
      const msg = e && e.message ? e.message : String(e);
      if (engineLost(e)) return recoverNow(`The engine stopped while checking the chart: ${msg}.`, next);
      return keepEdited(`${renumber(msg, next, complete)}${description ? ' — the chart shows the last good version.' : ''}`);
    }
    try {
      await preview.render({ engine, dataset: data.dataset, description: complete, locale: next.locales.includes(locale) ? locale : next.locales[0], viewId: view.id });
    } catch (e) {
      const msg = e && e.message ? e.message : String(e);
      if (engineLost(e)) return recoverNow(`The engine stopped while drawing the chart: ${msg}.`, next);
      return keepEdited(`The chart could not be drawn: ${renumber(msg, next, complete)}`);
    }
    description = next;
    publishable = complete;
    pending = null;
    current = d;
    if (!next.locales.includes(locale)) locale = next.locales[0];
    editor.show({ description, locale, viewIndex, summary: data.summary });
    persist();
    setCheckError('');
    els.descriptionJson.textContent = JSON.stringify(publishable, null, 2);
    if (Number.isNaN(timing.firstChart)) timing.firstChart = performance.now();
    return { ok: true, why };
  }

  // ---- recovery ------------------------------------------------------------

  // Whether the page's engine is lost after error e: a trap leaves it dead;
  // after NOMEM it keeps its grown memory (WASM memory never shrinks), so
  // it is discarded like one that trapped (as app/graphic.js does).
  function engineLost(e) {
    if (e && e.code === 'NOMEM' && engine && !engine.dead) engine.discard('the engine ran out of memory');
    return Boolean(engine && engine.dead);
  }

  // After the page's engine died: a fresh instance, the last good dataset
  // read into it again from the kept bytes, its summary, and the last good
  // description checked and drawn. `edited` (the description being edited
  // when the engine died) stays in the form and the browser's storage, not
  // drawn, so that nothing built is lost and a change that crashed the
  // engine is not run again by itself. `why` stays on show in the load error
  // line with what was restored. Runs inside the change queue (callers are
  // queued tasks, or ingest through enqueue); a failure while recovering is
  // shown, never retried in a loop.
  let recovering = false;
  async function recoverNow(why, edited = null) {
    const result = { ok: false, code: 'ENGINE', error: why, message: why };
    if (recovering) return result;
    recovering = true;
    try {
      const lost = data;
      engine = await createEngine({ factory });
      data = null;
      current = null;
      preview.destroy();
      if (!lost) {
        setLoadError(`${why} The studio started a fresh engine.`);
        return result;
      }
      const r = await ingestFile(lost.blob, { engine });
      data = { dataset: r.dataset, name: lost.name, blob: lost.blob, summary: summarize(engine, r.dataset) };
      renderSummary(els.summaryBody, data.summary);
      const good = description || edited;
      const at = viewIndex;
      if (good) await applyNow(good, 'recover', null);
      if (engine.dead) throw new Error('the fresh engine stopped too');
      if (edited && edited !== good) {
        pending = edited;
        viewIndex = Math.min(at, edited.views.length - 1);
        editor.show({ description: edited, locale, viewIndex, summary: data.summary });
        persist(edited);
        setCheckError('Your last change is kept in the form but not drawn: the engine stopped on it. The chart shows the last good version.');
      }
      setLoadError(`${why} The studio started a fresh engine and reloaded ${lost.name} and your chart.`);
      return result;
    } catch (e) {
      setLoadError(`${why} Restarting the engine failed too: ${e && e.message ? e.message : String(e)}. Reload the page; your chart is kept in this browser.`);
      return result;
    } finally {
      recovering = false;
    }
  }

  let pending = null; // an edited description that did not check (kept, not drawn)
  let publishable = null; // the last good description's complete views: what is drawn and published

  // An engine message about views[i] of the complete views, renumbered to
  // the view's place in the form.
  function renumber(msg, full, complete) {
    return msg.replace(/^views\[(\d+)\]/, (m, i) => {
      const v = complete.views[Number(i)];
      const j = v ? full.views.indexOf(v) : -1;
      return j >= 0 ? `views[${j}]` : m;
    });
  }
  function persist(next = pending || description) {
    if (!next) return;
    const r = saveDescription({ description: next, locale, viewIndex });
    if (!r.ok) els.publishStatus.textContent = r.message;
  }

  // ---- the description as JSON (json-editor.js) -----------------------------

  async function applyJson(text, { source = 'the JSON editor' } = {}) {
    await ready0;
    const parsed = parseDescriptionText(text);
    // the check's and the drawing's messages say that the last good chart
    // stays (applyNow); a text that never reaches them says it here
    const kept = description ? ' Nothing was changed; the chart shows the last good version.' : '';
    let r;
    if (!parsed.ok) {
      r = { ok: false, error: `${parsed.message}${kept}`, line: parsed.line, column: parsed.column, offset: parsed.offset };
    } else {
      const problem = jsonEditProblem(parsed.value, current0(), drawable);
      r = problem
        ? { ok: false, error: `${problem}${kept}` }
        : await enqueue(() => applyNow(parsed.value, 'json', null, true));
    }
    errors.json = r.ok ? '' : `${source === 'the JSON editor' ? '' : `${source}: `}${r.error}`;
    return r.ok ? { ok: true } : { ...r, error: errors.json };
  }

  function descriptionFile() {
    if (!description) return null;
    return { name: descriptionFileName(description, locale), text: `${JSON.stringify(description, null, 2)}\n` };
  }

  function selectView(i) {
    return apply(() => pending || description, 'view', i);
  }
  function setLocale(l) {
    return enqueue(() => {
      locale = l;
      return applyNow(pending || description, 'locale', null);
    });
  }

  // ---- loading -------------------------------------------------------------

  function showProgress({ bytes, total, rows }) {
    progressLog.push({ bytes, total, rows });
    els.progressBar.value = total > 0 ? bytes / total : 1;
    els.progressText.textContent = `${mb(bytes)} of ${mb(total)} read${rows == null ? '' : ` · ${count(rows)} rows`}`;
  }

  async function headOf(input) {
    try {
      if (typeof input === 'string') return input.slice(0, HEAD_BYTES);
      return await input.slice(0, HEAD_BYTES).text();
    } catch {
      return '';
    }
  }

  // A dataset in; the description is fitted to it (a fresh one when the
  // current one names tables it lacks) unless `keepDescription`.
  async function ingest(input, { name, keep = true, store = true, keepDescription = false, smallBytes = SMALL_BYTES } = {}) {
    await ready0;
    if (loading) loading.abort();
    const controller = new AbortController();
    loading = controller;
    progressLog = [];
    timing = { loadStart: performance.now(), firstChart: NaN };
    setLoadError('');
    setStatus(`Loading ${name}…`);
    els.progress.hidden = false;
    els.progressBar.value = 0;
    els.progressText.textContent = '';
    els.cancel.disabled = false;
    els.root.setAttribute('aria-busy', 'true');
    const blob = typeof input === 'string' ? new Blob([input], { type: 'application/json' }) : input;
    try {
      const r = await ingestFile(blob, { engine, signal: controller.signal, onProgress: showProgress, smallBytes });
      if (loading !== controller) {
        r.dataset.free();
        return { ok: false, code: 'CANCELLED', message: 'replaced by a later load' };
      }
      let summary;
      try {
        summary = summarize(engine, r.dataset);
      } catch (e) {
        r.dataset.free();
        throw e;
      }
      const old = data;
      data = { dataset: r.dataset, name, blob, summary };
      datasetUrl = null;
      if (old) old.dataset.free();
      renderSummary(els.summaryBody, summary);
      els.summary.hidden = false;
      setStatus(`Loaded ${name}: ${summary.length} ${summary.length === 1 ? 'table' : 'tables'}, ${count(r.rows)} rows (${mb(r.bytes)}) in ${(r.ms / 1000).toFixed(2)} s${r.via === 'worker' ? ', read in the background' : ''}.`);
      if (store && keep) {
        kept = saveData({ blob, name }).then((s) => { if (!s.ok) els.publishStatus.textContent = s.message; });
      }
      let next = pending || description;
      let fresh = '';
      if (!next) {
        next = fitDescription(summary);
      } else if (!keepDescription && !fits(next)) {
        next = fitDescription(summary);
        fresh = ' Your previous chart does not fit this data, so a new one was started.';
      }
      if (fresh) setStatus(`${els.status.textContent}${fresh}`);
      await apply(next, 'load');
      return { ok: true, via: r.via, bytes: r.bytes, rows: r.rows, ms: r.ms, workerMs: r.workerMs ?? null };
    } catch (e) {
      const code = e && e.code ? e.code : 'LOAD';
      const message = e && e.message ? e.message : String(e);
      if (loading !== controller) return { ok: false, code, message };
      if (code === 'CANCELLED') {
        setStatus(`Cancelled loading ${name}; nothing was kept.${data ? ` The studio still has ${data.name}.` : ''}`);
      } else if (engineLost(e)) {
        setStatus('');
        const text = explainLoadError(e, { name, head: await headOf(blob) });
        await enqueue(() => recoverNow(text, pending || description));
      } else {
        setStatus('');
        const text = explainLoadError(e, { name, head: await headOf(blob) });
        setLoadError(`${text}${data ? ` The studio still has ${data.name} and your chart.` : ''}`);
      }
      return { ok: false, code, message };
    } finally {
      if (loading === controller) {
        loading = null;
        els.progress.hidden = true;
        els.root.removeAttribute('aria-busy');
      }
    }
  }

  // Whether every view of `d` runs on the loaded data.
  function fits(d) {
    try {
      const complete = { ...d, views: d.views.filter(drawable) };
      if (complete.views.length === 0) return false;
      engine.checkChart(complete, data.dataset);
      for (const v of complete.views) {
        const charts = Array.isArray(v.panels) && v.panels.length ? v.panels : [v];
        if (!charts.every((c) => data.dataset.has(c.table))) return false;
        viewData(engine, data.dataset, v);
      }
      return true;
    } catch {
      return false;
    }
  }

  // A first view for a dataset: the first table; bars of the count of rows
  // by its first string column of at most 30 values (else a line of the
  // mean of its second number column by its first).
  function fitDescription(summary) {
    const t = summary[0];
    const d = newDescription({ table: t.name });
    // a category column with few values (counted by the engine) makes a readable first chart
    const ref = data.dataset.table(t.name);
    const str = t.columns.filter((c) => c.type === 'string' || c.type === 'boolean')
      .find((c) => engine.query(ref, { groupBy: [c.name], aggregates: [{ op: 'count', as: 'n' }] }).rowCount <= 30);
    const nums = t.columns.filter((c) => c.type === 'number');
    const v = d.views[0];
    if (str) {
      v.x = { column: str.name };
    } else if (nums.length >= 2) {
      v.mark = 'line';
      v.x = { column: nums[0].name };
      v.y = { column: nums[1].name, aggregate: 'mean' };
    }
    return d;
  }

  async function load(input, { name, smallBytes } = {}) {
    const label = name || (typeof input === 'string' ? 'the pasted text' : input.name || 'the file');
    lastResult = await ingest(input, { name: label, ...(smallBytes === undefined ? {} : { smallBytes }) });
    return lastResult;
  }

  async function loadUrl(url) {
    await ready0;
    setLoadError('');
    setStatus(`Fetching ${url}…`);
    let got;
    try {
      got = await fetchDataset(url, document.baseURI);
    } catch (e) {
      setStatus('');
      setLoadError(`${e.message}${data ? ` The studio still has ${data.name} and your chart.` : ''}`);
      lastResult = { ok: false, code: e.code, message: e.message };
      return lastResult;
    }
    lastResult = await ingest(got.blob, { name: got.url });
    if (lastResult.ok) datasetUrl = datasetUrlFor(got.url, document.baseURI);
    return lastResult;
  }

  function cancel() {
    if (loading) {
      els.cancel.disabled = true;
      loading.abort();
    }
  }

  // ---- links ----------------------------------------------------------------

  async function openLink(hash) {
    const value = linkValueFromHash(hash);
    if (value === null) return { ok: false, message: 'no chart link (#c=…) in this address' };
    let payload;
    try {
      payload = await decodeChartLink(value);
    } catch (e) {
      const message = `${e.message}${description ? ' The studio keeps the chart it had.' : ''}`;
      setLoadError(message);
      return { ok: false, message };
    }
    const desc = payload.description;
    if (!desc || !Array.isArray(desc.views) || desc.views.length === 0) {
      const message = 'This chart link does not hold a chart with views.';
      setLoadError(message);
      return { ok: false, message };
    }
    viewIndex = 0;
    if (Object.hasOwn(payload, 'data')) {
      pending = desc;
      const text = typeof payload.data === 'string' ? payload.data : JSON.stringify(payload.data);
      const r = await ingest(text, { name: 'the data in the link', keepDescription: true });
      lastResult = r;
      return r.ok ? { ok: errors.check === '', message: errors.check } : { ok: false, message: errors.load };
    }
    if (desc.dataset && typeof desc.dataset.url === 'string') {
      pending = desc;
      const r = await loadUrlKeeping(desc.dataset.url);
      if (r.ok) datasetUrl = desc.dataset.url;
      return r.ok ? { ok: errors.check === '', message: errors.check } : { ok: false, message: errors.load };
    }
    const r = await apply(desc, 'link');
    return { ok: r.ok, message: r.error };
  }

  // The data of an opened link, from its dataset.url; the link's
  // description is already pending.
  async function loadUrlKeeping(url) {
    try {
      const got = await fetchDataset(url, document.baseURI);
      return ingest(got.blob, { name: got.url, keepDescription: true });
    } catch (e) {
      setLoadError(`The chart's data could not be loaded. ${e.message}`);
      return { ok: false };
    }
  }

  // ---- start -------------------------------------------------------------

  const ready0 = (async () => {
    engine = await createEngine({ factory });
    els.limitText.textContent = limitText(maxFileBytes(engine));
  })();

  const ready = (async () => {
    await ready0;
    const link = linkValueFromHash(location.hash);
    if (link !== null) {
      const r = await openLink(location.hash);
      if (r.ok || data) return;
    }
    const saved = loadDescription();
    if (saved && saved.description && Array.isArray(saved.description.views)) {
      description = saved.description;
      locale = typeof saved.locale === 'string' && description.locales.includes(saved.locale) ? saved.locale : description.locales[0];
      viewIndex = Number.isInteger(saved.viewIndex) ? saved.viewIndex : 0;
    }
    const kept = await loadData();
    if (kept) {
      await ingest(kept.blob, { name: kept.name || 'the kept data', store: false, keepDescription: true });
      if (data) setStatus(`Restored ${data.name} and your chart from this browser's storage.`);
      else if (description) editor.show({ description, locale, viewIndex, summary: null });
    } else if (description) {
      editor.show({ description, locale, viewIndex, summary: null });
    } else {
      editor.show({ description: newDescription(), locale, viewIndex: 0, summary: null });
    }
  })();

  els.forget.addEventListener('click', async () => {
    await clearAll();
    els.publishStatus.textContent = 'This browser no longer keeps your chart or data (what is on the page stays until you leave).';
  });

  bindLoadControls(els, { load, loadUrl, cancel });
  createJsonEditor({
    els,
    text: () => JSON.stringify(current0() || newDescription(), null, 2),
    apply: applyJson,
    file: descriptionFile,
  });
  window.addEventListener('hashchange', () => {
    if (linkValueFromHash(location.hash) !== null) openLink(location.hash);
  });

  const current0 = () => pending || description;
  return {
    ready,
    load,
    loadUrl,
    lastResult: () => lastResult,
    busy: () => loading !== null,
    cancel,
    progress: () => progressLog.slice(),
    description: () => (description ? structuredClone(description) : null),
    published: () => (publishable ? structuredClone(publishable) : null),
    edited: () => (current0() ? structuredClone(current0()) : null),
    edit: (patch) => apply(() => updateView(current0(), viewIndex, patch), 'edit'),
    editChart: (fn) => apply(() => fn(structuredClone(current0())), 'edit'),
    applyJson,
    jsonText: () => JSON.stringify(current0() || newDescription(), null, 2),
    descriptionFile,
    kept: () => kept,
    setLocale,
    selectView,
    addView: () => editor.addView(),
    viewData: () => (current ? { x: current.x, y: current.y, series: current.series, rows: current.rows.map((r) => ({ ...r })) } : null),
    summary: () => (data ? structuredClone(data.summary) : null),
    errors: () => ({ ...errors }),
    chart: () => preview.mount(),
    openLink,
    links: () => publish.links(),
    csvText: () => publish.csv(),
    pngBlob: () => publish.png(),
    offlineHtml: () => publish.offline(),
    timing: () => ({ ...timing }),
    engineLiveObjects: () => engine.liveObjects(),
    engineMemory: () => (engine && !engine.dead ? engine.memoryBytes : 0),
    forget: () => clearAll(),
  };
}
