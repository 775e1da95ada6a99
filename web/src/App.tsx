import { Navigate, Route, Router } from "@solidjs/router";
import { lazy } from "solid-js";
import { ACCOUNT_PATH } from "./account-paths.ts";
import { ADMIN_PATH, ADMIN_THEMES_PATH } from "./admin-paths.ts";
import { AppShell } from "./components/AppShell.tsx";
import { RequireAuth } from "./components/RequireAuth.tsx";
import { COUNCILS_PATH, MY_COUNCILS_PATH } from "./council-paths.ts";
import { I18nProvider } from "./i18n/context.tsx";
import { IMPORT_PATH } from "./import-paths.ts";
import { REPORTS_PATH } from "./report-paths.ts";
import { RequireAdmin } from "./routes/admin/RequireAdmin.tsx";
import { RuleParametersAdmin } from "./routes/admin/RuleParametersAdmin.tsx";
import { NotFound } from "./routes/NotFound.tsx";
import { SignIn } from "./routes/SignIn.tsx";
import { TaskList } from "./routes/TaskList.tsx";
import { Worklist } from "./routes/Worklist.tsx";
import { SessionProvider } from "./session.tsx";
import { DASHBOARD_PATH, HOME_PATH, LANDING_PATH, SIGN_IN_PATH } from "./sign-in-redirect.ts";
import { NEW_TASK_PATH, PENDING_ADJUSTMENTS_PATH } from "./task-paths.ts";

/*
 * Only what signing in and the first pages need (sign-in, the work list, the task list) is in the
 * first download; every other page loads when it is opened, the dashboard with its chart library.
 */
const Account = lazy(() => import("./routes/Account.tsx").then((m) => ({ default: m.Account })));
const Dashboard = lazy(() => import("./routes/Dashboard.tsx").then((m) => ({ default: m.Dashboard })));
const ThemesAdmin = lazy(() => import("./routes/admin/ThemesAdmin.tsx").then((m) => ({ default: m.ThemesAdmin })));
const UsersAdmin = lazy(() => import("./routes/admin/UsersAdmin.tsx").then((m) => ({ default: m.UsersAdmin })));
const CouncilCreate = lazy(() => import("./routes/CouncilCreate.tsx").then((m) => ({ default: m.CouncilCreate })));
const CouncilPage = lazy(() => import("./routes/CouncilPage.tsx").then((m) => ({ default: m.CouncilPage })));
const ImportBatchPage = lazy(() => import("./routes/ImportRegister.tsx").then((m) => ({ default: m.ImportBatchPage })));
const ImportUpload = lazy(() => import("./routes/ImportRegister.tsx").then((m) => ({ default: m.ImportUpload })));
const MyCouncilSheets = lazy(() =>
  import("./routes/MyCouncilSheets.tsx").then((m) => ({ default: m.MyCouncilSheets })),
);
const MyCouncils = lazy(() => import("./routes/MyCouncils.tsx").then((m) => ({ default: m.MyCouncils })));
const PendingAdjustments = lazy(() =>
  import("./routes/PendingAdjustments.tsx").then((m) => ({ default: m.PendingAdjustments })),
);
const ReportPage = lazy(() => import("./routes/ReportPage.tsx").then((m) => ({ default: m.ReportPage })));
const ReportsList = lazy(() => import("./routes/ReportsList.tsx").then((m) => ({ default: m.ReportsList })));
const TaskCreate = lazy(() => import("./routes/TaskCreate.tsx").then((m) => ({ default: m.TaskCreate })));
const TaskDetail = lazy(() => import("./routes/TaskDetail.tsx").then((m) => ({ default: m.TaskDetail })));
const TaskEdit = lazy(() => import("./routes/TaskEdit.tsx").then((m) => ({ default: m.TaskEdit })));

function Home() {
  return <Navigate href={LANDING_PATH} />;
}

function AdminHome() {
  return <Navigate href={ADMIN_THEMES_PATH} />;
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Router root={AppShell}>
          <Route path={SIGN_IN_PATH} component={SignIn} />
          <Route path="/" component={RequireAuth}>
            <Route path="/" component={Home} />
            <Route path={HOME_PATH} component={TaskList} />
            <Route path={LANDING_PATH} component={Worklist} />
            <Route path={DASHBOARD_PATH} component={Dashboard} />
            <Route path={ACCOUNT_PATH} component={Account} />
            <Route path={NEW_TASK_PATH} component={TaskCreate} />
            <Route path={`${HOME_PATH}/:id`} component={TaskDetail} />
            <Route path={`${HOME_PATH}/:id/chinh-sua`} component={TaskEdit} />
            <Route path={`${HOME_PATH}/:id/bao-cao/:periodId`} component={ReportPage} />
            <Route path={REPORTS_PATH} component={ReportsList} />
            <Route path={PENDING_ADJUSTMENTS_PATH} component={PendingAdjustments} />
            <Route path={IMPORT_PATH} component={ImportUpload} />
            <Route path={`${IMPORT_PATH}/:id`} component={ImportBatchPage} />
            <Route path={`${COUNCILS_PATH}/moi`} component={CouncilCreate} />
            <Route path={`${COUNCILS_PATH}/:id`} component={CouncilPage} />
            <Route path={MY_COUNCILS_PATH} component={MyCouncils} />
            <Route path={`${MY_COUNCILS_PATH}/:id`} component={MyCouncilSheets} />
            <Route path={ADMIN_PATH} component={RequireAdmin}>
              <Route path="/" component={AdminHome} />
              <Route path="/chu-de" component={ThemesAdmin} />
              <Route path="/nguoi-dung" component={UsersAdmin} />
              <Route path="/tham-so" component={RuleParametersAdmin} />
              <Route path="*404" component={NotFound} />
            </Route>
            <Route path="*404" component={NotFound} />
          </Route>
        </Router>
      </SessionProvider>
    </I18nProvider>
  );
}
