// View 6 in Chromium: the named overseas projects on a world map. Land is
// drawn, circles sit at the engine's country points (checked against the
// engine's raw projection through a second instance), hover lists the right
// projects, the keyboard reaches every circle, projections and presets move
// the circles and travel in the URL, Chinese labels; the draw time at
// desktop size is measured and printed (not asserted).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  countColour, engineQuery, layoutProblems, live, marks, rgb, screenshot, settle, show, startHarness, table, THEMES, tooltip,
} from './helpers/page-harness.mjs';
import { landColour } from '../../web/core/map-style.js';

const L = THEMES.light;
let h;

before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const RAD = Math.PI / 180;

// The engine's country points (countries-110m), projects grouped by iso3 and
// the raw projection of each point, from a second engine instance.
const engineMap = (page, projection = 'equal-earth') => engineQuery(page, async (engine, ds, proj) => {
  const shapes = engine.loadShapes(new Uint8Array(await (await fetch('build/countries-110m.json')).arrayBuffer()), 'countries');
  const points = engine.mapPoints(shapes).rows();
  shapes.free();
  const low = engine.query(ds.table('sources'), { filters: [{ column: 'confidence', eq: 'low' }] }).rows().map((r) => r.id);
  const ok = engine.read(ds.table('sources')).rows().map((r) => r.id).filter((id) => !low.includes(id));
  const groups = engine.query(ds.table('projects'), {
    filters: [{ column: 'source', in: ok }], groupBy: ['iso3'],
    aggregates: [{ op: 'sum', column: 'usd_bn', as: 'usd' }, { op: 'count', as: 'n' }],
  }).rows();
  const projects = engine.query(ds.table('projects'), { filters: [{ column: 'source', in: ok }] }).rows();
  const raw = (lon, lat) => {
    const r = engine.projectRaw(proj, [lon * Math.PI / 180], [lat * Math.PI / 180]);
    return [r.x[0], r.y[0]];
  };
  return { points, groups, projects, raw: Object.fromEntries(points.map((p) => [p.id, raw(p.lon, p.lat)])) };
}, projection);

// Every circle is the same affine map (px = tx + k·x, py = ty − k·y) of the
// engine's raw projection of its country's point.
function assertOnEnginePoints(circles, raw) {
  const [a, b] = circles;
  const [ax, ay] = raw[a.period];
  const [bx, by] = raw[b.period];
  const k = (b.cx - a.cx) / (bx - ax);
  const tx = a.cx - k * ax;
  const ty = a.cy + k * ay;
  assert.ok(k > 0 && Math.abs((a.cy - b.cy) - k * (by - ay)) < 1e-6, 'one scale for x and y');
  for (const c of circles) {
    const [x, y] = raw[c.period];
    assert.ok(Math.abs(c.cx - (tx + k * x)) < 1e-6 && Math.abs(c.cy - (ty - k * y)) < 1e-6, `${c.period} at the engine's point`);
  }
}

// A point inside circle `id` that hit-tests to it (smaller circles on top win).
function pointIn(page, id) {
  return page.evaluate(async (markId) => {
    const { hitTest } = await import('./ui/hit.js');
    const ms = window.evGraphic.marks();
    const m = ms.find((x) => x.id === markId);
    const c = document.getElementById('chart-canvas');
    c.scrollIntoView({ block: 'nearest' });
    const r = c.getBoundingClientRect();
    for (const f of [0, 0.5, 0.75]) {
      for (let a = 0; a < 16; a += 1) {
        const x = m.cx + f * m.r * Math.cos((a * Math.PI) / 8);
        const y = m.cy + f * m.r * Math.sin((a * Math.PI) / 8);
        if (hitTest(ms, x, y) === m.index) return { x: r.left + x, y: r.top + y };
      }
    }
    return null;
  }, id);
}

