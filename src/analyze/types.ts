// The analysis's own vocabulary, defined with the run data it is saved in (run-data/analysis.ts):
// run.json holds it, and run-data must not import upward.
export type * from '../run-data/analysis.ts';
