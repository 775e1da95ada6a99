import type { OrganisationItem, ThemeItem, UnitItem } from "@khcn/api/catalog/schemas";
import { listOrganisations, listThemes, listUnits } from "./api/client.ts";

/*
 * Themes and organisations change rarely: fetch them once per session and share the answer
 * between pages. A failed fetch is not cached, so the next page tries again.
 */

let themes: Promise<ThemeItem[]> | undefined;
let organisations: Promise<OrganisationItem[]> | undefined;
let units: Promise<UnitItem[]> | undefined;

export function loadThemes(): Promise<ThemeItem[]> {
  themes ??= listThemes().catch((error: unknown) => {
    themes = undefined;
    throw error;
  });
  return themes;
}

export function loadOrganisations(): Promise<OrganisationItem[]> {
  organisations ??= listOrganisations().catch((error: unknown) => {
    organisations = undefined;
    throw error;
  });
  return organisations;
}

export function loadUnits(): Promise<UnitItem[]> {
  units ??= listUnits().catch((error: unknown) => {
    units = undefined;
    throw error;
  });
  return units;
}

export function clearCatalogCache(): void {
  themes = undefined;
  organisations = undefined;
  units = undefined;
}
