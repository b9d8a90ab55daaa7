// frame.js — checked access to engine Frames.
//
// A Frame (see web/engine/engine.js) has `columns` [{name, type}] and
// `rows()` → plain objects with missing values as null. These helpers check
// the columns a view needs before it reads rows, so a dataset of the wrong
// shape gives a sentence naming the table and column, not a broken chart.

export class ModelError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ModelError';
    this.code = 'MODEL';
  }
}

// Throws ModelError unless `frame` has every column in `required`
// ({name: type}); `optional` columns are checked for type only if present.
// Returns the frame's rows() (an array the caller owns).
export function checkedRows(frame, tableName, required, optional = {}, errors) {
  const types = new Map(frame.columns.map((c) => [c.name, c.type]));
  for (const [name, type] of Object.entries(required)) {
    if (!types.has(name)) throw new ModelError(errors.missingColumn(tableName, name));
    if (types.get(name) !== type) throw new ModelError(errors.badColumn(tableName, name, type, types.get(name)));
  }
  for (const [name, type] of Object.entries(optional)) {
    if (types.has(name) && types.get(name) !== type) throw new ModelError(errors.badColumn(tableName, name, type, types.get(name)));
  }
  return frame.rows();
}
