import { createUniqueId, For, Show } from "solid-js";

export interface SelectOption {
  value: string;
  label: string;
  /** Nesting level in a tree (themes); shown as indentation. */
  depth?: number;
}

const INDENT = "\u2003";

/** A labelled native select; with `allLabel`, a first option (value "") means "no filter". */
export function SelectField(props: {
  label: string;
  allLabel?: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
  name?: string;
}) {
  const id = createUniqueId();
  return (
    <div class="field">
      <label for={id} class="field__label">
        {props.label}
      </label>
      <select
        id={id}
        name={props.name}
        class="field__control"
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        <Show when={props.allLabel}>
          <option value="" selected={props.value === ""}>
            {props.allLabel}
          </option>
        </Show>
        <For each={props.options}>
          {(option) => (
            <option value={option.value} selected={option.value === props.value}>
              {INDENT.repeat(option.depth ?? 0)}
              {option.label}
            </option>
          )}
        </For>
      </select>
    </div>
  );
}
