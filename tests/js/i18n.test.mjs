// Tests for web/core/i18n.js: values, ticks, units, periods and names in English and Chinese.
// Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  LOCALES, axisUnit, formatPeriod, formatTick, formatValue, htmlLang, makeNamer, numberLocale, pickLocale,
  unitOfData,
} from '../../web/core/i18n.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const story = JSON.parse(readFileSync(join(REPO, 'data', 'ev_story.json'), 'utf8'));
const MINUS = '\u2212';

test('LOCALES and pickLocale: any zh* tag gives zh, the first supported tag decides', () => {
  assert.deepEqual(LOCALES, ['en', 'zh']);
  assert.equal(pickLocale(['zh-CN']), 'zh');
  assert.equal(pickLocale(['zh']), 'zh');
  assert.equal(pickLocale(['zh-TW', 'en']), 'zh');
  assert.equal(pickLocale(['zh-Hans-SG']), 'zh');
  assert.equal(pickLocale(['ZH-hk']), 'zh');
  assert.equal(pickLocale(['zh_CN']), 'zh');
  assert.equal(pickLocale('zh-CN'), 'zh');
  assert.equal(pickLocale(['fr-FR', 'zh-CN']), 'zh'); // no French: the next preference
  assert.equal(pickLocale(['en-GB', 'zh-CN']), 'en'); // reader put English first
  assert.equal(pickLocale(['en-US']), 'en');
  assert.equal(pickLocale(['zha']), 'en'); // Zhuang, not Chinese
  assert.equal(pickLocale(['de', 'fr']), 'en');
  assert.equal(pickLocale([]), 'en');
  assert.equal(pickLocale(undefined), 'en');
  assert.equal(pickLocale(null), 'en');
  assert.equal(pickLocale([null, 42, ' zh-CN ']), 'zh');
});

test('numberLocale and htmlLang', () => {
  assert.equal(numberLocale('en'), 'en-GB');
  assert.equal(numberLocale('zh'), 'zh-CN');
  assert.equal(numberLocale('xx'), 'en-GB');
  assert.equal(htmlLang('zh'), 'zh-Hans');
  assert.equal(htmlLang('en'), 'en');
});

test('formatValue: the brief’s English examples', () => {
  assert.equal(formatValue('en', 16, 'usd_bn'), 'US$16bn');
  assert.equal(formatValue('en', 29.7, 'usd_bn'), 'US$29.7bn');
  assert.equal(formatValue('en', 10, 'eur_bn'), '€10bn');
  assert.equal(formatValue('en', 342.65, 'cny_bn'), 'CN¥342.65bn');
  assert.equal(formatValue('en', 1284000, 'vehicles'), '1.28m');
  assert.equal(formatValue('en', 36.5, 'percent'), '36.5%');
  assert.equal(formatValue('en', 198.5, 'gwh'), '198.5GWh');
  assert.equal(formatValue('en', 40, 'projects'), '40 projects');
});

test('formatValue: the brief’s Chinese examples (exact shifts to 亿 and 万)', () => {
  assert.equal(formatValue('zh', 16, 'usd_bn'), '160亿美元');
  assert.equal(formatValue('zh', 92, 'usd_bn'), '920亿美元');
  assert.equal(formatValue('zh', 1.44, 'usd_bn'), '14.4亿美元'); // 1.44 * 10 is 14.399999999999999 in floats
  assert.equal(formatValue('zh', 10, 'eur_bn'), '100亿欧元');
  assert.equal(formatValue('zh', 342.65, 'cny_bn'), '3426.5亿元');
  assert.equal(formatValue('zh', 1284000, 'vehicles'), '128.4万辆');
  assert.equal(formatValue('zh', 12870000, 'vehicles'), '1287万辆');
  assert.equal(formatValue('zh', 36.5, 'percent'), '36.5%');
  assert.equal(formatValue('zh', 40, 'projects'), '40个项目');
  assert.equal(formatValue('zh', 198.5, 'gwh'), '198.5GWh');
});

