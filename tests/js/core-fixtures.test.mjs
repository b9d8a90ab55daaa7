// Shared fakes for the core tests: Frames shaped like web/engine/engine.js
// returns, and stand-ins for engine.nice / engine.ticks / measureText.

export function fakeFrame(name, columns, rows) {
  return {
    name,
    rowCount: rows.length,
    columns: columns.map(([n, type]) => ({ name: n, type })),
    rows: () => rows.map((r) => ({ ...r })),
    col: (n) => rows.map((r) => r[n] ?? null),
  };
}

const INV_COLUMNS = [
  ['series', 'string'], ['period', 'string'], ['year', 'number'], ['market', 'string'], ['measure', 'string'],
  ['usd_bn', 'number'], ['approximate', 'boolean'], ['bound', 'string'], ['source', 'string'],
  ['also_sources', 'json'], ['note', 'string'],
];

const S = 'rhodium_2025_zev_supply_chain';
export const STORY_ROWS = [
  { series: S, period: '2021-2022', year: null, market: 'total', measure: 'annual average over 2021 and 2022', usd_bn: 92, approximate: false, bound: null, source: 'scmp', also_sources: ['ai'], note: null },
  { series: S, period: '2022', year: 2022, market: 'domestic', measure: 'announced investment', usd_bn: 90, approximate: true, bound: 'lower', source: 'cnbc', also_sources: null, note: null },
  { series: S, period: '2023', year: 2023, market: 'domestic', measure: 'announced investment', usd_bn: 41, approximate: false, bound: null, source: 'cnbc', also_sources: [], note: null },
  { series: S, period: '2024', year: 2024, market: 'domestic', measure: 'announced investment', usd_bn: 15, approximate: false, bound: null, source: 'bbg', also_sources: ['cnbc'], note: null },
  { series: S, period: '2024', year: 2024, market: 'overseas', measure: 'announced investment', usd_bn: 16, approximate: true, bound: null, source: 'bbg', also_sources: ['cnbc'], note: null },
];

export const SOURCE_ROWS = [
  { id: 'scmp', publisher: 'South China Morning Post', title: 'How EVs drive going global', date: '2025-08-18', url: 'https://example.org/scmp', confidence: 'high', note: null, file: null },
  { id: 'bbg', publisher: 'Bloomberg', title: 'EV sector invests more abroad', date: '2025-08-18', url: 'https://example.org/bbg', confidence: 'high', note: null, file: null },
  { id: 'cnbc', publisher: 'CNBC', title: 'EV industry invests overseas', date: '2025-08-18', url: 'javascript:alert(1)', confidence: 'medium', note: null, file: null },
  { id: 'ai', publisher: 'Machine summary', title: 'Summary', date: null, url: null, confidence: 'low', note: null, file: null },
];

export function storyFrames(rows = STORY_ROWS, max = 92) {
  return {
    investment: fakeFrame('investment', INV_COLUMNS, rows),
    extent: fakeFrame('investment', [['max', 'number']], [{ max }]),
    sources: fakeFrame('sources', [['id', 'string'], ['publisher', 'string'], ['title', 'string'], ['date', 'string'], ['url', 'string'], ['confidence', 'string'], ['note', 'string'], ['file', 'string']], SOURCE_ROWS),
    seriesId: S,
  };
}

// 1/2/5 × 10^k ticks, like the engine's (only for tests).
function step(lo, hi, count) {
  const raw = (hi - lo) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}
export const fakeNice = (lo, hi, count) => {
  const s = step(lo, hi, count);
  return [Math.floor(lo / s) * s, Math.ceil(hi / s) * s];
};
export const fakeTicks = (lo, hi, count) => {
  const s = step(lo, hi, count);
  const out = [];
  for (let k = Math.ceil(lo / s); k * s <= hi; k += 1) out.push(k * s);
  return out;
};
// A generous width estimate (wider than real system-ui glyphs).
export const fakeMeasure = (text, font) => String(text).length * font.size * (font.weight >= 600 ? 0.62 : 0.56);

// When run as a test file: the stand-ins behave like the engine's contract.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const { test } = await import('node:test');
  const assert = (await import('node:assert/strict')).default;
  test('fake ticks are 1/2/5 steps within the nice domain', () => {
    assert.deepEqual(fakeNice(0, 92, 5), [0, 100]);
    assert.deepEqual(fakeTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  });
}
