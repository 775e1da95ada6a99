/*
 * The Vietnamese lunisolar calendar, computed astronomically for the time zone UTC+7, after the
 * method Hồ Ngọc Đức published ("Thuật toán tính âm lịch"): months begin on the local day of a new
 * moon; month 11 is the month holding the winter solstice; a year with 13 months between two
 * months 11 repeats the first month after month 11 that holds no major solar term (the sun
 * entering a new 30° sector of longitude). New moons and the sun's longitude come from the
 * low-precision series of Jean Meeus' astronomy books, ample to find the day of either.
 * Vietnam's calendar differs from China's (UTC+8) in some years, e.g. Tết 1985 and 2007.
 */

const DEG = Math.PI / 180;
/** Julian day of the new moon of 1900-01-01 (k = 0) and the mean length of a lunation. */
const EPOCH_NEW_MOON = 2415021.076998695;
const SYNODIC_MONTH = 29.530588853;
export const VIETNAM_UTC_OFFSET_HOURS = 7;

/** Julian day number (noon-based, whole) of a Gregorian date. */
export function julianDay(year: number, month: number, day: number): number {
  // 1970-01-01 is Julian day number 2440588.
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000) + 2_440_588;
}

/** The Gregorian date of a Julian day number as YYYY-MM-DD. */
export function isoFromJulianDay(jd: number): string {
  return new Date((jd - 2_440_588) * 86_400_000).toISOString().slice(0, 10);
}

/** Julian day (UT, fractional) of the k-th new moon counted from 1900-01-01. */
function newMoon(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * DEG;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * DEG;
  const moonLatitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * DEG;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * moonLatitude) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * moonLatitude + sunAnomaly) -
    0.0004 * Math.sin(2 * moonLatitude - sunAnomaly) -
    0.0006 * Math.sin(2 * moonLatitude + moonAnomaly) +
    0.001 * Math.sin(2 * moonLatitude - moonAnomaly) +
    0.0005 * Math.sin(sunAnomaly + 2 * moonAnomaly);
  // Terrestrial time minus universal time, in days.
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + correction - deltaT;
}

/** The sun's apparent longitude in radians, [0, 2π), at a Julian day (UT, fractional). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525;
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * DEG;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (meanLongitude + centre) * DEG;
  const turn = 2 * Math.PI;
  return longitude - turn * Math.floor(longitude / turn);
}

/** The local day (Julian day number) on which the k-th new moon falls. */
const newMoonDay = (k: number, tz: number) => Math.floor(newMoon(k) + 0.5 + tz / 24);

/** Which 30° sector (0–11) the sun is in at the local start of a day; 9 begins at the winter solstice. */
const sunSector = (dayNumber: number, tz: number) =>
  Math.floor((sunLongitude(dayNumber - 0.5 - tz / 24) / Math.PI) * 6);

/** The first day of lunar month 11 of the lunar year that ends in Gregorian year `year`'s winter. */
function month11Start(year: number, tz: number): number {
  const k = Math.floor((julianDay(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k, tz);
  // The last new moon of the year falls after the solstice: month 11 began with the one before.
  return sunSector(start, tz) >= 9 ? newMoonDay(k - 1, tz) : start;
}

/** In a 13-month year starting at month 11 `a11`: how many months after it the leap month comes. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - EPOCH_NEW_MOON) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i, tz), tz);
  let previous: number;
  do {
    previous = sector;
    i += 1;
    sector = sunSector(newMoonDay(k + i, tz), tz);
  } while (sector !== previous && i < 14);
  return i - 1;
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** The lunar date of a Gregorian date (YYYY-MM-DD). */
export function solarToLunar(iso: string, tz = VIETNAM_UTC_OFFSET_HOURS): LunarDate {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const dayNumber = julianDay(y, m, d);
  const k = Math.floor((dayNumber - EPOCH_NEW_MOON) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, tz);
  let a11 = month11Start(y, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = y;
    a11 = month11Start(y - 1, tz);
  } else {
    lunarYear = y + 1;
    b11 = month11Start(y + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/** The Gregorian date (YYYY-MM-DD) of a lunar date; throws when the leap month asked for does not exist. */
export function lunarToSolar(lunar: LunarDate, tz = VIETNAM_UTC_OFFSET_HOURS): string {
  const { year, month, day, leap } = lunar;
  const [a11, b11] =
    month < 11
      ? [month11Start(year - 1, tz), month11Start(year, tz)]
      : [month11Start(year, tz), month11Start(year + 1, tz)];
  const k = Math.floor(0.5 + (a11 - EPOCH_NEW_MOON) / SYNODIC_MONTH);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  return isoFromJulianDay(newMoonDay(k + offset, tz) + day - 1);
}
