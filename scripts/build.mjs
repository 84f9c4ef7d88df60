// Compiles the TypeScript of src/ and commands/ to JavaScript in dist/, file by file (no bundle:
// commands/ is still read as a folder, and lazy imports stay lazy). Runs on `npm install` and
// before `npm start`; it takes well under a second. Type errors are caught by `npm test`.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const sources = (dir, extension = '.ts') =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path, extension);
    return entry.name.endsWith(extension) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

const result = await build({
  entryPoints: [...sources('src'), ...sources('commands')],
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  write: false,
});

// Only changed files are written, each by rename: a process running from dist/ while another
// rebuilds (npm start beside npm test) never reads a half-written file.
for (const file of result.outputFiles) {
  let same = false;
  try {
    same = readFileSync(file.path).equals(file.contents);
  } catch {}
  if (same) continue;
  mkdirSync(dirname(file.path), { recursive: true });
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, file.contents);
  renameSync(temporary, file.path);
}

// Data the code reads beside itself (the learned weights) goes along, unchanged.
const data = sources('src', '.json');
for (const file of data) {
  const target = join('dist', file);
  mkdirSync(dirname(target), { recursive: true });
  if (!existsSync(target) || !readFileSync(target).equals(readFileSync(file))) {
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, readFileSync(file));
    renameSync(temporary, target);
  }
}

// A source deleted or renamed leaves no compiled file behind (commands/ is loaded by folder).
const written = new Set([...result.outputFiles.map((file) => resolve(file.path)), ...data.map((file) => resolve(join('dist', file)))]);
const compiled = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? compiled(join(dir, entry.name)) : [resolve(join(dir, entry.name))]));
if (existsSync('dist')) for (const file of compiled('dist')) if (!written.has(file) && !file.endsWith('.tmp')) rmSync(file);
