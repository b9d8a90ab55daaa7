// projects.js — view 4: where the money goes, from the named overseas
// `projects`.
//
// The engine groups the projects by host country, region, segment or year
// announced and returns, per group, the sum of usd_bn, the count of rows and
// the count of usd_bn values (projects without a US$ figure are counted but
// not summed). A sum that includes an approximate value is approximate.
// Projects whose primary source is rated low confidence are left out
// (shared data rule 7) and the view says how many.
// Sorting by sum or count is the engine's; by name (years: ascending, the
// engine's) it is a collation of the displayed names in the reader's
// language (Intl.Collator; the engine compares bytes and cannot know the
// Chinese names).
// The selected group lists its projects (engine filter on the group key);
// the group of rows without a key (no year) is the one case listed by a
// null check here, since a filter never matches a missing value.

import { makeMark } from '../marks.js';
import { numberLocale } from '../i18n.js';
import { fullText, periodText, qualOf, sentenceText } from '../numbers.js';
import { colourOf } from '../theme.js';
import { approxLegend, choiceControl, rows } from './common.js';

export const GROUPS = ['country', 'region', 'segment', 'year_announced'];
export const SORTS = ['sum', 'count', 'name'];
const NAME_KIND = { country: 'country', region: 'region', segment: 'segment' };
const COLUMNS = { company: 'string', country: 'string', region: 'string', segment: 'string', source: 'string' };
const OPTIONAL = {
  year_announced: 'number', usd_bn: 'number', approximate: 'boolean', status: 'string', status_zh: 'string',
  alt_values: 'json', also_sources: 'json', location: 'string', amount_local: 'string', iso3: 'string',
};
const AGG = { usd: 'number', n: 'number', valued: 'number' };

export const defaults = Object.freeze({ group: 'country', sort: 'sum', selected: null });

// Encodes a group key for state and ids: strings as they are, years as
// digits, the missing key as ''.
export const keyText = (k) => (k === null || k === undefined ? '' : String(k));

function groupName(ctx, v, col, key) {
  if (key === null) return v.noYear;
  if (col === 'year_announced') return periodText(ctx.locale, String(key));
  return ctx.name(ctx.locale, NAME_KIND[col], key);
}

function aggregate(ctx, col, eligible, sort) {
  const order = {
    sum: [{ column: 'usd', desc: true }, { column: 'n', desc: true }, { column: col }],
    count: [{ column: 'n', desc: true }, { column: 'usd', desc: true }, { column: col }],
    name: [{ column: col }],
  }[sort];
  const f = ctx.q('projects', {
    filters: eligible,
    groupBy: [col],
    aggregates: [
      { op: 'sum', column: 'usd_bn', as: 'usd' }, { op: 'count', as: 'n' }, { op: 'count', column: 'usd_bn', as: 'valued' },
    ],
    sort: order,
  });
  return rows(ctx, f, 'projects', { ...AGG, [col]: col === 'year_announced' ? 'number' : 'string' });
}

function approxGroups(ctx, col, eligible) {
  const f = ctx.q('projects', {
    filters: [...eligible, { column: 'approximate', eq: true }],
    groupBy: [col], aggregates: [{ op: 'count', column: 'usd_bn', as: 'n' }],
  });
  return new Set(rows(ctx, f, 'projects', { n: 'number' }).filter((r) => r.n > 0).map((r) => keyText(r[col])));
}

// The project list of one group (also the map's list for a country, with
// col 'iso3'): { heading, items, key }.
export function detail(ctx, v, col, eligible, selected, name) {
  const filters = selected === '' ? eligible : [...eligible, { column: col, eq: col === 'year_announced' ? Number(selected) : selected }];
  let list = rows(ctx, ctx.q('projects', { filters, sort: [{ column: 'usd_bn', desc: true }, { column: 'company' }] }),
    'projects', COLUMNS, OPTIONAL);
  if (selected === '') list = list.filter((r) => r[col] === null);
  const items = list.map((r) => {
    const value = fullText(ctx.locale, r.usd_bn, 'usd_bn', qualOf(r));
    const alts = (Array.isArray(r.alt_values) ? r.alt_values : []).map((a) => {
      const src = ctx.prov.entry(a.source);
      const q = { approximate: a.approximate === true, bound: a.bound ?? null };
      const unit = 'usd_bn' in a ? 'usd_bn' : 'eur_bn' in a ? 'eur_bn' : null;
      const text = unit ? fullText(ctx.locale, a[unit], unit, q) : `BRL ${fullText(ctx.locale, a.brl_bn, null, q)}bn`;
      return { text, source: src.publisher, low: src.confidence === 'low' };
    });
    return {
      company: ctx.name(ctx.locale, 'company', r.company),
      country: ctx.name(ctx.locale, 'country', r.iso3 ?? r.country),
      segment: ctx.name(ctx.locale, 'segment', r.segment),
      year: r.year_announced === null ? null : periodText(ctx.locale, String(r.year_announced)),
      value: r.usd_bn === null ? v.noFigure : value,
      usd: r.usd_bn,
      local: r.usd_bn === null && r.amount_local ? v.local(r.amount_local) : '',
      status: ctx.locale === 'zh' && r.status_zh ? r.status_zh : r.status ?? '',
      source: ctx.prov.entry(r.source).publisher,
      alts,
    };
  });
  return { heading: v.detailHead(name, sentenceText(ctx.locale, items.length, 'projects')), items, key: selected };
}

