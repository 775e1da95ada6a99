import type { TaskSummary } from "@khcn/api/tasks/schemas";
import { A, useLocation, useNavigate } from "@solidjs/router";
import { createEffect, createMemo, createResource, createUniqueId, Match, Show, Switch } from "solid-js";
import { listTasks } from "../api/client.ts";
import { TASK_EXPORT_PATH } from "../api/dashboard.ts";
import type { SortKey, SortOrder } from "../api/types.ts";
import { loadOrganisations, loadThemes } from "../catalog.ts";
import { MoneyUnitToggle } from "../components/MoneyUnitToggle.tsx";
import { Pagination, pageCount } from "../components/Pagination.tsx";
import { ScopeToggle } from "../components/ScopeToggle.tsx";
import { SortControl } from "../components/SortControl.tsx";
import { StageChips } from "../components/StageChips.tsx";
import { EmptyState, ErrorNotice, Loading } from "../components/Status.tsx";
import { TaskCards } from "../components/TaskCards.tsx";
import { type FilterPatch, TaskFilters } from "../components/TaskFilters.tsx";
import { TaskTable } from "../components/TaskTable.tsx";
import { WatchFilterChips } from "../components/WatchFilterChips.tsx";
import { describeError } from "../errors.ts";
import { useI18n } from "../i18n/context.tsx";
import { useFormat } from "../i18n/format-hooks.ts";
import { usePageTitle } from "../page-title.ts";
import { useSession } from "../session.tsx";
import {
  activeFilterCount,
  firstOrderFor,
  NO_WATCH_FILTERS,
  readTaskListState,
  type TaskListState,
  toExportSearch,
  toSearchString,
  toTaskListParams,
} from "../task-list-url.ts";
import { NEW_TASK_PATH } from "../task-paths.ts";

