// geo.test.mjs — the engine's map projections and TopoJSON decoding,
// differential against d3-geo and topojson-client (test-only npm packages)
// on the real world-atlas file the page draws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as d3 from 'd3-geo';
import * as topojson from 'topojson-client';
import { loadEngine } from './helpers/load-engine.mjs';

const require = createRequire(import.meta.url);
const LAND = require.resolve('world-atlas/land-110m.json');
const COUNTRIES = require.resolve('world-atlas/countries-110m.json');
const engine = await loadEngine();
const RAD = Math.PI / 180;

const RAW = {
  'equal-earth': d3.geoEqualEarthRaw,
  'natural-earth': d3.geoNaturalEarth1Raw,
  mercator: d3.geoMercatorRaw,
  equirectangular: d3.geoEquirectangularRaw,
};

function grid(maxLat) {
  const lambda = [];
  const phi = [];
  for (let lon = -180; lon <= 180; lon += 5) {
    for (let lat = -maxLat; lat <= maxLat; lat += 2.5) {
      lambda.push(lon * RAD);
      phi.push(lat * RAD);
    }
  }
  return { lambda, phi };
}

for (const [name, raw] of Object.entries(RAW)) {
  test(`${name}: forward projection matches d3-geo to 1e-9 on a 5°×2.5° grid`, () => {
    const { lambda, phi } = grid(name === 'mercator' ? 85 : 90);
    const out = engine.projectRaw(name, lambda, phi);
    let worst = 0;
    for (let i = 0; i < lambda.length; i++) {
      const [x, y] = raw(lambda[i], phi[i]);
      worst = Math.max(worst, Math.abs(out.x[i] - x), Math.abs(out.y[i] - y));
    }
    assert.ok(worst <= 1e-9, `largest difference ${worst}`);
  });

  test(`${name}: inverse matches d3-geo to 1e-9`, () => {
    const { lambda, phi } = grid(name === 'mercator' ? 85 : 87.5);
    const xs = [];
    const ys = [];
    for (let i = 0; i < lambda.length; i++) {
      const [x, y] = raw(lambda[i], phi[i]);
      xs.push(x);
      ys.push(y);
    }
    const back = engine.invertRaw(name, xs, ys);
    let worst = 0;
    for (let i = 0; i < xs.length; i++) {
      const [l, p] = raw.invert(xs[i], ys[i]);
      worst = Math.max(worst, Math.abs(back.lambda[i] - l), Math.abs(back.phi[i] - p));
    }
    assert.ok(worst <= 1e-9, `largest difference ${worst}`);
  });
}

test('Mercator clamps the poles where d3 would go to infinity', () => {
  const out = engine.projectRaw('mercator', [0, 0], [90 * RAD, -90 * RAD]);
  assert.ok(Math.abs(out.y[0] - Math.PI) < 1e-12);
  assert.ok(Math.abs(out.y[1] + Math.PI) < 1e-12);
});