test('formatValue: approximate values and bounds', () => {
  assert.equal(formatValue('en', 16, 'usd_bn', { approximate: true }), '≈US$16bn');
  assert.equal(formatValue('zh', 16, 'usd_bn', { approximate: true }), '约160亿美元');
  assert.equal(formatValue('en', 90, 'usd_bn', { bound: 'lower' }), 'over US$90bn');
  assert.equal(formatValue('zh', 90, 'usd_bn', { bound: 'lower' }), '超过900亿美元');
  assert.equal(formatValue('en', 90, 'usd_bn', { bound: 'upper' }), 'up to US$90bn');
  assert.equal(formatValue('zh', 90, 'usd_bn', { bound: 'upper' }), '最多900亿美元');
  // The dataset's 2022 domestic row is approximate and a lower bound: the word says both.
  assert.equal(formatValue('en', 90, 'usd_bn', { approximate: true, bound: 'lower' }), 'over US$90bn');
  assert.equal(formatValue('zh', 28.2, 'usd_bn', { bound: 'lower' }), '超过282亿美元');
  assert.equal(formatValue('en', 36.5, 'percent', { approximate: true }), '≈36.5%');
  assert.equal(formatValue('en', 1284000, 'vehicles', { bound: 'lower' }), 'over 1.28m');
  assert.equal(formatValue('zh', 1284000, 'vehicles', { approximate: true }), '约128.4万辆');
  assert.equal(formatValue('en', 40, 'projects', { bound: 'upper' }), 'up to 40 projects');
  assert.equal(formatValue('en', 16, 'usd_bn', { approximate: false, bound: null }), 'US$16bn');
});

test('formatValue: missing values say so, in both languages, never 0', () => {
  for (const v of [null, undefined, NaN, Infinity, -Infinity, '16', {}]) {
    assert.equal(formatValue('en', v, 'usd_bn'), 'no figure', String(v));
    assert.equal(formatValue('zh', v, 'usd_bn'), '无数据', String(v));
  }
  assert.equal(formatValue('en', NaN, 'vehicles', { approximate: true, bound: 'lower' }), 'no figure');
  assert.equal(formatValue('zh', null, 'percent', { approximate: true }), '无数据');
});

test('formatValue: zero, negative, 0.5, 1e9', () => {
  assert.equal(formatValue('en', 0, 'usd_bn'), 'US$0bn');
  assert.equal(formatValue('zh', 0, 'usd_bn'), '0美元');
  assert.equal(formatValue('en', -0, 'percent'), '0%');
  assert.equal(formatValue('en', 0, 'vehicles'), '0');
  assert.equal(formatValue('zh', 0, 'vehicles'), '0辆');
  assert.equal(formatValue('en', 0, 'projects'), '0 projects');
  assert.equal(formatValue('en', 1, 'projects'), '1 project');
  assert.equal(formatValue('en', -5, 'usd_bn'), `${MINUS}US$5bn`);
  assert.equal(formatValue('zh', -5, 'usd_bn'), `${MINUS}50亿美元`);
  assert.equal(formatValue('en', -2.1, 'percent'), `${MINUS}2.1%`);
  assert.equal(formatValue('en', -1284000, 'vehicles'), `${MINUS}1.28m`);
  assert.equal(formatValue('zh', -1284000, 'vehicles'), `${MINUS}128.4万辆`);
  assert.equal(formatValue('en', 0.5, 'usd_bn'), 'US$0.5bn');
  assert.equal(formatValue('zh', 0.5, 'usd_bn'), '5亿美元');
  assert.equal(formatValue('zh', 0.05, 'usd_bn'), '5000万美元'); // under 1亿 Chinese counts in 万
  assert.equal(formatValue('en', 0.5, 'percent'), '0.5%');
  assert.equal(formatValue('en', 0.5, 'vehicles'), '0.5');
  assert.equal(formatValue('en', 1e9, 'vehicles'), '1bn');
  assert.equal(formatValue('zh', 1e9, 'vehicles'), '10亿辆');
  assert.equal(formatValue('en', 1e9, 'usd_bn'), 'US$1,000,000,000bn');
  assert.equal(formatValue('zh', 1000, 'usd_bn'), '1万亿美元');
  assert.equal(formatValue('zh', 1e9, 'usd_bn'), '1,000,000万亿美元');
  assert.equal(formatValue('en', 1e21, 'usd_bn'), `US$1${',000'.repeat(7)}bn`); // never exponent notation
  assert.equal(formatValue('en', 1e-7, 'percent'), '0.0000001%');
  assert.equal(formatValue('en', 1234, 'gwh'), '1,234GWh');
  assert.equal(formatValue('zh', 1234, 'gwh'), '1234GWh'); // zh groups from five digits
  assert.equal(formatValue('zh', 12345, 'gwh'), '12,345GWh');
});

