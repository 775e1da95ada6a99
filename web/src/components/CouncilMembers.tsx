import { createSignal, createUniqueId, For, Show } from "solid-js";
import {
  addMember,
  type Composition,
  type Council,
  type CouncilMember,
  type CouncilRole,
  type ExpertItem,
  type Grade,
  recuseMember,
  removeMember,
} from "../api/councils.ts";
import { compositionGaps, councilError, memberRefusal, ROLES } from "../council-wording.ts";
import type { UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { personName } from "../people.ts";
import { ConfirmDialog } from "./ConfirmDialog.tsx";
import { ExpertPicker } from "./ExpertPicker.tsx";
import { FormField } from "./FormField.tsx";
import { Section } from "./Section.tsx";

/**
 * The council's members with their role, organisation, conflict declaration, the automatic flags
 * and (during the meeting) attendance and whether they signed off — never their grades. While the
 * council is being formed, staff add experts from the registry; refusals show at the field.
 */
export function CouncilMembers(props: {
  council: Council;
  composition: Composition | undefined;
  onChanged: (notice: string) => void;
}) {
  const { t, message } = useI18n();
  const forming = () => props.council.status === "forming";
  const [recusing, setRecusing] = createSignal<CouncilMember | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);

  const gaps = () => (props.composition ? compositionGaps(props.composition, props.council.members) : null);

  const remove = async (member: CouncilMember) => {
    setProblem(null);
    try {
      await removeMember(props.council.id, member.id);
      props.onChanged(t("councils.members.removed"));
    } catch (error) {
      setProblem(message(councilError(error)));
    }
  };

  return (
    <Section
      title={t("councils.members.title")}
      actions={
        <Show when={props.composition}>
          {(c) => (
            <span class="tag">
              {t("councils.members.count", { have: String(props.council.members.length), size: String(c().size) })}
            </span>
          )}
        </Show>
      }
    >
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{p()}</p>}</Show>
      </div>
      <Show when={forming() && gaps()}>
        {(g) => (
          <p class={`notice ${g().complete ? "notice--success" : "notice--info"}`}>
            {g().complete
              ? t("councils.members.compositionOk")
              : t("councils.members.needRoles", {
                  list: g()
                    .missing.map((r) =>
                      t("councils.members.roleCount", {
                        role: t(`councils.role.${r.role}`),
                        have: String(r.have),
                        need: String(r.need),
                      }),
                    )
                    .join("; "),
                })}
          </p>
        )}
      </Show>
      <Show when={props.council.members.length > 0} fallback={<p class="muted">{t("councils.members.empty")}</p>}>
        <ul class="council-members" aria-label={t("councils.members.title")}>
          <For each={props.council.members}>
            {(member) => (
              <li class="council-member" classList={{ "is-recused": member.recused }}>
                <div class="council-member__head">
                  <span class="council-member__name">{personName(member.person)}</span>
                  <span class="tag tag--strong">{t(`councils.role.${member.role}`)}</span>
                </div>
                <Show when={member.person.organisation}>
                  {(org) => <p class="muted council-member__org">{org()}</p>}
                </Show>
                <ul class="council-member__facts">
                  <li>{t(`councils.conflict.${member.conflict.status}`)}</li>
                  <Show when={member.conflict.note}>{(note) => <li class="muted">{note()}</li>}</Show>
                  <Show when={member.recused}>
                    <li class="council-member__recused">
                      {member.recusalReason
                        ? t("councils.members.recusedBecause", { reason: member.recusalReason })
                        : t("councils.members.recused")}
                    </li>
                  </Show>
                  <Show when={!forming()}>
                    <li>
                      {member.attended === null
                        ? t("councils.members.unknown")
                        : member.attended
                          ? t("councils.members.present")
                          : t("councils.members.absent")}
                    </li>
                    <li>{t(`councils.scoreStatus.${member.scoreStatus}`)}</li>
                  </Show>
                  <For each={(member.grades ?? []).filter((g) => g.grade !== null)}>
                    {(g) => (
                      <li class="council-member__grade">
                        {t("councils.members.grade", {
                          grade: t(`councils.grade.${g.grade as Grade}`),
                          code: props.council.tasks.find((task) => task.id === g.taskId)?.code ?? "",
                        })}
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={member.flags.length > 0}>
                  <ul class="council-member__flags">
                    <For each={member.flags}>
                      {(flag) => (
                        <li class={`flag flag--${flag.severity}`}>
                          <span aria-hidden="true">⚠ </span>
                          {flagText(flag.code, flag.message, t)}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Show when={props.council.permissions.canEdit && props.council.status !== "closed"}>
                  <div class="council-member__actions">
                    <Show when={forming()}>
                      <button type="button" class="link-button" onClick={() => void remove(member)}>
                        {t("councils.members.remove", { name: personName(member.person) })}
                      </button>
                    </Show>
                    <Show when={!forming() && !member.recused}>
                      <button type="button" class="link-button" onClick={() => setRecusing(member)}>
                        {t("councils.members.recuse")}
                      </button>
                    </Show>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={forming() && props.council.permissions.canEdit}>
        <AddMemberForm council={props.council} onAdded={props.onChanged} />
      </Show>
      <Show when={recusing()}>
        {(member) => (
          <ReasonDialog
            title={t("councils.members.recuseTitle", { name: personName(member().person) })}
            run={(reason) => recuseMember(props.council.id, member().id, reason)}
            onClose={() => setRecusing(null)}
            onDone={() => {
              setRecusing(null);
              props.onChanged(t("councils.members.recusedDone", { name: personName(member().person) }));
            }}
          />
        )}
      </Show>
    </Section>
  );
}

/** A flag in the reader's words when its code is one the catalogue knows, else the server's own. */
function flagText(code: string, text: string, t: ReturnType<typeof useI18n>["t"]): string {
  switch (code) {
    case "TEAM_MEMBER":
    case "HOST_ORG_KEY_ROLE":
    case "SECOND_HOST_MEMBER":
    case "ROLE_FULL":
    case "ALREADY_MEMBER":
    case "COUNCIL_FULL":
      return t(`councils.errors.${code}`);
    case "HOST_ORG_MEMBER":
      return t("councils.flags.HOST_ORG_MEMBER");
    default:
      return text;
  }
}

function AddMemberForm(props: { council: Council; onAdded: (notice: string) => void }) {
  const { t, message } = useI18n();
  const headingId = createUniqueId();
  const [expert, setExpert] = createSignal<ExpertItem | null>(null);
  const [role, setRole] = createSignal<CouncilRole | "">("");
  const [errors, setErrors] = createSignal<{ personId?: UserMessage; role?: UserMessage }>({});
  const [problem, setProblem] = createSignal<UserMessage | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setProblem(null);
    const chosen = expert();
    const found: { personId?: UserMessage; role?: UserMessage } = {};
    if (!chosen) found.personId = { key: "councils.errors.expertRequired" };
    if (!role()) found.role = { key: "councils.errors.roleRequired" };
    setErrors(found);
    if (!chosen || !role()) return;
    setBusy(true);
    try {
      await addMember(props.council.id, { personId: chosen.personId, role: role() as CouncilRole });
      setBusy(false);
      setExpert(null);
      setRole("");
      props.onAdded(t("councils.add.added", { name: personName(chosen) }));
    } catch (error) {
      setBusy(false);
      const refusal = memberRefusal(error);
      if (refusal.field) setErrors({ [refusal.field]: refusal.message });
      else setProblem(refusal.message);
    }
  };

  return (
    <form class="inline-form council-add" noValidate onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} class="inline-form__title">
        {t("councils.add.title")}
      </h3>
      <div role="alert" class="alert-slot">
        <Show when={problem()}>{(p) => <p class="notice notice--error">{message(p())}</p>}</Show>
      </div>
      <div class="form-grid">
        <FormField
          label={t("councils.add.expert")}
          required
          error={errors().personId}
          class="form-grid__wide"
          control={(attrs) => (
            <ExpertPicker
              attrs={attrs}
              value={expert()}
              onChange={(e) => {
                setExpert(e);
                setErrors({});
              }}
            />
          )}
        />
        <FormField
          label={t("councils.add.role")}
          required
          error={errors().role}
          control={(attrs) => (
            <select
              id={attrs.id}
              class="field__control"
              aria-invalid={attrs.invalid}
              aria-describedby={attrs.describedBy}
              onChange={(e) => {
                setRole(e.currentTarget.value as CouncilRole | "");
                setErrors((current) => ({ personId: current.personId }));
              }}
            >
              <option value="" selected={role() === ""}>
                {t("councils.add.choose")}
              </option>
              <For each={ROLES}>
                {(r) => (
                  <option value={r} selected={role() === r}>
                    {t(`councils.role.${r}`)}
                  </option>
                )}
              </For>
            </select>
          )}
        />
      </div>
      <div class="council-actions">
        <button type="submit" class="button button--primary" disabled={busy()} aria-busy={busy()}>
          {busy() ? t("councils.add.adding") : t("councils.add.submit")}
        </button>
      </div>
    </form>
  );
}

/** Asks for a reason, then runs the step; the step's refusal stays in the dialog. */
export function ReasonDialog(props: {
  title: string;
  run: (reason: string) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, message } = useI18n();
  const [reason, setReason] = createSignal("");
  const [error, setError] = createSignal<UserMessage | undefined>();
  const [problem, setProblem] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const confirm = async () => {
    if (!reason().trim()) {
      setError({ key: "councils.errors.reasonRequired" });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await props.run(reason().trim());
      setBusy(false);
      props.onDone();
    } catch (e) {
      setBusy(false);
      setProblem(message(councilError(e)));
    }
  };

  return (
    <ConfirmDialog
      title={props.title}
      confirmLabel={t("councils.members.confirm")}
      busyLabel={t("councils.meeting.saving")}
      cancelLabel={t("councils.members.cancel")}
      busy={busy()}
      problem={problem()}
      onConfirm={() => void confirm()}
      onCancel={props.onClose}
    >
      <FormField
        label={t("councils.members.reason")}
        required
        error={error()}
        control={(attrs) => (
          <textarea
            id={attrs.id}
            class="field__control"
            rows={3}
            maxLength={1000}
            aria-invalid={attrs.invalid}
            aria-describedby={attrs.describedBy}
            value={reason()}
            onInput={(e) => {
              setReason(e.currentTarget.value);
              setError(undefined);
            }}
          />
        )}
      />
    </ConfirmDialog>
  );
}
