import { createEffect, createSignal, For, on, onCleanup, Show } from "solid-js";
import { searchPeople } from "../api/client.ts";
import type { PersonItem } from "../api/types.ts";
import { useI18n } from "../i18n/context.tsx";
import { personName } from "../people.ts";
import type { PersonRef } from "../task-form-model.ts";
import type { ControlAttrs } from "./FormField.tsx";

const DEBOUNCE_MS = 300;
const MIN_LENGTH = 2;

type Search = { state: "idle" } | { state: "short" } | { state: "loading" } | { state: "done"; items: PersonItem[] };

/**
 * Chooses a person by name. The chosen person shows in a read-only box with "Change" and "Clear";
 * changing opens a search box whose matches are buttons below it (Esc goes back).
 */
export function PersonPicker(props: {
  attrs: ControlAttrs;
  /** What is being chosen ("the principal investigator"), for the search box's placeholder. */
  label: string;
  value: PersonRef | null;
  onChange: (person: PersonRef | null) => void;
  disabled?: boolean;
  required?: boolean;
}) {
  const { t } = useI18n();
  const [searching, setSearching] = createSignal(props.value === null);
  const [query, setQuery] = createSignal("");
  const [search, setSearch] = createSignal<Search>({ state: "idle" });
  let input: HTMLInputElement | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;

  const stop = () => {
    clearTimeout(timer);
    controller?.abort();
  };
  onCleanup(stop);

  createEffect(
    on(
      () => props.value,
      (value) => {
        if (value === null) setSearching(true);
      },
      { defer: true },
    ),
  );

  const run = (text: string) => {
    stop();
    if (text.trim().length < MIN_LENGTH) {
      setSearch(text.trim() ? { state: "short" } : { state: "idle" });
      return;
    }
    setSearch({ state: "loading" });
    timer = setTimeout(async () => {
      controller = new AbortController();
      try {
        const items = await searchPeople(text.trim(), controller.signal);
        setSearch({ state: "done", items });
      } catch (error) {
        if (error instanceof DOMException && error.name === "AbortError") return;
        setSearch({ state: "done", items: [] });
      }
    }, DEBOUNCE_MS);
  };

  const choose = (person: PersonItem) => {
    stop();
    props.onChange({
      id: person.id,
      fullName: person.fullName,
      title: person.title,
      organisation: person.organisation?.name ?? null,
    });
    setSearching(false);
    setQuery("");
    setSearch({ state: "idle" });
    queueMicrotask(() => input?.focus());
  };

  const startChange = () => {
    setSearching(true);
    setQuery("");
    setSearch({ state: "idle" });
    queueMicrotask(() => input?.focus());
  };

  const cancelChange = () => {
    if (props.value === null) return;
    stop();
    setSearching(false);
    setSearch({ state: "idle" });
  };

  return (
    <div class="picker">
      <div class="picker__row">
        <input
          ref={input}
          id={props.attrs.id}
          class="field__control"
          type={searching() ? "search" : "text"}
          readOnly={!searching()}
          disabled={props.disabled}
          required={props.required}
          autocomplete="off"
          aria-invalid={props.attrs.invalid}
          aria-describedby={props.attrs.describedBy}
          placeholder={searching() ? t("taskForm.personSearch", { label: props.label.toLowerCase() }) : undefined}
          value={searching() ? query() : props.value ? personName(props.value) : ""}
          onInput={(e) => {
            if (!searching()) return;
            setQuery(e.currentTarget.value);
            run(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape" && searching() && props.value) {
              e.preventDefault();
              cancelChange();
            }
            if (e.key === "Enter") e.preventDefault();
          }}
        />
        <Show when={!searching() && !props.disabled}>
          <button type="button" class="button button--quiet" onClick={startChange}>
            {t("taskForm.personChange")}
          </button>
          <Show when={!props.required}>
            <button type="button" class="button button--quiet" onClick={() => props.onChange(null)}>
              {t("taskForm.personClear")}
            </button>
          </Show>
        </Show>
      </div>
      <Show when={!searching() && props.value?.organisation}>{(org) => <p class="field__hint">{org()}</p>}</Show>
      <Show when={searching()}>
        <p class="picker__status" role="status">
          <Show when={search().state === "short"}>{t("taskForm.personTypeMore")}</Show>
          <Show when={search().state === "loading"}>{t("taskForm.personSearching")}</Show>
          <Show when={search().state === "done" && (search() as { items: PersonItem[] }).items.length === 0}>
            {t("taskForm.personNoMatch")}
          </Show>
        </p>
        <Show when={search().state === "done" && (search() as { items: PersonItem[] }).items}>
          {(items) => (
            <Show when={items().length > 0}>
              <ul class="picker__results">
                <For each={items()}>
                  {(person) => (
                    <li>
                      <button type="button" class="picker__option" onClick={() => choose(person)}>
                        <span class="picker__name">{personName(person)}</span>
                        <Show when={person.organisation}>{(org) => <span class="picker__org">{org().name}</span>}</Show>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}
