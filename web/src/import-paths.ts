/** Where staff import a unit's existing task register. */
export const IMPORT_PATH = "/nhap-du-lieu";

export const importPath = (batchId: number) => `${IMPORT_PATH}/${batchId}`;
