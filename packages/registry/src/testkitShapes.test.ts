import type { LoggedPrediction, TrainedVersion } from '@mlops/testkit';
import type { PredictionRecord } from './predictionLog/PredictionRecord';
import type { NewVersion } from './versions/VersionRecord';

// @mlops/testkit cannot depend on the registry (the registry's tests use it), so it writes
// the two formats out. These lines stop compiling (`pnpm typecheck`) when they drift apart.
// Identical types, optional fields included (mutual assignability would let an optional field differ).
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const recordsAgree: Same<LoggedPrediction, PredictionRecord> = true;
const versionsFit: TrainedVersion extends NewVersion ? true : false = true;

test("the testkit's log record is the registry's PredictionRecord, and its trained version a NewVersion", () => {
  expect([recordsAgree, versionsFit]).toEqual([true, true]);
});
