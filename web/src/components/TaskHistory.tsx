import type { HistoryEntry } from "@khcn/api/lifecycle/schemas";
import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { getHistory } from "../api/client.ts";
import { loadOrganisations, loadThemes, loadUnits } from "../catalog.ts";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { vi } from "../i18n/vi.ts";
import { personName } from "../people.ts";
import { themeName } from "../theme-tree.ts";
import { Pagination } from "./Pagination.tsx";
import { Section } from "./Section.tsx";
import { ErrorNotice, Loading } from "./Status.tsx";
import { isActionName } from "./TimelineEntries.tsx";

type Dict = Record<string, unknown>;

const isDict = (value: unknown): value is Dict => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const has = <T extends object>(record: T, key: string): key is Extract<keyof T, string> => Object.hasOwn(record, key);

const HISTORY_ACTIONS = {
  "task.transition": "task_transition",
  "document.recorded": "document_recorded",
  "task.created": "task_created",
  "task.updated": "task_updated",
  "file.uploaded": "file_uploaded",
} as const satisfies Record<string, keyof typeof vi.history.action>;

const LONG_TEXT = 160;

/** The task's audit trail, newest first, in the reader's words: steps, documents, and each field changed. */
export function TaskHistory(props: { task: TaskDetail }) {
  const { t, plural, message, locale } = useI18n();
  const format = useFormat();
  const [page, setPage] = createSignal(1);
  const [pageSize, setPageSize] = createSignal(20);
  const key = () => ({ id: props.task.id, version: props.task.version, page: page(), pageSize: pageSize() });
  const [history, { refetch }] = createResource(key, (k) => getHistory(k.id, k.page, k.pageSize));
  const [organisations] = createResource(() => loadOrganisations().catch(() => []));
  const [units] = createResource(() => loadUnits().catch(() => []));
  const [themes] = createResource(() => loadThemes().catch(() => []));
  const data = () => (history.state === "ready" || history.state === "refreshing" ? history.latest : undefined);

  const stageName = (value: unknown) => {
    const stage = str(value);
    return stage && has(vi.stage, stage) ? t(`stage.${stage}`) : (stage ?? "");
  };

  const personById = (id: number) => {
    if (props.task.pi?.id === id) return personName(props.task.pi);
    const member = props.task.team.find((m) => m.personId === id);
    return member ? personName(member) : `#${id}`;
  };

  /** One value of a field, as the detail page would show it. */
  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
      return t("history.emptyValue");
    }
    if (Array.isArray(value)) {
      if (field === "themeIds") {
        return value
          .map((id) => {
            const theme = (themes() ?? []).find((th) => th.id === id);
            return theme ? themeName(theme, locale()) : `#${String(id)}`;
          })
          .join("; ");
      }
      return plural("history.items", value.length, format.number(value.length));
    }
    const text = typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
    switch (field) {
      case "totalBudget":
      case "stateBudget":
        return format.money(text);
      case "startDate":
      case "endDate":
        return format.date(text);
      case "kind":
        return has(vi.kind, text) ? t(`kind.${text}`) : text;
      case "field":
        return has(vi.field, text) ? t(`field.${text}`) : text;
      case "regime":
        return has(vi.regime, text) ? t(`regime.${text}`) : text;
      case "fundingMode":
        return has(vi.fundingMode, text) ? t(`fundingMode.${text}`) : text;
      case "selectionMethod":
        return has(vi.selectionMethod, text) ? t(`selectionMethod.${text}`) : text;
      case "hostOrganisationId":
        return (organisations() ?? []).find((o) => o.id === value)?.name ?? `#${text}`;
      case "managingUnitId":
      case "formerProvinceId":
        return (units() ?? []).find((u) => u.id === value)?.name ?? `#${text}`;
      case "piPersonId":
        return typeof value === "number" ? personById(value) : text;
      default:
        return text.length > LONG_TEXT ? `${text.slice(0, LONG_TEXT)}…` : text;
    }
  };

  const fieldLabel = (field: string) => (has(vi.recordField, field) ? t(`recordField.${field}`) : field);

  const title = (entry: HistoryEntry) => {
    const known = has(HISTORY_ACTIONS, entry.action) ? HISTORY_ACTIONS[entry.action] : null;
    return known ? t(`history.action.${known}`) : t("history.otherAction", { action: entry.action });
  };

  /** The lines under an entry's title. */
  const details = (entry: HistoryEntry): string[] => {
    const d = isDict(entry.data) ? entry.data : {};
    switch (entry.action) {
      case "task.transition": {
        const action = str(d.action);
        const lines = [
          t("history.transition", {
            action: action && isActionName(action) ? t(`action.${action}`) : (action ?? ""),
            from: stageName(d.from),
            to: stageName(d.to),
          }),
        ];
        const outcome = str(d.outcome);
        if (outcome && has(vi.outcome, outcome)) lines.push(t("history.outcome", { outcome: t(`outcome.${outcome}`) }));
        const comment = str(d.comment);
        if (comment) lines.push(t("history.comment", { comment }));
        return lines;
      }
      case "document.recorded":
        return [
          t("history.document", {
            number: str(d.number) ?? "",
            date: format.date(str(d.issuedOn)),
            signer: str(d.signer) ?? "",
          }),
        ];
      case "file.uploaded":
        return [t("history.file", { name: str(d.name) ?? "" })];
      default:
        return [];
    }
  };

  const changes = (entry: HistoryEntry): { field: string; before: string; after: string }[] => {
    const d = isDict(entry.data) ? entry.data : {};
    if (!isDict(d.changes)) return [];
    return Object.entries(d.changes).flatMap(([field, change]) =>
      isDict(change)
        ? [{ field: fieldLabel(field), before: valueText(field, change.before), after: valueText(field, change.after) }]
        : [],
    );
  };

  return (
    <Section title={t("history.title")}>
      <Switch>
        <Match when={history.error && !history.loading}>
          <ErrorNotice
            title={t("history.loadFailed")}
            message={message(describeError(history.error))}
            onRetry={refetch}
          />
        </Match>
        <Match when={!data()}>
          <Loading />
        </Match>
        <Match when={data()?.items.length === 0}>
          <p class="muted">{t("history.empty")}</p>
        </Match>
        <Match when={data()}>
          {(list) => (
            <div classList={{ "is-stale": history.loading }}>
              <ol class="history">
                <For each={list().items}>
                  {(entry) => (
                    <li class="history__item">
                      <div class="history__head">
                        <span class="history__title">{title(entry)}</span>
                        <span class="history__meta">
                          <time datetime={entry.at}>{format.dateTime(entry.at)}</time>
                          {" · "}
                          <span class="visually-hidden">{t("history.actor")}: </span>
                          {entry.actor ?? t("history.system")}
                        </span>
                      </div>
                      <For each={details(entry)}>{(line) => <p class="history__line">{line}</p>}</For>
                      <Show when={changes(entry).length > 0}>
                        <dl class="changes">
                          <For each={changes(entry)}>
                            {(change) => (
                              <div>
                                <dt>{change.field}</dt>
                                <dd>{t("history.change", { before: change.before, after: change.after })}</dd>
                              </div>
                            )}
                          </For>
                        </dl>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
              <Show when={list().total > list().pageSize || page() > 1}>
                <Pagination
                  page={page()}
                  pageSize={pageSize()}
                  total={list().total}
                  onPage={setPage}
                  onPageSize={(size) => {
                    setPageSize(size);
                    setPage(1);
                  }}
                />
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </Section>
  );
}
