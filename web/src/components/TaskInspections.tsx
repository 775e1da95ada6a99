import type {
  CreateInspectionBody,
  Inspection,
  InspectionList,
  TerminationProposal,
} from "@khcn/api/inspections/schemas";
import { createResource, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { createStore } from "solid-js/store";
import { ApiError } from "../api/client.ts";
import { listInspections, recordInspection } from "../api/progress.ts";
import type { InspectionConclusion, InspectionKind, InspectionRole } from "../api/progress-types.ts";
import { describeError, type UserMessage } from "../errors.ts";
import type { FieldErrors } from "../field-errors.ts";
import { todayInVietnam } from "../format.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { progressFieldErrors } from "../progress-errors.ts";
import "../progress.css";
import { createDocumentDraft, DocumentFields, DocumentLine, documentFieldOrder } from "./DocumentFields.tsx";
import { FormField } from "./FormField.tsx";
import { Section } from "./Section.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";

const KINDS: readonly InspectionKind[] = ["inspection", "mid_term"];
const ROLES: readonly InspectionRole[] = ["leader", "secretary", "member"];
const CONCLUSIONS: readonly InspectionConclusion[] = ["continue", "continue_with_adjustments", "propose_termination"];

/**
 * The task's inspections and mid-term reviews, newest first, each with its team, findings,
 * conclusion and minutes; staff record a new one while the task is in progress. A standing
 * proposal to terminate is shown first.
 */
export function TaskInspections(props: { taskId: number; version: number; onRecorded: () => void }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const [revision, setRevision] = createSignal(0);
  const [data, { refetch }] = createResource(
    () => ({ id: props.taskId, version: props.version, revision: revision() }),
    (k) => listInspections(k.id),
  );
  const latest = (): InspectionList | undefined =>
    data.state === "ready" || data.state === "refreshing" ? data.latest : undefined;
  const [formOpen, setFormOpen] = createSignal(false);
  const [notice, setNotice] = createSignal("");
  let openButton: HTMLButtonElement | undefined;

  return (
    <div class="running">
      <p class="notice notice--success" role="status" classList={{ "is-empty": !notice() }}>
        {notice()}
      </p>
      <Show when={latest()?.terminationProposal}>
        {(p) => (
          <div class="notice notice--error proposal" role="note">
            <p class="notice__title">{t("progress.inspections.proposalTitle")}</p>
            <p>
              {t("progress.inspections.proposalBody", {
                number: p().minutesNumber,
                date: format.date(p().inspectedOn),
              })}
            </p>
          </div>
        )}
      </Show>
      <Section
        title={t("progress.inspections.title")}
        actions={
          <Show when={latest()?.canRecord && !formOpen()}>
            <button
              type="button"
              class="button button--primary"
              ref={openButton}
              onClick={() => {
                setNotice("");
                setFormOpen(true);
              }}
            >
              {t("progress.inspections.record")}
            </button>
          </Show>
        }
      >
        <Show when={formOpen()}>
          <InspectionForm
            taskId={props.taskId}
            onCancel={() => {
              setFormOpen(false);
              queueMicrotask(() => openButton?.focus());
            }}
            onDone={() => {
              setFormOpen(false);
              setNotice(t("progress.inspections.recorded"));
              setRevision((n) => n + 1);
              props.onRecorded();
            }}
          />
        </Show>
        <Switch>
          <Match when={data.error && !data.loading}>
            <ErrorNotice
              title={t("progress.inspections.loadFailed")}
              message={message(describeError(data.error))}
              onRetry={refetch}
            />
          </Match>
          <Match when={latest()}>
            {(list) => (
              <Show when={list().items.length > 0} fallback={<p class="muted">{t("progress.inspections.empty")}</p>}>
                <ul class="record-list">
                  <For each={list().items}>{(item) => <InspectionItem item={item} />}</For>
                </ul>
              </Show>
            )}
          </Match>
          <Match when={true}>
            <Loading />
          </Match>
        </Switch>
      </Section>
    </div>
  );
}

function InspectionItem(props: { item: Inspection }) {
  const { t } = useI18n();
  const format = useFormat();
  const tone = () =>
    props.item.conclusion === "propose_termination"
      ? "tag--danger"
      : props.item.conclusion === "continue_with_adjustments"
        ? "tag--warn"
        : "tag--ok";
  return (
    <li class="record">
      <div class="record__head">
        <h3 class="record__title">
          {t(`progress.inspections.kindValue.${props.item.kind}`)} · {format.date(props.item.inspectedOn)}
        </h3>
        <span class={`tag ${tone()}`}>{t(`progress.inspections.conclusionValue.${props.item.conclusion}`)}</span>
      </div>
      <dl class="record__facts">
        <div>
          <dt>{t("progress.inspections.team")}</dt>
          <dd>
            <ul class="plain-list">
              <For each={props.item.team}>
                {(m) => (
                  <li>
                    {m.name} — {t(`progress.inspections.role.${m.role}`)}
                    <Show when={m.organisation}>{(o) => <span class="muted">, {o()}</span>}</Show>
                  </li>
                )}
              </For>
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("progress.inspections.findings")}</dt>
          <dd class="prose">{props.item.findings}</dd>
        </div>
        <Show when={props.item.recommendations}>
          {(r) => (
            <div>
              <dt>{t("progress.inspections.recommendations")}</dt>
              <dd class="prose">{r()}</dd>
            </div>
          )}
        </Show>
        <div>
          <dt>{t("progress.inspections.minutes")}</dt>
          <dd>
            <DocumentLine document={props.item.minutes} />
          </dd>
        </div>
      </dl>
      <p class="muted record__by">
        {t("progress.inspections.recordedBy", {
          name: props.item.recordedBy,
          at: format.dateTime(props.item.recordedAt),
        })}
      </p>
    </li>
  );
}

