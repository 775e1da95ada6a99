import type { Insertable, Kysely } from "kysely";
import type {
  Database,
  Stage,
  TaskApplicationSiteTable,
  TaskContentItemTable,
  TaskKind,
  TaskProductTable,
} from "../src/schema.ts";
import { firstDay, lastDay, monthOf } from "./calendar.ts";
import {
  CAPITALS,
  COASTAL,
  CONTRACT_TEMPLATES,
  type ContractTemplate,
  LOCALITIES,
  PROVINCE_NAMES,
  type ProductSeed,
  type TemplateKey,
} from "./content/contracts.ts";
import type { ProvinceKey } from "./content/organisations.ts";
import { chance, pick, type Rng, randInt, shuffle } from "./random.ts";

/*
 * The contract record of a task past identification: what the thuyết minh lists as content items,
 * products and application sites. Dated tasks get planned periods and due dates inside their
 * contract; tasks still in selection or appraisal have the lists but no dates yet.
 */

/** Stages with no thuyết minh on file: before selection, or turned down. */
const NO_CONTRACT: readonly Stage[] = ["proposed", "identified", "rejected"];

export interface ContractInput {
  taskId: number;
  code: string;
  title: string;
  kind: TaskKind;
  stage: Stage;
  themes: readonly string[];
  startDate: string | null;
  endDate: string | null;
  /** Where the work is applied, when known (the task's former province, else its host's). */
  province: ProvinceKey | null;
  /** Before the merger localities are named as they were; after it, as former ones. */
  beforeMerger: boolean;
}

export interface ContractRows {
  items: Insertable<TaskContentItemTable>[];
  products: Insertable<TaskProductTable>[];
  sites: Insertable<TaskApplicationSiteTable>[];
}

export const emptyContractRows = (): ContractRows => ({ items: [], products: [], sites: [] });

export function hasContract(stage: Stage): boolean {
  return !NO_CONTRACT.includes(stage);
}

/** The template a task's work fits: policy for đề án, then the title's subject, then the main theme. */
export function templateFor(kind: TaskKind, title: string, themes: readonly string[]): TemplateKey {
  if (kind === "de_an") return "policy";
  const lower = title.toLowerCase();
  if (lower.includes("đông trùng hạ thảo")) return "cordyceps";
  if (lower.includes("cá hồng mỹ")) return "redDrum";
  if (lower.includes("bò ")) return "cattle";
  const main = themes[0] ?? "";
  if (main === "NNCNC-GIONG") return "rice";
  if (main === "NNCNC-CHANNUOI") return "cattle";
  if (main === "NNCNC-THUYSAN") return "redDrum";
  if (main === "NNCNC-HUUCO" || main === "NNCNC") return "farming";
  if (main === "DTTM") return "digital";
  if (main === "GDDT") return "education";
  if (main === "YTE") return "health";
  if (main === "CNDN") return "manufacturing";
  if (main === "MTKH") return "environment";
  if (main === "VHXH") return "culture";
  return "generic";
}

