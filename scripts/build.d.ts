// Types of build.js (plain JS: it runs at install, before anything is compiled) for the tests.
export const STAMP: string;
export const ENTRY_POINTS: string[];
export const EXTERNAL: string[];
export function assetFiles(srcDir: string): string[];
export function copyAssets(srcDir: string, distDir: string): string[];
export function build(root?: string): Promise<string[]>;
