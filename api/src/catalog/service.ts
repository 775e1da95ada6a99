import { isUniqueViolation } from "@khcn/db/errors";
import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canManageThemes } from "../auth/permissions.ts";
import { DomainError, notFound } from "../http/errors.ts";
import * as repo from "./repository.ts";
import type { CreateThemeBody, ThemeItem, UpdateThemeBody } from "./schemas.ts";
import { checkThemePlacement } from "./theme-rules.ts";

/*
 * Administrators keep the Industry 4.0 taxonomy: add themes, rename them, move them under a
 * parent, point them at a Resolution-57 target, and archive those no longer offered. A theme
 * that labels tasks is archived, never deleted: the tasks keep their history.
 */

export function toThemeItem(t: repo.ThemeRow): ThemeItem {
  return {
    id: t.id,
    code: t.code,
    nameVi: t.name_vi,
    nameEn: t.name_en,
    parentId: t.parent_id,
    r57Target: t.r57_target,
    sortOrder: t.sort_order,
    archived: t.archived,
  };
}

function assertThemeAdmin(actor: Actor) {
  if (!canManageThemes(actor)) throw new DomainError("FORBIDDEN", "Only administrators manage the themes");
}

export async function createTheme(db: Kysely<Database>, actor: Actor, input: CreateThemeBody): Promise<ThemeItem> {
  assertThemeAdmin(actor);
  try {
    return await db.transaction().execute(async (trx) => {
      const all = await repo.lockThemes(trx);
      const parentId = input.parentId ?? null;
      const fields = checkThemePlacement(
        all.map((t) => ({ id: t.id, parentId: t.parent_id, archived: t.archived })),
        { parentId, archived: false },
      );
      if (Object.keys(fields).length > 0) throw new DomainError("VALIDATION_FAILED", "The theme does not fit", fields);
      if (await repo.themeCodeTaken(trx, input.code)) throw duplicateThemeCode();
      const theme = toThemeItem(
        await repo.insertTheme(trx, {
          code: input.code,
          name_vi: input.nameVi,
          name_en: input.nameEn,
          parent_id: parentId,
          r57_target: input.r57Target ?? null,
          sort_order: input.sortOrder ?? Math.max(0, ...all.map((t) => t.sort_order)) + 1,
        }),
      );
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "theme.created",
        entityType: "theme",
        entityId: theme.id,
        data: { theme },
      });
      return theme;
    });
  } catch (error) {
    if (isUniqueViolation(error, "theme_code_key")) throw duplicateThemeCode();
    throw error;
  }
}

const THEME_COLUMNS = {
  nameVi: "name_vi",
  nameEn: "name_en",
  parentId: "parent_id",
  r57Target: "r57_target",
  sortOrder: "sort_order",
  archived: "archived",
} as const;

export async function updateTheme(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  patch: UpdateThemeBody,
): Promise<ThemeItem> {
  assertThemeAdmin(actor);
  return db.transaction().execute(async (trx) => {
    const all = await repo.lockThemes(trx);
    const row = all.find((t) => t.id === id);
    if (!row) throw notFound("Theme");
    const before = toThemeItem(row);
    const after: ThemeItem = { ...before };
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) Object.assign(after, { [key]: value });
    }
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const key of Object.keys(THEME_COLUMNS) as (keyof typeof THEME_COLUMNS)[]) {
      if (before[key] !== after[key]) changes[key] = { before: before[key], after: after[key] };
    }
    if (Object.keys(changes).length === 0) return before;

    const fields = checkThemePlacement(
      all.map((t) => ({ id: t.id, parentId: t.parent_id, archived: t.archived })),
      { id, parentId: after.parentId, archived: after.archived },
    );
    if (Object.keys(fields).length > 0) throw new DomainError("VALIDATION_FAILED", "The theme does not fit", fields);

    const set = {};
    for (const key of Object.keys(changes) as (keyof typeof THEME_COLUMNS)[]) {
      Object.assign(set, { [THEME_COLUMNS[key]]: after[key] });
    }
    const theme = toThemeItem(await repo.updateTheme(trx, id, set));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "theme.updated",
      entityType: "theme",
      entityId: id,
      data: { changes },
    });
    return theme;
  });
}

/** Only a theme that labels no task and has no sub-themes may go; the others are archived. */
export async function deleteTheme(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  assertThemeAdmin(actor);
  await db.transaction().execute(async (trx) => {
    const all = await repo.lockThemes(trx);
    const row = all.find((t) => t.id === id);
    if (!row) throw notFound("Theme");
    if (all.some((t) => t.parent_id === id)) {
      throw new DomainError("CONFLICT", "This theme has sub-themes: move or delete them first, or archive it");
    }
    const tasks = await repo.tasksLabelledWith(trx, id);
    if (tasks > 0) {
      throw new DomainError("CONFLICT", `This theme labels ${tasks} task(s): archive it instead of deleting it`, {
        archived: "Archive the theme instead",
      });
    }
    await repo.deleteTheme(trx, id);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "theme.deleted",
      entityType: "theme",
      entityId: id,
      data: { theme: toThemeItem(row) },
    });
  });
}

const duplicateThemeCode = () =>
  new DomainError("DUPLICATE_CODE", "Another theme already has this code", { code: "This code is already in use" });
