// map.js — view 6: the named overseas `projects` on a world map, one circle
// per host country.
//
// The engine groups the projects (those whose primary source is not rated
// low confidence, as in the projects view) by `iso3` and returns per country
// the sum of usd_bn, the count of rows and the count of usd_bn values; a
// circle's area is proportional to the sum (core/scene-map.js); a country
// whose projects have no US$ figure gets a small hollow marker. Colour: the
// country's region, or (segment) the dataset's families (`projects.segment_group`), a
// circle then divided by each segment's share of the country's sum (the
// engine's `share` derive over projects with a US$ figure).
// Countries are placed at the engine's point for their shape in world-atlas
// countries-110m (ctx.geo.points, whose ids are the ISO alpha-3 codes
// build.sh writes into its copy: tools/country-shapes.mjs);
// ctx.geo is null while the shapes load and { error } if they failed.
// Circles are in keyboard order west to east; selecting one lists its
// projects (the projects view's list).
//
// State: colour (region | segment), projection (PROJECTIONS), zoom (a key
// of ZOOMS: the box [lon0, lat0, lon1, lat1] the map is fitted to), selected
// (an iso3 code).

import { makeMark } from '../marks.js';
import { fullText, periodText, qualOf, sentenceText } from '../numbers.js';
import { colourOf } from '../theme.js';
import { approxLegend, choiceControl, rows } from './common.js';
import { detail } from './projects.js';

export const PROJECTIONS = Object.freeze(['equal-earth', 'natural-earth', 'mercator', 'equirectangular']);
export const ZOOMS = Object.freeze({
  world: Object.freeze([-180, -56, 180, 84]),
  europe: Object.freeze([-12, 27, 44, 62]),
  'southeast-asia': Object.freeze([88, -12, 132, 25]),
  americas: Object.freeze([-128, -36, -32, 52]),
});
export const COLOUR_BY = Object.freeze(['region', 'segment']);
export const defaults = Object.freeze({ colour: 'region', projection: 'equal-earth', zoom: 'world', selected: null });

const AGG = [{ op: 'sum', column: 'usd_bn', as: 'usd' }, { op: 'count', as: 'n' }, { op: 'count', column: 'usd_bn', as: 'valued' }];
const AGG_TYPES = { usd: 'number', n: 'number', valued: 'number' };
const PROJECT_COLUMNS = { company: 'string', region: 'string', segment: 'string', source: 'string' };
const PROJECT_OPTIONAL = { iso3: 'string', usd_bn: 'number', approximate: 'boolean', year_announced: 'number' };
const GROUP_ROLE = { cells: 0, assembly: 1, materials: 2, mixed: 3 };
const MAX_LINES = 5;
export const OTHER_GROUP = 'other'; // projects with no segment_group

const inBox = (p, [lon0, lat0, lon1, lat1]) => p.lon >= lon0 && p.lon <= lon1 && p.lat >= lat0 && p.lat <= lat1;
const uniqueById = (list) => list.filter((s, i) => list.findIndex((x) => x.id === s.id) === i);

function groupColour(ctx, key) {
  return Object.hasOwn(GROUP_ROLE, key) ? colourOf(ctx.theme, GROUP_ROLE[key]) : colourOf(ctx.theme, 'neutral');
}