function ringsOf(geometry) {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

for (const [file, object] of [[LAND, 'land'], [COUNTRIES, 'countries']]) {
  test(`TopoJSON decode of world-atlas ${object} equals topojson-client's, point for point`, () => {
    const text = readFileSync(file);
    const topology = JSON.parse(text);
    const expected = topojson.feature(topology, topology.objects[object]);
    const features = expected.type === 'FeatureCollection' ? expected.features : [expected];
    const expectedRings = features.flatMap((f) => ringsOf(f.geometry));
    const shapes = engine.loadShapes(text, object);
    try {
      const rings = engine.mapRings(shapes);
      assert.equal(rings.length, expectedRings.length, 'ring count');
      for (let r = 0; r < rings.length; r++) {
        const want = expectedRings[r];
        assert.equal(rings[r].lon.length, want.length, `ring ${r} length`);
        for (let i = 0; i < want.length; i++) {
          assert.equal(rings[r].lon[i], want[i][0], `ring ${r} point ${i} lon`);
          assert.equal(rings[r].lat[i], want[i][1], `ring ${r} point ${i} lat`);
        }
      }
      assert.equal(shapes.geometryCount, features.length);
    } finally {
      shapes.free();
    }
  });
}

test('country points: every story country has a point inside its own outline', () => {
  const text = readFileSync(COUNTRIES);
  const topology = JSON.parse(text);
  const features = topojson.feature(topology, topology.objects.countries).features;
  const shapes = engine.loadShapes(text, 'countries');
  try {
    const points = engine.mapPoints(shapes).rows();
    assert.equal(points.length, features.length);
    // Countries in the story's project table, by ISO 3166 numeric code.
    for (const [id, name] of [['348', 'Hungary'], ['360', 'Indonesia'], ['276', 'Germany'],
      ['724', 'Spain'], ['504', 'Morocco'], ['764', 'Thailand'], ['484', 'Mexico'], ['076', 'Brazil']]) {
      const p = points.find((q) => q.id === id);
      assert.ok(p, `point for ${name}`);
      assert.equal(p.name, name);
      const f = features.find((q) => q.id === id);
      assert.ok(d3.geoContains(f, [p.lon, p.lat]), `${name}'s point ${p.lon},${p.lat} lies inside it`);
    }
  } finally {
    shapes.free();
  }
});

test('fit + path: the world fits the canvas and the path follows d3 with the same scale and translate', () => {
  const text = readFileSync(LAND);
  const shapes = engine.loadShapes(text, 'land');
  try {
    for (const projection of Object.keys(RAW)) {
      const view = engine.fitMap(projection, [-180, -90, 180, 90], 960, 500, 8);
      const path = engine.mapPath(shapes, view);
      const d3proj = (projection === 'natural-earth' ? d3.geoProjection(d3.geoNaturalEarth1Raw)
        : d3.geoProjection(RAW[projection])).scale(view.k).translate([view.tx, view.ty]);
      const rings = engine.mapRings(shapes);
      let i = 0;
      let worst = 0;
      for (const ring of rings) {
        for (let j = 0; j < ring.lon.length; j++, i++) {
          const lat = projection === 'mercator' ? Math.max(-85.0511287798066, Math.min(85.0511287798066, ring.lat[j])) : ring.lat[j];
          const [x, y] = d3proj([ring.lon[j], lat]);
          worst = Math.max(worst, Math.abs(path.x[i] - x), Math.abs(path.y[i] - y));
          assert.ok(path.x[i] >= 8 - 1e-6 && path.x[i] <= 952 + 1e-6, `${projection} x inside`);
          assert.ok(path.y[i] >= 8 - 1e-6 && path.y[i] <= 492 + 1e-6, `${projection} y inside`);
        }
        assert.ok(Number.isNaN(path.x[i]), 'a break after each ring');
        i++;
      }
      assert.ok(worst < 1e-9, `${projection}: largest pixel difference from d3 ${worst}`);
      // hit-testing: pixels back to degrees
      const [px, py] = [path.x[0], path.y[0]];
      const back = engine.invert(view, px, py);
      assert.ok(Math.abs(back[0] - rings[0].lon[0]) < 1e-9 && Math.abs(back[1] - rings[0].lat[0]) < 1e-9);
    }
  } finally {
    shapes.free();
  }
});

test('bad geo input: clear errors, engine still usable', () => {
  const bad = [
    ['{"type":"Topology","objects":{}', 'PARSE', /JSON parse error at line 1/],
    ['{"type":"FeatureCollection"}', 'SHAPE', /not a Topology/],
    ['{"type":"Topology","objects":{"land":{"type":"Polygon","arcs":[[9]]}},"arcs":[]}', 'SHAPE', /refers to arc 9, but there are 0 arcs/],
  ];
  for (const [text, code, message] of bad) {
    assert.throws(() => engine.loadShapes(text, 'land'), (e) => e.code === code && message.test(e.message));
  }
  assert.throws(() => engine.loadShapes('{"type":"Topology","objects":{"a":{"type":null}},"arcs":[]}', 'land'),
    (e) => e.code === 'SHAPE' && /no object 'land' \(objects: 'a'\)/.test(e.message));
  assert.throws(() => engine.projectRaw('mercator', [NaN], [0]), (e) => e.code === 'ARG' && /finite/.test(e.message));
  assert.throws(() => engine.fitMap('equal-earth', [-200, -90, 180, 90], 100, 100, 0), (e) => e.code === 'ARG');
  assert.throws(() => engine.projectRaw('orthographic', [0], [0]), (e) => e.code === 'ARG');
  assert.equal(engine.invert(engine.fitMap('equal-earth', [-180, -90, 180, 90], 400, 200, 0), -5000, -5000), null);
  const ok = engine.loadShapes(readFileSync(LAND), 'land');
  ok.free();
  assert.equal(engine.liveObjects(), 0);
});
