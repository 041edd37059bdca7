#!/usr/bin/env node
// Bundles the client islands (client/*.ts, client/*.tsx) into public/assets/ with esbuild. Run by `npm run build`
// (and by `prepare`, so `npm ci` leaves a ready site).
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';

const entryPoints = readdirSync('client')
  .filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.test.tsx'))
  .map((f) => `client/${f}`);

await build({
  entryPoints,
  outdir: 'public/assets',
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
console.log(`client: ${entryPoints.length} îlots construits dans public/assets/`);
