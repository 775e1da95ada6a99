import type { UserMessage } from "../errors.ts";
import { FormField } from "./FormField.tsx";

/**
 * A labelled password box as the account forms use it: no autocorrection or capitals, its error
 * announced with it, shown as text when the form offers "show passwords".
 */
export function PasswordInput(props: {
  name: string;
  label: string;
  hint?: string | undefined;
  error: UserMessage | undefined;
  autocomplete: "current-password" | "new-password";
  value: string;
  visible?: boolean;
  onInput: (value: string) => void;
  ref: (el: HTMLInputElement) => void;
}) {
  return (
    <FormField
      label={props.label}
      required
      hint={props.hint}
      error={props.error}
      control={(attrs) => (
        <input
          ref={props.ref}
          id={attrs.id}
          name={props.name}
          class="field__control"
          type={props.visible ? "text" : "password"}
          autocomplete={props.autocomplete}
          autocapitalize="none"
          spellcheck={false}
          required
          aria-invalid={attrs.invalid}
          aria-describedby={attrs.describedBy}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    />
  );
}
