import { A, useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { ApiError, listUnits } from "../api/client.ts";
import {
  commitImport,
  fixImportRow,
  getImport,
  type ImportBatchView,
  type ImportProgressView,
  type ImportResultView,
  type ImportRowFilter,
  type ImportRowView,
  importProgress,
  skipImportRow,
  templateHref,
  uploadRegister,
} from "../api/imports.ts";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { UploadProgress } from "../components/UploadProgress.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import type { Dictionary } from "../i18n/vi.ts";
import { newIdempotencyKey } from "../idempotency-key.ts";
import { IMPORT_PATH, importPath } from "../import-paths.ts";
import "../imports.css";
import { usePageTitle } from "../page-title.ts";
import { useSession } from "../session.tsx";
import { taskPath } from "../task-paths.ts";

const PAGE_SIZE = 50;
type DifferenceField = keyof Dictionary["imports"]["field"];
const FIELD_NAMES: Record<string, true> = Object.fromEntries(
  [
    "title",
    "kind",
    "field",
    "stage",
    "startDate",
    "endDate",
    "totalBudget",
    "stateBudget",
    "host",
    "pi",
    "themes",
    "lines",
  ].map((f) => [f, true]),
);
const POLL_MS = 250;

/** Step one: choose the register file; the server reads it into a batch to preview. */
export function ImportUpload() {
  const { t } = useI18n();
  const navigate = useNavigate();
  usePageTitle(() => t("imports.title"));
  const [file, setFile] = createSignal<File | null>(null);
  const [sent, setSent] = createSignal<number | null>(null);
  const [refusal, setRefusal] = createSignal<string[] | null>(null);
  const session = useSession();
  // Staff import into their own unit; an administrator chooses the department.
  const isAdmin = () => session.user()?.roles.includes("admin") ?? false;
  const [departments] = createResource(isAdmin, async (admin) =>
    admin ? (await listUnits()).filter((u) => u.kind === "department") : [],
  );
  const [unitId, setUnitId] = createSignal<number | undefined>(undefined);
  const chosenUnit = () => unitId() ?? departments()?.[0]?.id;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = file();
    if (!chosen || sent() !== null) return;
    setRefusal(null);
    setSent(0);
    try {
      const batch = await uploadRegister(chosen, setSent, isAdmin() ? chosenUnit() : undefined);
      navigate(importPath(batch.id));
    } catch (error) {
      setRefusal(refusalText(t, error));
    } finally {
      setSent(null);
    }
  };

  return (
    <div class="page import-page">
      <h1>{t("imports.title")}</h1>
      <p class="muted">{t("imports.intro")}</p>
      <p class="import-samples">
        {t("imports.sample")} <a href={templateHref("xlsx")}>{t("imports.sampleXlsx")}</a> ·{" "}
        <a href={templateHref("csv")}>{t("imports.sampleCsv")}</a>
      </p>
      <form class="card section import-form" onSubmit={submit}>
        <Show when={isAdmin() && (departments()?.length ?? 0) > 0}>
          <div class="field">
            <label class="field__label" for="import-unit">
              {t("imports.unitChoice")}
            </label>
            <select
              id="import-unit"
              class="field__control"
              value={chosenUnit()}
              onChange={(e) => setUnitId(Number(e.currentTarget.value))}
            >
              <For each={departments()}>{(unit) => <option value={unit.id}>{unit.name}</option>}</For>
            </select>
          </div>
        </Show>
        <div class="field">
          <label class="field__label" for="import-file">
            {t("imports.file")}
          </label>
          <input
            id="import-file"
            class="field__control"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby="import-limits"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
          <p id="import-limits" class="field__hint muted">
            {t("imports.limits")}
          </p>
        </div>
        <Show when={sent() !== null}>
          <p class="import-upload" role="status">
            <UploadProgress fraction={sent() ?? 0} />
          </p>
        </Show>
        <Show when={refusal()}>
          {(lines) => (
            <div class="notice notice--error" role="alert">
              <p class="status__title">{t("imports.refused")}</p>
              <For each={lines()}>{(line) => <p>{line}</p>}</For>
            </div>
          )}
        </Show>
        <div>
          <button
            type="submit"
            class="button button--primary"
            disabled={!file() || sent() !== null}
            aria-busy={sent() !== null}
          >
            {sent() !== null ? t("imports.reading") : t("imports.read")}
          </button>
        </div>
      </form>
    </div>
  );
}

type T = ReturnType<typeof useI18n>["t"];

