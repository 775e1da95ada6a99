import type { SessionUser } from "@khcn/api/auth/schemas";
import { type Accessor, createContext, createResource, createSignal, type ParentProps, useContext } from "solid-js";
import { fetchCurrentUser, type LoginInput, login, logout, setUnauthorizedHandler } from "./api/client.ts";
import { clearCatalogCache } from "./catalog.ts";

/** Why the last session ended: the user signed out, or the server stopped accepting it. */
export type SessionEnd = "signedOut" | "expired";

export interface Session {
  /** Whether the first "who am I" check is still running. */
  checking: Accessor<boolean>;
  /** Set when that check failed for a reason other than "not signed in" (server down, network). */
  checkFailed: Accessor<boolean>;
  user: Accessor<SessionUser | null>;
  ended: Accessor<SessionEnd | null>;
  signIn(input: LoginInput): Promise<SessionUser>;
  signOut(): Promise<void>;
  retry(): void;
  /** Shows the account as the server now describes it (after the person changed their e-mail). */
  replaceUser(user: SessionUser): void;
}

const SessionContext = createContext<Session>();

export function SessionProvider(props: ParentProps) {
  const [current, { mutate, refetch }] = createResource(fetchCurrentUser);
  const [ended, setEnded] = createSignal<SessionEnd | null>(null);

  const user = () => (current.state === "ready" ? (current() ?? null) : null);

  setUnauthorizedHandler(() => {
    if (user()) setEnded("expired");
    clearCatalogCache();
    mutate(null);
  });

  const session: Session = {
    checking: () => current.state === "pending" || current.state === "unresolved",
    checkFailed: () => current.state === "errored",
    user,
    ended,
    async signIn(input) {
      const signedIn = await login(input);
      setEnded(null);
      mutate(signedIn);
      return signedIn;
    },
    async signOut() {
      try {
        await logout();
      } finally {
        setEnded("signedOut");
        clearCatalogCache();
        mutate(null);
      }
    },
    retry: () => void refetch(),
    replaceUser: (next) => void mutate(next),
  };

  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error("useSession must be used inside <SessionProvider>");
  return context;
}
