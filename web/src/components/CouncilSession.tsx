import { createSignal, createUniqueId, For, Show } from "solid-js";
import { type Council, type CouncilMember, closeCouncil, recordAttendance, reopenSheet } from "../api/councils.ts";
import { councilError, councilQuorum, quorumLine } from "../council-wording.ts";
import type { UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { personName } from "../people.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { ReasonDialog } from "./CouncilMembers.tsx";
import { Section } from "./Section.tsx";

/** Who is present, and who presides when the chair is absent; the quorum follows from it. */
export function CouncilAttendance(props: { council: Council; onChanged: (notice: string, next?: Council) => void }) {
  const { t, message } = useI18n();
  const headingId = createUniqueId();
  // A recused member does not count as present, and only a vice-chair presides in the chair's place.
  const eligible = () => props.council.members.filter((m) => !m.recused);
  const [present, setPresent] = createSignal<Set<number>>(
    new Set(props.council.members.filter((m) => m.attended).map((m) => m.id)),
  );
  const [acting, setActing] = createSignal<number | null>(null);
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);

  const chairAbsent = () => {
    const chair = props.council.members.find((m) => m.role === "chair");
    return chair !== undefined && !present().has(chair.id);
  };

  const toggle = (member: CouncilMember, on: boolean) => {
    const next = new Set(present());
    if (on) next.add(member.id);
    else next.delete(member.id);
    setPresent(next);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setProblem(null);
    const actingId = acting();
    try {
      const next = await recordAttendance(props.council.id, {
        present: [...present()],
        ...(chairAbsent() && actingId !== null ? { actingChairMemberId: actingId } : {}),
      });
      setBusy(false);
      props.onChanged(t("councils.attendance.saved"), next);
    } catch (error) {
      setBusy(false);
      setProblem(councilError(error));
    }
  };

  return (
    <Section title={t("councils.attendance.title")}>
      <Show
        when={councilQuorum(props.council.quorum)}
        fallback={<p class="muted">{t("councils.attendance.notRecorded")}</p>}
      >
        {(quorum) => (
          <div class={`notice ${quorum().met ? "notice--success" : "notice--error"}`}>
            <p>{message(quorumLine(quorum(), "councils.attendance"))}</p>
            <p>
              {quorum().chairPresent
                ? t("councils.attendance.chairPresent")
                : quorum().actingViceChair
                  ? t("councils.attendance.actingViceChair")
                  : t("councils.attendance.chairAbsent")}{" "}
              {t("councils.attendance.reviewersPresent", { count: String(quorum().reviewersPresent) })}
            </p>
          </div>
        )}
      </Show>
      <Show
        when={
          props.council.status === "established" &&
          (props.council.permissions.canClose || props.council.permissions.canEdit)
        }
      >
        <form class="inline-form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <h3 id={headingId} class="inline-form__title">
            {t("councils.attendance.intro")}
          </h3>
          <div role="alert" class="alert-slot">
            <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
          </div>
          <ul class="attendance-list">
            <For each={eligible()}>
              {(member) => (
                <li>
                  <label class="checkbox attendance-list__item">
                    <input
                      type="checkbox"
                      checked={present().has(member.id)}
                      onChange={(e) => toggle(member, e.currentTarget.checked)}
                    />
                    <span>
                      {personName(member.person)} — {t(`councils.role.${member.role}`)}
                    </span>
                  </label>
                </li>
              )}
            </For>
          </ul>
          <Show when={chairAbsent()}>
            <label class="field">
              <span class="field__label">{t("councils.attendance.actingChair")}</span>
              <select
                class="field__control"
                onChange={(e) => setActing(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
              >
                <option value="">{t("councils.attendance.noActing")}</option>
                <For each={eligible().filter((m) => m.role === "vice_chair" && present().has(m.id))}>
                  {(m) => (
                    <option value={m.id} selected={acting() === m.id}>
                      {personName(m.person)} — {t(`councils.role.${m.role}`)}
                    </option>
                  )}
                </For>
              </select>
            </label>
          </Show>
          <div class="council-actions">
            <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
              {busy() ? t("councils.attendance.saving") : t("councils.attendance.save")}
            </button>
          </div>
        </form>
      </Show>
    </Section>
  );
}

/**
 * Grading progress — who has signed off, never what they gave — with reopening a member's sheet,
 * and closing the meeting, which computes the outcome and writes the minutes.
 */
export function CouncilScoring(props: { council: Council; onChanged: (notice: string, next?: Council) => void }) {
  const { t, message } = useI18n();
  const [reopening, setReopening] = createSignal<CouncilMember | null>(null);
  const [confirming, setConfirming] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const grading = () => props.council.members.filter((m) => !m.recused);
  const signed = () => grading().filter((m) => m.scoreStatus === "signed_off").length;

  const close = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await closeCouncil(props.council.id);
      setBusy(false);
      setConfirming(false);
      props.onChanged(t("councils.close.closed"), next);
    } catch (error) {
      setBusy(false);
      setConfirming(false);
      setProblem(councilError(error));
    }
  };

  return (
    <Section title={t("councils.progress.title")}>
      <p class="muted">{t("councils.progress.intro")}</p>
      <p class="council-progress__count">
        {t("councils.progress.signedOff", { done: String(signed()), total: String(grading().length) })}
      </p>
      <ul class="council-progress" aria-label={t("councils.progress.title")}>
        <For each={grading()}>
          {(member) => (
            <li class={`council-progress__item council-progress__item--${member.scoreStatus}`}>
              <span>{personName(member.person)}</span>
              <span class="council-progress__status">{t(`councils.scoreStatus.${member.scoreStatus}`)}</span>
              <Show when={props.council.permissions.canReopen && member.scoreStatus === "signed_off"}>
                <button type="button" class="link-button" onClick={() => setReopening(member)}>
                  {t("councils.members.reopen")}
                  <span class="visually-hidden"> — {personName(member.person)}</span>
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.council.permissions.canClose && props.council.status === "established"}>
        <div class="council-close">
          <h3 class="subheading">{t("councils.close.title")}</h3>
          <p class="muted">{t("councils.close.intro")}</p>
          <div role="alert" class="alert-slot">
            <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
          </div>
          <button type="button" class="button button--primary" onClick={() => setConfirming(true)}>
            {t("councils.close.button")}
          </button>
        </div>
      </Show>
      <Show when={confirming()}>
        <ConfirmDialog
          title={t("councils.close.confirmTitle")}
          body={<p>{t("councils.close.confirmBody")}</p>}
          confirmLabel={t("councils.close.confirm")}
          busyLabel={t("councils.close.closing")}
          cancelLabel={t("councils.close.cancel")}
          busy={busy()}
          onConfirm={() => void close()}
          onCancel={() => setConfirming(false)}
        />
      </Show>
      <Show when={reopening()}>
        {(member) => (
          <ReasonDialog
            title={t("councils.members.reopenTitle", { name: personName(member().person) })}
            run={(reason) => reopenSheet(props.council.id, member().id, reason)}
            onClose={() => setReopening(null)}
            onDone={() => {
              setReopening(null);
              props.onChanged(t("councils.members.reopened", { name: personName(member().person) }));
            }}
          />
        )}
      </Show>
    </Section>
  );
}
