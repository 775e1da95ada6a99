import { createSignal } from "solid-js";
import type { MoneyUnit } from "./format.ts";
import { readStored, writeStored } from "./storage.ts";

/** The unit money is shown in (đồng or triệu đồng), one choice per browser. */

const STORAGE_KEY = "khcn.moneyUnit";
export const MONEY_UNITS: readonly MoneyUnit[] = ["dong", "million"];

function initialUnit(): MoneyUnit {
  const stored = readStored(STORAGE_KEY);
  return stored === "dong" || stored === "million" ? stored : "million";
}

const [unit, setUnitSignal] = createSignal<MoneyUnit>(initialUnit());

export const moneyUnit = unit;

export function setMoneyUnit(next: MoneyUnit): void {
  setUnitSignal(next);
  writeStored(STORAGE_KEY, next);
}
