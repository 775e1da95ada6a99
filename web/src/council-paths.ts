/** Addresses of the council pages. */
export const MY_COUNCILS_PATH = "/hoi-dong-cua-toi";
export const COUNCILS_PATH = "/hoi-dong";

/** The council's page (staff, the administrative secretary, members). */
export const councilPath = (id: number) => `${COUNCILS_PATH}/${id}`;
/** A member's score sheets for one council. */
export const myCouncilPath = (id: number) => `${MY_COUNCILS_PATH}/${id}`;
/** Forming a council for a task. */
export const newCouncilPath = (taskId: number) => `${COUNCILS_PATH}/moi?nhiem-vu=${taskId}`;
