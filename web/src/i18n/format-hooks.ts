import { formatDate, formatDateTime, formatMoneyAmount, formatNumber, formatShare, type MoneyUnit } from "../format.ts";
import { moneyUnit } from "../money-unit.ts";
import { useI18n } from "./context.tsx";

/** Formatting bound to the current language, with the catalogue's placeholder for missing values. */
export interface Formatters {
  date(value: string | null | undefined): string;
  dateTime(value: string | null | undefined): string;
  number(value: number | bigint): string;
  /** Money (whole đồng as a decimal string) in the browser's chosen unit, or the one given. */
  money(value: string | null | undefined, unit?: MoneyUnit): string;
  /** The same amount without the unit's name, for a column whose header names the unit. */
  moneyAmount(value: string | null | undefined, unit?: MoneyUnit): string;
  share(part: string, total: string): string | null;
}

export function useFormat(): Formatters {
  const { locale, t } = useI18n();
  return {
    date: (value) => formatDate(value, locale()) ?? t("common.notSet"),
    dateTime: (value) => formatDateTime(value, locale()) ?? t("common.notSet"),
    number: (value) => formatNumber(value, locale()),
    money(value, unit = moneyUnit()) {
      const amount = value == null ? null : formatMoneyAmount(value, unit, locale());
      if (amount === null) return t("common.notSet");
      return t(unit === "million" ? "money.millionAmount" : "money.dongAmount", { amount });
    },
    moneyAmount(value, unit = moneyUnit()) {
      return (value == null ? null : formatMoneyAmount(value, unit, locale())) ?? t("common.notSet");
    },
    share: (part, total) => formatShare(part, total, locale()),
  };
}
