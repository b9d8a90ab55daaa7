// Tests for web/core/palette.js: WCAG contrast and colour-vision-deficiency safety of both themes.
// Run: node --test tests/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as palette from '../../web/core/palette.js';

const { THEMES, theme, contrastRatio } = palette;

// ---- colour science used only by the tests -------------------------------------------------

const lin = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);

// Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color
// Vision Deficiency", severity 1.0, applied to linear sRGB (as Chrome and Firefox DevTools do).
// Machado's tritan model is the weakest of the three; it is still a useful check.
const CVD = {
  normal: null,
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
};

function simulate(hex, kind) {
  const l = rgb(hex).map(lin);
  const m = CVD[kind];
  if (!m) return l;
  return m.map((row) => Math.min(1, Math.max(0, row[0] * l[0] + row[1] * l[1] + row[2] * l[2])));
}

// Linear sRGB → CIELAB (D65).
function lab([r, g, b]) {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  const z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

// CIEDE2000 (Sharma, Wu & Dalal 2005), kL = kC = kH = 1.
function ciede2000([L1, a1, b1], [L2, a2, b2]) {
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cb7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cb7 / (Cb7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b, a) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * rad);
  const Lbp = (L1 + L2) / 2;
  const Cbp = (C1p + C2p) / 2;
  let hbp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) > 180) hbp += hbp < 360 ? 360 : -360;
    hbp /= 2;
  }
  const T = 1 - 0.17 * Math.cos((hbp - 30) * rad) + 0.24 * Math.cos(2 * hbp * rad)
    + 0.32 * Math.cos((3 * hbp + 6) * rad) - 0.2 * Math.cos((4 * hbp - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hbp - 275) / 25) ** 2));
  const Cbp7 = Cbp ** 7;
  const RC = 2 * Math.sqrt(Cbp7 / (Cbp7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lbp - 50) ** 2) / Math.sqrt(20 + (Lbp - 50) ** 2);
  const SC = 1 + 0.045 * Cbp;
  const SH = 1 + 0.015 * Cbp * T;
  const RT = -Math.sin(2 * dTheta * rad) * RC;
  return Math.sqrt((dLp / SL) ** 2 + (dCp / SC) ** 2 + (dHp / SH) ** 2 + RT * (dCp / SC) * (dHp / SH));
}

const deltaE = (a, b, kind) => ciede2000(lab(simulate(a, kind)), lab(simulate(b, kind)));

// Why ΔE2000 ≥ 10: ΔE2000 ≈ 1 is a just-noticeable difference for large patches side by side.
// Chart marks are small and apart; Stone, Szafir & Setlur (2014, "An engineering model for color
// difference as a function of size") measured the noticeable difference growing several-fold for
// small marks (about 5–6 ΔE for ~0.5° marks). Categories must be told apart at a glance, not just
// noticed, so we ask for about twice that: 10. (CIE76 would need a larger number for the same
// pairs; CIEDE2000 corrects its overstatement of saturated differences.)
const MIN_DELTA_E = 10;
const KINDS = Object.keys(CVD);

// ---- the checkers are right ---------------------------------------------------------------

test('CIEDE2000 matches Sharma, Wu & Dalal (2005) test pairs', () => {
  const pairs = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [[50, 2.5, 0], [50, 0, -2.5], 4.3065],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [[22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
    [[90.9257, -0.5406, -0.9208], [88.6381, -0.8985, -0.7239], 1.5381],
  ];
  for (const [a, b, want] of pairs) {
    assert.ok(Math.abs(ciede2000(a, b) - want) < 1e-4, `${a} ${b}: ${ciede2000(a, b)} vs ${want}`);
    assert.ok(Math.abs(ciede2000(b, a) - want) < 1e-4, 'symmetric');
  }
});

test('CVD simulation: greys are unchanged; red and green collapse for protanopia and deuteranopia', () => {
  for (const kind of KINDS) {
    for (const g of ['#000000', '#777777', '#ffffff']) {
      const s = simulate(g, kind);
      const l = lin(rgb(g)[0]);
      for (const c of s) assert.ok(Math.abs(c - l) < 0.002, `${kind} ${g}`);
    }
  }
  // The classic confusion pair: a red and a green of similar lightness.
  assert.ok(deltaE('#d62728', '#2ca02c', 'normal') > 40);
  assert.ok(deltaE('#d62728', '#2ca02c', 'deuteranopia') < deltaE('#d62728', '#2ca02c', 'normal') / 2);
  assert.ok(deltaE('#d62728', '#2ca02c', 'protanopia') < deltaE('#d62728', '#2ca02c', 'normal') / 2);
  // Okabe–Ito vermillion and the previous dark-yellow extra colour: a collision the test now catches.
  assert.ok(deltaE('#d55e00', '#8a6d00', 'protanopia') < MIN_DELTA_E);
});

test('contrastRatio follows WCAG 2.x', () => {
  assert.equal(contrastRatio('#000000', '#ffffff'), 21);
  assert.equal(contrastRatio('#ffffff', '#000000'), 21);
  assert.equal(contrastRatio('#777777', '#777777'), 1);
  assert.equal(contrastRatio('#fff', '#000'), 21);
  assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01); // the well-known 4.5:1 grey
  assert.ok(Math.abs(contrastRatio('#0072b2', '#ffffff') - 5.19) < 0.01);
  assert.throws(() => contrastRatio('blue', '#fff'), TypeError);
  assert.throws(() => contrastRatio('#12345', '#fff'), TypeError);
});

