// The story page's views as the page draws them (web/main.js): the builders
// of core/views/index.js with the described views of data/ev_story.chart.json
// in their place (app/graphic.js storyViews), and the description itself.
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './load-engine.mjs';
import { storyViews } from '../../../web/app/graphic.js';
import { DESCRIBED, VIEWS } from '../../../web/core/views/index.js';

export const STORY_DOC = JSON.parse(fs.readFileSync(path.join(REPO, 'data', 'ev_story.chart.json'), 'utf8'));
export const PAGE_VIEWS = Object.freeze(storyViews(VIEWS, STORY_DOC, DESCRIBED));
