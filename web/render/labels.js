// labels.js — value labels above bars and "n/a" marks in empty slots, at
// the positions core/labels.js chose.

import { BACKGROUND, TEXT, TEXT_MUTED } from '../core/palette.js';
import { drawLines } from './text.js';

export function drawValueLabels(ctx, scene) {
  for (const l of scene.valueLabels) drawLines(ctx, l.lines, l.font, l.x, l.y, TEXT, BACKGROUND);
  for (const l of scene.missingLabels) drawLines(ctx, l.lines, l.font, l.x, l.y, TEXT_MUTED);
}
