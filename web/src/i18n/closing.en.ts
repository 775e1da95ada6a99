import type { closingVi } from "./closing.vi.ts";

/** Typed as the Vietnamese section, so a missing or extra key fails the typecheck. */
export const closingEn: typeof closingVi = {
  registration: "Results registration certificate",
  registrationNumber: "Certificate number",
  registrationNumberHint: "Issued by the S&T information body, e.g. 2026-52-118/ĐKKQ",
  registeredOn: "Date issued",
  recovery: "Funds recovery",
  recoveryCause: "Cause",
  chooseCause: "— Choose a cause —",
  recoveryAmount: "Amount to recover",
  amountHint: "In {{ unit }}, e.g. {{ example }}.",
  honestHint:
    "Under Law 93/2025 a task that failed despite correct procedure and honest spending recovers nothing: enter 0.",
  cause: {
    honest_failure: "Failed despite correct procedure and honest spending",
    non_compliance: "Did not comply with the rules",
    misuse_of_funds: "Funds misused",
    unfinished_work: "Work not completed",
    other: "Other cause",
  },
  overview: "Closing",
  noRecovery: "Nothing to recover",
  errors: {
    numberRequired: "Enter the registration certificate number.",
    registeredOnRequired: "Enter the date the certificate was issued.",
    registeredOnFuture: "The date issued cannot be after today.",
    causeRequired: "Choose the cause of the recovery.",
    amountRequired: "Enter the amount to recover (0 if none).",
    overBudget: "The amount to recover cannot exceed the task's state budget ({{ budget }}).",
    honestZero: "Under Law 93/2025 an honest, compliant failure recovers nothing: the amount must be 0.",
    amountPositive: "For this cause, enter the amount to recover (more than 0).",
    registrationMissing: "The certificate's number and date are required.",
    recoveryMissing: "The cause and the amount to recover are required.",
  },
};
