// i18n.js — reader-facing numbers, units, periods and names in English and
// Simplified Chinese.
//
// Pure functions of their arguments: nothing here reads the DOM, the browser's
// locale data or the engine. Names come from the dataset's `countries` and
// `names` tables (shared data rule 6), never from Intl.DisplayNames.
//
// Numbers are handled as decimal strings, not floats: a value is first turned
// into the shortest decimal that round-trips (at most 15 significant digits,
// which drops binary noise such as 0.30000000000000004 and nothing else), and
// every change of unit (bn → 亿, vehicles → 万 / m) is a shift of the decimal
// point on that string. So 1.44 bn is "14.4亿", never "14.399999999999999亿".
// Rounding, where a unit calls for it, is half away from zero on that decimal
// string; a non-zero value is never rounded to a displayed 0 (more digits are
// kept up to its first significant one). Output never carries more digits than
// the value has.
//
// Units (`unit` argument): 'usd_bn', 'eur_bn', 'cny_bn' (billions of the
// currency), 'vehicles', 'percent', 'gwh', 'projects'. An unknown unit formats
// the bare number.

export const LOCALES = ['en', 'zh'];

const MINUS = '\u2212';
const MAX_SIG = 15;

// ---- locale -----------------------------------------------------------------

const ZH_TAG = /^zh(?:[-_]|$)/i;
const EN_TAG = /^en(?:[-_]|$)/i;

// Returns 'zh' or 'en' for the reader's language preferences (navigator.languages,
// an array of BCP 47 tags, or one tag as a string). The first tag the graphic
// has a language for decides: any zh* tag (zh, zh-CN, zh-Hans-SG, zh-TW, …) gives
// 'zh', any en* tag 'en'; tags for other languages are skipped; nothing → 'en'.
// (So ['fr-FR', 'zh-CN'] → 'zh', ['en-GB', 'zh-CN'] → 'en'.)
export function pickLocale(languages) {
  const tags = typeof languages === 'string' ? [languages] : Array.isArray(languages) ? languages : [];
  for (const t of tags) {
    if (typeof t !== 'string') continue;
    const tag = t.trim();
    if (ZH_TAG.test(tag)) return 'zh';
    if (EN_TAG.test(tag)) return 'en';
  }
  return 'en';
}

function norm(locale) {
  return locale === 'zh' ? 'zh' : 'en';
}

// The locale for Intl APIs where the page needs one (collation, dates).
export function numberLocale(locale) {
  return norm(locale) === 'zh' ? 'zh-CN' : 'en-GB';
}

// The value for <html lang>: 'zh-Hans' (Simplified Chinese script) or 'en'.
export function htmlLang(locale) {
  return norm(locale) === 'zh' ? 'zh-Hans' : 'en';
}

// Maps a dataset `series.unit` / `indicators.unit` string to a unit code, or null.
const DATA_UNITS = Object.freeze({
  'USD bn': 'usd_bn',
  'EUR bn': 'eur_bn',
  'CNY bn': 'cny_bn',
  vehicles: 'vehicles',
  '%': 'percent',
  GWh: 'gwh',
  projects: 'projects',
});
export function unitOfData(text) {
  if (Object.prototype.hasOwnProperty.call(DATA_UNITS, text)) return DATA_UNITS[text];
  if (typeof text === 'string' && text.startsWith('% ')) return 'percent';
  return null;
}

// ---- exact decimals ---------------------------------------------------------
// A decimal is { neg, int, frac }: digit strings, int without leading zeros
// ('0' for zero), frac without trailing zeros.

function isMissing(v) {
  return v === null || v === undefined || typeof v !== 'number' || !Number.isFinite(v);
}

function tidy(neg, int, frac) {
  int = int.replace(/^0+(?=\d)/, '');
  if (int === '') int = '0';
  frac = frac.replace(/0+$/, '');
  const zero = int === '0' && frac === '';
  return { neg: neg && !zero, int, frac };
}