interface TeamRow {
  key: number;
  name: string;
  role: InspectionRole;
  organisation: string;
}
let lastKey = 0;

function InspectionForm(props: { taskId: number; onCancel: () => void; onDone: (item: Inspection) => void }) {
  const { t, message } = useI18n();
  const today = todayInVietnam();
  const headingId = createUniqueId();
  const controls = new Map<string, HTMLElement>();
  const register = (field: string) => (el: HTMLElement) => controls.set(field, el);
  const minutes = createDocumentDraft("minutes.");
  const [kind, setKind] = createSignal<InspectionKind>("inspection");
  const [inspectedOn, setInspectedOn] = createSignal(today);
  const [team, setTeam] = createStore<TeamRow[]>([{ key: ++lastKey, name: "", role: "leader", organisation: "" }]);
  const [findings, setFindings] = createSignal("");
  const [conclusion, setConclusion] = createSignal<InspectionConclusion | "">("");
  const [recommendations, setRecommendations] = createSignal("");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);

  const order = () => [
    "inspectedOn",
    ...team.flatMap((_, i) => [`team.${i}.name`, `team.${i}.role`]),
    "team",
    "findings",
    "conclusion",
    "recommendations",
    ...documentFieldOrder("minutes."),
  ];
  const focusFirst = (found: FieldErrors) => {
    const first = order().find((f) => found[f] && controls.has(f));
    if (first) controls.get(first)?.focus();
    return first !== undefined;
  };

  const validate = (): FieldErrors => {
    const found: FieldErrors = { ...minutes.validate() };
    if (!inspectedOn()) found.inspectedOn = { key: "errors.fieldRequired" };
    else if (inspectedOn() > today) found.inspectedOn = { key: "progress.inspections.errors.dateFuture" };
    team.forEach((row, i) => {
      if (!row.name.trim()) found[`team.${i}.name`] = { key: "errors.fieldRequired" };
    });
    if (team.length === 0) found.team = { key: "progress.inspections.errors.teamRequired" };
    if (team.filter((r) => r.role === "leader").length > 1)
      found.team = { key: "progress.inspections.errors.oneLeader" };
    if (!findings().trim()) found.findings = { key: "errors.fieldRequired" };
    if (!conclusion()) found.conclusion = { key: "errors.choiceRequired" };
    if (minutes.issuedOn() && inspectedOn() && minutes.issuedOn() < inspectedOn())
      found["minutes.issuedOn"] = { key: "progress.inspections.errors.minutesBefore" };
    return found;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || minutes.uploading()) return;
    setProblem(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      if (!focusFirst(found)) setProblem({ key: "errors.VALIDATION_FAILED" });
      return;
    }
    const body: CreateInspectionBody = {
      kind: kind(),
      inspectedOn: inspectedOn(),
      team: team.map((r) => ({
        name: r.name.trim(),
        role: r.role,
        ...(r.organisation.trim() ? { organisation: r.organisation.trim() } : {}),
      })),
      findings: findings().trim(),
      conclusion: conclusion() as InspectionConclusion,
      ...(recommendations().trim() ? { recommendations: recommendations().trim() } : {}),
      minutes: minutes.body(),
    };
    setBusy(true);
    try {
      const item = await recordInspection(props.taskId, body);
      setBusy(false);
      props.onDone(item);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.code === "DUPLICATE_DOCUMENT_NUMBER") {
        const found = {
          "minutes.number": {
            key: "errors.numberTaken" as const,
            params: { number: minutes.number(), year: minutes.issuedOn().slice(0, 4) },
          },
        };
        setErrors(found);
        focusFirst(found);
        return;
      }
      const found = progressFieldErrors(error);
      setErrors(found);
      if (!focusFirst(found)) {
        const first = Object.values(found)[0];
        setProblem(first ?? describeError(error));
      }
    }
  };

  const radioName = createUniqueId();

  return (
    <form class="inline-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} class="inline-form__title">
        {t("progress.inspections.formTitle")}
      </h3>
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <div class="form-grid">
        <FormField
          label={t("progress.inspections.kind")}
          required
          control={(attrs) => (
            <select
              id={attrs.id}
              class="field__control"
              aria-describedby={attrs.describedBy}
              onChange={(e) => setKind(e.currentTarget.value as InspectionKind)}
            >
              <For each={KINDS}>
                {(k) => (
                  <option value={k} selected={kind() === k}>
                    {t(`progress.inspections.kindValue.${k}`)}
                  </option>
                )}
              </For>
            </select>
          )}
        />
        <FormField
          label={t("progress.inspections.inspectedOn")}
          required
          error={errors().inspectedOn}
          control={(attrs) => (
            <input
              ref={register("inspectedOn")}
              id={attrs.id}
              type="date"
              max={today}
              class="field__control"
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={inspectedOn()}
              onInput={(e) => setInspectedOn(e.currentTarget.value)}
            />
          )}
        />
      </div>

      <fieldset class="fieldset">
        <legend>{t("progress.inspections.team")}</legend>
        <Show when={errors().team}>{(e) => <p class="field__error">{message(e())}</p>}</Show>
        <ol class="team-rows">
          <For each={team}>
            {(row, i) => (
              <li class="team-row">
                <span class="team-row__label">{t("progress.inspections.teamMember", { n: String(i() + 1) })}</span>
                <div class="form-grid form-grid--three">
                  <FormField
                    label={t("progress.inspections.teamName")}
                    required
                    error={errors()[`team.${i()}.name`]}
                    control={(attrs) => (
                      <input
                        ref={register(`team.${i()}.name`)}
                        id={attrs.id}
                        class="field__control"
                        maxLength={200}
                        aria-invalid={attrs.invalid}
                        aria-describedby={attrs.describedBy}
                        value={row.name}
                        onInput={(e) => setTeam(i(), "name", e.currentTarget.value)}
                      />
                    )}
                  />
                  <FormField
                    label={t("progress.inspections.teamRole")}
                    required
                    control={(attrs) => (
                      <select
                        ref={register(`team.${i()}.role`)}
                        id={attrs.id}
                        class="field__control"
                        aria-describedby={attrs.describedBy}
                        onChange={(e) => setTeam(i(), "role", e.currentTarget.value as InspectionRole)}
                      >
                        <For each={ROLES}>
                          {(r) => (
                            <option value={r} selected={row.role === r}>
                              {t(`progress.inspections.role.${r}`)}
                            </option>
                          )}
                        </For>
                      </select>
                    )}
                  />
                  <FormField
                    label={t("progress.inspections.teamOrganisation")}
                    control={(attrs) => (
                      <input
                        id={attrs.id}
                        class="field__control"
                        maxLength={300}
                        aria-describedby={attrs.describedBy}
                        value={row.organisation}
                        onInput={(e) => setTeam(i(), "organisation", e.currentTarget.value)}
                      />
                    )}
                  />
                </div>
                <Show when={team.length > 1}>
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => setTeam((rows) => rows.filter((r) => r.key !== row.key))}
                  >
                    {t("progress.inspections.removeTeamMember", { n: String(i() + 1) })}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
        <button
          type="button"
          class="button"
          onClick={() => setTeam(team.length, { key: ++lastKey, name: "", role: "member", organisation: "" })}
        >
          {t("progress.inspections.addTeamMember")}
        </button>
      </fieldset>

      <FormField
        label={t("progress.inspections.findings")}
        required
        error={errors().findings}
        control={(attrs) => (
          <textarea
            ref={register("findings")}
            id={attrs.id}
            class="field__control"
            rows={4}
            maxLength={20000}
            aria-invalid={attrs.invalid}
            aria-describedby={attrs.describedBy}
            value={findings()}
            onInput={(e) => setFindings(e.currentTarget.value)}
          />
        )}
      />

      <fieldset class="fieldset" aria-describedby={errors().conclusion ? `${radioName}-error` : undefined}>
        <legend>
          {t("progress.inspections.conclusion")}
          <span class="field__required" aria-hidden="true">
            {" *"}
          </span>
        </legend>
        <div class="radio-list">
          <For each={CONCLUSIONS}>
            {(c, i) => (
              <label class="radio">
                <input
                  ref={i() === 0 ? register("conclusion") : undefined}
                  type="radio"
                  name={radioName}
                  value={c}
                  checked={conclusion() === c}
                  aria-invalid={errors().conclusion ? true : undefined}
                  onChange={() => setConclusion(c)}
                />
                {t(`progress.inspections.conclusionValue.${c}`)}
              </label>
            )}
          </For>
        </div>
        <Show when={errors().conclusion}>
          {(e) => (
            <p id={`${radioName}-error`} class="field__error">
              {message(e())}
            </p>
          )}
        </Show>
      </fieldset>

      <FormField
        label={t("progress.inspections.recommendations")}
        error={errors().recommendations}
        control={(attrs) => (
          <textarea
            id={attrs.id}
            class="field__control"
            rows={2}
            maxLength={10000}
            aria-invalid={attrs.invalid}
            aria-describedby={attrs.describedBy}
            value={recommendations()}
            onInput={(e) => setRecommendations(e.currentTarget.value)}
          />
        )}
      />

      <DocumentFields
        draft={minutes}
        legend={t("progress.inspections.minutes")}
        errors={errors()}
        register={register}
      />

      <div class="inline-form__actions">
        <button type="button" class="button button--quiet" onClick={() => props.onCancel()} disabled={busy()}>
          {t("progress.inspections.cancel")}
        </button>
        <button
          type="submit"
          class="button button--primary"
          disabled={busy() || minutes.uploading()}
          aria-busy={busy()}
        >
          {busy() ? t("progress.inspections.submitting") : t("progress.inspections.submit")}
        </button>
      </div>
    </form>
  );
}

/** The inspection whose minutes proposed termination, shown with the terminate step while it stands. */
export function ProposalNote(props: { action: { action: string; proposedBy?: TerminationProposal | undefined } }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <Show when={props.action.proposedBy}>
      {(p) => (
        <p class="notice notice--error proposal-note">
          <strong>{t("action.terminate")}: </strong>
          {t("progress.inspections.proposedByNote", { number: p().minutesNumber, date: format.date(p().inspectedOn) })}
        </p>
      )}
    </Show>
  );
}
