// country-shapes.mjs — writes the built copy of world-atlas countries-110m
// whose feature ids are ISO 3166-1 alpha-3 codes ('BRA'), so that a map finds
// a country by the code a dataset names it by.
//
// world-atlas's ids are ISO numeric codes ('076'); each is turned into its
// alpha-3 code by the npm package i18n-iso-countries (a pinned devDependency,
// used here at build time only: no npm code ships). The numeric code stays in
// the feature's properties as `iso_n3`. Features with no ISO code (Natural
// Earth's Kosovo, N. Cyprus, Somaliland) keep no id, so maps name them "not on
// the map"; an id the package does not know stops the build.
//
// node tools/country-shapes.mjs <countries-110m.json> <out.json>
// Writes <out.json> only when its text changes (build.sh's rebuild checks).

import fs from 'node:fs';
import countries from 'i18n-iso-countries';

export function withAlpha3Ids(topo) {
  const object = topo && topo.objects && topo.objects.countries;
  if (!object || !Array.isArray(object.geometries)) throw new Error('country-shapes: no objects.countries.geometries');
  const seen = new Map();
  const geometries = object.geometries.map((g, i) => {
    const { id, ...rest } = g;
    if (id === undefined || id === null) return rest;
    const iso3 = countries.numericToAlpha3(String(id));
    if (!iso3) throw new Error(`country-shapes: geometry ${i} (${g.properties?.name}): ISO numeric code ${id} has no alpha-3 code in i18n-iso-countries`);
    if (seen.has(iso3)) throw new Error(`country-shapes: geometry ${i}: ${iso3} again (first at ${seen.get(iso3)})`);
    seen.set(iso3, i);
    return { ...rest, id: iso3, properties: { ...rest.properties, iso_n3: String(id) } };
  });
  return { ...topo, objects: { ...topo.objects, countries: { ...object, geometries } } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) throw new Error('usage: node tools/country-shapes.mjs <countries-110m.json> <out.json>');
  const text = JSON.stringify(withAlpha3Ids(JSON.parse(fs.readFileSync(from, 'utf8'))));
  if (!fs.existsSync(to) || fs.readFileSync(to, 'utf8') !== text) fs.writeFileSync(to, text);
}