test('formatValue: vehicles in k, m, bn (en) and 万, 亿 (zh); rounding moves to the next unit', () => {
  assert.equal(formatValue('en', 999, 'vehicles'), '999');
  assert.equal(formatValue('en', 1000, 'vehicles'), '1k');
  assert.equal(formatValue('en', 1284, 'vehicles'), '1.28k');
  assert.equal(formatValue('en', 150000, 'vehicles'), '150k');
  assert.equal(formatValue('en', 1500000, 'vehicles'), '1.5m'); // no padding to "1.50m"
  assert.equal(formatValue('en', 12870000, 'vehicles'), '12.9m');
  assert.equal(formatValue('en', 999950, 'vehicles'), '1m'); // not "1,000k"
  assert.equal(formatValue('en', 999499, 'vehicles'), '999k');
  assert.equal(formatValue('zh', 9999, 'vehicles'), '9999辆');
  assert.equal(formatValue('zh', 10000, 'vehicles'), '1万辆');
  assert.equal(formatValue('zh', 150000, 'vehicles'), '15万辆');
  assert.equal(formatValue('zh', 1234567, 'vehicles'), '123.5万辆');
  assert.equal(formatValue('zh', 99999999, 'vehicles'), '1亿辆'); // not "10000万辆"
  assert.equal(formatValue('zh', 123456789, 'vehicles'), '1.23亿辆');
});

test('formatValue: rounding is honest (decimal, half away from zero, never a false 0, no invented digits)', () => {
  // Decimal rounding of the written value, not of its binary approximation:
  // 1.285e6 / 1e6 and 2.675 are below the halfway point as doubles.
  assert.equal(formatValue('en', 1285000, 'vehicles'), '1.29m');
  assert.equal(formatValue('en', 2.675, 'usd_bn', { digits: 2 }), 'US$2.68bn');
  assert.equal(formatValue('en', 1.25, 'percent', { digits: 1 }), '1.3%');
  assert.equal(formatValue('en', -1.25, 'percent', { digits: 1 }), `${MINUS}1.3%`);
  assert.equal(formatValue('en', 9.96, 'usd_bn', { digits: 1 }), 'US$10bn');
  assert.equal(formatValue('en', 29.7, 'usd_bn', { digits: 0 }), 'US$30bn');
  // Never more digits than the value has.
  assert.equal(formatValue('en', 16, 'usd_bn', { digits: 2 }), 'US$16bn');
  assert.equal(formatValue('zh', 1.44, 'usd_bn', { digits: 3 }), '14.4亿美元');
  // A non-zero value is never shown as 0 (nor as −0).
  assert.equal(formatValue('en', 0.004, 'percent', { digits: 1 }), '0.004%');
  assert.equal(formatValue('en', 0.0046, 'percent', { digits: 1 }), '0.005%');
  assert.equal(formatValue('en', -0.0001, 'percent', { digits: 0 }), `${MINUS}0.0001%`);
  assert.equal(formatValue('en', 0.3, 'vehicles', { digits: 0 }), '0.3');
  // Binary noise from sums is not shown as data (15 significant digits round-trip).
  assert.equal(formatValue('en', 0.1 + 0.2, 'percent'), '0.3%');
  assert.equal(formatValue('zh', 0.1 + 0.2, 'usd_bn'), '3亿美元');
  assert.equal(formatValue('en', 41 + 15 + 16 + 92 + 90 + 29.7 + 28.2, 'usd_bn'), 'US$311.9bn');
  // digits applies after the change of unit.
  assert.equal(formatValue('zh', 1.234, 'usd_bn', { digits: 1 }), '12.3亿美元');
  assert.equal(formatValue('zh', 1284000, 'vehicles', { digits: 0 }), '128万辆');
  assert.equal(formatValue('en', 1284000, 'vehicles', { digits: 1 }), '1.3m');
});

