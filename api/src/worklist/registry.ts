import { councilsToForm } from "./councils-to-form.ts";
import { dossiersToCheck } from "./dossiers-to-check.ts";
import { dueReports } from "./due-reports.ts";
import { headDecisions } from "./head-decisions.ts";
import { pendingScores } from "./pending-scores.ts";
import { returnedItems } from "./returned-items.ts";
import { reviewQueue } from "./review-queue.ts";
import type { WorklistProvider } from "./section.ts";
import { stepDeadlines } from "./step-deadlines.ts";

/** Every section of the work list, in the order they are shown. Other areas add theirs here. */
export const WORKLIST_PROVIDERS: readonly WorklistProvider[] = [
  dueReports,
  returnedItems,
  reviewQueue,
  dossiersToCheck,
  councilsToForm,
  stepDeadlines,
  pendingScores,
  headDecisions,
];
