import { Navigate, Route, Router } from "@solidjs/router";
import { ADMIN_PATH, ADMIN_THEMES_PATH } from "./admin-paths.ts";
import { AppShell } from "./components/AppShell.tsx";
import { RequireAuth } from "./components/RequireAuth.tsx";
import { I18nProvider } from "./i18n/context.tsx";
import { REPORTS_PATH } from "./report-paths.ts";
import { RequireAdmin } from "./routes/admin/RequireAdmin.tsx";
import { ThemesAdmin } from "./routes/admin/ThemesAdmin.tsx";
import { UsersAdmin } from "./routes/admin/UsersAdmin.tsx";
import { NotFound } from "./routes/NotFound.tsx";
import { PendingAdjustments } from "./routes/PendingAdjustments.tsx";
import { ReportPage } from "./routes/ReportPage.tsx";
import { ReportsList } from "./routes/ReportsList.tsx";
import { SignIn } from "./routes/SignIn.tsx";
import { TaskCreate } from "./routes/TaskCreate.tsx";
import { TaskDetail } from "./routes/TaskDetail.tsx";
import { TaskEdit } from "./routes/TaskEdit.tsx";
import { TaskList } from "./routes/TaskList.tsx";
import { SessionProvider } from "./session.tsx";
import { HOME_PATH, SIGN_IN_PATH } from "./sign-in-redirect.ts";
import { NEW_TASK_PATH, PENDING_ADJUSTMENTS_PATH } from "./task-paths.ts";

function Home() {
  return <Navigate href={HOME_PATH} />;
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
            <Route path={NEW_TASK_PATH} component={TaskCreate} />
            <Route path={`${HOME_PATH}/:id`} component={TaskDetail} />
            <Route path={`${HOME_PATH}/:id/chinh-sua`} component={TaskEdit} />
            <Route path={`${HOME_PATH}/:id/bao-cao/:periodId`} component={ReportPage} />
            <Route path={REPORTS_PATH} component={ReportsList} />
            <Route path={PENDING_ADJUSTMENTS_PATH} component={PendingAdjustments} />
            <Route path={ADMIN_PATH} component={RequireAdmin}>
              <Route path="/" component={AdminHome} />
              <Route path="/chu-de" component={ThemesAdmin} />
              <Route path="/nguoi-dung" component={UsersAdmin} />
              <Route path="*404" component={NotFound} />
            </Route>
            <Route path="*404" component={NotFound} />
          </Route>
        </Router>
      </SessionProvider>
    </I18nProvider>
  );
}