test('map: land and circles at the engine’s points; hover lists the country’s projects; draw time', async () => {
  const { page, problems } = await h.open({ width: 1200 });
  await show(page, 'map');
  assert.equal(await page.locator('#tab-map').getAttribute('aria-selected'), 'true');
  const ms = await marks(page);
  const want = await engineMap(page);
  assert.equal(ms.length, want.groups.length, 'one circle per host country');
  assert.ok(ms.every((m) => m.kind === 'circle'));
  assertOnEnginePoints(ms, want.raw);
  const canvas = await page.evaluate(() => ({ w: document.getElementById('chart-canvas').clientWidth, h: document.getElementById('chart-canvas').clientHeight }));
  const landPx = await countColour(page, { x: 0, y: 0, w: canvas.w, h: canvas.h * 0.8 }, rgb(landColour(L)), 2);
  assert.ok(landPx > canvas.w * canvas.h * 0.1, `land pixels: ${landPx}`);
  const colours = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#chart-legend .legend-item')].map((li) => [li.dataset.series, li.textContent])));
  assert.ok(colours.Europe && colours['Southeast Asia'], 'regions in the legend');
  const region = { HUN: 0, IDN: 4, USA: 3, BRA: 1, MAR: 2, ESP: 0, DEU: 0, THA: 4, TUR: 0 };
  for (const [iso, role] of Object.entries(region)) {
    const m = ms.find((x) => x.period === iso);
    const n = await countColour(page, { x: m.cx - m.r - 2, y: m.cy - m.r - 2, w: 2 * m.r + 4, h: 2 * m.r + 4 }, rgb(L.series[role]), 40);
    assert.ok(n > 1.5 * m.r, `${iso}: ${n} pixels of its colour around its point`);
  }
  for (const iso of ['FRA', 'MEX', 'PRT', 'SVK']) {
    const m = ms.find((x) => x.period === iso);
    assert.ok(m.r <= 5 && m.empty, `${iso} is a small hollow marker`);
  }
  const area = (iso) => { const m = ms.find((x) => x.period === iso); return m.r * m.r; };
  const usd = (iso) => want.groups.find((g) => g.iso3 === iso).usd;
  assert.ok(Math.abs(area('IDN') / area('HUN') - usd('IDN') / usd('HUN')) < 1e-9, 'area ∝ US$');

  const idn = await pointIn(page, 'map/IDN');
  await page.mouse.move(idn.x, idn.y);
  let t = await tooltip(page);
  assert.match(t.text, /^Indonesia≈US\$7\.4bn/);
  for (const p of want.projects.filter((x) => x.iso3 === 'IDN')) assert.ok(t.text.includes(p.company.split(' ')[0]), `${p.company} listed`);
  const hun = await pointIn(page, 'map/HUN');
  await page.mouse.move(hun.x, hun.y);
  t = await tooltip(page);
  assert.equal(t.num, '≈US$13.75bn');
  assert.match(t.text, /Region: Europe/);
  assert.match(t.text, /CATL: US\$7\.6bn.*BYD: US\$4\.7bn.*EVE Energy \(EVE Power\): ≈US\$1\.18bn.*Sunwoda: ≈US\$0\.27bn/);
  await screenshot(page, 'map-1200-en-hover');
  await page.mouse.click(hun.x, hun.y);
  await settle(page);
  assert.match(await page.locator('#chart-detail h3').textContent(), /^Hungary \(4\)$/);
  assert.equal(await page.locator('#chart-detail .detail-item').count(), 4);
  await page.waitForFunction(() => /[?&#]sel=HUN(&|$)/.test(location.search + location.hash), null, { timeout: 3000 });
  await page.mouse.move(1, 1);

  const rows = await table(page);
  assert.deepEqual(rows.map((r) => r.mark), ms.map((m) => m.id));
  for (const g of want.groups) assert.equal(rows.find((r) => r.mark === `map/${g.iso3}`).cells[1].value, g.usd ?? null);

  const timing = await page.evaluate(async () => {
    const { buildScene } = await import('./core/scene.js');
    const { drawScene } = await import('./render/draw.js');
    const { createEngine } = await import('./engine/engine.js');
    const { themeFor } = await import('./core/theme.js');
    const engine = await createEngine({ factory: globalThis.createEvEngine });
    const land = engine.loadShapes(new Uint8Array(await (await fetch('build/land-110m.json')).arrayBuffer()), 'land');
    const geo = {
      fit: (p, b, w, hh, pad) => engine.fitMap(p, b, w, hh, pad), path: (v) => engine.mapPath(land, v), project: (v, a, b) => engine.project(v, a, b),
    };
    const ticks = (a, b, c, o) => engine.ticks(a, b, c, o);
    const panel = {
      id: 'map', kind: 'map', projection: 'equal-earth', zoom: 'world', box: [-180, -56, 180, 84], max: 13.75, unit: 'usd_bn', ready: true,
      sizeTitle: 'Circle area', selected: null,
      circles: window.evGraphic.marks().map((m, i) => ({ key: m.period, lon: 0, lat: 0, colour: '#0072b2', slices: null, mark: { index: i, heading: m.period, value: m.empty ? null : 1 + i, empty: m.empty, approximate: i % 2 === 0 } })),
    };
    const vm = { panels: [panel], marks: panel.circles.map((c) => ({ ...c.mark, id: c.key, key: 'k', category: c.key })), missingMark: 'n/a', locale: 'en', stack: true };
    const measureCanvas = document.createElement('canvas').getContext('2d');
    const measure = (text, font) => { measureCanvas.font = `${font.weight} ${font.size}px sans-serif`; return measureCanvas.measureText(text).width; };
    const out = {};
    for (const width of [1200, document.getElementById('chart-canvas').clientWidth]) {
      const c = document.createElement('canvas');
      const ctx = c.getContext('2d');
      const layout = [];
      const paint = [];
      for (let i = 0; i < 12; i += 1) {
        const t0 = performance.now();
        const scene = buildScene(vm, { width, measure, nice: (a, b, n, o) => engine.nice(a, b, n, o), ticks, locale: 'en', geo });
        const t1 = performance.now();
        c.width = width;
        c.height = scene.height;
        drawScene(ctx, scene, { theme: themeFor('light'), focus: -1 });
        ctx.getImageData(0, 0, 1, 1);
        paint.push(performance.now() - t1);
        layout.push(t1 - t0);
      }
      const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
      out[width] = { layout: med(layout), paint: med(paint), total: med(layout.map((v, i) => v + paint[i])) };
    }
    const tab = [];
    for (let i = 0; i < 5; i += 1) {
      await window.evGraphic.show('investment');
      const t0 = performance.now();
      await window.evGraphic.show('map');
      tab.push(performance.now() - t0);
    }
    out.showMap = tab.sort((x, y) => x - y)[2];
    return out;
  });
  const fmt = (o) => `layout (engine fit, path, project) ${o.layout.toFixed(2)} ms + paint ${o.paint.toFixed(2)} ms = ${o.total.toFixed(2)} ms`;
  console.log(`map draw time, median of 12: 1200 px canvas: ${fmt(timing[1200])}; page canvas (${canvas.w} px at a 1200 px window): ${fmt(timing[canvas.w])}; switching to the map tab (queries, layout, draw, page text, one animation frame): ${timing.showMap.toFixed(1)} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('map: the keyboard reaches every circle west to east, Enter lists the projects, each is announced', async () => {
  const { page, problems } = await h.open({ width: 1200, query: '?view=map' });
  await settle(page);
  const ms = await marks(page);
  const heard = [];
  await page.focus('#chart-canvas');
  for (let i = 0; i < ms.length; i += 1) {
    await page.keyboard.press('ArrowRight');
    heard.push(await live(page));
  }
  const names = heard.map((s) => s.split('.')[0]);
  assert.equal(new Set(names).size, ms.length, 'every circle once');
  assert.deepEqual(names.slice(0, 3), ['Mexico', 'United States', 'Brazil']);
  assert.equal(names.at(-1), 'Indonesia');
  assert.match(heard.find((s) => s.startsWith('Hungary')), /^Hungary\. ≈US\$13\.75bn\. Approximate: .*Region: Europe\. CATL: US\$7\.6bn\./);
  assert.match(heard.find((s) => s.startsWith('France')), /^France\. No figure in this dataset\. Region: Europe\. [^.]*: no figure\./);
  await page.keyboard.press('ArrowRight');
  assert.match(await live(page), /^Mexico\./, 'wraps around');
  await page.keyboard.press('ArrowRight');
  assert.match(await live(page), /^United States\./);
  assert.ok(await page.locator('#chart-tooltip').isVisible());
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await page.locator('#chart-detail h3').textContent(), /^United States \(3\)$/);
  assert.match(await live(page), /^United States \(3\)\. The projects are listed below the chart\.$/);
  assert.match(await page.locator('#chart-canvas').getAttribute('aria-label'), /arrow keys to move between places, west to east/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('map: projections and presets redraw with other circle positions, and a link reopens them', async () => {
  const { page, problems } = await h.open({ width: 1200, query: '?view=map' });
  await settle(page);
  const at = async () => new Map((await marks(page)).map((m) => [m.period, [m.cx, m.cy, m.r]]));
  const equal = await at();
  const seen = [equal];
  for (const name of ['Natural Earth', 'Mercator', 'Equirectangular']) {
    await page.getByRole('button', { name, exact: true }).click();
    await settle(page);
    const now = await at();
    assert.equal(now.size, equal.size);
    for (const prev of seen) assert.notDeepEqual(now.get('HUN'), prev.get('HUN'), `${name}: Hungary moved`);
    seen.push(now);
    assert.match(await page.locator('#chart-notes').textContent(), new RegExp(`${name} projection`));
  }
  assertOnEnginePoints(await marks(page), (await engineMap(page, 'equirectangular')).raw);
  const merc = await engineMap(page, 'mercator');
  await page.getByRole('button', { name: 'Mercator', exact: true }).click();
  await settle(page);
  assertOnEnginePoints(await marks(page), merc.raw);
  await page.getByRole('button', { name: 'Europe', exact: true }).click();
  await settle(page);
  const eu = await marks(page);
  assert.deepEqual(eu.map((m) => m.period).sort(), ['DEU', 'ESP', 'FRA', 'HUN', 'MAR', 'PRT', 'SVK', 'TUR']);
  assertOnEnginePoints(eu, merc.raw);
  const spread = (ms, a, b) => Math.hypot(ms.find((m) => m.period === a).cx - ms.find((m) => m.period === b).cx, ms.find((m) => m.period === a).cy - ms.find((m) => m.period === b).cy);
  const world = [...seen[2]].map(([period, [cx, cy]]) => ({ period, cx, cy }));
  assert.ok(spread(eu, 'HUN', 'ESP') > 3 * spread(world, 'HUN', 'ESP'), 'zoomed in');
  assert.match(await page.locator('#chart-notes').textContent(), /Not in this view: Indonesia, United States, Brazil, Thailand and Mexico\./);
  await page.getByRole('button', { name: 'Segment', exact: true }).click();
  await settle(page);
  await page.waitForFunction(() => /colour=segment/.test(location.search + location.hash));
  const url = new URL(page.url());
  const q = url.search || `?${url.hash.slice(1)}`;
  const params = new URLSearchParams(q);
  assert.deepEqual([params.get('view'), params.get('zoom'), params.get('projection'), params.get('colour')], ['map', 'europe', 'mercator', 'segment']);
  const before = (await marks(page)).map((m) => [m.id, m.cx, m.cy, m.r]);
  await screenshot(page, 'map-1200-en-europe-segment');
  await page.close();

  const again = await h.open({ width: 1200, query: q });
  await settle(again.page);
  assert.deepEqual((await marks(again.page)).map((m) => [m.id, m.cx, m.cy, m.r]), before);
  for (const name of ['Europe', 'Mercator', 'Segment']) {
    assert.equal(await again.page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed'), 'true', name);
  }
  assert.match(await again.page.locator('#chart-legend').textContent(), /Battery cells and packs/);
  await again.page.setViewportSize({ width: 700, height: 900 });
  await again.page.waitForFunction(() => document.getElementById('chart-canvas').clientWidth < 700);
  await settle(again.page);
  const narrow = await marks(again.page);
  const w = await again.page.evaluate(() => document.getElementById('chart-canvas').clientWidth);
  assert.ok(narrow.every((m) => m.cx > 0 && m.cx < w), 'fitted to the narrower canvas');
  assert.notDeepEqual(narrow.map((m) => m.cx), before.map((m) => m[1]));
  for (const p of [...problems, ...again.problems]) assert.fail(p);
  await again.page.close();
});

test('map in Chinese, at phone and desktop widths, light and dark', async () => {
  for (const [width, lang, scheme] of [[1200, 'en', 'light'], [1200, 'zh', 'light'], [320, 'en', 'light'], [320, 'zh', 'light'], [1200, 'en', 'dark'], [320, 'zh', 'dark']]) {
    const { page, problems } = await h.open({ width, lang, scheme, query: '?view=map' });
    await settle(page);
    assert.deepEqual(await layoutProblems(page), [], `${width} ${lang} ${scheme}`);
    const ms = await marks(page);
    assert.equal(ms.length, 13);
    const th = THEMES[scheme];
    const landPx = await countColour(page, { x: 0, y: 0, w: width < 400 ? 300 : 700, h: 150 }, rgb(landColour(th)), 2);
    assert.ok(landPx > 1000, `${width} ${lang} ${scheme}: land drawn (${landPx})`);
    if (lang === 'zh') {
      assert.equal(await page.locator('#tab-map').textContent(), '地图');
      assert.equal(await page.locator('#chart-title').textContent(), '已公布项目的分布');
      assert.equal(await page.getByRole('button', { name: '墨卡托', exact: true }).count(), 1);
      assert.match(await page.locator('#chart-legend').textContent(), /欧洲.*东南亚/);
      const p = await pointIn(page, 'map/IDN');
      await page.mouse.move(p.x, p.y);
      const t = await tooltip(page);
      assert.match(t.text, /^印度尼西亚约74亿美元/);
      assert.match(t.text, /宁德时代.*约59亿美元.*比亚迪.*华友钴业/);
      await page.mouse.move(1, 1);
    }
    await screenshot(page, `map-${width}-${lang}${scheme === 'dark' ? '-dark' : ''}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

// A link shared before the map was a described view (no v, colour=segment)
// opens the map coloured by segment family, and the page keeps that value in
// its URL (the description's colour entry has the id `segment`).
test('map: an old link ?view=map&colour=segment opens the map coloured by segment family', async () => {
  const { page, problems } = await h.open({ width: 1200, lang: '', query: '?view=map&colour=segment' });
  await settle(page);
  assert.equal(await page.locator('#tab-map').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Segment', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByRole('button', { name: 'Region', exact: true }).getAttribute('aria-pressed'), 'false');
  const legend = await page.locator('#chart-legend').textContent();
  assert.match(legend, /Battery cells and packs/);
  assert.doesNotMatch(legend, /Southeast Asia/);
  assert.equal((await marks(page)).length, 13);
  assert.equal(await page.evaluate(() => window.evGraphic.query()), '?v=1&view=map&colour=segment');
  assert.deepEqual(problems, []);
  await page.close();
});