test('formatValue: every number of the dataset formats without float noise in both languages', () => {
  const units = { 'USD bn': 'usd_bn', 'EUR bn': 'eur_bn', 'CNY bn': 'cny_bn', vehicles: 'vehicles', '%': 'percent', GWh: 'gwh', projects: 'projects' };
  const unitOf = new Map(story.series.map((s) => [s.id, units[s.unit] ?? 'percent']));
  let n = 0;
  for (const p of story.series_points) {
    const unit = unitOf.get(p.series_id);
    for (const loc of ['en', 'zh']) {
      const text = formatValue(loc, p.value, unit, { approximate: p.approximate, bound: p.bound });
      if (p.value === null) {
        assert.equal(text, loc === 'en' ? 'no figure' : '无数据');
        continue;
      }
      assert.doesNotMatch(text, /\d{6,}|999999|000001|e[+-]?\d/, `${p.series_id} ${p.value} → ${text}`);
      n++;
    }
  }
  assert.ok(n > 150);
  // Money: the zh text is the English digits with the point moved one place.
  for (const r of story.investment) {
    const digits = (s) => s.replace(/[^\d]/g, '').replace(/^0+/, '').replace(/0+$/, '');
    assert.equal(digits(formatValue('zh', r.usd_bn, 'usd_bn')), digits(formatValue('en', r.usd_bn, 'usd_bn')));
  }
});

test('formatTick and axisUnit', () => {
  assert.equal(formatTick('en', 20, 'usd_bn'), '20');
  assert.equal(formatTick('en', 1500000, 'vehicles'), '1.5m');
  assert.equal(formatTick('zh', 20, 'usd_bn'), '200');
  assert.equal(formatTick('zh', 1500000, 'vehicles'), '150万');
  assert.equal(formatTick('en', 0, 'usd_bn'), '0');
  assert.equal(formatTick('zh', 0, 'vehicles'), '0');
  assert.equal(formatTick('en', -20, 'percent'), `${MINUS}20`);
  assert.equal(formatTick('en', 2.5, 'usd_bn'), '2.5');
  assert.equal(formatTick('zh', 2.5, 'usd_bn'), '25');
  assert.equal(formatTick('zh', 0.30000000000000004, 'usd_bn'), '3');
  assert.equal(formatTick('en', 1000, 'usd_bn'), '1,000');
  assert.equal(formatTick('en', 250000, 'vehicles'), '250k');
  assert.equal(formatTick('en', 12345678, 'vehicles'), '12.345678m'); // ticks are exact, never rounded
  assert.equal(formatTick('zh', 12345, 'vehicles'), '1.2345万');
  assert.equal(formatTick('zh', 2e8, 'vehicles'), '2亿');
  assert.equal(formatTick('en', 40, 'percent'), '40');
  assert.equal(formatTick('en', NaN, 'percent'), '');
  assert.equal(formatTick('zh', null, 'usd_bn'), '');

  assert.equal(axisUnit('en', 'usd_bn'), 'US$bn');
  assert.equal(axisUnit('en', 'eur_bn'), '€bn');
  assert.equal(axisUnit('en', 'cny_bn'), 'CN¥bn');
  assert.equal(axisUnit('en', 'vehicles'), 'vehicles');
  assert.equal(axisUnit('en', 'percent'), '%');
  assert.equal(axisUnit('en', 'gwh'), 'GWh');
  assert.equal(axisUnit('zh', 'usd_bn'), '亿美元');
  assert.equal(axisUnit('zh', 'eur_bn'), '亿欧元');
  assert.equal(axisUnit('zh', 'cny_bn'), '亿元');
  assert.equal(axisUnit('zh', 'vehicles'), '辆');
  assert.equal(axisUnit('zh', 'percent'), '%');
  assert.equal(axisUnit('en', 'nonsense'), '');
  assert.equal(axisUnit('en', 'toString'), '');
  // A tick plus its axis unit reads the same value as formatValue.
  assert.equal(`${formatTick('zh', 16, 'usd_bn')}${axisUnit('zh', 'usd_bn')}`, formatValue('zh', 16, 'usd_bn'));
});

