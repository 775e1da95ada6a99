import { createSignal, createUniqueId, Index, Match, Show, Switch } from "solid-js";
import { createStore, unwrap } from "solid-js/store";
import { fileHref, uploadFile } from "../api/client.ts";
import { type Grade, type Score, type SheetTask, saveScores, signOffScores } from "../api/councils.ts";
import {
  acceptanceScore,
  contractedAmount,
  draftChanged,
  initialDraft,
  missingGrades,
  type SheetDraft,
  sheetBody,
} from "../council-sheet.ts";
import { councilError } from "../council-wording.ts";
import { describeError, type UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { newIdempotencyKey } from "../idempotency-key.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { FormField } from "./FormField.tsx";
import { GradeChoice } from "./GradeChoice.tsx";
import { UploadProgress } from "./UploadProgress.tsx";

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const ACCEPT = ".pdf,.doc,.docx,.odt";

/**
 * One task's acceptance score sheet for the signed-in member, made for a phone: per contracted
 * product a quantity and a quality grade, the final report's grade, comments, and for reviewers
 * their written review. The overall grade (the server derives it) is shown before signing off,
 * which asks once more; after that the sheet is read-only with the time it was signed.
 */
export function ScoreSheetForm(props: {
  councilId: number;
  task: SheetTask;
  /** Reviewers upload their written review. */
  reviewer: boolean;
  /** Grading is not open (the council closed, or the member may not grade): the sheet is read-only. */
  locked: boolean;
  onSigned: (score: Score) => void;
}) {
  const { t, message } = useI18n();
  const format = useFormat();
  const headingId = createUniqueId();
  const [saved, setSaved] = createSignal<Score | null>(acceptanceScore(props.task));
  const [draft, setDraft] = createStore<SheetDraft>(initialDraft(props.task.products, saved()));
  const [showMissing, setShowMissing] = createSignal(false);
  const [busy, setBusy] = createSignal<"save" | "sign" | null>(null);
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [notice, setNotice] = createSignal("");
  const [confirming, setConfirming] = createSignal(false);
  const [upload, setUpload] = createSignal<{ fraction: number } | null>(null);
  const [uploadError, setUploadError] = createSignal<UserMessage | undefined>();
  let idempotencyKey: string | null = null;

  const readOnly = () => saved()?.status === "signed_off" || props.locked;
  const missing = () => missingGrades(draft);
  const errorAt = (criterion: string): UserMessage | undefined =>
    showMissing() && (missing() as string[]).includes(criterion)
      ? { key: "councils.errors.choiceRequired" }
      : undefined;

  const choose = (index: number, criterion: "quantity" | "quality", grade: Grade) => {
    setDraft("products", index, criterion, grade);
    setNotice("");
  };

  const save = async (): Promise<Score | null> => {
    try {
      const next = await saveScores(props.councilId, props.task.taskId, sheetBody(unwrap(draft)));
      setSaved(next);
      return next;
    } catch (error) {
      setProblem(councilError(error));
      return null;
    }
  };

  /** The server keeps whole sheets only: say what is missing rather than send half of one. */
  const showWhatIsMissing = () => {
    setShowMissing(true);
    queueMicrotask(() =>
      document.querySelector<HTMLInputElement>(`[data-sheet="${headingId}"] .grade-choice--invalid input`)?.focus(),
    );
  };

  const saveDraft = async () => {
    if (busy()) return;
    setProblem(null);
    if (missing().length > 0) {
      showWhatIsMissing();
      return;
    }
    setBusy("save");
    const next = await save();
    setBusy(null);
    if (next) setNotice(t("councils.score.saved"));
  };

  /** Sign-off: every grade chosen, the draft saved, then the member confirms with the derived grade in view. */
  const startSignOff = async () => {
    if (busy()) return;
    setProblem(null);
    setNotice("");
    if (missing().length > 0) {
      showWhatIsMissing();
      return;
    }
    if (draftChanged(unwrap(draft), saved()) || !saved()?.derived?.grade) {
      setBusy("save");
      const next = await save();
      setBusy(null);
      if (!next) return;
    }
    idempotencyKey = newIdempotencyKey();
    setConfirming(true);
  };

  const signOff = async () => {
    if (busy() || !idempotencyKey) return;
    setBusy("sign");
    setProblem(null);
    try {
      const answer = await signOffScores(props.councilId, props.task.taskId, idempotencyKey);
      const signed = acceptanceScore({ scores: answer }) ?? { ...(saved() as Score), status: "signed_off" as const };
      setSaved(signed);
      setBusy(null);
      setConfirming(false);
      setNotice(t("councils.score.signed", { code: props.task.code }));
      props.onSigned(signed);
    } catch (error) {
      setBusy(null);
      setConfirming(false);
      setProblem(councilError(error));
    }
  };

  const chooseFile = async (file: File | undefined) => {
    setUploadError(undefined);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setUploadError({ key: "errors.PAYLOAD_TOO_LARGE" });
      return;
    }
    setUpload({ fraction: 0 });
    try {
      const stored = await uploadFile(file, (fraction) => setUpload({ fraction }));
      setDraft("reviewFile", { id: stored.id, name: stored.name });
    } catch (error) {
      setUploadError(describeError(error));
    } finally {
      setUpload(null);
    }
  };

  const derivedGrade = () => saved()?.derived?.grade ?? null;

  return (
    <>
      <form
        class="card score-sheet"
        data-sheet={headingId}
        noValidate
        aria-labelledby={headingId}
        onSubmit={(e) => {
          e.preventDefault();
          void startSignOff();
        }}
      >
        <h2 id={headingId} class="score-sheet__title">
          <span class="code">{props.task.code}</span> {props.task.title}
        </h2>
        <Show when={saved()?.status === "signed_off"}>
          <p class="notice notice--success">
            {t("councils.score.readOnly")} {t("councils.score.signedAt", { at: format.dateTime(saved()?.signedOffAt) })}
          </p>
        </Show>
        <div role="alert" class="alert-slot">
          <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
        </div>
        <Show when={props.task.products.length > 0} fallback={<p class="muted">{t("councils.score.noProducts")}</p>}>
          <Index each={props.task.products}>
            {(product, i) => (
              <fieldset class="score-product" disabled={readOnly()}>
                <legend class="score-product__legend">
                  {t("councils.score.product", { n: String(i + 1), name: product().name })}
                </legend>
                <p class="muted">{t("councils.score.contracted", { quantity: contractedAmount(product()) })}</p>
                <GradeChoice
                  legend={t("councils.score.quantity")}
                  value={draft.products[i]?.quantity ?? null}
                  onChange={(g) => choose(i, "quantity", g)}
                  disabled={readOnly()}
                  error={errorAt(`${product().id}.quantity`)}
                />
                <GradeChoice
                  legend={t("councils.score.quality")}
                  value={draft.products[i]?.quality ?? null}
                  onChange={(g) => choose(i, "quality", g)}
                  disabled={readOnly()}
                  error={errorAt(`${product().id}.quality`)}
                />
              </fieldset>
            )}
          </Index>
        </Show>
        <GradeChoice
          legend={t("councils.score.reportLegend")}
          value={draft.report}
          onChange={(g) => {
            setDraft("report", g);
            setNotice("");
          }}
          disabled={readOnly()}
          error={errorAt("report")}
        />
        <FormField
          label={t("councils.score.comments")}
          control={(attrs) => (
            <textarea
              id={attrs.id}
              class="field__control"
              rows={4}
              maxLength={5000}
              readOnly={readOnly()}
              aria-describedby={attrs.describedBy}
              value={draft.comments}
              onInput={(e) => setDraft("comments", e.currentTarget.value)}
            />
          )}
        />
        <Show when={props.reviewer || draft.reviewFile}>
          <FormField
            label={t("councils.score.review")}
            hint={readOnly() ? undefined : t("councils.score.reviewHint")}
            error={uploadError()}
            control={(attrs) => (
              <>
                <Show when={!readOnly()}>
                  <input
                    id={attrs.id}
                    type="file"
                    accept={ACCEPT}
                    class="field__file"
                    aria-invalid={attrs.invalid}
                    aria-describedby={attrs.describedBy}
                    onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
                  />
                </Show>
                <p class="field__status" role="status">
                  <Switch>
                    <Match when={upload()}>{(u) => <UploadProgress fraction={u().fraction} />}</Match>
                    <Match when={draft.reviewFile}>
                      {(file) => (
                        <>
                          <a href={fileHref(file().id)} download={file().name ?? ""}>
                            {file().name
                              ? t("councils.score.reviewUploaded", { name: file().name as string })
                              : t("councils.score.reviewStored")}
                          </a>
                          <Show when={!readOnly()}>
                            {" "}
                            <button type="button" class="link-button" onClick={() => setDraft("reviewFile", null)}>
                              {t("councils.score.reviewRemove")}
                            </button>
                          </Show>
                        </>
                      )}
                    </Match>
                  </Switch>
                </p>
              </>
            )}
          />
        </Show>
        <div class="score-sheet__derived" role="status">
          <Switch>
            <Match when={derivedGrade() && !draftChanged(draft, saved())}>
              <p class={`derived derived--${derivedGrade()}`}>
                {t("councils.score.derived", { grade: t(`councils.grade.${derivedGrade() as Grade}`) })}
              </p>
            </Match>
            <Match when={!readOnly() && missing().length > 0}>
              <p class="muted">
                {t("councils.score.derivedPending")} {t("councils.score.missing", { count: String(missing().length) })}
              </p>
            </Match>
          </Switch>
          <Show when={notice()}>
            <p class="notice notice--success">{notice()}</p>
          </Show>
        </div>
        <Show when={!readOnly()}>
          <div class="council-actions score-sheet__actions">
            <button type="button" class="button" disabled={!!busy()} onClick={() => void saveDraft()}>
              {busy() === "save" ? t("councils.score.saving") : t("councils.score.save")}
            </button>
            <button type="submit" class="button button--primary" disabled={!!busy() || !!upload()}>
              {t("councils.score.signOff")}
            </button>
          </div>
        </Show>
      </form>
      <Show when={confirming()}>
        <ConfirmDialog
          title={t("councils.score.confirmTitle")}
          body={
            <p class="derived-confirm">
              {t("councils.score.confirmBody", {
                code: props.task.code,
                grade: derivedGrade() ? t(`councils.grade.${derivedGrade() as Grade}`) : "—",
              })}
            </p>
          }
          confirmLabel={t("councils.score.confirm")}
          busyLabel={t("councils.score.signing")}
          cancelLabel={t("councils.score.cancel")}
          busy={busy() === "sign"}
          onConfirm={() => void signOff()}
          onCancel={() => setConfirming(false)}
        />
      </Show>
    </>
  );
}