// Per country: its segment families (the dataset's `projects.segment_group`,
// an editorial grouping; names from the `names` rows of kind
// 'segment_group', whose order is the legend's; a project with no family is
// 'other') with their sums, and the engine's share of each segment in the
// country's US$ sum (slices of the circle, one per segment, in family order).
function segmentParts(ctx, eligible) {
  const keyOf = (group) => (typeof group === 'string' ? group : OTHER_GROUP);
  const named = rows(ctx, ctx.q('names', { filters: [{ column: 'kind', eq: 'segment_group' }] }), 'names', { key: 'string' })
    .map((r) => r.key);
  const rank = (key) => (key === OTHER_GROUP ? Infinity : named.includes(key) ? named.indexOf(key) : named.length);
  const families = [...new Set(rows(ctx, ctx.q('projects', {
    filters: eligible, groupBy: ['segment_group'], aggregates: [{ op: 'count', as: 'n' }], sort: [{ column: 'segment_group' }],
  }), 'projects', { n: 'number' }, { segment_group: 'string' }).map((r) => keyOf(r.segment_group)))]
    .sort((a, b) => rank(a) - rank(b))
    .map((key) => ({ key }));
  const byFamily = { iso3: 'string', segment_group: 'string' };
  const sums = rows(ctx, ctx.q('projects', { filters: eligible, groupBy: ['iso3', 'segment_group'], aggregates: AGG }),
    'projects', AGG_TYPES, byFamily);
  const approx = new Set(rows(ctx, ctx.q('projects', {
    filters: [...eligible, { column: 'approximate', eq: true }], groupBy: ['iso3', 'segment_group'],
    aggregates: [{ op: 'count', column: 'usd_bn', as: 'n' }],
  }), 'projects', { n: 'number' }, byFamily).filter((r) => r.n > 0).map((r) => `${r.iso3}\u0000${keyOf(r.segment_group)}`));
  // each segment's family (the first, by the names order, should the data
  // put one segment in two)
  const familyOf = new Map();
  for (const r of rows(ctx, ctx.q('projects', {
    filters: eligible, groupBy: ['segment', 'segment_group'], aggregates: [{ op: 'count', as: 'n' }],
  }), 'projects', { n: 'number' }, { segment: 'string', segment_group: 'string' })
    .sort((a, b) => rank(keyOf(a.segment_group)) - rank(keyOf(b.segment_group)))) {
    if (!familyOf.has(r.segment)) familyOf.set(r.segment, keyOf(r.segment_group));
  }
  const valued = [...eligible, { column: 'usd_bn', range: [null, null] }];
  const shares = rows(ctx, ctx.q('projects', {
    filters: valued, groupBy: ['iso3', 'segment'], aggregates: [{ op: 'sum', column: 'usd_bn', as: 'usd' }],
    derive: [{ op: 'share', column: 'usd', by: ['iso3'], as: 'share' }], sort: [{ column: 'iso3' }, { column: 'segment' }],
  }), 'projects', { usd: 'number', share: 'number', segment: 'string' });
  const familyOfRow = (r) => familyOf.get(r.segment) ?? OTHER_GROUP;
  const roughSlices = new Set(rows(ctx, ctx.q('projects', {
    filters: [...valued, { column: 'approximate', eq: true }], groupBy: ['iso3', 'segment'], aggregates: [{ op: 'count', as: 'n' }],
  }), 'projects', { n: 'number', segment: 'string' }).map((r) => `${r.iso3}\u0000${r.segment}`));
  return {
    families,
    of(iso3) {
      const groups = families.map((f) => ({
        key: f.key, row: sums.find((r) => r.iso3 === iso3 && keyOf(r.segment_group) === f.key), approx: approx.has(`${iso3}\u0000${f.key}`),
      })).filter((g) => g.row && g.row.n > 0);
      const slices = shares.filter((r) => r.iso3 === iso3 && r.share !== null)
        .sort((a, b) => rank(familyOfRow(a)) - rank(familyOfRow(b)))
        .map((r) => ({ key: familyOfRow(r), share: r.share, approximate: roughSlices.has(`${iso3}\u0000${r.segment}`) }));
      return { groups, slices };
    },
  };
}

