import { createEffect, createSignal, createUniqueId, on, onCleanup } from "solid-js";

const DEBOUNCE_MS = 350;

/**
 * A labelled search input that commits what is typed after a pause (or at once on Enter).
 * When the committed value changes from outside (back button, "clear filters"), the text follows.
 */
export function SearchBox(props: {
  label: string;
  placeholder: string;
  value: string;
  onCommit: (value: string) => void;
}) {
  const id = createUniqueId();
  const [text, setText] = createSignal(props.value);
  let committed = props.value;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const commit = (value: string) => {
    clearTimeout(timer);
    const trimmed = value.trim();
    if (trimmed === committed) return;
    committed = trimmed;
    props.onCommit(trimmed);
  };

  createEffect(
    on(
      () => props.value,
      (value) => {
        if (value === committed) return;
        committed = value;
        clearTimeout(timer);
        setText(value);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));

  return (
    <div class="field field--search">
      <label for={id} class="field__label">
        {props.label}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        class="field__control"
        autocomplete="off"
        enterkeyhint="search"
        maxLength={200}
        placeholder={props.placeholder}
        value={text()}
        onInput={(event) => {
          const value = event.currentTarget.value;
          setText(value);
          clearTimeout(timer);
          timer = setTimeout(() => commit(value), DEBOUNCE_MS);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            commit(event.currentTarget.value);
          }
        }}
      />
    </div>
  );
}
