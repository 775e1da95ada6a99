import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { ApiError } from "../api/client.ts";
import {
  type Comparison,
  compareReportVersions,
  getReport,
  type ReportSection,
  type ReportView,
  reviewReport,
} from "../api/reports.ts";
import { ReportDocumentView } from "../components/ReportDocument.tsx";
import { ReportEditor } from "../components/ReportEditor.tsx";
import { ReportStateBadge } from "../components/ReportStateBadge.tsx";
import { Section } from "../components/Section.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { describeError, type UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";
import { describeReportError } from "../report-messages.ts";
import { parsePeriodId, taskReportsPath } from "../report-paths.ts";
import { parseTaskId } from "../task-paths.ts";
import "../reports.css";

const SECTIONS: readonly ReportSection[] = [
  "general",
  "contentItems",
  "products",
  "spending",
  "problems",
  "proposals",
  "hostConfirmation",
];

/** One period's report: the PI writes and submits it, staff review it, everyone sees its versions. */
export function ReportPage() {
  const { t, message } = useI18n();
  const params = useParams<{ id: string; periodId: string }>();
  const periodId = () => parsePeriodId(params.periodId);
  const [report, { refetch }] = createResource(periodId, getReport);
  const [flash, setFlash] = createSignal<UserMessage | null>(null);
  const notFound = () =>
    periodId() === null ||
    (report.error instanceof ApiError && report.error.status === 404) ||
    (report() !== undefined && report()?.task.id !== parseTaskId(params.id));

  usePageTitle(() => {
    const view = report();
    return view ? t("reports.page.title", { seq: String(view.period.seq), code: view.task.code }) : undefined;
  });

  const done = (note: UserMessage) => {
    setFlash(note);
    void refetch();
    window.scrollTo({ top: 0 });
  };

  return (
    <div class="page page--detail report-page">
      <p class="back">
        <A href={taskReportsPath(parseTaskId(params.id) ?? 0)} class="back-link">
          <span aria-hidden="true">← </span>
          {t("reports.page.back")}
        </A>
      </p>
      <Switch fallback={<Loading />}>
        <Match when={notFound()}>
          <div class="card status-page">
            <h1>{t("notFound.title")}</h1>
            <p>{t("reports.page.notFound")}</p>
          </div>
        </Match>
        <Match when={report.error && !report.loading}>
          <ErrorNotice
            title={t("reports.page.loadFailed")}
            message={message(describeError(report.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={report()} keyed>
          {(view) => (
            <article class="report">
              <ReportHead view={view} />
              <Show when={flash()}>
                {(note) => (
                  <p class="notice notice--success" role="status">
                    {message(note())}
                  </p>
                )}
              </Show>
              <LatestReview view={view} />
              <Switch>
                <Match when={view.can.edit}>
                  <ReportEditor
                    view={view}
                    onSubmitted={(result) =>
                      done({ key: "reports.submit.submitted", params: { no: String(result.version.versionNo) } })
                    }
                  />
                </Match>
                <Match when={view.can.review && view.period.status === "submitted" && view.versions.at(-1)}>
                  {(latest) => <ReviewForm view={view} versionId={latest().id} onDone={done} />}
                </Match>
                <Match when={view.shows === "version"}>
                  <p class="muted">
                    {t("reports.page.showsVersion", { no: String(view.versions.at(-1)?.versionNo ?? "") })}
                  </p>
                  <ReportDocumentView report={view.report} version={view.versions.at(-1)} />
                </Match>
                <Match when={true}>
                  <p class="notice notice--info">
                    {view.period.state === "upcoming" ? t("reports.page.upcoming") : t("reports.page.nothingSubmitted")}
                  </p>
                </Match>
              </Switch>
              <Show when={view.versions.length > 0}>
                <Versions view={view} />
              </Show>
            </article>
          )}
        </Match>
      </Switch>
    </div>
  );
}

function ReportHead(props: { view: ReportView }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <header class="card report-head">
      <p class="detail-head__code">
        <span class="code">{props.view.task.code}</span> · {props.view.task.title}
      </p>
      <h1 class="detail-head__title">{t("reports.page.heading", { seq: String(props.view.period.seq) })}</h1>
      <dl class="facts">
        <div>
          <dt>{t("reports.page.period")}</dt>
          <dd>
            {t("common.dateRange", {
              start: format.date(props.view.period.periodStart),
              end: format.date(props.view.period.periodEnd),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("reports.page.due")}</dt>
          <dd>{format.date(props.view.period.dueOn)}</dd>
        </div>
        <div>
          <dt>{t("reports.schedule.state")}</dt>
          <dd>
            <ReportStateBadge state={props.view.period.state} daysOverdue={props.view.period.daysOverdue} />
          </dd>
        </div>
        <Show when={props.view.task.pi}>
          {(pi) => (
            <div>
              <dt>{t("reports.page.pi")}</dt>
              <dd>{pi()}</dd>
            </div>
          )}
        </Show>
      </dl>
    </header>
  );
}

/** What the reviewer said about the latest version, for the PI to act on. */
function LatestReview(props: { view: ReportView }) {
  const { t } = useI18n();
  const review = () => props.view.versions.at(-1)?.review ?? null;
  const comments = () =>
    SECTIONS.flatMap((s) => (review()?.comments[s] ? [[s, review()?.comments[s] ?? ""] as const] : []));
  return (
    <Show when={review()}>
      {(r) => (
        <section
          class={`notice ${r().decision === "returned" ? "notice--error" : "notice--success"}`}
          aria-label={t("reports.versions.comments")}
        >
          <p class="notice__title">
            {r().decision === "returned" ? t("reports.page.returnedNotice") : t("reports.page.acceptedNotice")}
          </p>
          <Show when={comments().length > 0}>
            <dl class="review-comments">
              <For each={comments()}>
                {([section, text]) => (
                  <div>
                    <dt>{t(`reports.section.${section}`)}</dt>
                    <dd class="prose">{text}</dd>
                  </div>
                )}
              </For>
            </dl>
          </Show>
        </section>
      )}
    </Show>
  );
}

function ReviewForm(props: { view: ReportView; versionId: number; onDone: (note: UserMessage) => void }) {
  const { t, message } = useI18n();
  const [comments, setComments] = createStore<Partial<Record<ReportSection, string>>>({});
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<UserMessage | null>(null);

  const send = async (decision: "accept" | "return") => {
    setProblem(null);
    const written = Object.fromEntries(
      Object.entries(comments).flatMap(([k, v]) => (v?.trim() ? [[k, v.trim()]] : [])),
    ) as Partial<Record<ReportSection, string>>;
    if (decision === "return" && Object.keys(written).length === 0) {
      setProblem({ key: "reports.errors.returnNeedsComment" });
      return;
    }
    setBusy(true);
    try {
      await reviewReport(props.view.period.id, { versionId: props.versionId, decision, comments: written });
      props.onDone({ key: decision === "accept" ? "reports.review.accepted" : "reports.review.returned" });
    } catch (failure) {
      setProblem(
        failure instanceof ApiError && failure.code === "VALIDATION_FAILED"
          ? { key: "reports.errors.returnNeedsComment" }
          : describeReportError(failure),
      );
    } finally {
      setBusy(false);
    }
  };

  const commentBox = (section: ReportSection) => {
    const id = `review-${section}`;
    return (
      <div class="field review-comment">
        <label for={id} class="field__label">
          {t("reports.review.commentFor", { section: t(`reports.section.${section}`) })}
        </label>
        <textarea
          id={id}
          class="field__control"
          rows={2}
          value={comments[section] ?? ""}
          onInput={(e) => setComments(section, e.currentTarget.value)}
        />
      </div>
    );
  };

  return (
    <>
      <ReportDocumentView report={props.view.report} version={props.view.versions.at(-1)} extra={commentBox} />
      <Section title={t("reports.review.title")} class="review-panel">
        <p class="muted">{t("reports.review.intro")}</p>
        <Show when={problem()}>
          {(p) => (
            <p class="notice notice--error" role="alert">
              {message(p())}
            </p>
          )}
        </Show>
        <div class="rep-actions">
          <button type="button" class="button button--primary" disabled={busy()} onClick={() => void send("accept")}>
            {busy() ? t("reports.review.sending") : t("reports.review.accept")}
          </button>
          <button
            type="button"
            class="button button--danger-outline"
            disabled={busy()}
            onClick={() => void send("return")}
          >
            {t("reports.review.return")}
          </button>
        </div>
      </Section>
    </>
  );
}

function Versions(props: { view: ReportView }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const versions = () => [...props.view.versions].reverse();
  const latest = () => props.view.versions.at(-1);
  const previous = () => props.view.versions.at(-2);
  const [from, setFrom] = createSignal<number | null>(previous()?.id ?? null);
  const [to, setTo] = createSignal<number>(latest()?.id ?? 0);
  const [request, setRequest] = createSignal<{ from: number | null; to: number } | null>(null);
  const [comparison] = createResource(request, (r) => compareReportVersions(props.view.period.id, r.from, r.to));

  return (
    <Section title={t("reports.versions.title")}>
      <ol class="versions">
        <For each={versions()}>
          {(v) => (
            <li class="version">
              <p class="version__title">
                <strong>{t("reports.versions.version", { no: String(v.versionNo) })}</strong>{" "}
                <span class="tag">
                  {v.review
                    ? t(v.review.decision === "accepted" ? "reports.versions.accepted" : "reports.versions.returned")
                    : t("reports.versions.pending")}
                </span>
              </p>
              <p class="muted">
                {t("reports.versions.submitted", { time: format.dateTime(v.submittedAt), name: v.submittedBy })}
                {" · "}
                {t("reports.versions.confirmation", {
                  name: v.hostConfirmation.confirmedBy,
                  date: format.date(v.hostConfirmation.confirmedOn),
                })}
              </p>
              <Show when={v.review}>
                {(r) => (
                  <>
                    <p class="muted">
                      {t("reports.versions.reviewed", {
                        decision: t(
                          r().decision === "accepted" ? "reports.versions.accepted" : "reports.versions.returned",
                        ),
                        time: format.dateTime(r().reviewedAt),
                        name: r().reviewer,
                      })}
                    </p>
                    <Show when={Object.keys(r().comments).length > 0}>
                      <dl class="review-comments">
                        <For each={SECTIONS.filter((s) => r().comments[s])}>
                          {(s) => (
                            <div>
                              <dt>{t(`reports.section.${s}`)}</dt>
                              <dd class="prose">{r().comments[s]}</dd>
                            </div>
                          )}
                        </For>
                      </dl>
                    </Show>
                  </>
                )}
              </Show>
            </li>
          )}
        </For>
      </ol>

      <form
        class="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          setRequest({ from: from(), to: to() });
        }}
      >
        <h3 class="subheading">{t("reports.versions.compare")}</h3>
        <div class="compare-form__row">
          <div class="field">
            <label class="field__label" for="compare-from">
              {t("reports.versions.from")}
            </label>
            <select
              id="compare-from"
              class="field__control"
              value={from() === null ? "" : String(from())}
              onChange={(e) => setFrom(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
            >
              <option value="">{t("reports.versions.none")}</option>
              <For each={props.view.versions}>
                {(v) => (
                  <option value={String(v.id)}>{t("reports.versions.version", { no: String(v.versionNo) })}</option>
                )}
              </For>
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="compare-to">
              {t("reports.versions.to")}
            </label>
            <select
              id="compare-to"
              class="field__control"
              value={String(to())}
              onChange={(e) => setTo(Number(e.currentTarget.value))}
            >
              <For each={props.view.versions}>
                {(v) => (
                  <option value={String(v.id)}>{t("reports.versions.version", { no: String(v.versionNo) })}</option>
                )}
              </For>
            </select>
          </div>
          <button type="submit" class="button">
            {t("reports.versions.show")}
          </button>
        </div>
      </form>
      <Switch>
        <Match when={comparison.loading}>
          <Loading />
        </Match>
        <Match when={comparison.error}>
          <ErrorNotice
            title={t("reports.versions.loadFailed")}
            message={message(describeReportError(comparison.error))}
          />
        </Match>
        <Match when={comparison()}>{(c) => <Changes comparison={c()} />}</Match>
      </Switch>
    </Section>
  );
}

function Changes(props: { comparison: Comparison }) {
  const { t } = useI18n();
  const format = useFormat();
  const fieldName = (field: string) => {
    const known = [
      "workDone",
      "percentComplete",
      "status",
      "quantityAchieved",
      "note",
      "amount",
      "problems",
      "extension",
      "adjustment",
      "staffChange",
      "confirmedBy",
      "position",
      "confirmedOn",
      "file",
    ] as const;
    const match = known.find((k) => k === field);
    return match ? t(`reports.field.${match}`) : field;
  };
  const show = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === "") return t("reports.versions.empty");
    if (field === "amount" && typeof value === "string") return format.money(value);
    if (field === "percentComplete") return `${String(value)}%`;
    if (field === "status" && (value === "not_started" || value === "in_progress" || value === "completed")) {
      return t(`reports.productStatus.${value}`);
    }
    if (field === "confirmedOn" && typeof value === "string") return format.date(value);
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  };
  return (
    <Show when={props.comparison.changes.length > 0} fallback={<p class="muted">{t("reports.versions.noChanges")}</p>}>
      <div class="rep-table-wrap">
        <table class="rep-table changes-table">
          <caption class="visually-hidden">{t("reports.versions.compare")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.versions.where")}</th>
              <th scope="col">{t("reports.versions.before")}</th>
              <th scope="col">{t("reports.versions.after")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.comparison.changes}>
              {(change) => (
                <tr>
                  <th scope="row" data-label={t("reports.versions.where")}>
                    {t(`reports.section.${change.section}`)}
                    <Show when={change.label}>{(label) => <> — {label()}</>}</Show>: {fieldName(change.field)}
                  </th>
                  <td data-label={t("reports.versions.before")} class="prose">
                    {show(change.field, change.before)}
                  </td>
                  <td data-label={t("reports.versions.after")} class="prose">
                    {show(change.field, change.after)}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
