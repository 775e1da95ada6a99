/** Where a signed-in person sees and manages their own account (profile, password, e-mail, sessions). */
export const ACCOUNT_PATH = "/tai-khoan";