export function TaskList() {
  const { t, plural, message } = useI18n();
  const format = useFormat();
  const session = useSession();
  const roles = () => session.user()?.roles ?? [];
  /** Staff register tasks and scientists propose their own (api/src/auth/permissions.ts, canCreateTask). */
  const mayPropose = () => roles().includes("staff") || roles().includes("pi");
  const isScientist = () => roles().includes("pi");
  const location = useLocation();
  const navigate = useNavigate();
  const resultsId = createUniqueId();
  let resultsTop: HTMLElement | undefined;
  usePageTitle(() => t("taskList.title"));

  const state = createMemo(() => readTaskListState(Object.fromEntries(new URLSearchParams(location.search))));
  const params = createMemo(() => toTaskListParams(state()), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });

  const [tasks, { refetch }] = createResource(params, (query) => listTasks(query));
  const [themes] = createResource(loadThemes);
  const [organisations] = createResource(loadOrganisations);

  /** The last list received, kept on screen (dimmed) while the next one loads. */
  const list = () => (tasks.state === "ready" || tasks.state === "refreshing" ? tasks.latest : undefined);

  const go = (next: TaskListState, replace = false) =>
    navigate(`${location.pathname}${toSearchString(next)}`, { replace, scroll: false });

  const filter = (patch: FilterPatch) => go({ ...state(), ...patch, page: 1 });
  // Refining a search replaces the history entry; starting or clearing one adds an entry.
  const search = (q: string) => go({ ...state(), q, page: 1 }, state().q !== "" && q !== "");
  const clearFilters = () =>
    go({
      ...state(),
      stage: undefined,
      theme: undefined,
      kind: undefined,
      field: undefined,
      host: undefined,
      year: undefined,
      q: "",
      ...NO_WATCH_FILTERS,
      page: 1,
    });
  const sortBy = (column: SortKey) => {
    const current = state();
    const order: SortOrder =
      current.sort === column ? (current.order === "asc" ? "desc" : "asc") : firstOrderFor(column);
    go({ ...current, sort: column, order, page: 1 });
  };
  const setSort = (sort: SortKey, order: SortOrder) => go({ ...state(), sort, order, page: 1 });
  const toPage = (page: number) => {
    go({ ...state(), page });
    resultsTop?.scrollIntoView({ block: "start" });
  };
  const setPageSize = (pageSize: number) => go({ ...state(), pageSize, page: 1 });
  const setMine = (mine: boolean) => go({ ...state(), mine, page: 1 });

  // A page beyond the end (an old link, or rows gone since): show the last page instead.
  createEffect(() => {
    const data = list();
    if (!data || tasks.loading || data.total === 0) return;
    const last = pageCount(data.total, state().pageSize);
    if (state().page > last) go({ ...state(), page: last }, true);
  });

  const countText = () => {
    const data = list();
    return data ? plural("taskList.count", data.total, format.number(data.total)) : "";
  };

  const href = (task: TaskSummary) => `/nhiem-vu/${task.id}`;
  const linkState = () => ({ from: `${location.pathname}${location.search}` });

  return (
    <div class="page">
      <div class="page-head">
        <h1>{t("taskList.title")}</h1>
        <div class="page-head__tools">
          <Show when={isScientist()}>
            <ScopeToggle mine={state().mine} onChange={setMine} />
          </Show>
          <Show when={mayPropose()}>
            <A href={NEW_TASK_PATH} class="button button--primary">
              <span aria-hidden="true">+ </span>
              {t("taskForm.newTask")}
            </A>
          </Show>
        </div>
      </div>

      <TaskFilters
        state={state()}
        themes={themes.state === "ready" ? themes() : []}
        organisations={organisations.state === "ready" ? organisations() : []}
        onChange={filter}
        onSearch={search}
        onClear={clearFilters}
      />
      <WatchFilterChips state={state()} onChange={(patch) => go({ ...state(), ...patch, page: 1 })} />

      <section
        class="results"
        aria-labelledby={resultsId}
        aria-busy={tasks.loading}
        ref={(el) => {
          resultsTop = el;
        }}
      >
        <h2 id={resultsId} class="visually-hidden">
          {t("taskList.results")}
        </h2>
        <Show when={list()?.stageCounts}>
          {(counts) => (
            <StageChips counts={counts()} selected={state().stage} onSelect={(stage) => filter({ stage })} />
          )}
        </Show>
        <div class="results__bar">
          <p class="results__count" role="status">
            {countText()}
          </p>
          <Show when={tasks.loading && list()}>
            <span class="results__loading">
              <span class="spinner" aria-hidden="true" />
              {t("app.loading")}
            </span>
          </Show>
          <div class="results__tools">
            <div class="only-narrow">
              <SortControl sort={state().sort} order={state().order} onChange={setSort} />
            </div>
            <MoneyUnitToggle />
            <div class="export-links">
              <a
                class="button button--small"
                href={`${TASK_EXPORT_PATH}${toExportSearch(state(), "xlsx")}`}
                download=""
              >
                {t("dashboard.taskExport.xlsx")}
              </a>
              <a class="button button--small" href={`${TASK_EXPORT_PATH}${toExportSearch(state(), "csv")}`} download="">
                {t("dashboard.taskExport.csv")}
              </a>
            </div>
          </div>
        </div>

        <Switch>
          <Match when={tasks.error && !tasks.loading}>
            <ErrorNotice
              title={t("taskList.loadFailed")}
              message={message(describeError(tasks.error))}
              onRetry={refetch}
            />
          </Match>
          <Match when={!list()}>
            <Loading />
          </Match>
          <Match when={list()?.items.length === 0}>
            <Show when={activeFilterCount(state()) > 0} fallback={<EmptyState title={t("taskList.emptyNone")} />}>
              <EmptyState title={t("taskList.empty")} hint={t("taskList.emptyHint")}>
                <button type="button" class="button" onClick={clearFilters}>
                  {t("taskList.clearFilters")}
                </button>
              </EmptyState>
            </Show>
          </Match>
          <Match when={list()}>
            {(data) => (
              <div class="results__body" classList={{ "is-stale": tasks.loading }}>
                <div class="only-wide">
                  <TaskTable
                    items={data().items}
                    sort={state().sort}
                    order={state().order}
                    onSort={sortBy}
                    href={href}
                    linkState={linkState()}
                  />
                </div>
                <div class="only-narrow">
                  <TaskCards items={data().items} href={href} linkState={linkState()} />
                </div>
                <Pagination
                  page={state().page}
                  pageSize={state().pageSize}
                  total={data().total}
                  onPage={toPage}
                  onPageSize={setPageSize}
                />
              </div>
            )}
          </Match>
        </Switch>
      </section>
    </div>
  );
}
