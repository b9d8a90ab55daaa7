// The story page's views as the page draws them (web/main.js): the described
// views of data/ev_story.chart.json in its order (core/chart-view.js chartViews), and the
// description itself.
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './load-engine.mjs';
import { chartViews } from '../../../web/core/chart-view.js';

export const STORY_DOC = JSON.parse(fs.readFileSync(path.join(REPO, 'data', 'ev_story.chart.json'), 'utf8'));
export const PAGE_VIEWS = Object.freeze(chartViews(STORY_DOC));
