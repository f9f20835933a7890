// The trace's file formats (the hooks' snapshots, run.json's variants[].trace) live with the
// run's other data in run-data/trace.ts: run-data must not import upward.
export type * from '../run-data/trace.ts';
