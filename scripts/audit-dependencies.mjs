#!/usr/bin/env node
/*
 * Dependency audit for `pnpm test` (as `pnpm audit:deps`). Fails on a known high or critical
 * advisory in anything the product ships (the production closure of api, db and web).
 *
 * 1. Online: `pnpm audit --prod --audit-level high --json`. When the registry's advisory endpoint
 *    answers, its verdict is final: any high or critical advisory fails the run.
 * 2. Offline fallback, when that endpoint cannot be used (it answers 405 on some registries and
 *    mirrors, or the network is down): the production closure from `pnpm list` (no network) is
 *    checked against
 *    a. the `deprecated` markers pnpm recorded in pnpm-lock.yaml at resolution time: one whose
 *       message speaks of security fails, others are listed;
 *    b. security/advisories.json, a bundled list of known advisories (package, affected semver
 *       range, severity), matched with `semver`: high, critical or unrated fails.
 *    The run says loudly which mode ran. AUDIT_REQUIRE_ONLINE=1 turns the fallback into a failure
 *    (for a CI whose registry serves the audit endpoint).
 *
 * Environment: AUDIT_SKIP_ONLINE=1 skips step 1 (tests); AUDIT_ADVISORIES=<file> and
 * AUDIT_LOCKFILE=<file> replace the bundled advisories and the lockfile read for deprecations (tests).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import semver from "semver";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FAILING = new Set(["high", "critical", "unrated"]);
const SECURITY_WORDS = /secur|vulnerab|CVE-|GHSA-|exploit|malicious|compromis|backdoor/i;

function run(command, args, timeoutMs) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr, error }),
    );
  });
}

/** The online audit's verdict, or null when the endpoint could not be used. */
async function onlineAudit() {
  const result = await run("pnpm", ["audit", "--prod", "--audit-level", "high", "--json"], 25_000);
  let report = null;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    report = null;
  }
  if (report && typeof report === "object" && report.metadata?.vulnerabilities) {
    const found = Object.values(report.advisories ?? {}).filter(
      (a) => a.severity === "high" || a.severity === "critical",
    );
    return { found, counts: report.metadata.vulnerabilities };
  }
  const reason = `${result.stderr}\n${result.stdout}`.replace(/\s+/g, " ").trim().slice(0, 300);
  return { unavailable: reason || result.error?.message || "no answer" };
}

/** Every name@version the product ships: production dependencies of every workspace package. */
async function productionClosure() {
  const result = await run("pnpm", ["list", "--prod", "--depth", "Infinity", "--json", "-r"], 60_000);
  if (result.code !== 0) throw new Error(`pnpm list failed: ${result.stderr}`);
  const packages = new Map();
  const walk = (deps) => {
    for (const [name, info] of Object.entries(deps ?? {})) {
      const version = info.version ?? "";
      if (!semver.valid(version)) continue; // workspace links
      const key = `${name}@${version}`;
      if (packages.has(key)) continue;
      packages.set(key, { name, version });
      walk(info.dependencies);
    }
  };
  for (const project of JSON.parse(result.stdout)) walk(project.dependencies);
  return [...packages.values()];
}

/** `deprecated:` markers of pnpm-lock.yaml's packages section, by name@version. */
function lockfileDeprecations() {
  const text = readFileSync(process.env.AUDIT_LOCKFILE || path.join(root, "pnpm-lock.yaml"), "utf8");
  const marks = new Map();
  let current = null;
  for (const line of text.split("\n")) {
    const entry = /^ {2}'?((?:@[^@/\s]+\/)?[^@\s']+)@([^'(:\s]+)[^:]*'?:\s*$/.exec(line);
    if (entry) {
      current = `${entry[1]}@${entry[2]}`;
      continue;
    }
    if (/^\S/.test(line)) current = null;
    const deprecated = /^ {4}deprecated:\s*(.+)$/.exec(line);
    if (current && deprecated) marks.set(current, deprecated[1].replace(/^['"]|['"]$/g, ""));
  }
  return marks;
}

function offlineCheck(closure) {
  const file = process.env.AUDIT_ADVISORIES || path.join(root, "security", "advisories.json");
  const { advisories } = JSON.parse(readFileSync(file, "utf8"));
  const failures = [];
  const notes = [];
  for (const advisory of advisories) {
    for (const pkg of closure) {
      if (pkg.name !== advisory.package || !semver.satisfies(pkg.version, advisory.vulnerable)) continue;
      const line = `${pkg.name}@${pkg.version}: ${advisory.id} (${advisory.severity}) ${advisory.title}`;
      (FAILING.has(advisory.severity) ? failures : notes).push(line);
    }
  }
  const deprecations = lockfileDeprecations();
  for (const pkg of closure) {
    const message = deprecations.get(`${pkg.name}@${pkg.version}`);
    if (!message) continue;
    const line = `${pkg.name}@${pkg.version} is deprecated: ${message}`;
    (SECURITY_WORDS.test(message) ? failures : notes).push(line);
  }
  return { failures, notes, advisories: advisories.length, file };
}

async function main() {
  const started = Date.now();
  if (process.env.AUDIT_SKIP_ONLINE !== "1") {
    const online = await onlineAudit();
    if (!online.unavailable) {
      console.log(`Dependency audit — mode: ONLINE (pnpm audit, registry advisories)`);
      console.log(`  vulnerabilities: ${JSON.stringify(online.counts)}`);
      if (online.found.length > 0) {
        for (const a of online.found)
          console.log(`  ${a.severity.toUpperCase()} ${a.module_name} ${a.vulnerable_versions}: ${a.title} ${a.url}`);
        console.log("Dependency audit FAILED: high or critical advisories in production dependencies.");
        process.exit(1);
      }
      console.log(`Dependency audit passed (${((Date.now() - started) / 1000).toFixed(1)} s).`);
      return;
    }
    console.log("!".repeat(78));
    console.log("! Dependency audit — mode: OFFLINE FALLBACK");
    console.log(`! The registry's audit endpoint could not be used: ${online.unavailable.slice(0, 160)}`);
    console.log("! Checking the lockfile's deprecation markers and security/advisories.json instead;");
    console.log("! advisories published since that file was last updated are NOT seen.");
    console.log("!".repeat(78));
    if (process.env.AUDIT_REQUIRE_ONLINE === "1") {
      console.log("Dependency audit FAILED: AUDIT_REQUIRE_ONLINE=1 and the online audit is unavailable.");
      process.exit(1);
    }
  } else {
    console.log("Dependency audit — mode: OFFLINE (AUDIT_SKIP_ONLINE=1)");
  }
  const closure = await productionClosure();
  const { failures, notes, advisories, file } = offlineCheck(closure);
  console.log(
    `  ${closure.length} production packages checked against ${advisories} advisories (${path.relative(root, file)}) and the lockfile's deprecation markers.`,
  );
  for (const note of notes) console.log(`  note: ${note}`);
  if (failures.length > 0) {
    for (const failure of failures) console.log(`  FAIL: ${failure}`);
    console.log("Dependency audit FAILED: a shipped dependency has a known high-severity advisory.");
    process.exit(1);
  }
  console.log(`Dependency audit passed (${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

main().catch((error) => {
  console.error(`Dependency audit could not run: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