/** Appends the task's content items, products and sites to `rows`. */
export function planContract(rng: Rng, input: ContractInput, rows: ContractRows): void {
  if (!hasContract(input.stage)) return;
  const template = CONTRACT_TEMPLATES[templateFor(input.kind, input.title, input.themes)];
  const trial = input.kind === "du_an_sxtn" || input.kind === "nhiem_vu_dmst";
  const dates =
    input.startDate && input.endDate
      ? { start: monthOf(input.startDate), months: monthOf(input.endDate) - monthOf(input.startDate) + 1 }
      : null;
  // "ĐT.2023.04" → "NB2304": the working name of a variety or line.
  const [, year = "", seq = ""] = input.code.split(".");
  const tag = `NB${year.slice(2)}${seq}`;

  const items = chooseItems(rng, template);
  for (const [i, title] of items.entries()) {
    let period: { planned_start: string; planned_end: string } | null = null;
    if (dates) {
      const n = items.length;
      // Consecutive slices of the contract, each starting a month before the previous one ends.
      const from = dates.start + Math.max(0, Math.floor((dates.months * i) / n) - (i > 0 ? 1 : 0));
      const to = dates.start + Math.floor((dates.months * (i + 1)) / n) - 1;
      period = { planned_start: firstDay(from), planned_end: lastDay(Math.max(from, to)) };
    }
    rows.items.push({
      task_id: input.taskId,
      sort_order: i,
      title,
      description: null,
      ...(period ?? { planned_start: null, planned_end: null }),
    });
  }

  for (const [i, product] of chooseProducts(rng, template, trial).entries()) {
    const dueMonth = dates ? dates.start + Math.ceil(dates.months * (product.due ?? 1)) - 1 : null;
    rows.products.push({
      task_id: input.taskId,
      sort_order: i,
      product_class: product.cls,
      name: product.name.replace("{tag}", tag),
      specification: product.specification,
      quantity: product.quantity,
      unit: product.unit,
      due_on: dueMonth === null ? null : lastDay(dueMonth),
    });
  }

  if (template.sites.length === 0) return;
  const home = input.province ?? pick(rng, PROVINCES);
  const inTitle = PLACES.filter((place) => named(input.title, place));
  const inland = [
    ...inTitle,
    ...shuffle(
      rng,
      PLACES.filter((p) => p.province === (inTitle[0]?.province ?? home)),
    ),
  ];
  const coastal = [
    ...inTitle.filter((p) => COASTAL.has(p.name)),
    ...shuffle(
      rng,
      PLACES.filter((p) => COASTAL.has(p.name) && p.province === home),
    ),
    ...shuffle(
      rng,
      PLACES.filter((p) => COASTAL.has(p.name)),
    ),
  ];
  const used = new Set<Place>();
  const count = randInt(rng, 1, Math.min(3, template.sites.length));
  for (const [i, site] of template.sites.slice(0, count).entries()) {
    const district = site.name.includes("{place}");
    const candidates = (site.coastal ? coastal : inland).filter((p) => p.prefix !== "thành phố" || inTitle.includes(p));
    const place = candidates.find((p) => !used.has(p)) ?? candidates[0];
    if (!place) throw new Error(`No locality for "${input.title}"`);
    used.add(place);
    const province = district ? place.province : (inTitle[0]?.province ?? home);
    const where = district ? `${place.prefix} ${place.name}` : CAPITALS[province];
    const location = input.beforeMerger
      ? `${where}, tỉnh ${PROVINCE_NAMES[province]}`
      : `${where} (tỉnh ${PROVINCE_NAMES[province]} cũ), tỉnh Ninh Bình`;
    rows.sites.push({
      task_id: input.taskId,
      sort_order: i,
      name: site.name.replace("{place}", place.name),
      location,
      scale: site.scale,
    });
  }
}

/** 3–6 items in the template's order: always the first, the rest drawn. */
function chooseItems(rng: Rng, template: ContractTemplate): string[] {
  const [first, ...rest] = template.items;
  if (first === undefined) throw new Error("A contract template lists no content items");
  const n = randInt(rng, 3, Math.min(6, template.items.length));
  const chosen = new Set(shuffle(rng, rest).slice(0, n - 1));
  return [first, ...rest.filter((item) => chosen.has(item))];
}

/** 2–5 products: a class II one always, class I and III ones mostly, sorted by class. */
function chooseProducts(rng: Rng, template: ContractTemplate, trial: boolean): ProductSeed[] {
  const fits = template.products.filter((p) => !p.only || p.only === (trial ? "trial" : "research"));
  const ofClass = (cls: ProductSeed["cls"]) => fits.filter((p) => p.cls === cls);
  const chosen = new Set<ProductSeed>();
  const classOne = ofClass("I");
  // Trial production exists to make its class I product; research makes one more often than not.
  if (classOne.length > 0 && (trial || chance(rng, 0.7))) chosen.add(pick(rng, classOne));
  const classTwo = ofClass("II");
  if (classTwo.length > 0) chosen.add(pick(rng, classTwo));
  const classThree = ofClass("III");
  if (classThree.length > 0 && chance(rng, 0.85)) chosen.add(pick(rng, classThree));
  const wanted = randInt(rng, 2, Math.min(5, fits.length));
  for (const product of shuffle(rng, fits)) {
    if (chosen.size >= wanted) break;
    chosen.add(product);
  }
  const order = { I: 0, II: 1, III: 2 } as const;
  return fits.filter((p) => chosen.has(p)).sort((a, b) => order[a.cls] - order[b.cls]);
}

interface Place {
  province: ProvinceKey;
  prefix: string;
  name: string;
}

const PROVINCES: readonly ProvinceKey[] = ["nam_dinh", "ha_nam", "ninh_binh"];
const PLACES: readonly Place[] = PROVINCES.flatMap((province) =>
  LOCALITIES[province].map(([prefix, name]) => ({ province, prefix, name })),
);

/** "huyện Hải Hậu" or plain "Hải Hậu", but not a province's own name. */
function named(title: string, { prefix, name }: Place): boolean {
  if (title.includes(`${prefix} ${name}`)) return true;
  return !Object.values(PROVINCE_NAMES).includes(name) && title.includes(name);
}

/** One insert per table: the whole portfolio's contracts at once. */
export async function insertContracts(db: Kysely<Database>, rows: ContractRows): Promise<void> {
  if (rows.items.length > 0) await db.insertInto("task_content_item").values(rows.items).execute();
  if (rows.products.length > 0) await db.insertInto("task_product").values(rows.products).execute();
  if (rows.sites.length > 0) await db.insertInto("task_application_site").values(rows.sites).execute();
}
