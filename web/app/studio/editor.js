// editor.js — the studio's form: the view tabs, the locale switch and the
// fields of the current view. It shows a description (show) and turns each
// edit into a new description (describe.js) handed to onChange; it never
// checks or draws (app.js does).
//
// createEditor({els, onChange(description, why, viewIndex?), onView(index),
//   onLocale(locale)}) → {show({description, locale, viewIndex, summary}),
//   addView()}
//   show fills every control from the description: Text fields in `locale`,
//   the column lists from the summary's table (a column the description
//   names but the table lacks is listed as "(missing)"), the filter list,
//   the map's key and projection (for the map mark, in place of x), the
//   series' labels and order and the annotations (text areas, one a line,
//   their texts in `locale`), the derive step's settings (ratio's
//   denominator, index's base). Languages are added (a tag) and removed
//   (the current one, not the default) here; each Text field then edits the
//   chosen language's entry.
//   A view with panels shows a note (els.panelsNote) in place of its chart
//   settings (els.specFieldsets, the axis labels and the unit, which are
//   each panel's, are hidden): its panels are edited as JSON
//   (json-editor.js); its other Text fields still edit the view.
//   Tabs follow the WAI-ARIA tabs pattern (arrow keys, Home, End).

import {
  AGGREGATES, FilterError, addLocale, annotationsText, deriveOf, filterText, nextViewId, newView, parseAnnotations, parseFilter,
  parseSeriesLines, removeLocale, seriesLinesText, setText, textIn, updateView, withDerive,
} from './describe.js';

const LOCALE_NAMES = { en: 'English', zh: '中文 (Chinese)' };