/** Why a file was refused, in the reader's language, from the refusal's code and details. */
function refusalText(t: T, error: unknown): string[] {
  if (!(error instanceof ApiError)) return [t("errors.UNKNOWN")];
  const problem = (error.details.problem ?? {}) as {
    code?: string;
    headerRow?: number;
    missing?: { header: string }[];
    unknown?: { letter: string; header: string }[];
    repeated?: { letter: string; header: string }[];
    ranges?: string[];
    maxRows?: number;
  };
  if (error.code === "UNSUPPORTED_FILE_TYPE") return [t("imports.problem.TYPE")];
  if (error.code === "PAYLOAD_TOO_LARGE") {
    const bytes = Number(error.details.maxFileBytes ?? 5 * 1024 * 1024);
    return [t("imports.problem.TOO_LARGE", { size: String(Math.round((bytes / 1024 / 1024) * 10) / 10) })];
  }
  switch (problem.code) {
    case "COLUMNS": {
      const row = String(problem.headerRow ?? 1);
      const cells = (list: { letter: string; header: string }[]) =>
        list.map((c) => `${c.letter}${row} “${c.header}”`).join(", ");
      return [
        t("imports.problem.COLUMNS", { row }),
        ...(problem.missing?.length
          ? [t("imports.problem.missing", { columns: problem.missing.map((m) => `“${m.header}”`).join(", ") })]
          : []),
        ...(problem.unknown?.length ? [t("imports.problem.unknown", { columns: cells(problem.unknown) })] : []),
        ...(problem.repeated?.length ? [t("imports.problem.repeated", { columns: cells(problem.repeated) })] : []),
      ];
    }
    case "MERGED_CELLS":
      return [t("imports.problem.MERGED_CELLS", { ranges: (problem.ranges ?? []).join(", ") })];
    case "TOO_MANY_ROWS":
      return [t("imports.problem.TOO_MANY_ROWS", { max: String(problem.maxRows ?? 5000) })];
    case "NOT_UTF8":
      return [t("imports.problem.NOT_UTF8")];
    case "EMPTY":
      return [t("imports.problem.EMPTY")];
    case "UNREADABLE":
      return [t("imports.problem.UNREADABLE")];
    default:
      return [error.message || t("errors.UNKNOWN")];
  }
}

