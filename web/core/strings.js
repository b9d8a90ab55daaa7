// strings.js — every piece of reader-facing text the chart composes.
//
// Pure functions of their arguments; nothing here reads the DOM or the
// engine. Values inside the text are passed in already formatted (see
// format.js), so the text can only show what the engine returned.

export const UNIT = 'US$bn';
export const NO_FIGURE = 'No figure in this dataset';
export const LOW_CONFIDENCE = 'Not shown: its only sources are rated low confidence';

// The series the first chart shows and how to credit it. The Feb 2024
// Rhodium OFDI series is a different dataset and is never shown with it.
export const STORY_SERIES = 'rhodium_2025_zev_supply_chain';
export const SERIES_CREDIT = Object.freeze({
  rhodium_2025_zev_supply_chain: 'Rhodium Group study of announced EV supply-chain manufacturing projects',
});

const MARKET_LABELS = Object.freeze({
  total: 'All locations (not split)',
  domestic: 'Domestic (in China)',
  overseas: 'Overseas',
});
const MARKET_SHORT = Object.freeze({ total: 'All locations', domestic: 'Domestic', overseas: 'Overseas' });

// Legend / tooltip label of a market key; unknown keys are shown as given.
export function marketLabel(key) {
  return Object.prototype.hasOwnProperty.call(MARKET_LABELS, key) ? MARKET_LABELS[key] : String(key);
}
export function marketShort(key) {
  return Object.prototype.hasOwnProperty.call(MARKET_SHORT, key) ? MARKET_SHORT[key] : String(key);
}

const SPAN = /^(\d{4})\s*[-–]\s*(\d{4})$/;
const YEAR = /^\d{4}$/;

// Parses a period string: "2021-2022" → { from: '2021', to: '2022' },
// anything else → null.
export function periodSpan(period) {
  const m = SPAN.exec(String(period));
  return m ? { from: m[1], to: m[2] } : null;
}

// Period as running text: "2021-2022" → "2021–22", "2024" → "2024".
export function periodText(period) {
  const s = periodSpan(period);
  if (!s) return String(period);
  const sameCentury = s.from.slice(0, 2) === s.to.slice(0, 2);
  return `${s.from}–${sameCentury ? s.to.slice(2) : s.to}`;
}

// Category-axis label candidates, longest first; each is an array of lines.
// A period of averages gets a second line saying so.
export function periodLabelCandidates(period, isAverage) {
  const full = periodText(period);
  const s = periodSpan(period);
  const short = s ? `’${s.from.slice(2)}–${s.to.slice(2)}` : YEAR.test(String(period)) ? `’${String(period).slice(2)}` : full;
  if (isAverage) {
    return [[full, 'average'], [full, 'avg.'], [short, 'avg.']];
  }
  return [[full], [short]];
}

// "two-year" for a span of consecutive years, else null. Words, not digits:
// this counts calendar years in a label, it is not a data value.
const COUNT_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export function spanWord(period) {
  const s = periodSpan(period);
  if (!s) return null;
  const n = Number(s.to) - Number(s.from) + 1;
  return n >= 2 && n < COUNT_WORDS.length ? `${COUNT_WORDS[n]}-year` : null;
}

// Legend text for the average series, e.g. "All locations (not split), yearly average 2021–22".
export function averageLegend(key, periods) {
  const when = periods.map(periodText).join(', ');
  return when ? `${marketLabel(key)}, yearly average ${when}` : `${marketLabel(key)}, yearly average`;
}

// The qualifier sentence for one value. `money` is formatMoney's output.
export function qualifierText({ average, approximate, bound, period, money }) {
  const parts = [];
  if (average) {
    const w = spanWord(period);
    parts.push(`${w ? `${w[0].toUpperCase()}${w.slice(1)} average` : 'Yearly average'} (${periodText(period)}), not a single year’s figure`);
  }
  if (bound === 'lower') parts.push(`Lower bound: the source says ${money}`);
  else if (bound === 'upper') parts.push(`Upper bound: the source says ${money}`);
  else if (approximate) parts.push(`Approximate: ${money}, not an exact figure`);
  if (parts.length === 0) parts.push('As reported');
  return parts.join('. ');
}

// Note under the chart naming the empty slots, e.g.
// "No overseas figure in this dataset for 2022, 2023: those bars are left empty, not estimated."
// Returns '' when there are no gaps.
export function gapsNote(gaps) {
  return gaps
    .map(({ key, periods }) => `No ${marketShort(key).toLowerCase()} figure in this dataset for ${periods.map(periodText).join(', ')}: ${periods.length > 1 ? 'those bars are' : 'that bar is'} left empty, not estimated.`)
    .join(' ');
}

export const APPROX_NOTE = 'Hatched bars are approximate figures (≈); “over” marks a lower bound.';

// Source line lead-in, e.g. "Source: Rhodium Group study …, as reported by".
export function sourceLead(seriesId) {
  const credit = Object.prototype.hasOwnProperty.call(SERIES_CREDIT, seriesId) ? SERIES_CREDIT[seriesId] : null;
  return credit ? `Source: ${credit}, as reported by ` : 'Sources: ';
}

// Error texts (shown with textContent).
export const errors = Object.freeze({
  noTable: (name, names) => `The dataset has no '${name}' table (tables found: ${names.length ? names.join(', ') : 'none'}).`,
  noRows: (table, series) => `The '${table}' table has no rows for series '${series}'.`,
  badColumn: (table, column, want, got) => `The '${table}' table's column '${column}' should be ${want}, not ${got}.`,
  missingColumn: (table, column) => `The '${table}' table has no '${column}' column.`,
  http: (url, status) => `Could not fetch ${url}: HTTP ${status}.`,
  fetch: (url, message) => `Could not fetch ${url}: ${message}`,
  noEngine: 'The chart engine did not load (build/engine.js is missing or failed).',
  prefix: 'Could not load the data: ',
});
