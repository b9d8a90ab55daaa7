// segment-groups.js — the families the map colours project segments by.
//
// The dataset's `projects.segment` is the compiler's free text (18 distinct
// strings for 34 projects, e.g. "battery cells (LFP)", "vehicle assembly
// (hybrids)"), too many to colour. This graphic groups them into four
// families; the grouping is ours, stated in a note under the map. A segment
// not listed here falls into 'other'.
// (Better: a `segment_group` column in data/'s `projects` table with names
// in `names`; until then this is the one place the grouping lives.)
//
// SEGMENT_GROUPS: [{ key, segments }] in legend order; names come from the
// copy (views.map.groups[key]).
// groupOf(segment) → the family key.

export const SEGMENT_GROUPS = Object.freeze([
  {
    key: 'cells',
    segments: Object.freeze([
      'battery cells', 'battery cells (LFP)', 'battery cells (cylindrical)', 'battery cells and modules',
      'battery cells and packs', 'battery packs / cells',
    ]),
  },
  {
    key: 'materials',
    segments: Object.freeze([
      'battery materials (cathode)', 'battery materials (cathode/anode components)',
      'battery materials (LFP cathode, NMC precursor)', 'battery materials (nickel sulfate)', 'battery materials complex',
    ]),
  },
  {
    key: 'assembly',
    segments: Object.freeze(['EV assembly', 'EV / hybrid assembly', 'vehicle assembly (hybrid/EV)', 'vehicle assembly (hybrids)']),
  },
  {
    key: 'mixed',
    segments: Object.freeze([
      'battery cells and materials', 'EV parts and battery (plant expansion)',
      'integrated battery chain (nickel mining to cells, recycling)',
    ]),
  },
]);

export const OTHER_GROUP = 'other';

export function groupOf(segment) {
  const g = SEGMENT_GROUPS.find((x) => x.segments.includes(segment));
  return g ? g.key : OTHER_GROUP;
}
