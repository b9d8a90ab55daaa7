// iso-numeric.js — ISO 3166-1 alpha-3 → numeric country codes, to match the
// dataset's `countries.iso3` to the ids of world-atlas's countries-110m
// shapes (Natural Earth uses the ISO numeric code as the feature id).
//
// The codes are facts of the standard, not data of the story; the table
// covers the story's host countries and other likely hosts of Chinese EV
// and battery plants. tests/js/core-map.test.mjs checks every entry against
// the names in countries-110m. A country missing here is listed under the
// map as "not on the map", never guessed.
// (Better: an `iso_numeric` column in data/'s `countries` table; until then
// this is the one place the mapping lives.)
//
// isoNumeric(iso3) → the three-digit code as world-atlas writes it ('076'),
// or null.

const CODES = Object.freeze({
  ARE: '784', ARG: '032', AUS: '036', AUT: '040', BEL: '056', BGD: '050', BRA: '076', CAN: '124',
  CHL: '152', CHN: '156', CZE: '203', DEU: '276', EGY: '818', ESP: '724', ETH: '231', FIN: '246',
  FRA: '250', GBR: '826', HUN: '348', IDN: '360', IND: '356', ITA: '380', JPN: '392', KAZ: '398',
  KHM: '116', KOR: '410', MAR: '504', MEX: '484', MMR: '104', MYS: '458', NLD: '528', NOR: '578',
  PAK: '586', PHL: '608', POL: '616', PRT: '620', ROU: '642', RUS: '643', SAU: '682', SRB: '688',
  SVK: '703', SWE: '752', THA: '764', TUR: '792', USA: '840', UZB: '860', VNM: '704', ZAF: '710',
});

export const ISO_NUMERIC = CODES;

export function isoNumeric(iso3) {
  return typeof iso3 === 'string' && Object.hasOwn(CODES, iso3) ? CODES[iso3] : null;
}
