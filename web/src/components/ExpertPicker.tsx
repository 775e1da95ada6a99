import { createSignal, For, onCleanup, Show } from "solid-js";
import { type ExpertItem, searchExperts } from "../api/councils.ts";
import { useI18n } from "../i18n/context.tsx";
import { personName } from "../people.ts";
import type { ControlAttrs } from "./FormField.tsx";

const DEBOUNCE_MS = 300;
const MIN_LENGTH = 2;

type Search = { state: "idle" } | { state: "short" } | { state: "loading" } | { state: "done"; items: ExpertItem[] };

/**
 * Chooses an expert from the registry by name or field: matches are buttons under the search box;
 * the chosen expert shows with their organisation and a "choose someone else" button.
 */
export function ExpertPicker(props: {
  attrs: ControlAttrs;
  value: ExpertItem | null;
  onChange: (expert: ExpertItem | null) => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
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
        const { items } = await searchExperts(text.trim(), controller.signal);
        setSearch({ state: "done", items });
      } catch (error) {
        if (error instanceof DOMException && error.name === "AbortError") return;
        setSearch({ state: "done", items: [] });
      }
    }, DEBOUNCE_MS);
  };

  const results = () => {
    const current = search();
    return current.state === "done" ? current.items : null;
  };

  return (
    <div class="picker">
      <Show
        when={props.value}
        fallback={
          <>
            <input
              ref={input}
              id={props.attrs.id}
              class="field__control"
              type="search"
              autocomplete="off"
              disabled={props.disabled}
              aria-invalid={props.attrs.invalid}
              aria-describedby={props.attrs.describedBy}
              placeholder={t("councils.add.search")}
              value={query()}
              onInput={(e) => {
                setQuery(e.currentTarget.value);
                run(e.currentTarget.value);
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter") e.preventDefault();
              }}
            />
            <p class="picker__status" role="status">
              <Show when={search().state === "short"}>{t("councils.add.typeMore")}</Show>
              <Show when={search().state === "loading"}>{t("councils.add.searching")}</Show>
              <Show when={results()?.length === 0}>{t("councils.add.noMatch")}</Show>
            </p>
            <Show when={results()?.length}>
              <ul class="picker__results">
                <For each={results() ?? []}>
                  {(expert) => (
                    <li>
                      <button
                        type="button"
                        class="picker__option"
                        onClick={() => {
                          stop();
                          setSearch({ state: "idle" });
                          props.onChange(expert);
                        }}
                      >
                        <span class="picker__name">{personName(expert)}</span>
                        <span class="picker__org">
                          {[expert.specialty ?? expert.field, expert.organisation?.name].filter(Boolean).join(" · ")}
                        </span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        }
      >
        {(expert) => (
          <>
            <div class="picker__row">
              <input
                id={props.attrs.id}
                class="field__control"
                type="text"
                readOnly
                aria-invalid={props.attrs.invalid}
                aria-describedby={props.attrs.describedBy}
                value={personName(expert())}
              />
              <Show when={!props.disabled}>
                <button
                  type="button"
                  class="button button--quiet"
                  onClick={() => {
                    props.onChange(null);
                    setQuery("");
                    queueMicrotask(() => input?.focus());
                  }}
                >
                  {t("councils.add.change")}
                </button>
              </Show>
            </div>
            <Show when={expert().organisation}>{(org) => <p class="field__hint">{org().name}</p>}</Show>
          </>
        )}
      </Show>
    </div>
  );
}
