import { createUniqueId, type JSX, Show } from "solid-js";
import type { UserMessage } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";

/** What a control needs to be tied to its label, hint and error; the getters keep it reactive. */
export interface ControlAttrs {
  readonly id: string;
  readonly invalid: true | undefined;
  readonly describedBy: string | undefined;
}

/**
 * A labelled form control with an optional hint and its error, announced with the control
 * (aria-invalid + aria-describedby). `control` renders the input with the attributes given.
 */
export function FormField(props: {
  label: string;
  required?: boolean;
  hint?: string | undefined;
  error?: UserMessage | undefined;
  /** Why the field cannot be changed (the control should be disabled). */
  locked?: string | undefined;
  class?: string;
  control: (attrs: ControlAttrs) => JSX.Element;
}) {
  const { message } = useI18n();
  const id = createUniqueId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const lockedId = `${id}-locked`;
  const attrs: ControlAttrs = {
    id,
    get invalid() {
      return props.error ? true : undefined;
    },
    get describedBy() {
      const ids = [props.error && errorId, props.locked && lockedId, props.hint && hintId].filter(Boolean);
      return ids.length > 0 ? ids.join(" ") : undefined;
    },
  };

  return (
    <div class={`field ${props.class ?? ""}`} classList={{ "field--invalid": !!props.error }}>
      <label for={id} class="field__label">
        {props.label}
        <Show when={props.required}>
          <span class="field__required" aria-hidden="true">
            {" *"}
          </span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p id={hintId} class="field__hint">
          {props.hint}
        </p>
      </Show>
      {props.control(attrs)}
      <Show when={props.locked}>
        <p id={lockedId} class="field__hint field__locked">
          {props.locked}
        </p>
      </Show>
      <Show when={props.error}>
        {(error) => (
          <p id={errorId} class="field__error">
            {message(error())}
          </p>
        )}
      </Show>
    </div>
  );
}