// A tag's language in its own words, with the tag ('français (fr)'); the
// tag alone where the browser cannot name it.
function languageName(tag) {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text != null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function fill(select, options, chosen) {
  select.replaceChildren(...options.map(([value, text]) => {
    const o = el('option', text);
    o.value = value;
    return o;
  }));
  select.value = chosen ?? '';
}

export function createEditor({ els, onChange, onView, onLocale }) {
  let st = null; // {description, locale, viewIndex, summary}

  const view = () => st.description.views[st.viewIndex];
  const dl = () => st.description.locales[0];
  const tableSummary = () => (st.summary ? st.summary.find((t) => t.name === view().table) || null : null);

  function change(patch, why) {
    onChange(updateView(st.description, st.viewIndex, patch), why);
  }
  function changeChart(fn, why) {
    onChange(fn(st.description), why);
  }

  function columnOptions(types, chosen, none) {
    const t = tableSummary();
    const cols = t ? t.columns.filter((c) => types.includes(c.type)) : [];
    const opts = none ? [['', none]] : [];
    for (const c of cols) opts.push([c.name, `${c.name} (${c.type})`]);
    if (chosen && !cols.some((c) => c.name === chosen)) opts.push([chosen, `${chosen} (missing)`]);
    return opts;
  }

  function renderTabs() {
    const tabs = st.description.views.map((v, i) => {
      const b = el('button', textIn(v.tab, st.locale, dl()) || textIn(v.title, st.locale, dl()) || v.id, {
        type: 'button', role: 'tab', id: `view-tab-${i}`, 'aria-selected': String(i === st.viewIndex), tabindex: i === st.viewIndex ? '0' : '-1',
        'aria-controls': 'editor',
      });
      b.addEventListener('click', () => onView(i));
      return b;
    });
    els.viewTabs.replaceChildren(...tabs);
    els.viewRemove.disabled = st.description.views.length <= 1;
    els.viewAdd.disabled = st.description.views.length >= 16;
  }

  els.viewTabs.addEventListener('keydown', (e) => {
    const n = st.description.views.length;
    let i = st.viewIndex;
    if (e.key === 'ArrowRight') i = (i + 1) % n;
    else if (e.key === 'ArrowLeft') i = (i - 1 + n) % n;
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = n - 1;
    else return;
    e.preventDefault();
    Promise.resolve(onView(i)).then(() => document.getElementById(`view-tab-${i}`)?.focus());
  });

  function renderFilters() {
    const items = (view().filters || []).map((f, i) => {
      const { kind, text } = filterText(f);
      const words = { eq: 'equals', in: 'is one of', range: 'is in' }[kind];
      const li = el('li');
      li.append(el('span', `${f.column} ${words} ${text}`));
      const rm = el('button', 'Remove', { type: 'button', 'aria-label': `Remove filter: ${f.column} ${words} ${text}` });
      rm.addEventListener('click', () => {
        const filters = view().filters.filter((_, j) => j !== i);
        change({ filters: filters.length ? filters : undefined }, 'filter');
        els.filterColumn.focus();
      });
      li.append(rm);
      return li;
    });
    els.filterList.replaceChildren(...items);
  }

  function show(next) {
    st = next;
    const v = view();
    // a view with panels (data/CHART_FORMAT.md) is edited as JSON; the form
    // keeps its texts (titles, tab, notes, sources) and the view tabs
    const panels = Array.isArray(v.panels) && v.panels.length > 0;
    els.panelsNote.hidden = !panels;
    els.panelsNote.textContent = panels
      ? `This view has ${v.panels.length} ${v.panels.length === 1 ? 'panel' : 'panels'} (${v.panels.map((p) => p.id).join(', ')}): what they draw is edited with "Edit as JSON" (3. Publish); the texts below still apply to the view.`
      : '';
    for (const f of els.specFieldsets) f.hidden = panels;
    // axis labels and the unit belong to each panel's x and y
    for (const input of [els.xLabel, els.yLabel, els.yUnit]) {
      input.hidden = panels;
      const label = input.labels && input.labels[0];
      if (label) label.hidden = panels;
    }
    const y = v.y || {};
    fill(els.locale, st.description.locales.map((l) => [l, LOCALE_NAMES[l] || languageName(l)]), st.locale);
    els.chartTitle.value = textIn(st.description.title, st.locale, dl());
    els.viewTitle.value = textIn(v.title, st.locale, dl());
    els.viewTabLabel.value = textIn(v.tab, st.locale, dl());
    els.viewSubtitle.value = textIn(v.subtitle, st.locale, dl());
    els.xLabel.value = textIn(v.x && v.x.label, st.locale, dl());
    els.yLabel.value = textIn(y.label, st.locale, dl());
    els.yUnit.value = textIn(y.unit, st.locale, dl());
    els.viewNotes.value = (v.notes || []).map((n) => textIn(n, st.locale, dl())).join('\n');
    els.viewSources.value = (v.sources || []).map((s) => [textIn(s.name, st.locale, dl()), s.url].filter(Boolean).join(' ')).join('\n');
    const tables = st.summary ? st.summary.map((t) => t.name) : [];
    const topts = tables.map((t) => [t, t]);
    if (!tables.includes(v.table)) topts.push([v.table, `${v.table} (missing)`]);
    fill(els.table, topts, v.table);
    els.mark.value = v.mark;
    const isMap = v.mark === 'map';
    els.mapSettings.hidden = !isMap;
    els.xSettings.hidden = isMap;
    fill(els.mapKey, columnOptions(['string'], v.map && v.map.key, '(choose)'), v.map ? v.map.key : '');
    els.mapProjection.value = (v.map && v.map.projection) || 'equal-earth';
    const xTypes = v.mark === 'line' || v.mark === 'point' ? ['number'] : ['string', 'number', 'boolean'];
    fill(els.x, columnOptions(xTypes, v.x && v.x.column, '(choose)'), v.x && v.x.column);
    els.yAggregate.value = y.aggregate || '';
    const derived = deriveOf(v);
    let yBase = derived ? v.derive.find((d) => d.as === y.column).column : y.column;
    if (derived && yBase === 'count' && y.aggregate === 'count') yBase = ''; // the count of rows
    fill(els.y, columnOptions(['number'], yBase, y.aggregate === 'count' ? '(rows)' : '(choose)'), yBase || '');
    els.derive.value = derived;
    const dstep = derived ? v.derive[0].step : undefined;
    if (dstep !== undefined) els.deriveStep.value = String(dstep);
    if (derived === 'ratio') els.deriveDenominator.value = String(v.derive[0].denominator);
    if (derived === 'index') els.deriveBase.value = String(v.derive[0].base);
    els.seriesLines.value = seriesLinesText(v.series, st.locale, dl());
    els.seriesLines.disabled = !v.series;
    els.annotations.value = annotationsText(v.annotations, st.locale, dl());
    els.annotations.disabled = isMap;
    els.localeRemove.disabled = st.locale === dl();
    fill(els.series, columnOptions(['string', 'number', 'boolean'], v.series && v.series.column, '(none)'), v.series ? v.series.column : '');
    els.log.checked = y.scale === 'log';
    fill(els.filterColumn, columnOptions(['string', 'number', 'boolean'], null, null), els.filterColumn.value);
    els.trend.value = v.trend ? v.trend.method : '';
    els.trend.disabled = v.mark !== 'line';
    els.trendHorizon.value = v.trend ? String(v.trend.horizon) : els.trendHorizon.value || '5';
    els.trendHorizon.disabled = v.mark !== 'line';
    renderTabs();
    renderFilters();
  }

  // Text fields: each edits the current locale's entry of its Text.
  const textField = (input, get, put) => input.addEventListener('change', () => {
    put(setText(get(), st.locale, input.value, dl()));
  });
  textField(els.chartTitle, () => st.description.title, (t) => changeChart((d) => ({ ...d, title: t ?? { [dl()]: '' } }), 'title'));
  textField(els.viewTitle, () => view().title, (t) => change({ title: t ?? { [dl()]: '' } }, 'title'));
  textField(els.viewTabLabel, () => view().tab, (t) => change({ tab: t }, 'tab'));
  textField(els.viewSubtitle, () => view().subtitle, (t) => change({ subtitle: t }, 'subtitle'));
  textField(els.xLabel, () => view().x && view().x.label, (t) => change({ x: { ...view().x, label: t } }, 'label'));
  textField(els.yLabel, () => view().y && view().y.label, (t) => change({ y: { ...view().y, label: t } }, 'label'));
  textField(els.yUnit, () => view().y && view().y.unit, (t) => change({ y: { ...view().y, unit: t } }, 'unit'));

  // Notes and sources: one a line; line i edits entry i in this locale.
  els.viewNotes.addEventListener('change', () => {
    const lines = els.viewNotes.value.split('\n').map((s) => s.trim()).filter(Boolean);
    const old = view().notes || [];
    const notes = lines.map((line, i) => setText(old[i], st.locale, line, dl()));
    change({ notes: notes.length ? notes : undefined }, 'notes');
  });
  els.viewSources.addEventListener('change', () => {
    const lines = els.viewSources.value.split('\n').map((s) => s.trim()).filter(Boolean);
    const old = view().sources || [];
    const sources = lines.map((line, i) => {
      const m = /^(.*?)(?:\s+(https?:\/\/\S+))?$/.exec(line);
      const s = { name: setText(old[i] && old[i].name, st.locale, m[1] || line, dl()) };
      if (m[2]) s.url = m[2];
      return s;
    });
    change({ sources: sources.length ? sources : undefined }, 'sources');
  });

  els.locale.addEventListener('change', () => onLocale(els.locale.value));
  els.table.addEventListener('change', () => {
    const isMap = view().mark === 'map';
    const at = isMap ? { x: undefined, map: { ...view().map, key: '' } } : { x: { column: '' } };
    change({ table: els.table.value, ...at, y: { aggregate: 'count' }, series: undefined, filters: undefined, derive: undefined, annotations: undefined }, 'table');
  });
  els.mark.addEventListener('change', () => {
    const mark = els.mark.value;
    const patch = { mark };
    if (mark !== 'line') patch.trend = undefined;
    const t = tableSummary();
    const xcol = t && t.columns.find((c) => c.name === (view().x && view().x.column));
    if ((mark === 'line' || mark === 'point') && xcol && xcol.type !== 'number') patch.x = { column: '' };
    if (mark === 'map') {
      // a circle per country: the key column in place of x; no annotations
      const key = t && t.columns.find((c) => c.type === 'string' && /iso|alpha.?3|code/i.test(c.name));
      Object.assign(patch, { x: undefined, map: { key: key ? key.name : '' }, annotations: undefined, derive: undefined });
      patch.y = withDerive(view(), '').y;
    } else if (view().mark === 'map') {
      Object.assign(patch, { map: undefined, x: { column: '' }, derive: undefined });
      patch.y = withDerive(view(), '').y;
    }
    change(patch, 'mark');
  });
  els.mapKey.addEventListener('change', () => change({ map: { ...view().map, key: els.mapKey.value } }, 'map'));
  els.mapProjection.addEventListener('change', () => change({ map: { ...view().map, projection: els.mapProjection.value } }, 'map'));

  const formError = (e) => {
    if (!(e instanceof FilterError)) throw e;
    els.checkError.textContent = e.message;
  };
  const columnType = (name) => {
    const t = tableSummary();
    const c = t && name ? t.columns.find((col) => col.name === name) : null;
    return c ? c.type : 'string';
  };
  els.seriesLines.addEventListener('change', () => {
    const v = view();
    if (!v.series) return;
    try {
      const { order, labels } = parseSeriesLines(els.seriesLines.value, v.series, { type: columnType(v.series.column), locale: st.locale, defaultLocale: dl() });
      const series = { column: v.series.column };
      if (order) series.order = order;
      if (labels) series.labels = labels;
      change({ series }, 'series-labels');
    } catch (e) {
      formError(e);
    }
  });
  els.annotations.addEventListener('change', () => {
    const v = view();
    try {
      const annotations = parseAnnotations(els.annotations.value, v.annotations || [], { xType: columnType(v.x && v.x.column), locale: st.locale, defaultLocale: dl() });
      change({ annotations }, 'annotations');
    } catch (e) {
      formError(e);
    }
  });
  els.localeAdd.addEventListener('click', () => {
    try {
      const next = addLocale(st.description, els.localeNew.value);
      const tag = next.locales[next.locales.length - 1];
      els.localeNew.value = '';
      onChange(next, 'locale-add');
      onLocale(tag);
    } catch (e) {
      formError(e);
    }
  });
  els.localeRemove.addEventListener('click', () => {
    try {
      const next = removeLocale(st.description, st.locale);
      onChange(next, 'locale-remove');
      onLocale(dl());
    } catch (e) {
      formError(e);
    }
  });
  // x or series changed: a derived series follows them (its order, partition, by)
  function changeKeepingDerive(patch, why) {
    const op = deriveOf(view());
    let next = { ...view(), ...patch };
    if (patch.series === undefined && Object.hasOwn(patch, 'series')) delete next.series;
    try {
      if (op) next = withDerive(next, op, deriveSettings(next));
    } catch { /* keep the patch alone */ }
    change({ ...patch, y: next.y, derive: next.derive }, why);
  }
  els.x.addEventListener('change', () => changeKeepingDerive({ x: { ...view().x, column: els.x.value } }, 'x'));
  els.yAggregate.addEventListener('change', () => {
    const y = { ...view().y };
    if (els.yAggregate.value) y.aggregate = els.yAggregate.value;
    else delete y.aggregate;
    if (!AGGREGATES.includes(y.aggregate) && !y.column) delete y.column;
    change({ y }, 'aggregate');
  });
  els.y.addEventListener('change', () => {
    const op = deriveOf(view());
    const y = { ...view().y };
    if (els.y.value) y.column = els.y.value;
    else delete y.column;
    const v = { ...view(), y, derive: undefined };
    let next = v;
    try {
      if (op && (y.column || y.aggregate === 'count')) next = withDerive(v, op, deriveSettings(v));
    } catch { /* the derived series is dropped with its column */ }
    change({ y: next.y, derive: next.derive }, 'y');
  });
  // the derive step's settings from the form; a ratio's denominator is a
  // value of its key column (the series, else x), read as that column's type
  function deriveSettings(v) {
    const t = tableSummary();
    const key = v.series ? v.series.column : v.mark === 'map' ? v.map && v.map.key : v.x && v.x.column;
    const col = t && t.columns.find((c) => c.name === key);
    return {
      xStep: Number(els.deriveStep.value),
      denominator: els.deriveDenominator.value,
      base: els.deriveBase.value,
      keyType: col ? col.type : 'string',
    };
  }
  for (const input of [els.deriveStep, els.deriveDenominator, els.deriveBase]) {
    input.addEventListener('change', () => {
      if (els.derive.value) els.derive.dispatchEvent(new Event('change'));
    });
  }
  els.derive.addEventListener('change', () => {
    try {
      const next = withDerive(view(), els.derive.value, deriveSettings(view()));
      change({ y: next.y, derive: next.derive }, 'derive');
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      els.derive.value = deriveOf(view());
      els.checkError.textContent = e.message;
    }
  });
  els.series.addEventListener('change', () => changeKeepingDerive({ series: els.series.value ? { column: els.series.value } : undefined }, 'series'));
  els.log.addEventListener('change', () => {
    const y = { ...view().y };
    if (els.log.checked) y.scale = 'log';
    else delete y.scale;
    change({ y }, 'scale');
  });
  const trendChange = () => {
    const method = els.trend.value;
    const horizon = Number(els.trendHorizon.value);
    change({ trend: method ? { method, horizon: Number.isInteger(horizon) && horizon >= 1 && horizon <= 50 ? horizon : 5 } : undefined }, 'trend');
  };
  els.trend.addEventListener('change', trendChange);
  els.trendHorizon.addEventListener('change', () => { if (els.trend.value) trendChange(); });

  els.filterAdd.addEventListener('click', () => {
    const t = tableSummary();
    const col = t && t.columns.find((c) => c.name === els.filterColumn.value);
    try {
      const f = parseFilter({ column: els.filterColumn.value, kind: els.filterKind.value, text: els.filterText.value, type: col ? col.type : 'string' });
      change({ filters: [...(view().filters || []), f] }, 'filter');
      els.filterText.value = '';
    } catch (e) {
      if (!(e instanceof FilterError)) throw e;
      els.checkError.textContent = e.message;
    }
  });

  function addView() {
    const id = nextViewId(st.description);
    const v = newView({ id, table: view().table });
    v.title = { [dl()]: `View ${st.description.views.length + 1}` };
    const next = { ...st.description, views: [...st.description.views, v] };
    return Promise.resolve(onChange(next, 'add-view', next.views.length - 1));
  }
  els.viewAdd.addEventListener('click', () => addView());
  els.viewRemove.addEventListener('click', () => {
    if (st.description.views.length <= 1) return;
    const i = st.viewIndex;
    const next = { ...st.description, views: st.description.views.filter((_, j) => j !== i) };
    onChange(next, 'remove-view', Math.max(0, i - 1));
  });

  els.editor.addEventListener('submit', (e) => e.preventDefault());

  return { show, addView };
}