/** Step two: the preview, fixes and skips, the commit with its progress, and the result. */
export function ImportBatchPage() {
  const { t, message } = useI18n();
  const format = useFormat();
  const params = useParams<{ id: string }>();
  const id = () => Number(params.id);
  const [page, setPage] = createSignal(1);
  const [filter, setFilter] = createSignal<ImportRowFilter>("all");
  const [batch, { refetch, mutate }] = createResource(
    () => ({ id: id(), page: page(), filter: filter() }),
    (q) => getImport(q.id, { page: q.page, pageSize: PAGE_SIZE, filter: q.filter }),
  );
  usePageTitle(() => t("imports.title"));
  const latest = () => (batch.state === "ready" || batch.state === "refreshing" ? batch.latest : undefined);

  const [editing, setEditing] = createSignal<number | null>(null);
  const [busyRow, setBusyRow] = createSignal<number | null>(null);
  const [rowError, setRowError] = createSignal<string | null>(null);
  const [progress, setProgress] = createSignal<ImportProgressView | null>(null);
  const [committing, setCommitting] = createSignal(false);
  const [commitError, setCommitError] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<ImportResultView | null>(null);

  const replaceRow = (row: ImportRowView) => {
    const current = latest();
    if (current) mutate({ ...current, rows: current.rows.map((r) => (r.rowNumber === row.rowNumber ? row : r)) });
  };

  const saveRow = async (row: ImportRowView, cells: Record<string, string | null>) => {
    setBusyRow(row.rowNumber);
    setRowError(null);
    try {
      replaceRow(await fixImportRow(id(), row.rowNumber, cells));
      setEditing(null);
      await refetch();
    } catch (error) {
      setRowError(message(describeError(error)));
    } finally {
      setBusyRow(null);
    }
  };

  const toggleSkip = async (row: ImportRowView, skipped: boolean) => {
    setBusyRow(row.rowNumber);
    try {
      replaceRow(await skipImportRow(id(), row.rowNumber, skipped));
      await refetch();
    } catch (error) {
      setRowError(message(describeError(error)));
    } finally {
      setBusyRow(null);
    }
  };

  const commit = async (current: ImportBatchView) => {
    if (committing()) return;
    const key = newIdempotencyKey();
    setCommitting(true);
    setCommitError(null);
    setProgress({ done: 0, total: current.counts.new, state: "running" });
    let polling = true;
    const poll = async () => {
      while (polling) {
        const seen = await importProgress(id(), key);
        if (seen && polling) setProgress(seen);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    };
    void poll();
    try {
      const done = await commitImport(id(), key);
      setProgress({ done: done.created, total: done.created, state: "done" });
      setResult(done);
    } catch (error) {
      setProgress(null);
      if (error instanceof ApiError && error.code === "IMPORT_NOT_READY") setCommitError(t("imports.notReady"));
      else if (error instanceof ApiError && error.code === "IMPORT_ROW_FAILED") {
        setCommitError(t("imports.rowFailed", { row: String(error.details.rowNumber ?? "") }));
      } else setCommitError(message(describeError(error)));
    } finally {
      polling = false;
      setCommitting(false);
      await refetch();
    }
  };

  const shownResult = () => result() ?? latest()?.result ?? null;

  return (
    <div class="page import-page">
      <Switch>
        <Match when={batch.error && !batch.loading}>
          <h1>{t("imports.title")}</h1>
          <ErrorNotice message={message(describeError(batch.error))} onRetry={refetch} />
        </Match>
        <Match when={latest()}>
          {(b) => (
            <>
              <h1>{t("imports.batchTitle", { name: b().fileName })}</h1>
              <p class="muted">{t("imports.unit", { unit: b().managingUnit.name })}</p>
              <Counts batch={b()} />
              <Show when={b().status === "preview"}>
                <Creates batch={b()} />
                <Show when={b().counts.conflict > 0}>
                  <p class="notice notice--info">{t("imports.conflictNote")}</p>
                </Show>
              </Show>
              <Show when={progress()}>
                {(p) => (
                  <div class="card section import-progress">
                    <label for="import-progress">{t("imports.progress")}</label>
                    <progress id="import-progress" max={Math.max(p().total, 1)} value={p().done} />
                    <span role="status">
                      {t("imports.progressText", { done: format.number(p().done), total: format.number(p().total) })}
                    </span>
                  </div>
                )}
              </Show>
              <Show when={commitError()}>
                {(text) => (
                  <p class="notice notice--error" role="alert">
                    {text()}
                  </p>
                )}
              </Show>
              <Show when={shownResult()}>{(r) => <Result result={r()} />}</Show>
              <Show when={b().status === "preview"}>
                <div class="import-commit">
                  <button
                    type="button"
                    class="button button--primary"
                    disabled={!b().canCommit || b().counts.new === 0 || committing()}
                    aria-busy={committing()}
                    aria-describedby="import-commit-hint"
                    onClick={() => commit(b())}
                  >
                    {committing()
                      ? t("imports.committing")
                      : t("imports.commit", { count: format.number(b().counts.new) })}
                  </button>
                  <p id="import-commit-hint" class="muted">
                    {b().counts.error > 0
                      ? t("imports.commitHint", { count: format.number(b().counts.error) })
                      : b().counts.new === 0
                        ? t("imports.nothingNew")
                        : ""}
                  </p>
                </div>
                <div class="field import-filter">
                  <label class="field__label" for="import-filter">
                    {t("imports.filter")}
                  </label>
                  <select
                    id="import-filter"
                    class="field__control"
                    value={filter()}
                    onChange={(e) => {
                      setFilter(e.currentTarget.value as ImportRowFilter);
                      setPage(1);
                    }}
                  >
                    <For each={["all", "error", "new", "unchanged", "conflict", "skipped"] as ImportRowFilter[]}>
                      {(value) => <option value={value}>{t(`imports.filterValue.${value}`)}</option>}
                    </For>
                  </select>
                </div>
                <Show when={rowError()}>
                  {(text) => (
                    <p class="notice notice--error" role="alert">
                      {text()}
                    </p>
                  )}
                </Show>
                <RowsTable
                  batch={b()}
                  editing={editing()}
                  busyRow={busyRow()}
                  onEdit={setEditing}
                  onSave={saveRow}
                  onSkip={toggleSkip}
                />
                <Show when={b().rowTotal > PAGE_SIZE}>
                  <nav class="import-pages" aria-label={t("imports.table.caption")}>
                    <button
                      type="button"
                      class="button button--quiet"
                      disabled={page() <= 1}
                      onClick={() => setPage(page() - 1)}
                    >
                      {t("imports.previous")}
                    </button>
                    <span>
                      {t("imports.pageOf", {
                        page: String(page()),
                        pages: String(Math.ceil(b().rowTotal / PAGE_SIZE)),
                      })}
                    </span>
                    <button
                      type="button"
                      class="button button--quiet"
                      disabled={page() * PAGE_SIZE >= b().rowTotal}
                      onClick={() => setPage(page() + 1)}
                    >
                      {t("imports.next")}
                    </button>
                  </nav>
                </Show>
              </Show>
              <p>
                <A href={IMPORT_PATH}>{t("imports.result.another")}</A>
              </p>
            </>
          )}
        </Match>
        <Match when={true}>
          <Loading />
        </Match>
      </Switch>
    </div>
  );
}

function Counts(props: { batch: ImportBatchView }) {
  const { t } = useI18n();
  const format = useFormat();
  const keys = ["total", "new", "unchanged", "conflict", "error", "skipped"] as const;
  return (
    <dl class="card section import-counts" aria-label={t("imports.counts.label")}>
      <For each={keys}>
        {(key) => (
          <div classList={{ "import-counts__item": true, [`is-${key}`]: true }}>
            <dt>{t(`imports.counts.${key}`)}</dt>
            <dd>{format.number(props.batch.counts[key])}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

function Creates(props: { batch: ImportBatchView }) {
  const { t } = useI18n();
  const c = () => props.batch.creates;
  return (
    <Show when={c().organisations.length > 0 || c().people.length > 0}>
      <section class="card section" aria-labelledby="import-creates">
        <h2 id="import-creates">{t("imports.creates.title")}</h2>
        <Show when={c().organisations.length > 0}>
          <h3>{t("imports.creates.organisations")}</h3>
          <ul>
            <For each={c().organisations}>{(name) => <li>{name}</li>}</For>
          </ul>
        </Show>
        <Show when={c().people.length > 0}>
          <h3>{t("imports.creates.people")}</h3>
          <ul>
            <For each={c().people}>
              {(p) => <li>{t("imports.creates.person", { name: p.fullName, organisation: p.organisation })}</li>}
            </For>
          </ul>
        </Show>
      </section>
    </Show>
  );
}

function Result(props: { result: ImportResultView }) {
  const { t } = useI18n();
  const format = useFormat();
  const r = () => props.result;
  const count = (n: number) => ({ count: format.number(n) });
  return (
    <section class="card section import-result" aria-labelledby="import-result">
      <h2 id="import-result">{t("imports.result.title")}</h2>
      <p>{t("imports.result.created", count(r().created))}</p>
      <Show when={r().unchanged > 0}>
        <p>{t("imports.result.unchanged", count(r().unchanged))}</p>
      </Show>
      <Show when={r().conflicts > 0}>
        <p>{t("imports.result.conflicts", count(r().conflicts))}</p>
      </Show>
      <Show when={r().skipped > 0}>
        <p>{t("imports.result.skipped", count(r().skipped))}</p>
      </Show>
      <Show when={r().organisationsCreated.length > 0}>
        <p>{t("imports.result.organisations", { names: r().organisationsCreated.join(", ") })}</p>
      </Show>
      <Show when={r().peopleCreated.length > 0}>
        <p>{t("imports.result.people", { names: r().peopleCreated.join(", ") })}</p>
      </Show>
      <Show when={r().tasks.length > 0}>
        <h3>{t("imports.result.tasks")}</h3>
        <ul class="import-result__tasks">
          <For each={r().tasks}>
            {(task) => (
              <li>
                <A href={taskPath(task.id)}>
                  {task.code} — {task.title}
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function RowsTable(props: {
  batch: ImportBatchView;
  editing: number | null;
  busyRow: number | null;
  onEdit: (row: number | null) => void;
  onSave: (row: ImportRowView, cells: Record<string, string | null>) => void;
  onSkip: (row: ImportRowView, skipped: boolean) => void;
}) {
  const { t } = useI18n();
  const issueText = (row: ImportRowView) =>
    row.issues.map((issue) => {
      const text = t(`imports.issue.${issue.code}`, stringParams(issue.params));
      return issue.cell ? t("imports.issueAt", { cell: issue.cell, message: text }) : text;
    });
  const notes = (row: ImportRowView) => [
    ...(row.creates.organisation ? [t("imports.willCreate", { name: row.creates.organisation })] : []),
    ...(row.creates.person ? [t("imports.willCreate", { name: row.creates.person })] : []),
    ...row.differences.map((d) =>
      t("imports.difference", {
        field: d.field in FIELD_NAMES ? t(`imports.field.${d.field as DifferenceField}`) : d.field,
        file: d.file,
        current: d.current,
      }),
    ),
  ];
  return (
    <Show when={props.batch.rows.length > 0} fallback={<p class="card section muted">{t("imports.noRows")}</p>}>
      <div class="card table-wrap">
        <table class="import-table">
          <caption class="visually-hidden">{t("imports.table.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("imports.table.row")}</th>
              <th scope="col">{t("imports.table.status")}</th>
              <th scope="col">{t("imports.table.code")}</th>
              <th scope="col">{t("imports.table.title")}</th>
              <th scope="col">{t("imports.table.issues")}</th>
              <th scope="col">{t("imports.table.actions")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.batch.rows}>
              {(row) => {
                const state = () => (row.skipped ? "skipped" : row.status);
                return (
                  <>
                    <tr classList={{ [`is-${state()}`]: true }}>
                      <th scope="row" data-label={t("imports.table.row")}>
                        {row.rowNumber}
                      </th>
                      <td data-label={t("imports.table.status")}>
                        <span class={`import-status import-status--${state()}`}>{t(`imports.status.${state()}`)}</span>
                      </td>
                      <td data-label={t("imports.table.code")}>
                        <Show when={row.taskId ?? row.existingTaskId} fallback={String(row.cells.code ?? "")}>
                          {(taskId) => <A href={taskPath(taskId())}>{String(row.cells.code ?? "")}</A>}
                        </Show>
                      </td>
                      <td data-label={t("imports.table.title")}>{String(row.cells.title ?? "")}</td>
                      <td data-label={t("imports.table.issues")}>
                        <ul class="import-issues">
                          <For each={issueText(row)}>{(text) => <li class="import-issue">{text}</li>}</For>
                          <For each={notes(row)}>{(text) => <li class="muted">{text}</li>}</For>
                        </ul>
                      </td>
                      <td data-label={t("imports.table.actions")} class="import-actions">
                        <button
                          type="button"
                          class="button button--quiet"
                          disabled={props.busyRow !== null}
                          aria-expanded={props.editing === row.rowNumber}
                          onClick={() => props.onEdit(props.editing === row.rowNumber ? null : row.rowNumber)}
                        >
                          {t("imports.fix", { row: String(row.rowNumber) })}
                        </button>
                        <label class="import-skip">
                          <input
                            type="checkbox"
                            checked={row.skipped}
                            disabled={props.busyRow !== null}
                            onChange={(e) => props.onSkip(row, e.currentTarget.checked)}
                          />{" "}
                          {t("imports.skip", { row: String(row.rowNumber) })}
                        </label>
                      </td>
                    </tr>
                    <Show when={props.editing === row.rowNumber}>
                      <tr class="import-edit">
                        <td colSpan={6}>
                          <RowEditor
                            batch={props.batch}
                            row={row}
                            busy={props.busyRow === row.rowNumber}
                            onSave={(cells) => props.onSave(row, cells)}
                            onCancel={() => props.onEdit(null)}
                          />
                        </td>
                      </tr>
                    </Show>
                  </>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}

/** Every cell of the row as text, editable; the columns with issues first so the fix is near. */
function RowEditor(props: {
  batch: ImportBatchView;
  row: ImportRowView;
  busy: boolean;
  onSave: (cells: Record<string, string | null>) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const values: Record<string, string> = {};
  const flagged = new Set(props.row.issues.map((i) => i.column));
  const columns = [...props.batch.columns].sort((a, b) => Number(flagged.has(b.key)) - Number(flagged.has(a.key)) || 0);
  const initial = (key: string) => {
    const value = props.row.cells[key];
    return value === null || value === undefined ? "" : String(value);
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const changed: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(values)) {
      if (value !== initial(key)) changed[key] = value === "" ? null : value;
    }
    if (Object.keys(changed).length === 0) props.onCancel();
    else props.onSave(changed);
  };
  return (
    <form
      class="import-editor"
      onSubmit={submit}
      aria-label={t("imports.fixTitle", { row: String(props.row.rowNumber) })}
    >
      <div class="import-editor__grid">
        <For each={columns}>
          {(column) => {
            const inputId = `import-cell-${props.row.rowNumber}-${column.key.replace(":", "-")}`;
            return (
              <div class="field">
                <label class="field__label" for={inputId}>
                  {column.header}
                </label>
                <input
                  id={inputId}
                  class="field__control"
                  value={initial(column.key)}
                  aria-invalid={flagged.has(column.key) ? true : undefined}
                  onInput={(e) => {
                    values[column.key] = e.currentTarget.value;
                  }}
                />
              </div>
            );
          }}
        </For>
      </div>
      <div class="import-editor__actions">
        <button type="submit" class="button button--primary" disabled={props.busy} aria-busy={props.busy}>
          {t("imports.save")}
        </button>
        <button type="button" class="button button--quiet" onClick={() => props.onCancel()}>
          {t("imports.cancel")}
        </button>
      </div>
    </form>
  );
}

function stringParams(params: Record<string, string | number> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, String(v)]));
}