export function build(ctx) {
  const v = ctx.t.views.map;
  const pv = ctx.t.views.projects;
  const st = ctx.state;
  const colourBy = COLOUR_BY.includes(st.colour) ? st.colour : defaults.colour;
  const projection = PROJECTIONS.includes(st.projection) ? st.projection : defaults.projection;
  const zoom = Object.hasOwn(ZOOMS, st.zoom) ? st.zoom : defaults.zoom;
  const box = ZOOMS[zoom];
  const eligible = [{ column: 'source', in: ctx.prov.ids('!low') }];
  const count = (x) => sentenceText(ctx.locale, x, null);
  const controls = [
    choiceControl('zoom', v.zoom, v.zooms, zoom),
    choiceControl('projection', v.projection, v.projections, projection),
    choiceControl('colour', v.colour, v.colours, colourBy),
  ];
  const base = {
    id: 'map', title: v.title, controls, selectable: true, help: v.help, sourceLine: v.sourceLine, stack: true,
  };
  if (!ctx.q('projects', { filters: [{ column: 'source', in: [] }] }).has('iso3')) {
    return {
      ...base, definition: '', finding: '', legend: [], notes: [], detail: null, table: { head: [], rows: [] },
      panels: [{ id: 'map', kind: 'map', projection, zoom, box: [...box], max: null, unit: 'usd_bn', circles: [], ready: false }],
      emptyText: ctx.t.errors.missingColumn('projects', 'iso3'),
    };
  }

  const byCountry = rows(ctx, ctx.q('projects', {
    filters: eligible, groupBy: ['iso3'], aggregates: AGG,
    sort: [{ column: 'usd', desc: true }, { column: 'n', desc: true }, { column: 'iso3' }],
  }), 'projects', { ...AGG_TYPES, iso3: 'string' });
  const approx = new Set(rows(ctx, ctx.q('projects', {
    filters: [...eligible, { column: 'approximate', eq: true }], groupBy: ['iso3'], aggregates: [{ op: 'count', column: 'usd_bn', as: 'n' }],
  }), 'projects', { n: 'number' }).filter((r) => r.n > 0).map((r) => r.iso3));
  const regionRows = rows(ctx, ctx.q('projects', {
    filters: eligible, groupBy: ['iso3', 'region'], aggregates: [{ op: 'count', as: 'n' }],
    sort: [{ column: 'n', desc: true }, { column: 'region' }],
  }), 'projects', { region: 'string', n: 'number' });
  const regionOf = new Map();
  for (const r of regionRows) if (!regionOf.has(r.iso3)) regionOf.set(r.iso3, r.region);
  const regions = rows(ctx, ctx.q('projects', {
    filters: eligible, groupBy: ['region'], aggregates: [{ op: 'count', as: 'n' }], sort: [{ column: 'region' }],
  }), 'projects', { region: 'string', n: 'number' }).map((r) => r.region).filter((r) => r !== null);
  const regionColour = (r) => (regions.includes(r) ? colourOf(ctx.theme, regions.indexOf(r)) : colourOf(ctx.theme, 'neutral'));
  const parts = colourBy === 'segment' ? segmentParts(ctx, eligible) : null;
  const groupName = (key) => (key === OTHER_GROUP ? v.groups.other : ctx.name(ctx.locale, 'segment_group', key));
  const projects = rows(ctx, ctx.q('projects', { filters: eligible, sort: [{ column: 'usd_bn', desc: true }, { column: 'company' }] }),
    'projects', PROJECT_COLUMNS, PROJECT_OPTIONAL);
  const totals = rows(ctx, ctx.q('projects', {
    filters: eligible,
    aggregates: [...AGG, { op: 'min', column: 'year_announced', as: 'from' }, { op: 'max', column: 'year_announced', as: 'to' }],
  }), 'projects', { ...AGG_TYPES, from: 'number', to: 'number' })[0];
  const low = rows(ctx, ctx.q('projects', {
    filters: [{ column: 'source', in: ctx.prov.ids('low') }], aggregates: [{ op: 'count', as: 'n' }],
  }), 'projects', { n: 'number' })[0];

  const geo = ctx.geo ?? null;
  const points = geo && Array.isArray(geo.points) ? new Map(geo.points.map((p) => [p.id, p])) : null;
  const placed = [];
  const outside = [];
  const unplaced = [];
  for (const c of byCountry) {
    const name = c.iso3 === null ? '—' : ctx.name(ctx.locale, 'country', c.iso3);
    if (!points) continue;
    const pt = c.iso3 === null ? null : points.get(c.iso3);
    if (!pt || typeof pt.lon !== 'number' || typeof pt.lat !== 'number') unplaced.push(name);
    else if (!inBox(pt, box)) outside.push(name);
    else placed.push({ c, name, pt });
  }
  placed.sort((a, b) => a.pt.lon - b.pt.lon);

  const circles = placed.map(({ c, name, pt }) => {
    const list = projects.filter((p) => p.iso3 === c.iso3);
    const region = regionOf.get(c.iso3) ?? null;
    const regionName = ctx.name(ctx.locale, 'region', region);
    let colour;
    let key;
    let label;
    let slices = null;
    let colourLines;
    let colourText;
    if (parts) {
      const { groups, slices: s } = parts.of(c.iso3);
      slices = s.map((x) => ({ ...x, colour: groupColour(ctx, x.key) }));
      key = groups.length === 1 ? groups[0].key : 'several';
      colour = groups.length === 1 ? groupColour(ctx, key) : colourOf(ctx.theme, 'neutral');
      label = groups.length === 1 ? groupName(key) : v.several;
      colourText = groups.map((g) => groupName(g.key)).join(ctx.locale === 'zh' ? '、' : '; ');
      colourLines = groups.map((g) => v.groupLine(
        groupName(g.key),
        g.row.usd === null ? pv.noFigure : sentenceText(ctx.locale, g.row.usd, 'usd_bn', { approximate: g.approx, bound: null }),
        sentenceText(ctx.locale, g.row.n, 'projects'),
      ));
    } else {
      key = region ?? 'none';
      colour = regionColour(region);
      label = regionName;
      colourLines = [v.region(regionName)];
      colourText = regionName;
    }
    const projectLines = list.slice(0, MAX_LINES).map((p) => `${ctx.name(ctx.locale, 'company', p.company)}${ctx.t.ui.colon}${
      p.usd_bn === null ? pv.noFigure : fullText(ctx.locale, p.usd_bn, 'usd_bn', qualOf(p))}`);
    if (list.length > MAX_LINES) projectLines.push(v.more(count(list.length - MAX_LINES)));
    const mark = makeMark(ctx, {
      id: `map/${c.iso3}`, panel: 'map', kind: 'circle', key, category: c.iso3, categoryText: name, colour, seriesLabel: label,
      heading: name, value: c.usd, unit: 'usd_bn', q: { approximate: approx.has(c.iso3), bound: null },
      extra: [pv.countLong(count(c.n), count(c.valued)), ...colourLines, ...projectLines],
      sources: uniqueById(list.map((p) => ctx.prov.entry(p.source))),
    });
    if (mark.empty) mark.qualifier = v.noFigureKey;
    mark.count = c.n;
    mark.valued = c.valued;
    return { key: c.iso3, lon: pt.lon, lat: pt.lat, mark, colour, slices: slices && slices.length > 1 ? slices : null, colourText };
  });

  const leader = byCountry.find((c) => c.iso3 !== null && c.usd !== null) ?? null;
  const selected = typeof st.selected === 'string' ? st.selected : null;
  const picked = circles.find((c) => c.key === selected) ?? null;
  const anyApprox = circles.some((c) => c.mark.approximate || (c.slices ?? []).some((s) => s.approximate));
  const legend = [];
  if (parts) {
    for (const g of parts.families) {
      if (circles.some((c) => c.mark.key === g.key || (c.slices ?? []).some((s) => s.key === g.key))) {
        legend.push({ key: g.key, label: groupName(g.key), colour: groupColour(ctx, g.key), shape: 'circle', toggle: false, pressed: true });
      }
    }
    if (circles.some((c) => c.mark.key === 'several' && c.mark.empty)) {
      legend.push({ key: 'several', label: v.several, colour: colourOf(ctx.theme, 'neutral'), shape: 'ring', toggle: false, pressed: true });
    }
  } else {
    for (const r of regions) {
      if (circles.some((c) => c.mark.key === r)) {
        legend.push({ key: r, label: ctx.name(ctx.locale, 'region', r), colour: regionColour(r), shape: 'circle', toggle: false, pressed: true });
      }
    }
  }
  if (circles.some((c) => c.mark.empty)) legend.push({ key: 'nofigure', label: v.noFigureKey, colour: ctx.theme.muted, shape: 'ring', toggle: false, pressed: true });
  if (anyApprox) legend.push(approxLegend(ctx));

  const countries = byCountry.filter((c) => c.iso3 !== null).length;
  return {
    ...base,
    definition: v.definition(periodText(ctx.locale, `${totals.from}-${totals.to}`)),
    finding: leader ? v.finding({
      count: count(totals.n), countries: count(countries), valued: count(totals.valued),
      leader: ctx.name(ctx.locale, 'country', leader.iso3),
      leaderSum: sentenceText(ctx.locale, leader.usd, 'usd_bn', { approximate: approx.has(leader.iso3), bound: null }),
    }) : '',
    legend,
    panels: [{
      id: 'map', kind: 'map', projection, zoom, box: [...box], max: leader ? leader.usd : null, unit: 'usd_bn', circles,
      selected: picked ? picked.key : null, sizeTitle: v.sizeTitle, ready: Boolean(points),
    }],
    emptyText: !geo ? v.loading : geo.error ? v.failed(geo.error) : circles.length === 0 ? v.outside(ctx.t.ui.list(outside)) : null,
    notes: [
      pv.sumNote({ valued: count(totals.valued), count: count(totals.n) }),
      low && low.n > 0 ? pv.lowNote(count(low.n)) : '',
      v.areaNote,
      parts ? v.segmentNote(parts.families.filter((f) => f.key !== OTHER_GROUP).length) : '',
      anyApprox ? ctx.t.ui.approxNote : '',
      outside.length ? v.outside(ctx.t.ui.list(outside)) : '',
      unplaced.length ? v.unplaced(ctx.t.ui.list(unplaced)) : '',
      v.projectionNote[projection],
      v.landNote,
      v.pick,
    ].filter(Boolean),
    detail: picked ? detail(ctx, pv, 'iso3', eligible, picked.key, picked.mark.heading) : null,
    table: {
      head: [v.countryHead, v.colourHead[colourBy], pv.valueHead, pv.countHead.replace('\n', ' ')],
      rows: circles.map((c) => ({
        id: c.mark.id,
        cells: [
          { text: c.mark.heading, header: true },
          { text: c.colourText },
          { text: c.mark.empty ? pv.noFigure : c.mark.valueText, value: c.mark.value },
          { text: pv.count(count(c.mark.count), count(c.mark.valued)), value: c.mark.count },
        ],
      })),
    },
  };
}