// The shortest decimal for a finite number (≤ 15 significant digits).
function decimal(v) {
  const s = Number(Math.abs(v).toPrecision(MAX_SIG)).toString();
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  let digits = m[1] + (m[2] ?? '');
  let point = m[1].length + (m[3] ? Number(m[3]) : 0);
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  return tidy(v < 0, digits.slice(0, point), digits.slice(point));
}

// d × 10^k, exactly.
function shift(d, k) {
  let digits = d.int + d.frac;
  let point = d.int.length + k;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  } else if (point > digits.length) {
    digits += '0'.repeat(point - digits.length);
  }
  return tidy(d.neg, digits.slice(0, point), digits.slice(point));
}

const isZero = (d) => d.int === '0' && d.frac === '';

// Adds one unit in the last place of a digit string.
function increment(digits) {
  const a = digits.split('');
  let i = a.length - 1;
  while (i >= 0) {
    if (a[i] === '9') {
      a[i] = '0';
      i -= 1;
    } else {
      a[i] = String(Number(a[i]) + 1);
      return a.join('');
    }
  }
  return `1${a.join('')}`;
}

// Rounds to at most `places` fraction digits, half away from zero. A non-zero
// value that would show as 0 keeps digits up to its first significant one.
function round(d, places) {
  if (places === undefined || places === null || d.frac.length <= places) return d;
  let p = Math.max(0, Math.floor(places));
  if (d.int === '0') {
    const first = d.frac.search(/[1-9]/);
    if (first >= p) p = first + 1;
    if (d.frac.length <= p) return d;
  }
  const kept = d.int + d.frac.slice(0, p);
  const up = d.frac[p] >= '5';
  const digits = up ? increment(kept) : kept;
  const intLen = digits.length - p;
  return tidy(d.neg, digits.slice(0, intLen), digits.slice(intLen));
}

// Fraction digits that leave `sig` significant digits (for |d| ≥ 1).
function placesForSig(d, sig) {
  return d.int === '0' ? sig : Math.max(0, sig - d.int.length);
}

const intDigits = (d) => (d.int === '0' ? 0 : d.int.length);

