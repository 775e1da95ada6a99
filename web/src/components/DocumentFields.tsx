import type { DocumentView, TransitionBody } from "@khcn/api/lifecycle/schemas";
import { createSignal, type JSX, Match, Show, Switch } from "solid-js";
import { fileHref, uploadFile } from "../api/client.ts";
import { checkDocumentNumber } from "../document-number.ts";
import { describeError, type UserMessage } from "../errors.ts";
import type { FieldErrors } from "../field-errors.ts";
import { todayInVietnam } from "../format.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { FormField } from "./FormField.tsx";
import { UploadProgress } from "./UploadProgress.tsx";

type DocumentInput = NonNullable<TransitionBody["document"]>;

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const ACCEPT = ".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png";

type FileState =
  | { status: "none" }
  | { status: "uploading"; name: string }
  | { status: "stored"; name: string; id: number }
  | { status: "failed"; error: UserMessage };

/** The fields of an official document (decision, minutes) as a form keeps them, under a prefix ("minutes."). */
export interface DocumentDraft {
  prefix: string;
  number: () => string;
  setNumber: (v: string) => void;
  issuedOn: () => string;
  setIssuedOn: (v: string) => void;
  signer: () => string;
  setSigner: (v: string) => void;
  summary: () => string;
  setSummary: (v: string) => void;
  file: () => FileState;
  setFile: (v: FileState) => void;
  uploading: () => boolean;
  /** What the browser can check first, keyed `<prefix>number` etc. */
  validate: () => FieldErrors;
  body: () => DocumentInput;
}

/** Field keys of a document under its prefix, in the order the form shows them. */
export const documentFieldOrder = (prefix: string) =>
  ["number", "issuedOn", "signer", "summary", "fileId"].map((f) => `${prefix}${f}`);

export function createDocumentDraft(prefix: string): DocumentDraft {
  const today = todayInVietnam();
  const [number, setNumber] = createSignal("");
  const [issuedOn, setIssuedOn] = createSignal(today);
  const [signer, setSigner] = createSignal("");
  const [summary, setSummary] = createSignal("");
  const [file, setFile] = createSignal<FileState>({ status: "none" });
  return {
    prefix,
    number,
    setNumber,
    issuedOn,
    setIssuedOn,
    signer,
    setSigner,
    summary,
    setSummary,
    file,
    setFile,
    uploading: () => file().status === "uploading",
    validate() {
      const found: FieldErrors = {};
      const problem = checkDocumentNumber(number(), issuedOn());
      if (problem === "required") found[`${prefix}number`] = { key: "errors.numberRequired" };
      if (problem === "format") found[`${prefix}number`] = { key: "errors.numberFormat" };
      if (problem === "year") found[`${prefix}number`] = { key: "errors.numberYear" };
      if (!issuedOn()) found[`${prefix}issuedOn`] = { key: "errors.issuedOnRequired" };
      else if (issuedOn() > today) found[`${prefix}issuedOn`] = { key: "errors.issuedOnFuture" };
      if (!signer().trim()) found[`${prefix}signer`] = { key: "errors.signerRequired" };
      return found;
    },
    body() {
      const stored = file();
      return {
        number: number().trim(),
        issuedOn: issuedOn(),
        signer: signer().trim(),
        ...(summary().trim() ? { summary: summary().trim() } : {}),
        ...(stored.status === "stored" ? { fileId: stored.id } : {}),
      };
    },
  };
}

/**
 * The document's inputs: number, date, signer, summary and the scanned file, uploaded as soon as
 * it is chosen. `register` lets the form focus the first field in error.
 */
