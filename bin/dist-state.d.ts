// Types of dist-state.js (plain JS: it runs before anything is compiled) for the tests.
export type DistState = { state: 'missing' } | { state: 'ok' } | { state: 'stale'; newer: string };
export function distState(root: string): DistState;