// ---- the themes ------------------------------------------------------------------------

const HEX = /^#[0-9a-f]{6}$/;

test('THEMES has light and dark with every token; theme() picks one', () => {
  assert.deepEqual(Object.keys(THEMES).sort(), ['dark', 'light']);
  for (const [name, t] of Object.entries(THEMES)) {
    for (const k of ['background', 'surface', 'text', 'muted', 'grid', 'axis', 'focus', 'neutral']) {
      assert.match(t[k], HEX, `${name}.${k}`);
    }
    assert.equal(t.series.length, 6, `${name}.series`);
    for (const c of t.series) assert.match(c, HEX, `${name}.series`);
    assert.equal(new Set(t.series).size, 6, `${name}: repeated series colour`);
    assert.ok(Object.isFrozen(t) && Object.isFrozen(t.series), `${name} frozen`);
  }
  assert.equal(theme('light'), THEMES.light);
  assert.equal(theme('dark'), THEMES.dark);
  assert.equal(theme('nonsense'), THEMES.light);
  assert.equal(theme(), THEMES.light);
  // The dark theme is dark and the light theme light.
  assert.ok(contrastRatio(THEMES.dark.background, '#000000') < 1.5);
  assert.ok(contrastRatio(THEMES.light.background, '#ffffff') < 1.1);
});

for (const name of ['light', 'dark']) {
  const t = THEMES[name];

  test(`${name}: text ≥ 4.5:1 and graphics ≥ 3:1 (WCAG 1.4.3, 1.4.11)`, () => {
    for (const bg of ['background', 'surface']) {
      for (const k of ['text', 'muted']) {
        const r = contrastRatio(t[k], t[bg]);
        assert.ok(r >= 4.5, `${name}.${k} on ${bg}: ${r.toFixed(2)}:1`);
      }
    }
    for (const k of ['grid', 'axis', 'focus', 'neutral']) {
      const r = contrastRatio(t[k], t.background);
      assert.ok(r >= 3, `${name}.${k}: ${r.toFixed(2)}:1`);
    }
    t.series.forEach((c, i) => {
      const r = contrastRatio(c, t.background);
      assert.ok(r >= 3, `${name}.series[${i}] ${c}: ${r.toFixed(2)}:1`);
    });
  });

  test(`${name}: series colours stay ΔE2000 ≥ ${MIN_DELTA_E} apart under protan-, deuter- and tritanopia`, () => {
    const fails = [];
    for (const kind of KINDS) {
      for (let i = 0; i < t.series.length; i++) {
        for (let j = i + 1; j < t.series.length; j++) {
          const d = deltaE(t.series[i], t.series[j], kind);
          if (d < MIN_DELTA_E) fails.push(`${kind}: ${t.series[i]} vs ${t.series[j]} ΔE ${d.toFixed(1)}`);
        }
      }
      // The neutral (totals, averages) is drawn beside series 0 and 1.
      for (const c of t.series.slice(0, 2)) {
        const d = deltaE(t.neutral, c, kind);
        if (d < MIN_DELTA_E) fails.push(`${kind}: neutral ${t.neutral} vs ${c} ΔE ${d.toFixed(1)}`);
      }
    }
    assert.deepEqual(fails, []);
  });
}

// ---- exports the page already uses ---------------------------------------------------------

test('existing exports still work and agree with the light theme', () => {
  const L = THEMES.light;
  assert.equal(palette.BACKGROUND, L.background);
  assert.equal(palette.TEXT, L.text);
  assert.equal(palette.TEXT_MUTED, L.muted);
  assert.equal(palette.GRID, L.grid);
  assert.equal(palette.AXIS, L.axis);
  assert.equal(palette.FOCUS, L.focus);
  assert.deepEqual({ ...palette.SERIES_COLOURS }, { total: '#5f5f5f', domestic: '#0072b2', overseas: '#d55e00' });
  assert.deepEqual([...palette.EXTRA_COLOURS], L.series.slice(2));
  assert.equal(palette.seriesColour('domestic'), '#0072b2');
  assert.equal(palette.seriesColour('overseas'), '#d55e00');
  assert.equal(palette.seriesColour('total'), '#5f5f5f');
  assert.equal(palette.seriesColour('other', 0), L.series[2]);
  assert.equal(palette.seriesColour('other', 5), L.series[3]); // wraps over the 4 extra colours
  assert.equal(palette.seriesColour('toString'), L.series[2]);
  assert.equal(palette.seriesColour('domestic', 0, 'dark'), THEMES.dark.series[0]);
  assert.equal(palette.seriesColour('total', 0, 'dark'), THEMES.dark.neutral);
});