export function DocumentFields(props: {
  draft: DocumentDraft;
  legend: string;
  errors: FieldErrors;
  register?: (field: string) => (el: HTMLElement) => void;
}) {
  const { t } = useI18n();
  const today = todayInVietnam();
  const d = () => props.draft;
  const key = (f: string) => `${props.draft.prefix}${f}`;
  const reg = (f: string) => props.register?.(key(f)) ?? (() => undefined);
  let fileInput: HTMLInputElement | undefined;
  const [fraction, setFraction] = createSignal(0);

  const chooseFile = async (chosen: File | undefined) => {
    if (!chosen) {
      d().setFile({ status: "none" });
      return;
    }
    if (chosen.size > MAX_FILE_BYTES) {
      d().setFile({ status: "failed", error: { key: "errors.PAYLOAD_TOO_LARGE" } });
      return;
    }
    setFraction(0);
    d().setFile({ status: "uploading", name: chosen.name });
    try {
      const stored = await uploadFile(chosen, setFraction);
      d().setFile({ status: "stored", name: stored.name, id: stored.id });
    } catch (error) {
      d().setFile({ status: "failed", error: describeError(error) });
    }
  };

  const text =
    (field: string, value: () => string, set: (v: string) => void, extra: JSX.InputHTMLAttributes<HTMLInputElement>) =>
    (attrs: { id: string; invalid: true | undefined; describedBy: string | undefined }) => (
      <input
        ref={reg(field)}
        id={attrs.id}
        class="field__control"
        aria-invalid={attrs.invalid}
        aria-describedby={attrs.describedBy}
        value={value()}
        onInput={(e) => set(e.currentTarget.value)}
        {...extra}
      />
    );

  return (
    <fieldset class="fieldset">
      <legend>{props.legend}</legend>
      <div class="form-grid">
        <FormField
          label={t("progress.document.number")}
          required
          hint={t("progress.document.numberHint")}
          error={props.errors[key("number")]}
          control={text("number", d().number, d().setNumber, {
            autocomplete: "off",
            spellcheck: false,
            required: true,
            maxLength: 60,
          })}
        />
        <FormField
          label={t("progress.document.issuedOn")}
          required
          error={props.errors[key("issuedOn")]}
          control={text("issuedOn", d().issuedOn, d().setIssuedOn, { type: "date", max: today, required: true })}
        />
        <FormField
          label={t("progress.document.signer")}
          required
          error={props.errors[key("signer")]}
          class="form-grid__wide"
          control={text("signer", d().signer, d().setSigner, { required: true, maxLength: 200 })}
        />
        <FormField
          label={t("progress.document.summary")}
          error={props.errors[key("summary")]}
          class="form-grid__wide"
          control={(attrs) => (
            <textarea
              ref={reg("summary")}
              id={attrs.id}
              class="field__control"
              rows={2}
              maxLength={2000}
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              value={d().summary()}
              onInput={(e) => d().setSummary(e.currentTarget.value)}
            />
          )}
        />
        <FormField
          label={t("progress.document.file")}
          hint={t("transition.fileHint")}
          error={
            props.errors[key("fileId")] ??
            (d().file().status === "failed" ? (d().file() as { error: UserMessage }).error : undefined)
          }
          class="form-grid__wide"
          control={(attrs) => (
            <>
              <input
                ref={(el) => {
                  fileInput = el;
                  reg("fileId")(el);
                }}
                id={attrs.id}
                type="file"
                accept={ACCEPT}
                class="field__file"
                aria-invalid={attrs.invalid}
                aria-describedby={attrs.describedBy}
                onChange={(e) => void chooseFile(e.currentTarget.files?.[0])}
              />
              <p class="field__status" role="status">
                <Switch>
                  <Match when={d().file().status === "uploading"}>
                    <UploadProgress fraction={fraction()} />
                  </Match>
                  <Match when={d().file().status === "stored" && (d().file() as { name: string })}>
                    {(stored) => (
                      <>
                        {t("transition.uploaded", { name: stored().name })}{" "}
                        <button
                          type="button"
                          class="link-button"
                          onClick={() => {
                            d().setFile({ status: "none" });
                            if (fileInput) {
                              fileInput.value = "";
                              fileInput.focus();
                            }
                          }}
                        >
                          {t("transition.removeFile")}
                        </button>
                      </>
                    )}
                  </Match>
                </Switch>
              </p>
            </>
          )}
        />
      </div>
    </fieldset>
  );
}

/** A recorded document in one line, with its file to download. */
export function DocumentLine(props: { document: DocumentView }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <span class="document-line">
      {t("progress.document.line", {
        number: props.document.number,
        date: format.date(props.document.issuedOn),
        signer: props.document.signer,
      })}
      <Show when={props.document.file}>
        {(file) => (
          <>
            {" · "}
            <a href={fileHref(file().id)} download={file().name}>
              {file().name}
            </a>
          </>
        )}
      </Show>
    </span>
  );
}
