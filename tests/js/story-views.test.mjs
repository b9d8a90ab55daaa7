// The story page's view list (web/app/graphic.js storyViews): builders in
// their order, the description's views in place of the same ids, and a
// described view no builder has in the description's order (the story's
// tab order), whatever the description holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { storyViews } from '../../web/app/graphic.js';

const doc = JSON.parse(fs.readFileSync(new URL('../../data/ev_story.chart.json', import.meta.url), 'utf8'));
const builder = (id) => ({ id, build: () => null, defaults: {} });
const ids = (list) => list.map((v) => `${v.id}${v.view ? '*' : ''}`);

test('described views replace builders by id and keep the story\'s tab order', () => {
  const builders = ['investment', 'capacity', 'exports', 'europe'].map(builder);
  assert.deepEqual(ids(storyViews(builders, doc, ['europe', 'projects', 'map'])), ['investment', 'capacity', 'exports', 'projects*', 'europe*', 'map*']);
  assert.deepEqual(ids(storyViews(builders, doc, ['europe'])), ['investment', 'capacity', 'exports', 'europe*'], 'only the listed ones');
  const all = ['investment', 'capacity', 'exports', 'projects', 'europe', 'map'].map(builder);
  assert.deepEqual(ids(storyViews(all, doc, ['projects'])), ['investment', 'capacity', 'exports', 'projects*', 'europe', 'map']);
  const d2 = { ...doc, views: [{ ...doc.views.find((v) => v.id === 'map'), id: 'first' }, ...doc.views] };
  assert.deepEqual(ids(storyViews(builders, d2, ['first', 'europe'])), ['investment', 'capacity', 'exports', 'first*', 'europe*'], 'just before the next shared view');
  assert.deepEqual(ids(storyViews([], doc, ['map', 'projects'])), ['projects*', 'map*']);
});
