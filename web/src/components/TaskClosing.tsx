import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { Show } from "solid-js";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { Section } from "./Section.tsx";

/** What the closing steps recorded: the results registration certificate and the money to recover. */
export function TaskClosing(props: { task: TaskDetail }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <Show when={props.task.registration || props.task.recovery}>
      <Section title={t("closing.overview")}>
        <dl class="facts facts--stacked">
          <Show when={props.task.registration}>
            {(registration) => (
              <>
                <div>
                  <dt>{t("closing.registrationNumber")}</dt>
                  <dd>{registration().number}</dd>
                </div>
                <div>
                  <dt>{t("closing.registeredOn")}</dt>
                  <dd>{format.date(registration().registeredOn)}</dd>
                </div>
              </>
            )}
          </Show>
          <Show when={props.task.recovery}>
            {(recovery) => (
              <>
                <div>
                  <dt>{t("closing.recoveryCause")}</dt>
                  <dd>{t(`closing.cause.${recovery().cause}`)}</dd>
                </div>
                <div>
                  <dt>{t("closing.recoveryAmount")}</dt>
                  <dd>{recovery().amount === "0" ? t("closing.noRecovery") : format.money(recovery().amount)}</dd>
                </div>
              </>
            )}
          </Show>
        </dl>
      </Section>
    </Show>
  );
}
