import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, createUniqueId, For, Match, Show, Switch } from "solid-js";
import { ApiError } from "../api/client.ts";
import { declareConflict, getScoreSheet, listMyCouncils, type MyCouncil } from "../api/councils.ts";
import { FormField } from "../components/FormField.tsx";
import { ScoreSheetForm } from "../components/ScoreSheetForm.tsx";
import { Section } from "../components/Section.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { MY_COUNCILS_PATH } from "../council-paths.ts";
import { councilError } from "../council-wording.ts";
import "../councils.css";
import { describeError, type UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { usePageTitle } from "../page-title.ts";
import { parseTaskId } from "../task-paths.ts";

/**
 * A member's work on one council: first the conflict-of-interest declaration, then one score
 * sheet per task. A member with a conflict, or recused, does not grade.
 */
export function MyCouncilSheets() {
  const { t, message } = useI18n();
  const params = useParams<{ id: string }>();
  const id = () => parseTaskId(params.id);
  const [mine, { refetch: refetchMine }] = createResource(listMyCouncils);
  const entry = (): MyCouncil | undefined => mine()?.items.find((item) => item.council.id === id());
  const grading = () => {
    const e = entry();
    return e && e.conflict === "none" && !e.recused && e.council.status !== "forming" ? e.council.id : undefined;
  };
  const [sheets, { refetch: refetchSheets }] = createResource(grading, getScoreSheet);

  usePageTitle(() => {
    const e = entry();
    return e ? t("councils.score.pageTitle", { council: e.council.title }) : t("councils.score.title");
  });

  return (
    <div class="page page--narrow my-sheets">
      <p class="back">
        <A href={MY_COUNCILS_PATH} class="back-link">
          <span aria-hidden="true">← </span>
          {t("councils.page.backMine")}
        </A>
      </p>
      <Switch fallback={<Loading />}>
        <Match when={mine.error && !mine.loading}>
          <ErrorNotice
            title={t("councils.mine.loadFailed")}
            message={message(describeError(mine.error))}
            onRetry={refetchMine}
          />
        </Match>
        <Match when={mine() && !entry()}>
          <div class="card status-page">
            <h1>{t("notFound.title")}</h1>
            <p>{t("councils.page.notFound")}</p>
          </div>
        </Match>
        <Match when={entry()}>
          {(e) => (
            <>
              <h1>{e().council.title}</h1>
              <p class="muted">
                {t(`councils.kind.${e().council.kind}`)} ·{" "}
                {t("councils.mine.myRole", { role: t(`councils.role.${e().myRole}`) })}
              </p>
              <Switch>
                <Match when={e().conflict === "undeclared" && e().council.status !== "closed"}>
                  <ConflictDeclaration entry={e()} onDeclared={() => void refetchMine()} />
                </Match>
                <Match when={e().conflict === "declared" || e().recused}>
                  <p class="card section notice notice--info">
                    {e().conflict === "declared" ? t("councils.declare.declaredHas") : t("councils.mine.recused")}
                  </p>
                </Match>
                <Match when={e().council.status === "forming"}>
                  <p class="card section muted">{t("councils.score.notScoring")}</p>
                </Match>
                <Match when={true}>
                  <Show when={e().conflict === "none"}>
                    <p class="muted">{t("councils.declare.declaredNone")}</p>
                  </Show>
                  <Switch fallback={<Loading />}>
                    <Match when={sheets.error && !sheets.loading}>
                      <ErrorNotice
                        title={t("councils.score.loadFailed")}
                        message={message(
                          sheets.error instanceof ApiError ? councilError(sheets.error) : describeError(sheets.error),
                        )}
                        onRetry={refetchSheets}
                      />
                    </Match>
                    <Match when={sheets()}>
                      {(sheet) => (
                        <div class="score-sheets">
                          <Show when={!sheet().canScore && sheet().blockedBy}>
                            {(code) => (
                              <p class="notice notice--info">
                                {code() === "COUNCIL_CLOSED"
                                  ? t("councils.score.closed")
                                  : code() === "COUNCIL_NOT_ESTABLISHED"
                                    ? t("councils.score.notScoring")
                                    : message(councilError(new ApiError(409, code(), "")))}
                              </p>
                            )}
                          </Show>
                          <For each={sheet().tasks}>
                            {(task) => (
                              <ScoreSheetForm
                                councilId={e().council.id}
                                task={task}
                                reviewer={sheet().reviewRequired || sheet().role === "reviewer"}
                                locked={!sheet().canScore}
                                onSigned={() => void refetchMine()}
                              />
                            )}
                          </For>
                        </div>
                      )}
                    </Match>
                  </Switch>
                </Match>
              </Switch>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}

function ConflictDeclaration(props: { entry: MyCouncil; onDeclared: () => void }) {
  const { t, message } = useI18n();
  const headingId = createUniqueId();
  const name = createUniqueId();
  const [choice, setChoice] = createSignal<"none" | "has" | null>(null);
  const [note, setNote] = createSignal("");
  const [errors, setErrors] = createSignal<{ choice?: UserMessage; note?: UserMessage }>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const found: { choice?: UserMessage; note?: UserMessage } = {};
    if (!choice()) found.choice = { key: "errors.choiceRequired" };
    if (choice() === "has" && !note().trim()) found.note = { key: "councils.errors.noteRequired" };
    setErrors(found);
    if (found.choice || found.note) return;
    setBusy(true);
    setProblem(null);
    try {
      await declareConflict(props.entry.council.id, props.entry.memberId, {
        hasConflict: choice() === "has",
        ...(choice() === "has" ? { note: note().trim() } : {}),
      });
      setBusy(false);
      props.onDeclared();
    } catch (error) {
      setBusy(false);
      setProblem(councilError(error));
    }
  };

  return (
    <Section title={t("councils.declare.title")}>
      <form class="declare" noValidate onSubmit={submit} aria-labelledby={headingId}>
        <p id={headingId}>{t("councils.declare.intro")}</p>
        <div role="alert" class="alert-slot">
          <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
        </div>
        <fieldset class="grade-choice" classList={{ "grade-choice--invalid": !!errors().choice }}>
          <legend class="grade-choice__legend">{t("councils.declare.legend")}</legend>
          <div class="grade-choice__options grade-choice__options--stacked">
            <label class="grade-choice__option">
              <input type="radio" name={name} checked={choice() === "none"} onChange={() => setChoice("none")} />
              <span>{t("councils.declare.none")}</span>
            </label>
            <label class="grade-choice__option">
              <input type="radio" name={name} checked={choice() === "has"} onChange={() => setChoice("has")} />
              <span>{t("councils.declare.has")}</span>
            </label>
          </div>
          <Show when={errors().choice}>{(e) => <p class="field__error">{message(e())}</p>}</Show>
        </fieldset>
        <Show when={choice() === "has"}>
          <FormField
            label={t("councils.declare.note")}
            required
            error={errors().note}
            control={(attrs) => (
              <textarea
                id={attrs.id}
                class="field__control"
                rows={3}
                maxLength={2000}
                aria-invalid={attrs.invalid}
                aria-describedby={attrs.describedBy}
                value={note()}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
            )}
          />
        </Show>
        <div class="council-actions">
          <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
            {busy() ? t("councils.declare.submitting") : t("councils.declare.submit")}
          </button>
        </div>
      </form>
    </Section>
  );
}