export function build(ctx) {
  const v = ctx.t.views.projects;
  const col = GROUPS.includes(ctx.state.group) ? ctx.state.group : defaults.group;
  const sort = SORTS.includes(ctx.state.sort) ? ctx.state.sort : defaults.sort;
  const eligible = [{ column: 'source', in: ctx.prov.ids('!low') }];
  let groups = aggregate(ctx, col, eligible, sort);
  if (sort === 'name' && col !== 'year_announced') {
    const collator = new Intl.Collator(numberLocale(ctx.locale));
    groups = groups.map((g) => ({ g, n: groupName(ctx, v, col, g[col]) }))
      .sort((a, b) => (a.g[col] === null) - (b.g[col] === null) || collator.compare(a.n, b.n)).map((x) => x.g);
  }
  const max = aggregate(ctx, col, eligible, 'sum')[0];
  const approx = approxGroups(ctx, col, eligible);
  const colour = colourOf(ctx.theme, 0);
  const panelRows = groups.map((g) => {
    const key = keyText(g[col]);
    const label = groupName(ctx, v, col, g[col]);
    const n = sentenceText(ctx.locale, g.n, null);
    const valued = sentenceText(ctx.locale, g.valued, null);
    const mark = makeMark(ctx, {
      id: `ranks/${key}`, panel: 'ranks', kind: 'hbar', key: 'usd', category: key, categoryText: label, colour,
      seriesLabel: v.valueHead, heading: label, value: g.usd, unit: 'usd_bn', q: { approximate: approx.has(key), bound: null },
      extra: [v.countLong(n, valued)],
    });
    if (mark.empty) mark.qualifier = v.countLong(n, valued);
    mark.count = g.n;
    mark.valued = g.valued;
    return { key, label, mark, count: v.count(n, valued) };
  });
  const totals = rows(ctx, ctx.q('projects', {
    filters: eligible,
    aggregates: [
      { op: 'sum', column: 'usd_bn', as: 'usd' }, { op: 'count', as: 'n' }, { op: 'count', column: 'usd_bn', as: 'valued' },
      { op: 'min', column: 'year_announced', as: 'from' }, { op: 'max', column: 'year_announced', as: 'to' },
    ],
  }), 'projects', { usd: 'number', n: 'number', valued: 'number', from: 'number', to: 'number' })[0];
  const low = rows(ctx, ctx.q('projects', {
    filters: [{ column: 'source', in: ctx.prov.ids('low') }], aggregates: [{ op: 'count', as: 'n' }],
  }), 'projects', { n: 'number' })[0];
  const countText = (x) => sentenceText(ctx.locale, x, null);
  const leader = max && max.usd !== null ? max : null;
  const selected = typeof ctx.state.selected === 'string' ? ctx.state.selected : null;
  const picked = panelRows.find((r) => r.key === selected);
  const anyApprox = panelRows.some((r) => r.mark.approximate);
  return {
    id: 'projects',
    title: v.title,
    definition: v.definition(periodText(ctx.locale, `${totals.from}-${totals.to}`)),
    finding: leader ? v.finding({
      count: countText(totals.n), valued: countText(totals.valued),
      total: sentenceText(ctx.locale, totals.usd, 'usd_bn', { approximate: approx.size > 0, bound: null }),
      leader: groupName(ctx, v, col, leader[col]),
      leaderSum: sentenceText(ctx.locale, leader.usd, 'usd_bn', { approximate: approx.has(keyText(leader[col])), bound: null }),
    }) : '',
    controls: [choiceControl('group', v.group, v.groups, col), choiceControl('sort', v.sort, v.sorts, sort)],
    legend: anyApprox ? [approxLegend(ctx)] : [],
    panels: [{
      id: 'ranks', kind: 'hbars', unit: 'usd_bn', extent: { min: 0, max: leader ? leader.usd : null },
      rows: panelRows, valueHead: v.valueHead, countHead: v.countHead, selected: picked ? picked.key : null, noFigure: v.noFigure,
    }],
    notes: [
      v.sumNote({ valued: countText(totals.valued), count: countText(totals.n) }),
      low && low.n > 0 ? v.lowNote(countText(low.n)) : '',
      anyApprox ? ctx.t.ui.approxNote : '',
      v.pick,
    ].filter(Boolean),
    sourceLine: v.sourceLine,
    detail: picked ? detail(ctx, v, col, eligible, picked.key, picked.label) : null,
    selectable: true,
    table: {
      head: [v.groups[col], v.valueHead, v.countHead],
      rows: panelRows.map((r) => ({
        id: r.mark.id,
        cells: [
          { text: r.label, header: true },
          { text: r.mark.empty ? v.noFigure : r.mark.valueText, value: r.mark.value },
          { text: r.count, value: r.mark.count },
        ],
      })),
    },
  };
}
