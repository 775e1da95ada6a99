import { createUniqueId, For, Show } from "solid-js";
import type { Grade } from "../api/councils.ts";
import { GRADES } from "../council-wording.ts";
import type { UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";

/**
 * One grade among Xuất sắc / Đạt / Không đạt as a group of large radio buttons (easy to hit on a
 * phone); the legend names the criterion, so each radio reads "Số lượng, Đạt" to a screen reader.
 */
export function GradeChoice(props: {
  legend: string;
  value: Grade | null;
  onChange: (grade: Grade) => void;
  disabled?: boolean;
  error?: UserMessage | undefined;
}) {
  const { t, message } = useI18n();
  const name = createUniqueId();
  const errorId = `${name}-error`;
  return (
    <fieldset
      class="grade-choice"
      classList={{ "grade-choice--invalid": !!props.error }}
      disabled={props.disabled}
      aria-describedby={props.error ? errorId : undefined}
    >
      <legend class="grade-choice__legend">{props.legend}</legend>
      <div class="grade-choice__options">
        <For each={GRADES}>
          {(grade) => (
            <label class={`grade-choice__option grade-choice__option--${grade}`}>
              <input
                type="radio"
                name={name}
                value={grade}
                checked={props.value === grade}
                onChange={() => props.onChange(grade)}
              />
              <span>{t(`councils.grade.${grade}`)}</span>
            </label>
          )}
        </For>
      </div>
      <Show when={props.error}>
        {(e) => (
          <p id={errorId} class="field__error">
            {message(e())}
          </p>
        )}
      </Show>
    </fieldset>
  );
}
