import { createSignal, createUniqueId, Show } from "solid-js";
import { fileHref } from "../api/client.ts";
import { type Council, establishCouncil, updateCouncil } from "../api/councils.ts";
import { councilError, readinessLine } from "../council-wording.ts";
import type { UserMessage } from "../errors.ts";
import { type FieldErrors, serverFieldErrors } from "../field-errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { createDocumentDraft, DocumentFields, documentFieldOrder } from "./DocumentFields.tsx";
import { FormField } from "./FormField.tsx";
import { Section } from "./Section.tsx";

/**
 * The meeting: date, place, when the documents went to the members and whether that was early
 * enough (in working days); staff edit them until the council closes.
 */
export function CouncilMeeting(props: { council: Council; onChanged: (notice: string, next?: Council) => void }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const [editing, setEditing] = createSignal(false);
  const readiness = () => readinessLine(props.council.readiness);
  const editable = () => props.council.permissions.canEdit && props.council.status !== "closed";

  return (
    <Section
      title={t("councils.meeting.title")}
      actions={
        <Show when={editable() && !editing()}>
          <button type="button" class="button" onClick={() => setEditing(true)}>
            {t("councils.meeting.edit")}
          </button>
        </Show>
      }
    >
      <Show
        when={editing()}
        fallback={
          <>
            <dl class="facts facts--stacked">
              <div>
                <dt>{t("councils.meeting.meetingOn")}</dt>
                <dd>{props.council.meetingOn ? format.date(props.council.meetingOn) : t("councils.meeting.notSet")}</dd>
              </div>
              <div>
                <dt>{t("councils.meeting.location")}</dt>
                <dd>{props.council.location ?? t("councils.meeting.notSet")}</dd>
              </div>
              <div>
                <dt>{t("councils.meeting.dossierSentOn")}</dt>
                <dd>
                  {props.council.dossierSentOn
                    ? format.date(props.council.dossierSentOn)
                    : t("councils.meeting.notSet")}
                </dd>
              </div>
              <Show when={props.council.adminSecretary}>
                {(secretary) => (
                  <div>
                    <dt>{t("councils.page.adminSecretary")}</dt>
                    <dd>{secretary().fullName}</dd>
                  </div>
                )}
              </Show>
            </dl>
            <Show when={props.council.status !== "closed"}>
              <p class={`notice ${readiness().tone === "ok" ? "notice--success" : "notice--error"} readiness`}>
                <Show when={readiness().tone === "warn"}>
                  <span aria-hidden="true">⚠ </span>
                </Show>
                {message(readiness().message)}
              </p>
            </Show>
          </>
        }
      >
        <MeetingForm
          council={props.council}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            setEditing(false);
            props.onChanged(t("councils.meeting.saved"), next);
          }}
        />
      </Show>
    </Section>
  );
}

function MeetingForm(props: { council: Council; onCancel: () => void; onSaved: (next: Council) => void }) {
  const { t, message } = useI18n();
  const headingId = createUniqueId();
  const [meetingOn, setMeetingOn] = createSignal(props.council.meetingOn ?? "");
  const [location, setLocation] = createSignal(props.council.location ?? "");
  const [dossierSentOn, setDossierSentOn] = createSignal(props.council.dossierSentOn ?? "");
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    try {
      const next = await updateCouncil(props.council.id, {
        version: props.council.version,
        meetingOn: meetingOn() || null,
        location: location().trim() || null,
        dossierSentOn: dossierSentOn() || null,
      });
      setBusy(false);
      props.onSaved(next);
    } catch (error) {
      setBusy(false);
      const found = serverFieldErrors(error);
      setErrors(found);
      if (Object.keys(found).length === 0) setProblem(councilError(error));
    }
  };

  const dateInput =
    (value: () => string, set: (v: string) => void) =>
    (attrs: { id: string; invalid: true | undefined; describedBy: string | undefined }) => (
      <input
        id={attrs.id}
        type="date"
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
      />
    );

  return (
    <form class="inline-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} class="inline-form__title">
        {t("councils.meeting.edit")}
      </h3>
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <div class="form-grid">
        <FormField
          label={t("councils.meeting.meetingOn")}
          error={errors().meetingOn}
          control={dateInput(meetingOn, setMeetingOn)}
        />
        <FormField
          label={t("councils.meeting.dossierSentOn")}
          error={errors().dossierSentOn}
          control={dateInput(dossierSentOn, setDossierSentOn)}
        />
        <FormField
          label={t("councils.meeting.location")}
          error={errors().location}
          class="form-grid__wide"
          control={(attrs) => (
            <input
              id={attrs.id}
              class="field__control"
              maxLength={300}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={location()}
              onInput={(e) => setLocation(e.currentTarget.value)}
            />
          )}
        />
      </div>
      <div class="council-actions">
        <button type="button" class="button button--quiet" onClick={() => props.onCancel()} disabled={busy()}>
          {t("councils.meeting.cancel")}
        </button>
        <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
          {busy() ? t("councils.meeting.saving") : t("councils.meeting.save")}
        </button>
      </div>
    </form>
  );
}

/** The decision establishing the council: shown once recorded; staff record it when the composition is full. */
export function CouncilEstablishment(props: { council: Council; onChanged: (notice: string, next?: Council) => void }) {
  const { t, message } = useI18n();
  const format = useFormat();
  const headingId = createUniqueId();
  const draft = createDocumentDraft("document.");
  const controls = new Map<string, HTMLElement>();
  const register = (field: string) => (el: HTMLElement) => controls.set(field, el);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);

  const focusFirst = (found: FieldErrors) => {
    const first = documentFieldOrder("document.").find((f) => found[f] && controls.has(f));
    if (first) controls.get(first)?.focus();
    return first !== undefined;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy() || draft.uploading()) return;
    setProblem(null);
    const found = draft.validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      const next = await establishCouncil(props.council.id, { document: draft.body() });
      setBusy(false);
      props.onChanged(t("councils.page.established"), next);
    } catch (error) {
      setBusy(false);
      const fields = serverFieldErrors(error);
      setErrors(fields);
      if (!focusFirst(fields)) setProblem(councilError(error));
    }
  };

  return (
    <Section title={t("councils.page.establishment")}>
      <Show
        when={props.council.establishment}
        fallback={
          <Show
            when={props.council.status === "forming" && props.council.permissions.canEdit}
            fallback={<p class="muted">{t("councils.page.noEstablishment")}</p>}
          >
            <form class="inline-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
              <h3 id={headingId} class="inline-form__title">
                {t("councils.page.establish")}
              </h3>
              <div role="alert" class="alert-slot">
                <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
              </div>
              <DocumentFields
                draft={draft}
                legend={t("councils.page.decisionLegend")}
                errors={errors()}
                register={register}
              />
              <div class="council-actions">
                <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
                  {busy() ? t("councils.page.establishing") : t("councils.page.establish")}
                </button>
              </div>
            </form>
          </Show>
        }
      >
        {(doc) => (
          <p>
            {t("councils.page.documentLine", {
              number: doc().number,
              date: format.date(doc().issuedOn),
              signer: doc().signer,
            })}
            <Show when={doc().file}>
              {(file) => (
                <>
                  {" · "}
                  <a href={fileHref(file().id)} download={file().name}>
                    {file().name}
                  </a>
                </>
              )}
            </Show>
          </p>
        )}
      </Show>
    </Section>
  );
}
