import { Navigate, Route, Router } from "@solidjs/router";
import { AppShell } from "./components/AppShell.tsx";
import { RequireAuth } from "./components/RequireAuth.tsx";
import { I18nProvider } from "./i18n/context.tsx";
import { NotFound } from "./routes/NotFound.tsx";
import { SignIn } from "./routes/SignIn.tsx";
import { TaskCreate } from "./routes/TaskCreate.tsx";
import { TaskDetail } from "./routes/TaskDetail.tsx";
import { TaskEdit } from "./routes/TaskEdit.tsx";
import { TaskList } from "./routes/TaskList.tsx";
import { SessionProvider } from "./session.tsx";
import { HOME_PATH, SIGN_IN_PATH } from "./sign-in-redirect.ts";
import { NEW_TASK_PATH } from "./task-paths.ts";

function Home() {
  return <Navigate href={HOME_PATH} />;
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
            <Route path="*404" component={NotFound} />
          </Route>
        </Router>
      </SessionProvider>
    </I18nProvider>
  );
}
