// Prints the JavaScript a first visit downloads for the sign-in page and the task list (gzipped),
// and fails the build above the budget. Reads Vite's manifest: the entry chunk, the sign-in and
// task-list route modules (in the entry or split out), and every chunk they import statically.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 100;
const ROUTES = ["src/routes/SignIn.tsx", "src/routes/TaskList.tsx"];

const dist = fileURLToPath(new URL("../dist", import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(dist, ".vite", "manifest.json"), "utf8"));

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) throw new Error(`Expected one entry chunk in the manifest, found ${entries.length}`);
const starts = [entries[0][0], ...ROUTES.filter((route) => manifest[route])];

const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const key of starts) visit(key);

let raw = 0;
let gzipped = 0;
const lines = [];
for (const file of [...files].filter((f) => f.endsWith(".js")).sort()) {
  const bytes = readFileSync(path.join(dist, file));
  const size = gzipSync(bytes).length;
  raw += bytes.length;
  gzipped += size;
  lines.push(
    `  ${file.padEnd(44)} ${(bytes.length / 1024).toFixed(1).padStart(7)} kB ${(size / 1024).toFixed(1).padStart(7)} kB gzip`,
  );
}
const kb = gzipped / 1024;
console.log(`\nInitial JavaScript for sign-in and the task list (${files.size} files):`);
for (const line of lines) console.log(line);
console.log(
  `  total ${(raw / 1024).toFixed(1)} kB, ${kb.toFixed(1)} kB gzipped (budget ${BUDGET_KB} kB): ${kb <= BUDGET_KB ? "PASS" : "OVER BUDGET"}`,
);
if (kb > BUDGET_KB) process.exit(1);
