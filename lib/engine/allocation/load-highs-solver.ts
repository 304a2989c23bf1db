import loadHighs, { type Highs } from "highs";

export type HighsLoadResult = { status: "ready"; highs: Highs } | { status: "unavailable"; reason: string };

let loading: Promise<HighsLoadResult> | undefined;

/** Loads the HiGHS WebAssembly module once per process and hands the same instance to every caller. */
export function loadHighsSolver(): Promise<HighsLoadResult> {
  loading ??= loadHighs().then(
    (highs): HighsLoadResult => ({ status: "ready", highs }),
    (error: unknown): HighsLoadResult => ({ status: "unavailable", reason: error instanceof Error ? error.message : String(error) }),
  );
  return loading;
}