function group(int, minDigits) {
  if (int.length < minDigits) return int;
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// Text of a decimal without sign; en groups from 4 integer digits ("1,234"),
// zh from 5 ("3426.5", "12,345").
function plain(d, locale) {
  const int = group(d.int, locale === 'zh' ? 5 : 4);
  return d.frac ? `${int}.${d.frac}` : int;
}

function signed(d, text) {
  return d.neg ? `${MINUS}${text}` : text;
}

// ---- scaled magnitudes ------------------------------------------------------

// Picks the largest step ≤ |d| from `steps` ([{ pow, suffix, places|sig }], largest
// first), formats, and moves up a step when rounding reaches the next one
// (999,950 → "1m", not "1,000k").
function scaled(d, steps, digits) {
  const mag = (x) => intDigits(x) - 1; // floor(log10 |x|) for |x| ≥ 1
  let i = steps.findIndex((s) => !isZero(d) && mag(d) >= s.pow);
  if (i < 0) return { d: round(d, digits), suffix: '' };
  for (;;) {
    const s = steps[i];
    const x = shift(d, -s.pow);
    const places = digits !== undefined ? digits : s.sig !== undefined ? placesForSig(x, s.sig) : s.places;
    const r = round(x, places);
    const up = i > 0 ? steps[i - 1] : null;
    if (up && intDigits(r) - 1 + s.pow >= up.pow) {
      i -= 1;
      continue;
    }
    return { d: r, suffix: s.suffix };
  }
}

const EN_COUNT = [
  { pow: 9, suffix: 'bn', sig: 3 },
  { pow: 6, suffix: 'm', sig: 3 },
  { pow: 3, suffix: 'k', sig: 3 },
];
const ZH_COUNT = [
  { pow: 8, suffix: '亿', places: 2 },
  { pow: 4, suffix: '万', places: 1 },
];
// Money in zh: values arrive in billions (10亿); 亿 = bn × 10, 万亿 above 1e4 亿,
// 万 below 1亿.
const ZH_MONEY = [
  { pow: 4, suffix: '万亿' },
  { pow: 0, suffix: '亿' },
];

const EN_MONEY = { usd_bn: 'US$', eur_bn: '€', cny_bn: 'CN¥' };
const ZH_CURRENCY = { usd_bn: '美元', eur_bn: '欧元', cny_bn: '元' };

function zhMoney(d, unit, digits) {
  const yi = shift(d, 1);
  if (isZero(yi)) return `0${ZH_CURRENCY[unit]}`;
  if (intDigits(yi) === 0) {
    const wan = round(shift(yi, 4), digits);
    if (intDigits(wan) <= 4) return signed(wan, `${plain(wan, 'zh')}万${ZH_CURRENCY[unit]}`);
  }
  const { d: r, suffix } = scaled(yi, ZH_MONEY, digits);
  return signed(r, `${plain(r, 'zh')}${suffix || '亿'}${ZH_CURRENCY[unit]}`);
}

function number(locale, d, unit, digits) {
  if (Object.prototype.hasOwnProperty.call(EN_MONEY, unit)) {
    if (locale === 'zh') return zhMoney(d, unit, digits);
    const r = round(d, digits);
    return signed(r, `${EN_MONEY[unit]}${plain(r, 'en')}bn`);
  }
  if (unit === 'vehicles') {
    const { d: r, suffix } = scaled(d, locale === 'zh' ? ZH_COUNT : EN_COUNT, digits);
    return signed(r, `${plain(r, locale)}${suffix}${locale === 'zh' ? '辆' : ''}`);
  }
  const r = round(d, digits);
  const n = plain(r, locale);
  if (unit === 'percent') return signed(r, `${n}%`);
  if (unit === 'gwh') return signed(r, `${n}GWh`);
  if (unit === 'projects') {
    if (locale === 'zh') return signed(r, `${n}个项目`);
    return signed(r, `${n} ${n === '1' && !r.neg ? 'project' : 'projects'}`);
  }
  return signed(r, n);
}

const QUALIFIER = {
  en: { approximate: '≈', lower: 'over ', upper: 'up to ', missing: 'no figure' },
  zh: { approximate: '约', lower: '超过', upper: '最多', missing: '无数据' },
};

// Reader-facing value text, e.g. en "US$16bn", "≈US$16bn", "over US$90bn",
// "1.28m", "36.5%", "40 projects"; zh "160亿美元", "约160亿美元", "超过900亿美元",
// "128.4万辆", "40个项目". Missing (null, undefined, NaN, ±Infinity) → "no figure" /
// "无数据". `digits` caps the fraction digits after any change of unit (default:
// every digit the value has, except vehicles: en 3 significant digits in k/m/bn,
// zh one decimal in 万, two in 亿). A bound is said in words and takes the place of
// the approximate sign (the source's "over" already says it is not exact).
export function formatValue(locale, value, unit, { approximate = false, bound = null, digits } = {}) {
  const loc = norm(locale);
  const q = QUALIFIER[loc];
  if (isMissing(value)) return q.missing;
  const text = number(loc, decimal(value), unit, digits);
  if (bound === 'lower') return `${q.lower}${text}`;
  if (bound === 'upper') return `${q.upper}${text}`;
  if (approximate) return `${q.approximate}${text}`;
  return text;
}

// ---- axes ---------------------------------------------------------------------

// Short axis tick label, in the unit axisUnit() names: en 20 → "20", vehicles
// 1500000 → "1.5m"; zh usd_bn 20 → "200" (亿美元), vehicles 1500000 → "150万".
// Missing → ''.
export function formatTick(locale, value, unit) {
  if (isMissing(value)) return '';
  const loc = norm(locale);
  const d = decimal(value);
  if (unit === 'vehicles') {
    const steps = (loc === 'zh' ? ZH_COUNT : EN_COUNT).map(({ pow, suffix: s }) => ({ pow, suffix: s })); // exact
    const { d: r, suffix } = scaled(d, steps);
    return signed(r, `${plain(r, loc)}${suffix}`);
  }
  const r = loc === 'zh' && Object.prototype.hasOwnProperty.call(ZH_CURRENCY, unit) ? shift(d, 1) : d;
  return signed(r, plain(r, loc));
}

const AXIS_UNITS = {
  en: { usd_bn: 'US$bn', eur_bn: '€bn', cny_bn: 'CN¥bn', vehicles: 'vehicles', percent: '%', gwh: 'GWh', projects: 'projects' },
  zh: { usd_bn: '亿美元', eur_bn: '亿欧元', cny_bn: '亿元', vehicles: '辆', percent: '%', gwh: 'GWh', projects: '个项目' },
};

// The unit the ticks of formatTick are in: en "US$bn", "vehicles", "%";
// zh "亿美元", "辆", "%". Unknown unit → ''.
export function axisUnit(locale, unit) {
  const t = AXIS_UNITS[norm(locale)];
  return Object.prototype.hasOwnProperty.call(t, unit) ? t[unit] : '';
}

// ---- periods ------------------------------------------------------------------

const SPAN = /^(\d{4})\s*[-–]\s*(\d{4})$/;
const YEAR = /^\d{4}$/;
const QUARTER = /^(\d{4})\s*[-‐ ]\s*Q([1-4])$/;

// "2021-2022" → en "2021–22", zh "2021–22年"; "2024" → "2024" / "2024年";
// "1999-2001" → "1999–2001"; "2025-Q2" → en "2025 Q2", zh "2025年第2季度".
// Anything else is returned as given; null/undefined → ''.
export function formatPeriod(locale, period) {
  if (period === null || period === undefined) return '';
  const p = String(period).trim();
  const zh = norm(locale) === 'zh';
  const span = SPAN.exec(p);
  if (span) {
    const [, from, to] = span;
    const text = `${from}–${from.slice(0, 2) === to.slice(0, 2) ? to.slice(2) : to}`;
    return zh ? `${text}年` : text;
  }
  if (YEAR.test(p)) return zh ? `${p}年` : p;
  const q = QUARTER.exec(p);
  if (q) return zh ? `${q[1]}年第${q[2]}季度` : `${q[1]} Q${q[2]}`;
  return p;
}

// ---- names --------------------------------------------------------------------

// Builds a namer from the dataset's `countries` rows ({ iso3, name_en, name_zh })
// and `names` rows ({ kind, key, en, zh }), as read from the engine. The namer
// (locale, kind, key) returns the name in that locale; kind 'country' looks the key
// up as an ISO3 code, then as an English country name. An unknown key, or a row
// with an empty name, falls back to the key itself; null/undefined key → ''.
export function makeNamer(countryRows = [], nameRows = []) {
  const countries = new Map();
  const countryByName = new Map();
  for (const r of countryRows ?? []) {
    if (!r || typeof r.iso3 !== 'string') continue;
    const entry = { en: r.name_en, zh: r.name_zh };
    countries.set(r.iso3, entry);
    if (typeof r.name_en === 'string') countryByName.set(r.name_en, entry);
  }
  const names = new Map();
  for (const r of nameRows ?? []) {
    if (!r || typeof r.kind !== 'string' || typeof r.key !== 'string') continue;
    names.set(`${r.kind}\u0000${r.key}`, { en: r.en, zh: r.zh });
  }
  return function name(locale, kind, key) {
    if (key === null || key === undefined) return '';
    const k = String(key);
    const entry = kind === 'country' ? countries.get(k) ?? countryByName.get(k) : names.get(`${kind}\u0000${k}`);
    const text = entry ? entry[norm(locale)] : null;
    return typeof text === 'string' && text.length > 0 ? text : k;
  };
}
