import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";

export type { Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/*
 * Secrets never reach a log line. Nothing logs request bodies or headers, so this is the second
 * line of defence: any field with one of these names is censored wherever a caller puts it (the
 * top level, one or two levels down, or inside `data` of an audit event).
 */
const SECRET_KEYS = [
  "password",
  "currentPassword",
  "newPassword",
  "token",
  "sessionId",
  "session_id",
  "cookie",
  "authorization",
  "set-cookie",
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith("[") ? "" : ".";
  return [k, `*${dot}${k}`, `*.*${dot}${k}`];
});

/** A JSON-lines logger; without a destination it writes to stdout. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: "khcn-api" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The default for tests and tools: logs nothing. */
export const silentLogger: Logger = pino({ level: "silent" });
