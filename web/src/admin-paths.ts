/** Where the administration pages live (administrators only). */
export const ADMIN_PATH = "/quan-tri";
export const ADMIN_THEMES_PATH = `${ADMIN_PATH}/chu-de`;
export const ADMIN_USERS_PATH = `${ADMIN_PATH}/nguoi-dung`;
export const ADMIN_PARAMETERS_PATH = `${ADMIN_PATH}/tham-so`;