test('unitOfData maps the dataset’s unit strings', () => {
  assert.equal(unitOfData('USD bn'), 'usd_bn');
  assert.equal(unitOfData('EUR bn'), 'eur_bn');
  assert.equal(unitOfData('CNY bn'), 'cny_bn');
  assert.equal(unitOfData('vehicles'), 'vehicles');
  assert.equal(unitOfData('%'), 'percent');
  assert.equal(unitOfData('% of Chinese FDI in EU+UK'), 'percent');
  assert.equal(unitOfData('GWh'), 'gwh');
  assert.equal(unitOfData('projects'), 'projects');
  assert.equal(unitOfData('toString'), null);
  for (const s of story.series) assert.notEqual(unitOfData(s.unit), null, s.unit);
});

test('formatPeriod', () => {
  assert.equal(formatPeriod('en', '2021-2022'), '2021–22');
  assert.equal(formatPeriod('zh', '2021-2022'), '2021–22年');
  assert.equal(formatPeriod('en', '2024'), '2024');
  assert.equal(formatPeriod('zh', '2024'), '2024年');
  assert.equal(formatPeriod('en', 2024), '2024');
  assert.equal(formatPeriod('en', '1999-2001'), '1999–2001');
  assert.equal(formatPeriod('en', '2014–2025'), '2014–25');
  assert.equal(formatPeriod('en', '2025-Q2'), '2025 Q2');
  assert.equal(formatPeriod('zh', '2025-Q2'), '2025年第2季度');
  assert.equal(formatPeriod('en', 'Jan-Apr'), 'Jan-Apr');
  assert.equal(formatPeriod('zh', null), '');
});

test('makeNamer: countries by ISO3 (and English name), other kinds from the names table, fallback to the key', () => {
  const name = makeNamer(story.countries, story.names);
  assert.equal(name('en', 'country', 'HUN'), 'Hungary');
  assert.equal(name('zh', 'country', 'HUN'), '匈牙利');
  assert.equal(name('zh', 'country', 'TUR'), '土耳其');
  assert.equal(name('en', 'country', 'TUR'), 'Türkiye');
  assert.equal(name('zh', 'country', 'Hungary'), '匈牙利');
  assert.equal(name('zh', 'country', 'XXX'), 'XXX');
  assert.equal(name('zh', 'company', 'BYD'), '比亚迪');
  assert.equal(name('en', 'company', 'BYD'), 'BYD');
  assert.equal(name('zh', 'region', 'Europe'), '欧洲');
  assert.equal(name('zh', 'segment', 'EV assembly'), '电动汽车组装');
  assert.equal(name('en', 'market', 'domestic'), 'Domestic (in China)');
  assert.equal(name('zh', 'market', 'overseas'), '海外');
  assert.equal(name('zh', 'company', 'Unknown Co'), 'Unknown Co');
  assert.equal(name('zh', 'region', 'BYD'), 'BYD'); // kinds are separate
  assert.equal(name('zh', 'company', null), '');
  assert.equal(name('xx', 'company', 'BYD'), 'BYD'); // unknown locale → English
  // Every project's names resolve to Chinese.
  for (const p of story.projects) {
    assert.match(name('zh', 'company', p.company), /[\u4e00-\u9fff]/, p.company);
    assert.match(name('zh', 'region', p.region), /[\u4e00-\u9fff]/, p.region);
    assert.match(name('zh', 'segment', p.segment), /[\u4e00-\u9fff]/, p.segment);
    assert.match(name('zh', 'country', p.iso3), /[\u4e00-\u9fff]/, p.iso3);
  }
  // Robust to odd rows and empty names.
  const odd = makeNamer([null, { iso3: 'AAA', name_en: 'A', name_zh: '' }], [{ kind: 'company', key: 'K', en: 'K', zh: null }, {}]);
  assert.equal(odd('zh', 'country', 'AAA'), 'AAA');
  assert.equal(odd('zh', 'company', 'K'), 'K');
  assert.equal(makeNamer()('zh', 'company', 'BYD'), 'BYD');
  assert.equal(makeNamer([], [{ kind: 'company', key: '__proto__', en: 'x', zh: 'y' }])('zh', 'company', '__proto__'), 'y');
});
